"""What a report is made of: pages (a figure, its title and the data it shows), the report, and the context every
page builder reads (results only: the report never calls the model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.report.style import Header

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang
    from forecast.results.context import PopulationPaths, ScenarioInfo
    from forecast.results.frame import Result
    from forecast.results.scores import BacktestResult


@dataclass
class Page:
    """One report page: `key` names its PNG and CSV, `data` is what the chart shows (with units); pages of text
    only (`png=False`) go into the PDF but get no PNG."""

    key: str
    title: str
    figure: "Figure"
    data: "pd.DataFrame | None" = None
    png: bool = True


@dataclass
class Report:
    pages: list[Page]
    result: "Result"  # all scenarios in one frame, with their notes and input files
    lang: str
    extra: dict = field(default_factory=dict)  # for the manifest: language, pages, place, period


@dataclass
class Context:
    """What the page builders read: the scenarios' combined frame and the records their runs carried."""

    lang: "Lang"
    frame: "pd.DataFrame"
    place: str
    codes: list[str]
    base: int
    end: int
    baseline: str
    scenarios: list[str]
    info: dict[str, "ScenarioInfo"]  # what each scenario file says
    population: dict[str, "PopulationPaths"]  # the population each scenario ran on
    observed: "pd.DataFrame | None"  # the baseline's calibration history
    accuracy: "BacktestResult | None"  # backtest of the models the scenarios use
    stamp: str

    def header(self, title: str, subtitle: str, source: str, unit: str) -> Header:
        return Header(title, subtitle, source, unit, stamp=self.stamp)
