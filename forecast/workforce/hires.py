"""Workforce flows: how many people each occupation and service must hire, split into growth and replacement,
persons and FTE.

Per municipality, service and occupation, from the net FTE need by occupation of a Result (automation already
subtracted):
  need(t)  = fte(t) / position_size(t)                             persons needed
  stock    = persons by single-year age; base year: need(base) × age profile (fully staffed)
  exits(t) = Σ_a stock(a, t−1) × q(a), where everyone reaching the age limit leaves (q = 1)
  hires(t) = max(0, need(t) − (stock(t−1) − exits(t)))  = growth(t) + replacement(t)
  growth(t) = min(hires(t), max(0, need(t) − stock(t−1))); stock(t) = stock(t−1) − exits(t) + hires(t)
Exit rates q(a) = k × shape(a): the shape is KS's municipal turnover by age (U-shaped: high for the young, low in
mid-career, high again as people retire), `k` is set so that the base-year exit rate equals the occupation's
turnover (KS's definition: all exits, retirement included). New hires enter at the ages implied by today's profile
and exit rates if that profile were stable. A surplus (need falling faster than exits) is absorbed by attrition,
not layoffs. A service's rows (occupation "all") are the sums of its occupations' rows, so the identities hold per
occupation and per service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.results.notes import ASSUMPTION, Note, merged, note
from forecast.vocabulary import ALL, unit_of

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from forecast.results.frame import Result
    from forecast.scenario.schema import Scenario

WORKFORCE_VARIABLES = ("workforce", "workforce_need", "exits", "hires", "hires_fte", "hires_growth",
                       "hires_replacement", "working_age_population")
FLOWS = ("exits", "hires", "hires_fte", "hires_growth", "hires_replacement")  # zero in the base year: not written


def share_unit(ages: tuple[int, int]) -> str:
    return f"share of persons aged {ages[0]}–{ages[1]}"


def with_hires(result: "Result", scenario: "Scenario") -> "Result":
    """A new Result: the original rows plus workforce stock, need, exits and hires per occupation, service and
    year (a service's rows sum its occupations')."""
    import dataclasses

    import numpy as np
    import pandas as pd

    from forecast.workforce.flows import OccupationWorkforce, occupation_workforce, project_flows

    frame = result.frame
    fte = frame[(frame["variable"] == "fte") & (frame["occupation"] != ALL)]
    if fte.empty:
        raise ForecastError("the result has no 'fte' rows by occupation to compute hires from")
    base = scenario.period.base
    years = sorted(fte["year"].astype(int).unique().tolist())
    if years[0] != base:
        raise ForecastError(f"FTE rows start in {years[0]}, not in the base year {base}")
    keys = ["scenario", "municipality", "service", "occupation"]
    wide = fte.pivot_table(index=keys, columns="year", values="value", sort=False).reindex(columns=years)
    cache: dict[tuple, OccupationWorkforce] = {}
    workforces, notes = [], []
    for name, code, service, occupation in wide.index:
        settings = scenario.workforce.get(service)
        key = (occupation, service, code if occupation == "teachers" else None)
        if key not in cache:
            cache[key] = occupation_workforce(occupation, service, code, base, settings)
            notes += cache[key].notes if occupation != "teachers" else []
        wf = cache[key]
        workforces.append(wf)
        if occupation == "teachers":
            notes += [Note(n.key, n.params, n.kind, (code,), n.source) for n in wf.notes]
    sizes = np.vstack([w.sizes(years) for w in workforces])
    flows = project_flows(wide.to_numpy(float) / sizes, workforces)
    values = {"workforce": flows.stock, "workforce_need": flows.need, "exits": flows.exits, "hires": flows.hires,
              "hires_fte": flows.hires * sizes, "hires_growth": flows.growth, "hires_replacement": flows.replacement}
    index = wide.index.to_frame(index=False)
    group_keys = ["scenario", "municipality", "service"]
    group = index.groupby(group_keys, sort=False).ngroup().to_numpy()  # each occupation row's service
    services = index.drop_duplicates(group_keys)[group_keys].assign(occupation=ALL).reset_index(drop=True)
    working = _working_age(result, index, years)
    pop = np.vstack([working[(n, c)] for n, c in zip(services["scenario"], services["municipality"])])
    blocks = []
    for variable, arr in values.items():
        first = 1 if variable in FLOWS else 0
        whole = np.zeros((len(services), len(years)))
        np.add.at(whole, group, arr)  # a service's rows are the sums of its occupations'
        blocks += [_block(index, arr[:, first:], years[first:], variable, unit_of(variable)),
                   _block(services, whole[:, first:], years[first:], variable, unit_of(variable))]
        if variable == "workforce_need":
            blocks.append(_block(services, whole / pop, years, "need_share_working_age",
                                 share_unit(working_ages(result))))
    people = pd.DataFrame([(n, c, ALL, ALL) for n, c in working], columns=[*group_keys, "occupation"])
    blocks.insert(0, _block(people, np.vstack(list(working.values())), years, "working_age_population",
                            unit_of("working_age_population")))
    notes += [_staffing_hint(s) for s in dict.fromkeys(services["service"]) if s in scenario.staffing]
    if wide.index.get_level_values("municipality").nunique() > 1 and any(k[0] == "teachers" for k in cache):
        notes = [n for n in notes if n.key != "workforce.size_udir"] + [note("workforce.size_udir_many", base=base)]
    notes.append(note("workforce.turnover", base=base, age=max(w.retirement_age for w in workforces)))
    from forecast.data import data_path
    from forecast.data.laerermod import laerermod_file
    from forecast.data.parameters import assumed, assumption_notes

    files = [data_path("parameters", f) for f in ("workforce.yaml", "occupations.yaml")]
    files.append(data_path("workforce", "ks_turnover_by_job_code_2017_2022.csv"))
    return dataclasses.replace(
        result,
        frame=pd.concat([frame, *blocks], ignore_index=True),
        notes=merged([*result.notes, *notes, *assumption_notes({"workforce": assumed("workforce"),
                                                                 "occupations": assumed("occupations")})]),
        inputs=list(dict.fromkeys([*result.inputs, laerermod_file(), *files])),
    )


def _block(keys: "pd.DataFrame", values: "np.ndarray", years: list[int], variable: str, unit: str
           ) -> "pd.DataFrame":
    """Canonical rows for `keys` (scenario, municipality, service, occupation; one row per key) × `years` from
    `values` [key, year], built with arrays (tens of thousands of municipality-occupation rows)."""
    import numpy as np
    import pandas as pd

    from forecast.results.frame import COLUMNS

    n, t = values.shape
    out = {c: np.repeat(keys[c].to_numpy(dtype=object), t) for c in ("scenario", "municipality", "service",
                                                                       "occupation")}
    out.update(variable=np.full(n * t, variable, dtype=object), unit=np.full(n * t, unit, dtype=object),
               year=np.tile(np.asarray(years, dtype=int), n), value=np.asarray(values, float).ravel(),
               lower=np.full(n * t, np.nan), upper=np.full(n * t, np.nan))
    frame = pd.DataFrame(out)[COLUMNS]
    for c in ("scenario", "municipality", "service", "occupation", "variable", "unit"):
        frame[c] = frame[c].astype(str)
    return frame


def working_ages(result: "Result") -> tuple[int, int]:
    """The ages the result's labour need is set against."""
    from forecast.data.parameters import workforce

    paths = next(iter(result.population.values()), None)
    return paths.working_ages if paths is not None else workforce().working_ages


def _working_age(result: "Result", index, years: list[int]) -> dict[tuple[str, str], "object"]:
    """Persons of working age by year for each scenario and municipality of `index`."""
    import numpy as np

    out = {}
    for name, code in dict.fromkeys(zip(index["scenario"], index["municipality"])):
        paths = result.population.get(name)
        if paths is None or code not in paths.codes:
            raise ForecastError(f"the result carries no population for {code}; compute it with forecast.run")
        lo, hi = paths.working_ages
        pops = paths.persons[paths.codes.index(code)]
        out[(name, code)] = np.array([pops[paths.years.index(y)][:, lo:hi + 1].sum() for y in years])
    return out


def _staffing_hint(service: str) -> Note:
    from forecast.vocabulary import occupations_of

    return note("workforce.staffing_hint", kind=ASSUMPTION, service=service,
                groups=", ".join(occupations_of(service)))
