"""The model-accuracy page: how wrong the trend models the scenarios use would have been on the shipped history.

It shows the backtest the caller ran (forecast.api.write_report: only the models the scenarios use — `constant` is
the naive forecast, the last value held — plus `drift` as the simplest alternative; `auto` brings its candidates);
without one, the page is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.vocabulary import SERVICES

if TYPE_CHECKING:
    from forecast.report.page import Context, Page
    from forecast.results.frame import Result

MODEL_NAMES = {
    "nb": {"naive": "konstant (siste verdi holdes)", "drift": "drift (trend fra første til siste år)",
           "ets": "ETS (eksponentiell glatting)", "arima": "ARIMA", "theta": "Theta", "prophet": "Prophet",
           "combo": "kombinasjon (ETS, ARIMA, Theta)", "auto": "auto (valgt per serie)"},
    "en": {"naive": "constant (last value held)", "drift": "drift (trend from first to last year)",
           "ets": "ETS (exponential smoothing)", "arima": "ARIMA", "theta": "Theta", "prophet": "Prophet",
           "combo": "combination (ETS, ARIMA, Theta)", "auto": "auto (chosen per series)"},
}
COLUMNS = {
    "nb": ["Modell", "sMAPE", "MASE", "Innenfor\n80 %-intervall", "Innenfor\n95 %-intervall", "Serier"],
    "en": ["Model", "sMAPE", "MASE", "Inside\n80% interval", "Inside\n95% interval", "Series"],
}
SERIES_WORDS = {  # a shipped series' service and variable; "care" is the FTE-per-user series care services share
    "nb": {**{s.id: s.nb_label for s in SERVICES.values()}, "care": "Pleie og omsorg", "coverage": "dekningsgrad",
           "fte_per_user": "årsverk per bruker"},
    "en": {**{s.id: s.en for s in SERVICES.values()}, "care": "Care", "coverage": "coverage",
           "fte_per_user": "FTE per user"},
}


def series_label(family: str, lang: str) -> str:
    """'home_care coverage 80+' → 'Hjemmetjenester: dekningsgrad 80+'."""
    words = SERIES_WORDS[lang]
    parts = family.split(" ")
    if len(parts) < 2:
        return family
    band = " " + " ".join(parts[2:]).replace("-", "–") if len(parts) > 2 else ""
    return f"{words.get(parts[0], parts[0])}: {words.get(parts[1], parts[1])}{band}"


def accuracy_page(ctx: "Context", result: "Result") -> list["Page"]:
    from forecast.report.figures_people import accuracy_figure
    from forecast.report.page import Page

    bt = ctx.accuracy
    if bt is None or len(ctx.codes) != 1:
        return []
    lg = ctx.lang
    used = set(bt.used)
    names = MODEL_NAMES[lg.code]
    rows, records = [], []
    for m, s in sorted(bt.models.items(), key=lambda kv: kv[1].smape):
        mark = " *" if m in used else ""
        rows.append([names.get(m, m) + mark, lg.pct(s.smape / 100, 1), lg.num(s.mase, 2), lg.pct(s.cover80, 0),
                     lg.pct(s.cover95, 0), lg.num(s.n_series)])
        records.append({"model": m, "used": m in used, "smape_percent": s.smape, "mase": s.mase,
                        "cover80": s.cover80, "cover95": s.cover95, "n_series": s.n_series,
                        "horizon": bt.horizon, "origins": bt.origins, "unit": "percent (sMAPE)"})
    if not rows:
        return []
    import pandas as pd

    main = next((m for m in ("naive", *sorted(used)) if m in bt.models and m in used), next(iter(bt.models)))
    model = names.get(main, main).split(" (")[0]
    title = lg.t("accuracy_title", model=model[0].upper() + model[1:], err=lg.pct(bt.models[main].smape / 100, 1),
                 horizon=bt.horizon)
    note = lg.t("accuracy_note", n=bt.n_series, place=ctx.place, origins=bt.origins, horizon=bt.horizon)
    header = ctx.header(title, lg.t("accuracy_sub"), lg.t("accuracy_source"), lg.t("accuracy_unit"))
    by_series = pd.DataFrame([
        {"series": series_label(fam, lg.code), "model": names.get(m, m).split(" (")[0], "value": score.smape}
        for fam, scores in (getattr(bt, "families", None) or {}).items() for m, score in scores.items()
        if m in used or m == "auto"])
    fig = accuracy_figure(header, lg, COLUMNS[lg.code], rows, note, by_series)
    data = pd.DataFrame(records)
    data.insert(0, "municipality", ctx.codes[0])
    alt = lg.t("alt_accuracy", model=model, err=lg.pct(bt.models[main].smape / 100, 1), horizon=bt.horizon,
               cover=lg.pct(bt.models[main].cover80, 0))
    return [Page("model-accuracy", title, fig, data, alt=alt)]
