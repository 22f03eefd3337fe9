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
    assert f.groupby(["municipality", "service", "occupation", "variable"]).size().eq(16).all()


def test_national_sums_match_national_statistics(norway):
    f = norway.frame
    f = f[f["occupation"] == "all"]
    fte = f[(f["variable"] == "fte") & (f["year"] == 2025)].groupby("service")["value"].sum()
    users = f[(f["variable"] == "users") & (f["year"] == 2025)].groupby("service")["value"].sum()
    # Udir 2024-25: 631,369 pupils and 63,262.6 teacher FTE nationally
    assert users["primary_school"] == pytest.approx(631_369, rel=0.01)
    assert fte["primary_school"] == pytest.approx(63_262.6, rel=0.01)
    # SSB 12292: 148,553 user-facing care FTE in 2025, every municipality's own figure
    assert fte["home_care"] + fte["nursing_home"] == pytest.approx(148_553, abs=1e-6)
    assert fte["home_care"] == pytest.approx(84_724, abs=1)  # 57.0 % by the split fit
    # occupations sum to their services nationally too; nurses by occupation (SSB 14533) are 16 % of care
    trades = norway.frame[(norway.frame["variable"] == "fte") & (norway.frame["year"] == 2025)
                          & (norway.frame["occupation"] != "all")]
    by = trades.groupby("occupation")["value"].sum()
    assert by.sum() == pytest.approx(fte.sum())
    assert 0.15 < (by["nurses"]) / 148_553 < 0.17


def test_assumptions_say_how_many_municipalities(norway):
    assert any(a.endswith("[356 municipalities]") and a.startswith("primary_school: no Udir figures")
               for a in norway.assumption_texts())


def test_cli_table_sums_municipalities(cli):
    code, out, err = cli("run", ROOT / "scenarios" / "norway" / "baseline.yaml", "--year", "2025", "--year", "2040")
    assert code == 0, err
    assert "Sum of 357 municipalities" in out
    assert "notes on single municipalities are in manifest.json" in out
