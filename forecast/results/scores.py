"""How well the trend models did in a rolling-origin backtest: scores per model, per kind of series, and what
`auto` chose. Made by forecast.trends.evaluate; read by the backtest command and the report's accuracy page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ModelScore:
    smape: float  # percent (M3 sMAPE)
    mase: float  # error ÷ in-sample mean yearly change
    cover80: float  # share of actual values inside the 80 % interval
    cover95: float
    n_series: int


@dataclass
class BacktestResult:
    horizon: int
    origins: int
    models: dict[str, ModelScore]
    selected: str  # the model `auto` picked most often
    n_series: int
    n_skipped: int  # series too short for one scored origin
    auto_choices: dict[str, int] = field(default_factory=dict)
    families: dict[str, dict[str, ModelScore]] = field(default_factory=dict)
    seconds: float = 0.0
    used: tuple[str, ...] = ()  # models the scenarios it was run for use (constant counts as naive)
    scope: dict = field(default_factory=dict)  # what was backtested: service, municipality, input file, series

    def to_json(self) -> dict:
        """The `--format json` shape: models with sMAPE and MASE, the selected model, series count, horizon."""
        return {"models": {m: {"smape": round(s.smape, 4), "mase": round(s.mase, 4)} for m, s in self.models.items()},
                "selected": self.selected, "n_series": self.n_series, "horizon": self.horizon}
