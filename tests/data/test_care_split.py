"""The whole-care-workforce split (SSB 12292), its history on 2024 borders and the occupation mix (SSB 14533), on\nthe shipped real rows."""

import numpy as np
import pandas as pd
import pytest

from forecast.errors import ForecastError


# ------------------------------------------------------------------ the split
@pytest.mark.parametrize("year", [2024, 2025])
def test_split_sums_exactly_to_every_municipalitys_12292_total(year):
    from forecast.data.care_split import split_care_fte
    from forecast.data.care_workforce import care_fte_and_users

    s = split_care_fte(year)
    ssb = care_fte_and_users()
    ssb = ssb[ssb["year"] == year].set_index("municipality")["user_facing_care_fte"]
    assert len(s) == 357 and s["municipality"].is_unique
    total = s.set_index("municipality")[["home_care_fte", "nursing_home_fte"]].sum(axis=1)
    assert np.allclose(total, ssb.reindex(total.index), rtol=0, atol=1e-9)
    assert s["home_care_share"].between(0, 1, inclusive="neither").all()
    assert (s[["home_care_fte", "nursing_home_fte"]] > 0).all().all()


def test_split_bergen_and_nation_2025():
    from forecast.data.care_split import split_care_fte

    s = split_care_fte(2025)
    bergen = s[s["municipality"] == "4601"].iloc[0]
    assert bergen["home_care_fte"] + bergen["nursing_home_fte"] == pytest.approx(7477, abs=1e-9)
    assert (bergen["home_care_users"], bergen["nursing_home_residents"]) == (8862, 2451)
    assert 0.40 < bergen["home_care_share"] < 0.50  # 45.5 % with the wls fit
    assert s["user_facing_care_fte"].sum() == 148_553
    assert 0.53 < s["home_care_fte"].sum() / 148_553 < 0.61  # 57.0 %


def test_split_fills_suppressed_cells_and_says_so():
    from forecast.data.care_split import split_care_fte
    from forecast.data.parameters import care_split

    s = split_care_fte(2025).set_index("municipality")
    imputed = s[s["imputed"] != ""]
    assert sorted(imputed.index) == ["1151", "1835", "4218", "4224"]  # Utsira, Træna, Iveland, Åseral
    assert imputed.loc["1151", "imputed"] == "home_care_users, nursing_home_residents"
    assert imputed.loc["4218", "imputed"] == "nursing_home_residents"
    assert (imputed["nursing_home_residents"] == care_split().suppressed_count).all()
    assert sorted(split_care_fte(2024).query("imputed != ''")["municipality"]) == ["1151"]


def test_fit_statistics():
    from forecast.data.care_split import fit_split

    fit = fit_split()
    assert fit.method == "wls" and fit.years == (2024, 2025)
    assert fit.n == 709 and fit.municipalities == 356  # rows with every count published
    assert fit.r2 > 0.95 and fit.r2_weighted > 0.9
    assert 3.5 < fit.ratio < 5.5 and 0.3 < fit.se_ratio < 1.0
    assert 0.15 < fit.sd_log_residual < 0.35
    for year in (2024, 2025):  # each year alone agrees with the pooled ratio within one standard error
        assert abs(fit_split((year,)).ratio - fit.ratio) < fit.se_ratio
    assert fit_split(method="ols").ratio < fit.ratio < fit_split(method="huber").ratio
    assert (round(fit.ratio, 2), round(fit.se_ratio, 2)) == (4.33, 0.63)
    assert (round(fit.home_care, 3), round(fit.nursing_home, 3)) == (0.389, 1.686)


def test_numpy_fit_matches_statsmodels():
    """The run fits without statsmodels (seconds to import); its coefficients and clustered standard errors are
    statsmodels' own."""
    import statsmodels.api as sm

    from forecast.data.care_split import fit_split, split_inputs

    d = split_inputs((2024, 2025))
    d = d[d["imputed"] == ""]
    y, x = d["user_facing_care_fte"].to_numpy(float), d[["home_care_users", "nursing_home_residents"]].to_numpy(float)
    for method, weights in (("wls", 1 / x.sum(axis=1)), ("ols", np.ones(len(y)))):
        res = sm.WLS(y, x, weights=weights).fit(cov_type="cluster",
                                                cov_kwds={"groups": pd.factorize(d["municipality"])[0]})
        fit = fit_split(method=method)
        assert np.allclose([fit.home_care, fit.nursing_home], res.params, rtol=1e-10)
        assert np.allclose([fit.se_home_care, fit.se_nursing_home], res.bse, rtol=1e-8)
    one = split_inputs((2025,))
    one = one[one["imputed"] == ""]
    y, x = one["user_facing_care_fte"].to_numpy(float), one[["home_care_users", "nursing_home_residents"]].to_numpy(
        float)
    res = sm.WLS(y, x, weights=1 / x.sum(axis=1)).fit(cov_type="HC1")
    assert np.allclose([fit_split((2025,)).se_home_care, fit_split((2025,)).se_nursing_home], res.bse, rtol=1e-8)


def test_fit_refuses_bad_methods_and_years():
    from forecast.data.care_split import fit_split, split_care_fte

    with pytest.raises(ForecastError, match="unknown split method 'median': use one of wls, ols"):
        fit_split(method="median")
    with pytest.raises(ForecastError, match="no home-care users or residents for 2020: the split needs one of "
                                            "2024, 2025"):
        split_care_fte(2020)


def test_split_with_given_fit_moves_with_the_ratio():
    from forecast.data.care_split import fit_split, split_care_fte

    wls = split_care_fte(2025).set_index("municipality")
    ols = split_care_fte(2025, fit_split(method="ols")).set_index("municipality")
    # a smaller resident weight puts more of every municipality's FTE into home care, same totals
    assert (ols["home_care_share"] >= wls["home_care_share"]).all()
    assert np.allclose(ols["home_care_fte"] + ols["nursing_home_fte"], wls["user_facing_care_fte"])


# ------------------------------------------------------------------ history
def test_recode_merges_whole_mappings_and_leaves_out_the_rest():
    from forecast.data.care_history import recode_to_2024

    df = pd.DataFrame({
        "municipality": ["5001", "5030", "5001", "1507", "1101", "9999"],
        "year": [2019, 2019, 2018, 2020, 2020, 2020],
        "value": [1000.0, 40.0, 990.0, 600.0, 200.0, 5.0],
    })
    recoded, left_out = recode_to_2024(df)
    got = recoded.set_index(["municipality", "year"])
    assert got.loc[("5001", 2019), "value"] == 1040  # Trondheim and Klæbu, merged in 2020
    assert got.loc[("5001", 2019), "sources"] == "5001+5030"
    assert got.loc[("1101", 2020), "value"] == 200
    assert ("5001", 2018) not in got.index and ("1508", 2020) not in got.index
    reasons = {(r.year, r.municipality): r.reason for r in left_out.itertuples()}
    assert reasons[(2018, "5001")] == "5030 also became part of 5001 but has no figure"
    assert reasons[(2020, "1507")] == "1507 was split between 2024 municipalities"  # Ålesund → Ålesund + Haram
    assert reasons[(2020, "9999")] == "9999 is not a municipality code of 2020"


def test_fte_history_on_2024_borders():
    from forecast.data.care_history import care_fte_history, fte_per_user_history, years_per_municipality

    recoded, left_out = care_fte_history()
    per_year = recoded.groupby("year").size()
    assert per_year[[2015, 2018, 2019, 2020, 2025]].tolist() == [82, 110, 111, 242, 357]
    assert set(left_out["municipality"]) == {"1103", "5001"}  # Stavanger before 2020, Trondheim 2018–2019
    h = fte_per_user_history()
    counts = years_per_municipality(h)
    assert counts.to_dict() == {11: 82, 8: 28, 7: 1, 6: 131, 2: 115} and counts.sum() == 357
    bergen = h[h["municipality"] == "4601"].set_index("year")
    assert bergen.index.tolist() == list(range(2020, 2026))
    assert bergen.loc[2025, "residents_source"] == "SSB 12292"
    assert bergen.loc[2020, "residents_source"] == "panel long-term × ratio"


def test_fte_per_weighted_user_uses_the_split_ratio():
    from forecast.data.care_history import fte_per_user_history
    from forecast.data.care_split import fit_split

    fit = fit_split()
    h = fte_per_user_history().set_index(["municipality", "year"])
    row = h.loc[("4601", 2025)]
    assert row["weighted_users"] == pytest.approx(8862 + fit.ratio * 2451)
    assert row["fte_per_weighted_user"] == pytest.approx(7477 / (8862 + fit.ratio * 2451))
    # in a base year, FTE per weighted user × weights reproduces the split's services exactly
    from forecast.data.care_split import split_care_fte

    s = split_care_fte(2025).set_index("municipality").loc["4601"]
    assert row["fte_per_weighted_user"] * 8862 == pytest.approx(s["home_care_fte"])


def test_resident_ratio():
    from forecast.data.care_history import national_resident_ratio, resident_ratio
    from forecast.data.care import load_care_panel
    from forecast.data.care_workforce import care_fte_and_users

    both = care_fte_and_users().merge(load_care_panel(), on=["municipality", "year"])
    both = both.dropna(subset=["nursing_home_residents", "nursing_home_total"])
    assert len(both) == 702
    assert national_resident_ratio() == pytest.approx(
        both["nursing_home_residents"].sum() / both["nursing_home_total"].sum())
    assert 1.18 < national_resident_ratio() < 1.23  # 12292 counts short stays too
    rr = resident_ratio()
    assert len(rr) == 352 and rr["ratio"].min() >= 1.0 and 1.1 < rr["ratio"].median() < 1.3


# ------------------------------------------------------------------ occupations
def test_occupation_mix_and_left_out_groups():
    from forecast.data.care_workforce import NOT_USER_FACING, load_occupation_labels
    from forecast.data.occupations import occupation_mix, user_facing_fte
    from forecast.data.parameters import occupations

    groups = occupations().care_groups
    covered = {g for members in groups.values() for g in members}
    assert covered | set(NOT_USER_FACING) | {"total"} == set(load_occupation_labels())
    assert not covered & set(NOT_USER_FACING)
    u = user_facing_fte(2025).set_index("municipality")
    assert u.loc["4601", "user_facing"] == 7514 and u.loc["4601", "left_out"] == 837
    assert u["user_facing"].sum() == 149_291 and u["left_out"].sum() == 14_515
    assert (u["user_facing"] + u["left_out"] - u["total"]).abs().max() <= 3  # SSB's rounding
    mix = occupation_mix(2025)
    assert len(mix) == 358 and np.allclose(mix.sum(axis=1), 1.0)  # 357 municipalities and Norway ('0000')
    assert mix.loc["4601", "assistants"] == pytest.approx(3269 / 7514)
    assert mix.loc["0000", "nurses"] == pytest.approx(23_884 / 149_291)


def test_scenario_shift_keeps_the_shares_summing_to_one():
    from forecast.data.occupations import base_mix, mix_year, shifted

    mix, year, national = base_mix("home_care", "4601", 2026)
    assert (year, national) == (2025, False) and mix_year(2022) == 2024
    half = shifted(mix, {"health_workers": 0.05}, "assistants", 0.5)
    assert sum(half.values()) == pytest.approx(1.0)
    assert half["health_workers"] - mix["health_workers"] == pytest.approx(0.025)
    assert half["assistants"] - mix["assistants"] == pytest.approx(-0.025)
    named = shifted(mix, {"nurses": 0.02, "assistants": -0.02}, "assistants", 1.0)
    assert named["assistants"] == pytest.approx(mix["assistants"] - 0.02) and sum(named.values()) == pytest.approx(1)
    kindergarten, year, _ = base_mix("kindergarten", "4601", 2025)
    assert year is None and kindergarten == {"pedagogical_leaders": 0.428571, "kindergarten_assistants": 0.571429}


# ------------------------------------------------------------------ parameters
def test_split_parameters_have_sources():
    from forecast.data.parameters import parameters

    entries = parameters("care_split")
    assert set(entries) == {"fit_years", "fit_method", "suppressed_count"}
    for p in entries.values():
        assert p.description and p.unit and p.reference
    assert entries["fit_method"].assumption and entries["suppressed_count"].assumption
