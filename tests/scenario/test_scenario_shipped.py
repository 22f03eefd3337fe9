"""Every shipped scenario runs, and its key figures match the ones checked in under tests/scenario/expected/.

On a mismatch the test writes the new figures beside the expected file (<name>.new.csv) for diffing; if the change
is intended, replace the expected file with it.
"""

from pathlib import Path
import csv
import io

import pytest

ROOT = Path(__file__).resolve().parents[2]

SHIPPED = sorted((ROOT / "scenarios" / "bergen").glob("*.yaml"))
EXPECTED = ROOT / "tests" / "scenario" / "expected"
TOLERANCE = 0.01  # persons or FTE, on figures rounded to 0.001


def key_figures(result) -> str:
    """users, gross need, each offset and net need per service, and total net need: base, every 5th year, end."""
    import pandas as pd

    from forecast.results.tables import default_years

    frame = result.frame
    frame = frame[frame["occupation"] == "all"]  # whole services: occupations split them
    years = default_years(sorted(frame["year"].unique().tolist()))
    keep = frame["variable"].isin(["users", "fte_before_automation", "fte"]) | frame["variable"].str.startswith(
        "automation_offset")
    rows = frame[keep & frame["year"].isin(years)][["municipality", "service", "variable", "unit", "year", "value"]]
    total = rows[rows["variable"] == "fte"].groupby(["municipality", "variable", "unit", "year"],
                                                    as_index=False)["value"].sum()
    total["service"] = "total"
    rows = pd.concat([rows, total[rows.columns]], ignore_index=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["municipality", "service", "variable", "unit", "year", "value"])
    for r in rows.itertuples(index=False):
        writer.writerow([r.municipality, r.service, r.variable, r.unit, r.year, f"{r.value:.3f}"])
    return out.getvalue()


def _parse(text: str) -> dict:
    return {tuple(r[:5]): float(r[5]) for r in list(csv.reader(io.StringIO(text)))[1:]}


@pytest.fixture(scope="module")
def results():
    from forecast import load_scenario, run

    return {p.stem: run(load_scenario(p)) for p in SHIPPED}


def test_all_issue_scenarios_ship():
    assert {p.stem for p in SHIPPED} >= {"baseline", "high-growth", "low-growth", "robot", "welfare-tech",
                                         "ambitious", "flat-share"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_key_figures_match_expected(path, results):
    new = key_figures(results[path.stem])
    expected_file = EXPECTED / f"{path.stem}.csv"
    new_file = EXPECTED / f"{path.stem}.new.csv"
    if not expected_file.exists():
        new_file.write_text(new)
        pytest.fail(f"no expected figures for {path.name}; check {new_file} and rename it to {expected_file.name}")
    got, want = _parse(new), _parse(expected_file.read_text())
    bad = sorted(k for k in set(got) | set(want)
                 if k not in got or k not in want or abs(got[k] - want[k]) > TOLERANCE)
    if bad:
        new_file.write_text(new)
        shown = "; ".join(f"{'/'.join(map(str, k))}: {want.get(k)} → {got.get(k)}" for k in bad[:5])
        pytest.fail(f"{path.name}: {len(bad)} key figures changed ({shown}); new figures in {new_file}")
    new_file.unlink(missing_ok=True)


@pytest.mark.parametrize("path", [p for p in SHIPPED if p.stem != "baseline"], ids=lambda p: p.stem)
def test_every_number_carries_a_reference(path):
    from forecast import load_scenario

    text = path.read_text()
    assert "extends: baseline.yaml" in text
    scn = load_scenario(path).scenario
    for m in scn.automation:
        assert set(m.reference) == {"nb", "en"} and set(m.title) == {"nb", "en"}, m.id  # both report languages
        numbers = [m.fte] if m.kind == "fixed_fte" else [m.rate] if m.kind == "annual_rate" else \
            [m.task_share, m.automatable]
        for lang, reference in m.reference.items():
            assert len(reference) > 40, (m.id, lang)
            for n in numbers:  # each measure's main numbers are named in its reference, in each language
                assert (f"{n:g}" if lang == "en" else f"{n:g}".replace(".", ",")) in reference, (m.id, lang, n)
    for service, s in scn.services.items():
        assert s.reference, service
    if scn.population.variant != "MMMM":
        assert scn.population.reference and all(scn.population.variant in r for r in scn.population.reference.values())
    assert set(scn.title) == {"nb", "en"} and set(scn.description) == {"nb", "en"}


def test_scenarios_differ_from_baseline_where_their_files_say(results):
    def fte(name, service, year):
        f = results[name].frame
        return f[(f.service == service) & (f.occupation == "all") & (f.variable == "fte") & (f.year == year)][
            "value"].item()

    base = {s: fte("baseline", s, 2040) for s in ("kindergarten", "primary_school", "home_care", "nursing_home")}
    assert fte("high-growth", "nursing_home", 2040) > base["nursing_home"] > fte("low-growth", "nursing_home", 2040)
    assert fte("robot", "primary_school", 2040) == pytest.approx(base["primary_school"] - 12)
    # flat share: -0.5 %/yr over 15 years in care, nothing elsewhere
    assert fte("flat-share", "home_care", 2040) == pytest.approx(base["home_care"] * 0.995**15)
    assert fte("flat-share", "kindergarten", 2040) == pytest.approx(base["kindergarten"])
    # welfare technology: fully adopted by 2032, 10 % × 59 % of home-care need
    assert fte("welfare-tech", "home_care", 2040) == pytest.approx(base["home_care"] * (1 - 0.10 * 0.59))
    assert fte("ambitious", "nursing_home", 2040) == pytest.approx(base["nursing_home"] * (1 - 0.29 * 0.5))
