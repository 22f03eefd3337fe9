"""SSB 12292, SSB 14533 and KS turnover loaders: real rows, and bad files rejected naming file and line."""

import pytest

from forecast.errors import DataError


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ SSB 12292
def test_12292_real_rows():
    from forecast.data.care import load_care_panel
    from forecast.data.care_workforce import care_fte_and_users, load_care_fte_and_users

    long = load_care_fte_and_users()
    assert long["municipality"].map(len).eq(4).all() and long["municipality"].nunique() == 357
    assert set(long["unit"]) == {"FTE", "persons"}
    df = care_fte_and_users()
    bergen = df[df["municipality"] == "4601"].set_index("year")["user_facing_care_fte"]
    assert (bergen[2020], bergen[2024], bergen[2025]) == (6329, 7161, 7477)
    assert 2019 not in bergen.index  # reported as 1201 until 2019, a code not in the file
    nation = df.groupby("year")["user_facing_care_fte"].sum()
    assert (nation[2024], nation[2025]) == (145_257, 148_553)
    per_year = df.dropna(subset=["user_facing_care_fte"]).groupby("year").size()
    assert per_year[[2015, 2019, 2020, 2024, 2025]].tolist() == [83, 113, 242, 357, 357]
    # home-care users are the care panel's, municipality by municipality
    both = df.merge(load_care_panel(), on=["municipality", "year"]).dropna(subset=["home_care_users",
                                                                                   "home_care_total"])
    assert len(both) == 713 and (both["home_care_users"] == both["home_care_total"]).all()
    assert df.loc[(df["municipality"] == "1151"), "nursing_home_residents"].isna().all()  # Utsira: none published


HEADER_12292 = "municipality_code,metric,year,value\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("4601,user_facing_care_fte,2025,7477\n461,home_care_users,2025,1\n",
         "line 3: column municipality_code: '461' is not a 4-digit code"),
        ("4601,user_facing_care_fte,2025,7477\n4601,home_care_users,2025,-1\n",
         "line 3: column value: negative count -1"),
        ("4601,user_facing_care_fte,2025,7477\n4601,home_care_users,2025,many\n",
         "line 3: column value: 'many' is not a number"),
        ("4601,user_facing_care_fte,2025,7477\n4601,nurses,2025,5\n", "line 3: column metric: unknown value 'nurses'"),
        ("4601,user_facing_care_fte,2025,7477\n4601,user_facing_care_fte,2025,7400\n",
         "line 3: duplicate municipality, metric and year"),
        ("4601,user_facing_care_fte,2025,7477\n4601,home_care_users,25,8862\n",
         "line 3: column year: 25 is not a year"),
    ],
)
def test_12292_bad_rows(tmp_path, body, message):
    from forecast.data.care_workforce import load_care_fte_and_users

    path = write(tmp_path, "12292.csv", HEADER_12292 + body)
    with pytest.raises(DataError) as err:
        load_care_fte_and_users(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_12292_missing_column_and_file(tmp_path):
    from forecast.data.care_workforce import load_care_fte_and_users

    path = write(tmp_path, "12292.csv", "municipality_code,metric,year,count\n4601,home_care_users,2025,1\n")
    with pytest.raises(DataError, match=r"missing column\(s\) value; found municipality_code, metric, year, count"):
        load_care_fte_and_users(path)
    with pytest.raises(DataError, match="nope.csv: file not found"):
        load_care_fte_and_users(tmp_path / "nope.csv")


# ------------------------------------------------------------------ SSB 14533
def test_14533_real_rows():
    from forecast.data.care_workforce import NOT_USER_FACING, load_fte_by_occupation, load_occupation_labels

    labels = load_occupation_labels()
    assert len(labels) == 15 and labels["health_workers"] == "Helsefagarbeidere mv."
    assert set(NOT_USER_FACING) < set(labels)
    df = load_fte_by_occupation()
    assert df["municipality"].nunique() == 357 and set(df["year"]) == {2024, 2025}
    bergen = df[(df["municipality"] == "4601") & (df["year"] == 2025)].set_index("occupation")["fte"]
    assert (bergen["total"], bergen["nurses"], bergen["specialist_nurses"]) == (8350, 954, 245)
    nation = df[df["year"] == 2025].groupby("occupation")["fte"].sum()
    assert nation["total"] == 163_756 and nation["health_workers"] == 50_058
    assert nation["total"] - nation[list(NOT_USER_FACING)].sum() == 149_241  # against 148,553 user-facing (12292)


HEADER_14533 = "municipality_code,year,occupation,value\n"


@pytest.mark.parametrize(
    "body, message",
    [
        ("4601,2025,total,10\n4601,2025,doctors,10\n", "line 3: column occupation: unknown value 'doctors'"),
        ("4601,2025,total,10\n4601,2025,total,10\n", "line 3: duplicate municipality, year and occupation"),
        ("4601,2025,total,10\n4601,2025,nurses,-2\n", "line 3: column value: negative count -2"),
        ("4601,2025,total,100\n4601,2025,nurses,90\n4601,2025,health_workers,20\n",
         "line 2: occupation groups of 4601 2025 sum to 110, the total is 100 (off by 10 FTE"),
        ("4601,2025,nurses,90\n", "line 2: no 'total' row for municipality 4601, year 2025"),
    ],
)
def test_14533_bad_rows(tmp_path, body, message):
    from forecast.data.care_workforce import load_fte_by_occupation

    path = write(tmp_path, "14533.csv", HEADER_14533 + body)
    with pytest.raises(DataError) as err:
        load_fte_by_occupation(path)
    assert str(err.value).startswith(f"{path}: {message}")


def test_14533_rounding_is_tolerated(tmp_path):
    from forecast.data.care_workforce import load_fte_by_occupation

    path = write(tmp_path, "14533.csv", HEADER_14533 + "0301,2025,total,100\n0301,2025,nurses,50\n"
                 "0301,2025,health_workers,47\n")
    df = load_fte_by_occupation(path)
    assert df["municipality"].tolist() == ["0301"] * 3  # codes stay strings


def test_occupation_labels_need_total_and_the_left_out_groups(tmp_path):
    from forecast.data.care_workforce import load_occupation_labels

    path = write(tmp_path, "labels.csv", "occupation,ssb_label\nnurses,Sykepleiere\n")
    with pytest.raises(DataError, match="labels.csv: no row for the occupation 'total'"):
        load_occupation_labels(path)


# ------------------------------------------------------------------ KS turnover
def test_ks_turnover_real_rows():
    from forecast.data.care_workforce import ks_turnover, load_ks_turnover

    df = load_ks_turnover()
    assert df["job_code"].nunique() == 11 and set(df["period"]) == {f"{y}-{y + 1}" for y in range(2017, 2022)}
    assert ks_turnover("7174") == 0.139 and ks_turnover("7174", "2017-2018") == 0.115
    assert ks_turnover("7076") == 0.116 and ks_turnover("6572") == 0.276 and ks_turnover("0000") == 0.136
    with pytest.raises(DataError, match="no KS turnover for job code '9999'"):
        ks_turnover("9999")


HEADER_KS = "stillingskode,stilling,turnover_2020_2021,turnover_2021_2022\n"


@pytest.mark.parametrize(
    "text, message",
    [
        (HEADER_KS + "7174,SYKEPLEIER,0.126,13.9\n", "line 2: turnover above 1: write fractions (0.139 for 13.9 %)"),
        (HEADER_KS + "7174,SYKEPLEIER,0.126,0.139\n7174,SYKEPLEIER,0.1,0.1\n", "line 3: duplicate job code"),
        (HEADER_KS + "717,SYKEPLEIER,0.126,0.139\n", "line 2: column stillingskode: '717' is not a 4-digit code"),
        ("stillingskode,stilling,turnover_2021\n7174,SYKEPLEIER,0.139\n",
         "line 1: expected columns turnover_YYYY_YYYY (one-year periods); found turnover_2021"),
    ],
)
def test_ks_turnover_bad_files(tmp_path, text, message):
    from forecast.data.care_workforce import load_ks_turnover

    path = write(tmp_path, "ks.csv", text)
    with pytest.raises(DataError) as err:
        load_ks_turnover(path)
    assert str(err.value).startswith(f"{path}: {message}")
