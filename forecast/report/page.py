"""What a report is made of: pages (a figure, its title, the data it shows and a text alternative), the report, and
the context every page builder reads (results only: the report never calls the model)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from forecast.report.style import Header

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from forecast.report.i18n import Lang
    from forecast.results.context import Places, PopulationPaths, ScenarioInfo
    from forecast.results.frame import Result
    from forecast.results.scores import BacktestResult


@dataclass
class Page:
    """One report page: `key` names its PNG and CSV, `data` is what the chart shows (with units), `alt` says in
    words what a chart shows (for readers who cannot see it: the appendix and manifest.json carry it); pages of
    text only (`png=False`) go into the PDF but get no PNG."""

    key: str
    title: str
    figure: "Figure"
    data: "pd.DataFrame | None" = None
    png: bool = True
    alt: str = ""


@dataclass
class Report:
    pages: list[Page]
    result: "Result"  # all scenarios in one frame, with their notes and input files
    lang: str
    extra: dict = field(default_factory=dict)  # for the manifest: language, pages, place, period
    workbook: dict = field(default_factory=dict)  # sheet name → (title, frame, units) for report.xlsx
    metadata: dict = field(default_factory=dict)  # PDF document information: title, author, subject, language


@dataclass
class Context:
    """What the page builders read: the scenarios' combined frame and the records their runs carried."""

    lang: "Lang"
    frame: "pd.DataFrame"
    place: str
    codes: list[str]
    base: int
    end: int
    baseline: str  # the reference scenario, which the others are compared with
    scenarios: list[str]
    info: dict[str, "ScenarioInfo"]  # what each scenario file says
    population: dict[str, "PopulationPaths"]  # the population each scenario ran on
    observed: "pd.DataFrame | None"  # the baseline's calibration history
    accuracy: "BacktestResult | None"  # backtest of the models the scenarios use
    stamp: str
    places: "Places | None" = None
    validated: int | None = None  # years ahead the 80 % intervals have been checked against what happened
    reference_by: str = "first"  # why the baseline is the reference: option, marked or first
    # with Monte Carlo draws: their settings ({"draws": N, "seed": S, "quantiles": …}), the draw-by-draw sums of
    # every scenario (Result.totals) and each scenario's difference from the reference, drawn draw by draw
    # (scenario, municipality, service, year, value, lower, upper, quantiles, stands_out; service "all" = total)
    draws: dict | None = None
    totals: "pd.DataFrame | None" = None
    differences: "pd.DataFrame | None" = None

    def header(self, title: str, subtitle: str, source: str, unit: str) -> Header:
        return Header(title, subtitle, source, unit, stamp=self.stamp)

    def title_of(self, scenario: str) -> str:
        """The scenario's title in the report's language (its name where the file gives none)."""
        info = self.info.get(scenario)
        return info.title_in(self.lang.code) if info is not None else scenario

    def label(self, scenario: str) -> str:
        """A short name for legends and tables: the title without the place ("Bergen: ") and without what follows
        in brackets; the scenario's name where the file gives no title."""
        info = self.info.get(scenario)
        title = info.title_in(self.lang.code) if info is not None and (info.titles or info.title) else None
        if not title:
            return scenario
        short = title.split(": ", 1)[-1].split(" (")[0].strip()
        return short or title

    @property
    def many(self) -> bool:
        return len(self.codes) > 1

    @property
    def area(self) -> str:
        """How the draws name the report's whole area (a municipality's code, or "<n> municipalities")."""
        from forecast.report.views import area_label

        return area_label(self.codes)

    @property
    def level(self) -> int:
        """The level of the outer interval in percent (80 for p10–p90)."""
        if not self.draws:
            return 80
        q = self.draws["quantiles"]
        return round(100 * (max(q) - min(q)))

    @property
    def n_draws(self) -> int:
        return int(self.draws["draws"]) if self.draws else 0

    @property
    def validated_end(self) -> int | None:
        """The last year an interval is drawn for (the base year plus the validated horizon)."""
        return None if self.validated is None else min(self.end, self.base + self.validated)
