"""A scenario can start from the user's own population history (a `forecast data import` / `fetch` tidy file)."""

import pytest

from forecast.errors import DataError, ScenarioError


@pytest.fixture(scope="module")
def bergen_tidy(tmp_path_factory):
    """Bergen's shipped history as a tidy file, every count raised by 10 %."""
    from forecast.population import load_history, to_frame

    cube = load_history()
    frame = to_frame(cube, ["4601"], cube.years)
    frame["persons"] = frame["persons"] * 1.1
    path = tmp_path_factory.mktemp("hist") / "bergen.csv"
    frame[["municipality", "year", "age", "sex", "persons"]].to_csv(path, index=False)
    return path


def scenario(tmp_path, history: str):
    path = tmp_path / "own.yaml"
    path.write_text(f'municipality: "4601"\nperiod: {{base: 2025, end: 2030}}\npopulation:\n  history: {history}\n')
    return path


def test_history_file_replaces_the_municipality(tmp_path, bergen_tidy, baseline_result):
    from forecast import run

    result = run(scenario(tmp_path, str(bergen_tidy)))
    f, b = result.frame, baseline_result.frame

    def pop(frame, service):
        return frame[(frame.service == service) & (frame.variable == "population") & (frame.year == 2025)]["value"].item()

    assert pop(f, "primary_school") == pytest.approx(1.1 * pop(b, "primary_school"))
    assert any(n.startswith("population history: ") for n in result.note_texts())
    assert str(bergen_tidy.resolve()) in [str(p) for p in result.inputs]


def test_relative_history_path_is_resolved_from_the_scenario(tmp_path, bergen_tidy):
    from forecast import load_scenario

    (tmp_path / "bergen.csv").write_bytes(bergen_tidy.read_bytes())
    loaded = load_scenario(scenario(tmp_path, "bergen.csv"))
    assert loaded.scenario.population.history == str((tmp_path / "bergen.csv").resolve())


def test_missing_history_file_is_a_scenario_error(tmp_path):
    from forecast import load_scenario

    with pytest.raises(ScenarioError) as err:
        load_scenario(scenario(tmp_path, "nope.csv"))
    assert ":4: population.history: file not found: nope.csv (looked for" in str(err.value)


def test_fetched_history_needs_a_fetch_first(tmp_path, monkeypatch):
    from forecast import load_scenario

    monkeypatch.setenv("FORECAST_CACHE", str(tmp_path / "cache"))
    with pytest.raises(ScenarioError) as err:
        load_scenario(scenario(tmp_path, "fetched"))
    assert str(err.value).endswith(":4: population.history: no fetched population in the cache; run "
                                   "`forecast data fetch 07459` first, or write history: shipped")


def test_partial_file_cannot_add_years(tmp_path):
    from forecast.data.population import load_population_with

    path = tmp_path / "new.csv"
    rows = ["municipality,year,age,sex,persons"] + [f"4601,2027,{a},total,100" for a in range(106)]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"years 2027–2027 are not in the shipped history, and the file has them for "
                                        r"only 1 of 357 municipalities"):
        load_population_with(path)


def test_total_only_file_is_split_by_shipped_sex_shares(tmp_path):
    from forecast.data.population import load_population_tidy, load_population_wide

    path = tmp_path / "tot.csv"
    rows = ["municipality,year,age,sex,persons"] + [f"4601,2024,{a},total,1000" for a in range(106)]
    path.write_text("\n".join(rows) + "\n")
    own = load_population_tidy(path).set_index("age")
    shipped = load_population_wide().query("municipality == '4601' and year == 2024").set_index("age")
    assert (own["male"] + own["female"]).eq(1000).all()
    assert own.loc[40, "male"] / 1000 == pytest.approx(shipped.loc[40, "male"] / shipped.loc[40, ["male", "female"]].sum())


def test_a_file_of_some_years_keeps_every_other_shipped_figure(tmp_path):
    """A file of all municipalities for 2024 only replaces 2024; 2005–2023 and 2025–2026 stay as shipped."""
    from forecast.data.population import load_population_wide, load_population_with

    shipped = load_population_wide()
    own = shipped[shipped["year"] == 2024].copy()
    own["male"] = own["male"] * 2
    tidy = own.melt(id_vars=["municipality", "year", "age"], value_vars=["male", "female"], var_name="sex",
                    value_name="persons")
    path = tmp_path / "all2024.csv"
    tidy.to_csv(path, index=False)
    merged = load_population_with(path)
    assert len(merged) == len(shipped)
    by_year = merged.groupby("year")["male"].sum()
    ref = shipped.groupby("year")["male"].sum()
    assert by_year[2024] == pytest.approx(2 * ref[2024])
    assert by_year[2023] == pytest.approx(ref[2023]) and by_year[2026] == pytest.approx(ref[2026])


def test_a_file_missing_old_ages_is_refused(tmp_path):
    from forecast.data.population import load_population_tidy

    path = tmp_path / "short.csv"
    rows = ["municipality,year,age,sex,persons"] + [f"4601,{y},{a},total,100" for y in (2023, 2024) for a in range(60)]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"municipality 4601, year 2023: ages 0–59 \(each municipality needs every "
                                        r"single-year age from 0 to 100 or more"):
        load_population_tidy(path)
