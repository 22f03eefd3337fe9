"""The workforce defaults are data with sources, consistent with each other and with the shipped age profiles."""

import numpy as np
import pytest

from forecast.errors import DataError
from forecast.data.parameters import param, parameters


def test_every_default_has_a_source_and_unit():
    for name in ("workforce", "occupations"):
        for p in parameters(name).values():
            assert p.description and p.unit and p.reference
    assert {"municipal_age_shares", "turnover_by_age", "retirement_age", "working_ages"} <= set(parameters("workforce"))
    assert {"care_occupations", "kindergarten_occupations", "school_occupations", "ks_job_code", "turnover",
            "position_size", "age_profile"} <= set(parameters("occupations"))
    # KS 2021–22 turnover by job code, as cited in DOMAIN.md
    assert param("occupations", "turnover").value["nurses"] == 0.139
    assert param("occupations", "turnover").value["teachers"] == 0.079


def test_occupations_are_complete_and_match_ks():
    from forecast.data.care_workforce import ks_turnover
    from forecast.data.parameters import occupations
    from forecast.vocabulary import OCCUPATIONS

    params = occupations()  # checks every occupation of the vocabulary has every parameter
    for occupation, code in params.ks_job_code.items():
        assert params.turnover[occupation] == ks_turnover(code, "2021-2022"), occupation
    assert set(params.care_groups) == {o for o, spec in OCCUPATIONS.items() if "home_care" in spec.services}
    assert sum(params.kindergarten_shares.values()) == pytest.approx(1.0, abs=1e-5)
    assert params.school_shares == {"teachers": 1.0}
    assert sum(param("workforce", "municipal_age_shares").value.values()) == pytest.approx(1.0)


def test_kindergarten_pedagogue_share_follows_the_norms():
    staff = param("services", "kindergarten_staff_norm").value
    pedagogues = param("services", "kindergarten_pedagogue_norm").value
    share = param("occupations", "kindergarten_occupations").value["pedagogical_leaders"]
    for band in ("under_3", "from_3"):
        assert share == pytest.approx(staff[band] / pedagogues[band], abs=1e-6)


def test_position_sizes_match_their_cited_counts():
    size = param("occupations", "position_size").value
    assert size["nurses"] == pytest.approx(22_394 / 26_449, abs=5e-4)
    assert size["specialist_nurses"] == pytest.approx(4_839 / 5_612, abs=5e-4)
    part_time = (0.849 - 0.642) / (1 - 0.642)  # the nurses' part-time average behind the derived sizes
    assert size["health_workers"] == pytest.approx(0.379 + 0.621 * part_time, abs=5e-4)
    assert size["social_educators"] == pytest.approx(0.758 + 0.242 * part_time, abs=5e-4)
    assert size["kindergarten_assistants"] == pytest.approx(363_600 / 446_100, abs=5e-4)
    assert size["pedagogical_leaders"] == pytest.approx((2827 * 0.98306 + 28262 * 0.94854) / 31089, abs=5e-4)
    assert size["teachers"] == pytest.approx((9898 * 0.96718 + 30716 * 0.94926) / 40614, abs=5e-4)


def test_laerermod_age_profiles():
    from forecast.data.laerermod import laerermod_profiles
    from forecast.workforce.profiles import age_profile

    counts = laerermod_profiles()
    assert sum(counts["ba"].values()) == 50_970  # employed kindergarten teachers, all ages
    assert sum(counts["gr"].values()) == 56_365
    ages = np.arange(18, 70)
    for group, mean in (("pedagogical_leaders", 43.96), ("teachers", 44.93)):
        profile = age_profile(group, ages)
        assert profile.sum() == pytest.approx(1.0)
        assert float(profile @ ages) == pytest.approx(mean, abs=0.01)


def test_municipal_profile_keeps_ks_group_shares():
    from forecast.workforce.profiles import age_profile

    ages = np.arange(18, 70)
    profile = age_profile("nurses", ages)
    for (lo, hi), share in zip([(20, 29), (30, 39), (40, 49), (50, 59), (60, 69)],
                               [0.162, 0.224, 0.247, 0.252, 0.115]):
        assert profile[(ages >= lo) & (ages <= hi)].sum() == pytest.approx(share)


def test_exit_rates_reproduce_turnover_and_keep_the_ks_shape():
    from forecast.workforce.profiles import age_profile, exit_rates, turnover_shape

    ages = np.arange(18, 70)
    profile = age_profile("nurses", ages)
    q = exit_rates(profile, ages, 0.139, "nurse")
    assert float(profile @ q) == pytest.approx(0.139)
    assert q[-1] == 1.0  # everyone left at the age limit
    shape = turnover_shape(ages)
    assert shape[ages == 57][0] == pytest.approx(0.052) and shape[ages == 66][0] == pytest.approx(0.407)
    assert np.allclose(q[:-1] / shape[:-1], q[0] / shape[0])  # one factor at all ages
    assert q[ages == 57][0] == q[ages < 66].min()  # lowest in late mid-career (55–59), U-shaped


def test_bad_age_profile_file_names_the_line(tmp_path):
    from forecast.data.laerermod import laerermod_profiles

    bad = tmp_path / "aldersfordelt.txt"
    bad.write_text("Utdanning Kjønn Alder Antall Sysselsatte GjennomsnitteligeÅrsverk\n"
                   "ba 1 23 9 9 0.95\nba 1 x 44 42 0.90\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        laerermod_profiles(bad)
    assert str(err.value) == f"{bad}: line 3: expected education code, sex, age and counts; got 'ba 1 x 44 42 0.90'"
    wrong = tmp_path / "other.txt"
    wrong.write_text("a b c\n1 2 3\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        laerermod_profiles(wrong)
    assert "line 1: expected columns Utdanning Kjønn Alder Antall Sysselsatte" in str(err.value)
