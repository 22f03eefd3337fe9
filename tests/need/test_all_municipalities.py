"""`municipality: all` computes every municipality in one run, and the national sums are plausible."""

from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def norway():
    from forecast import run

    return run(ROOT / "scenarios" / "norway" / "baseline.yaml")


def test_every_municipality_and_service(norway):
    f = norway.frame
    assert f["municipality"].nunique() == 357
    assert set(f["service"]) == {"kindergarten", "primary_school", "home_care", "nursing_home"}
    assert (f["value"] >= 0).all()
    assert f.groupby(["municipality", "service", "variable"]).size().eq(16).all()


def test_national_sums_match_national_statistics(norway):
    f = norway.frame
    fte = f[(f["variable"] == "fte") & (f["year"] == 2025)].groupby("service")["value"].sum()
    users = f[(f["variable"] == "users") & (f["year"] == 2025)].groupby("service")["value"].sum()
    # Udir 2024-25: 631,369 pupils and 63,262.6 teacher FTE nationally
    assert users["primary_school"] == pytest.approx(631_369, rel=0.01)
    assert fte["primary_school"] == pytest.approx(63_262.6, rel=0.01)
    # the care panel's nurse FTE (2025) is reproduced where published
    from forecast.data.care import load_care_panel

    panel = load_care_panel()
    nurses = panel[panel["year"] == 2025]["nurse_fte"].sum()
    assert fte["home_care"] + fte["nursing_home"] == pytest.approx(nurses, rel=0.03)


def test_assumptions_say_how_many_municipalities(norway):
    assert any(a.endswith("[356 municipalities]") and a.startswith("primary_school: no Udir figures")
               for a in norway.assumption_texts())


def test_cli_table_sums_municipalities(cli):
    code, out, err = cli("run", ROOT / "scenarios" / "norway" / "baseline.yaml", "--year", "2025", "--year", "2040")
    assert code == 0, err
    assert "Sum of 357 municipalities" in out
    assert "notes on single municipalities are in manifest.json" in out
