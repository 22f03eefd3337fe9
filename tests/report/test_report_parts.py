"""The parts of the report that need no model run: words in both languages, the views with quantile and occupation
columns (which other issues add to the frame), the pages of reports on many municipalities, the tornado page, and
the rule that a heading never stands alone at a page foot."""

from __future__ import annotations

import string

import pytest

pytest.importorskip("matplotlib")


def test_every_page_text_exists_in_both_languages_with_the_same_fields():
    from forecast.report.words_en import TEXT as EN
    from forecast.report.words_nb import TEXT as NB

    assert set(NB) == set(EN)
    for key in NB:
        fields = [{f[1] for f in string.Formatter().parse(t[key]) if f[1]} for t in (NB, EN)]
        assert fields[0] == fields[1], key


def test_every_key_the_report_uses_is_declared():
    import re
    from pathlib import Path

    from forecast.report.words_nb import TEXT

    src = Path(__import__("forecast.report", fromlist=["x"]).__file__).parent
    used = set()
    for path in src.rglob("*.py"):
        used |= set(re.findall(r"\.t\(\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert used - set(TEXT) == set()


def _frame(rows, extra=None):
    import pandas as pd

    cols = ["scenario", "municipality", "service", "variable", "unit", "year", "value", "lower", "upper"]
    return pd.DataFrame(rows, columns=cols + (extra or []))


def test_bands_come_from_quantile_columns_where_the_frame_has_them():
    from forecast.report.views import bands, need_by_service

    nan = float("nan")
    f = _frame([("s", "4601", "home_care", "fte", "FTE", 2030, 100.0, nan, nan, 80.0, 70.0, 100.0, 130.0, 150.0)],
               ["p10", "p2.5", "p50", "p90", "p97.5"])
    need = need_by_service(f, "s")
    assert bands(need) == [("p2.5", "p97.5", 0.95), ("p10", "p90", 0.8)]
    assert need.iloc[0]["p10"] == 80.0  # one municipality: its own quantiles
    assert bands(need.drop(columns=["p10", "p2.5", "p50", "p90", "p97.5"])) == [("lower", "upper", 0.8)]


def test_need_chart_draws_quantile_bands_as_far_as_they_are_validated():
    import pandas as pd
    from matplotlib.collections import PolyCollection

    from forecast.report.figures import need_figure
    from forecast.report.i18n import Lang
    from forecast.report.style import Header, rc_context
    from forecast.report.views import no_history

    need = pd.DataFrame({"scenario": "s", "service": "home_care", "year": list(range(2025, 2041)),
                         "value": 100.0, "lower": float("nan"), "upper": float("nan"), "p10": 90.0, "p90": 110.0,
                         "unit": "FTE"})
    with rc_context():
        fig = need_figure(Header("t", "s", "src", "u"), Lang("nb"), need, no_history(), [("p10", "p90", 0.8)], 2030, 5)
    polys = [c for ax in fig.axes for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(polys) == 1
    xs = polys[0].get_paths()[0].vertices[:, 0]
    assert xs.min() == 2025 and xs.max() == 2030  # validated five years ahead: drawn to 2030, not 2040
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "80 %-intervall, etterprøvd og vist 5 år fram" in legend


def test_views_keep_whole_services_and_hires_by_occupation_where_the_frame_has_them():
    from forecast.report.views import hires_by_service, need_by_service

    nan = float("nan")
    rows = [("s", "4601", "home_care", "fte", "FTE", 2030, 100.0, nan, nan, "all"),
            ("s", "4601", "home_care", "fte", "FTE", 2030, 60.0, nan, nan, "nurses"),
            ("s", "4601", "home_care", "hires", "persons", 2030, 12.0, nan, nan, "all"),
            ("s", "4601", "home_care", "hires", "persons", 2030, 7.0, nan, nan, "nurses"),
            ("s", "4601", "home_care", "hires", "persons", 2030, 5.0, nan, nan, "assistants")]
    f = _frame(rows, ["occupation"])
    assert need_by_service(f, "s")["value"].tolist() == [100.0]  # the whole service, not its occupations added
    by = hires_by_service(f, "s").set_index("occupation")["hires"]
    assert by.to_dict() == {"all": 12.0, "nurses": 7.0, "assistants": 5.0}
    assert hires_by_service(f.drop(columns="occupation"), "s")["occupation"].tolist() == ["all"]


def many_municipalities(synthetic, n=12):
    """The synthetic result copied to `n` municipalities in two counties (each a bit larger than the last), with
    places, counties and map points, and one calibration note per municipality."""
    import dataclasses

    import pandas as pd

    from forecast.results.context import Places
    from forecast.results.notes import note

    base = synthetic()
    codes = [f"{4601 + i:04d}" if i < n // 2 else f"{1101 + i:04d}" for i in range(n)]
    frames = []
    for i, code in enumerate(codes):
        f = base.frame.copy()
        f["municipality"] = code
        f["value"] = f["value"] * (1 + 0.1 * i) + f["year"].sub(2025) * (i - 3)
        frames.append(f)
    places = Places({c: f"Kommune {c}" for c in codes}, 357,
                    {c: ("46" if c.startswith("46") else "11") for c in codes}, {"46": "Vestland", "11": "Rogaland"},
                    {c: (5.0 + i * 0.3, 59.0 + i * 0.3) for i, c in enumerate(codes)})
    notes = [note("care.users_and_fte", service="nursing_home", users=float(10 + i), fte=1.0 + i, year=2025,
                  municipalities=[c]) for i, c in enumerate(codes)]
    notes.append(note("kindergarten.coverage_held", kind="assumption", municipalities=codes[:5]))
    return dataclasses.replace(base, frame=pd.concat(frames, ignore_index=True), places=places, notes=notes)


def test_a_report_on_many_municipalities_has_counties_a_map_and_each_note_once_with_its_count(synthetic):
    from forecast.report import build_report

    report = build_report([many_municipalities(synthetic)], "nb", stamp="")
    keys = [p.key.split("-", 1)[1] for p in report.pages]
    assert keys[:6] == ["summary", "need-by-service", "bridge", "counties", "map", "table-need"]
    counties = report.pages[3].data.set_index("name")
    assert counties.loc["Vestland", "municipalities"] == 6 and counties.loc["Rogaland", "municipalities"] == 6
    assert counties["fte_end"].sum() == pytest.approx(report.pages[0].data.set_index("service").loc["total",
                                                                                                  "fte_end"])
    assert report.pages[4].alt.startswith("Kart med ett punkt per kommune (12)")
    items = report.pages[-1].data["text"].tolist()
    # twelve notes with each municipality's numbers: one line in general words, with how many it covers
    assert "sykehjem: brukere og brukerrettede årsverk i omsorgstjenesten (SSB 12292), siste år — alle 12 kommuner" in items
    assert ("barnehage: ingen dekningsgrad fra SSB 13502 for kommunen i 2017; dekningsgraden fra 2017 holdes — "
            "5 kommuner") in items
    assert not any("1,0 sykepleierårsverk" in i for i in items)


def test_one_municipality_keeps_its_own_numbers_in_its_notes(synthetic):
    from forecast.report import build_report

    items = build_report([synthetic()], "nb", stamp="").pages[-1].data["text"].tolist()
    assert "barnehage: 100,0 årsverk i basisåret, slik scenariofilen oppgir dem" in items


def test_the_drivers_page_appears_when_the_result_carries_a_sensitivity_table(synthetic):
    import pandas as pd

    from forecast.report import build_report

    result = synthetic()
    assert "drivers" not in [p.key.split("-", 1)[1] for p in build_report([result], stamp="").pages]
    result.sensitivity = pd.DataFrame({
        "scenario": "base", "service": "all", "variable": "fte", "unit": "FTE", "year": 2030,
        "source": ["population", "coverage", "fte_per_user"], "central": 242.0,
        "p10": [230.0, 238.0, 236.0], "p90": [255.0, 246.0, 247.0]})
    report = build_report([result], "nb", stamp="")
    page = next(p for p in report.pages if p.key.endswith("-drivers"))
    assert page.title == "Befolkning betyr mest for usikkerheten i 2030: 230–255 årsverk når bare den varierer"
    assert list(page.data["source"]) == ["population", "coverage", "fte_per_user"]  # no draws: no "all sources"


def test_a_heading_is_never_left_alone_at_the_foot_of_a_page():
    from forecast.report.style import new_figure, rc_context
    from forecast.report.text import bullets

    with rc_context():
        fig = new_figure()
        shown, y = bullets(fig, 0.04, 0.12, 0.1, 0.9, "Kalibrering og kilder", ["a long item " * 40])
    assert shown == 0 and y == 0.12
    assert not [t for t in fig.texts if t.get_text() == "Kalibrering og kilder"]


def test_a_result_with_occupations_gets_its_tables_and_keeps_every_other_page(synthetic, fake_hires):
    """Once the frame has an occupation column (rows of a whole service: "all"), the report shows FTE and hires by
    occupation and reads the whole services everywhere else."""
    import dataclasses

    import pandas as pd

    from forecast.report import build_report

    plain = fake_hires(synthetic())
    f = plain.frame.assign(occupation="all")
    care = f[(f["service"] == "nursing_home") & f["variable"].isin(["fte", "hires"])]
    parts = [care.assign(occupation=o, value=care["value"] * s) for o, s in (("nurses", 0.4), ("assistants", 0.6))]
    result = dataclasses.replace(plain, frame=pd.concat([f, *parts], ignore_index=True))
    with_occ, without = build_report([result], "nb", stamp=""), build_report([plain], "nb", stamp="")
    keys = [p.key.split("-", 1)[1] for p in with_occ.pages]
    assert "table-need-occupation" in keys and "table-hires-occupation" in keys
    assert with_occ.pages[0].data.equals(without.pages[0].data)  # occupations are not added to their services
    occ = next(p for p in with_occ.pages if p.key.endswith("table-hires-occupation")).data
    assert occ.groupby("occupation")["hires"].sum().to_dict() == {"nurses": 200.0, "assistants": 300.0}
    assert "Behov per yrke" in [s.name for s in with_occ.workbook]
