"""Service definitions and base-year calibration: coverage by age band and FTE per (weighted) user.

Each service is calibrated on the latest year, no later than the scenario's base year, for which the data has
both users and staffing. "Year t" is always the population on 1 January t; each source's counts are matched to it
(see the data modules). Where a municipality has no local data, national figures are used and flagged.
"""

from __future__ import annotations

from functools import lru_cache

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from forecast.errors import ForecastError
from forecast.parameters import param

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube

SERVICES = {
    "kindergarten": "barnehage",
    "primary_school": "grunnskole",
    "home_care": "hjemmetjenester",
    "nursing_home": "sykehjem",
}
NATIONAL = "0000"


@dataclass(frozen=True)
class Band:
    label: str
    lo: int
    hi: int  # inclusive
    weight: float = 1.0  # weighted users per user (kindergarten age weights)


@dataclass
class Calibration:
    """What a service looks like in its calibration year, for one municipality."""

    service: str
    municipality: str
    year: int
    user_unit: str  # "children", "pupils", "users", "residents"
    bands: list[Band]
    coverage: dict[str, float]  # users / population, by band label
    fte: float  # FTE in the calibration year
    fte_source: str
    coverage_path: dict[int, dict[str, float]] = field(default_factory=dict)  # observed coverage after `year`
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    def weighted_users(self, pop: "np.ndarray", year: int | None = None) -> float:
        """Σ band population × coverage × weight, for population by [sex, age] of one year."""
        cov = self.coverage_at(year)
        return float(sum(pop[:, b.lo : b.hi + 1].sum() * cov[b.label] * b.weight for b in self.bands))

    def coverage_at(self, year: int | None) -> dict[str, float]:
        if year is None or not self.coverage_path:
            return self.coverage
        known = [y for y in self.coverage_path if y <= year]
        return self.coverage_path[max(known)] if known else self.coverage


def _band_pop(pop_year: "np.ndarray", band: Band) -> float:
    return float(pop_year[:, band.lo : band.hi + 1].sum())


def _pop(cube: "PopulationCube", code: str, year: int) -> "np.ndarray":
    """Population [sex, age] of a municipality, or of the country for code '0000'."""
    t = cube.years.index(year)
    return cube.values[:, t].sum(axis=0) if code == NATIONAL else cube.values[cube.index(code), t]


def _latest(years, base: int, what: str) -> int:
    usable = sorted(y for y in years if y <= base)
    if not usable:
        raise ForecastError(f"no {what} data in or before the base year {base} (data has {min(years)}–{max(years)})")
    return usable[-1]


# ---------------------------------------------------------------- primary school
def calibrate_primary_school(code: str, cube: "PopulationCube", base: int) -> Calibration:
    from forecast.data.school import school_statistics

    lo, hi = param("services", "school_ages").value
    band = Band(f"{lo}-{hi}", lo, hi)
    stats = school_statistics()
    local = stats[stats["municipality"] == code]
    assumptions = []
    source = code
    if local.empty:
        local = stats[stats["municipality"] == NATIONAL]
        source = NATIONAL
        assumptions.append(
            "primary_school: no Udir figures for this municipality in data/; national enrolment and teacher FTE "
            "per pupil used (Udir, Norway)"
        )
    year = _latest(local["year"], base, "Udir primary-school")
    row = local[local["year"] == year].iloc[0]
    pop = _pop(cube, source, year)
    enrolment = row["pupils"] / _band_pop(pop, band)
    fte_per_pupil = row["teacher_fte"] / row["pupils"]
    fte = fte_per_pupil * enrolment * _band_pop(_pop(cube, code, year), band)
    return Calibration(
        service="primary_school", municipality=code, year=year, user_unit="pupils", bands=[band],
        coverage={band.label: enrolment}, fte=fte,
        fte_source=f"teacher FTEs (lærerårsverk), Udir, school year {row['school_year']}",
        notes=[f"primary_school: {row['pupils']:,.0f} pupils and {row['teacher_fte']:,.1f} teacher FTE in "
               f"{row['school_year']} ({'Norway' if source == NATIONAL else 'local'}); enrolment "
               f"{enrolment:.3f} of population aged {lo}–{hi}"],
        assumptions=assumptions,
    )


# ---------------------------------------------------------------- kindergarten
def _kindergarten_bands() -> list[Band]:
    weights = param("services", "kindergarten_age_weights").value
    return [Band(str(a), a, a, float(weights[a])) for a in range(6)]


def calibrate_kindergarten(code: str, cube: "PopulationCube", base: int) -> Calibration:
    from forecast.data.kindergarten import load_coverage_1_2, load_kindergartens, national_kindergartens_2017

    bands = _kindergarten_bands()
    year = 2018  # Udir's December 2017 counts ↔ population 1 January 2018
    if base < year:
        raise ForecastError(f"kindergarten staffing data is from December 2017; choose a base year of {year} or later")
    local = load_kindergartens()
    local = local[local["municipality"] == code]
    assumptions, notes = [], []
    if not local.empty:
        counted = local.dropna(subset=[f"children_{a}" for a in range(6)])
        dropped = local["fte"].sum() - counted["fte"].sum()
        children = {str(a): counted[f"children_{a}"].sum() for a in range(6)}
        staff = counted["fte"].sum()
        pop = _pop(cube, code, year)
        notes.append(
            f"kindergarten: {len(counted)} kindergartens, {sum(children.values()):,.0f} children and "
            f"{staff:,.1f} basic-staffing FTE (grunnbemanning) in December 2017 (Udir)"
            + (f"; {len(local) - len(counted)} drop-in kindergartens without child counts ({dropped:,.1f} FTE) "
               "left out" if dropped else "")
        )
        coverage = {b.label: children[b.label] / _band_pop(pop, b) for b in bands}
        fte = staff
    else:
        nat = national_kindergartens_2017()
        pop = _pop(cube, NATIONAL, year)
        national_cov = {b.label: nat[f"children_{b.lo}"].sum() / _band_pop(pop, b) for b in bands}
        weighted = sum(nat[f"children_{b.lo}"].sum() * b.weight for b in bands)
        fte_per_weighted = nat["fte"].sum() / weighted
        coverage = national_cov
        local_pop = _pop(cube, code, year)
        fte = fte_per_weighted * sum(_band_pop(local_pop, b) * coverage[b.label] * b.weight for b in bands)
        assumptions.append(
            "kindergarten: no local Udir staffing in data/; national 2017 coverage by age and "
            f"{fte_per_weighted:.4f} basic-staffing FTE per weighted child (Udir, all kindergartens) used"
        )
    # move coverage of 1–2-year-olds with SSB 13502 (share in year t ↔ population 1 January t+1)
    cov12 = load_coverage_1_2()
    cov12 = cov12[cov12["municipality"] == code].set_index("year")["share"]
    path: dict[int, dict[str, float]] = {}
    if 2017 in cov12.index:
        for y, share in cov12.items():
            if y + 1 > year and y + 1 <= base:
                factor = share / cov12[2017]
                path[int(y) + 1] = {**coverage, "1": coverage["1"] * factor, "2": coverage["2"] * factor}
        if path:
            last = max(path)
            notes.append(f"kindergarten: coverage of ages 1–2 moved from {cov12[2017]:.1%} (2017) to "
                         f"{cov12[last - 1]:.1%} ({last - 1}) with SSB 13502, then held")
    else:
        assumptions.append("kindergarten: no SSB 13502 coverage for this municipality in 2017; 2017 coverage held")
    # the bemanningsnorm (law since August 2018) is a floor: raise 2017 staffing per child to it where below
    pop = _pop(cube, code, year)
    kids = {b.label: _band_pop(pop, b) * coverage[b.label] for b in bands}
    floor = float(kindergarten_norm_fte(sum(kids[a] for a in "012"), sum(kids[a] for a in "345")))
    if fte < floor:
        assumptions.append(
            f"kindergarten: 2017 basic staffing ({fte:,.1f} FTE) was {1 - fte / floor:.1%} below the bemanningsnorm "
            f"minimum for the same children ({floor:,.1f} FTE); FTE per child raised to the norm, which is law "
            "since August 2018"
        )
        fte = floor
    return Calibration(
        service="kindergarten", municipality=code, year=year, user_unit="children", bands=bands,
        coverage=coverage, coverage_path=path, fte=fte,
        fte_source="basic-staffing FTEs (grunnbemanning), Udir, December 2017", notes=notes, assumptions=assumptions,
    )


def kindergarten_norm_fte(children_under_3: "np.ndarray", children_from_3: "np.ndarray") -> "np.ndarray":
    """Minimum basic-staffing FTE under the bemanningsnorm, for the given children."""
    norm = param("services", "kindergarten_staff_norm").value
    return children_under_3 / norm["under_3"] + children_from_3 / norm["from_3"]


# ---------------------------------------------------------------- care
def _care_bands() -> list[Band]:
    return [Band(label, lo, hi) for label, (lo, hi) in param("services", "care_age_bands").value.items()]


@lru_cache(maxsize=4)
def nurse_intensity(year: int) -> dict[str, float]:
    """National nurse FTE per home-care user and per nursing-home resident, by least squares across municipalities.

    The panel has nurses' FTE for the care services as a whole; this splits it between the two services.
    """
    import numpy as np

    from forecast.data.care import load_care_panel

    panel = load_care_panel().dropna(subset=["nurse_fte", "home_care_total", "nursing_home_total"])
    counts = panel.groupby("year").size()
    usable = counts[(counts >= 10) & (counts.index <= year)]
    if usable.empty:
        raise ForecastError(f"too few municipalities with nurse FTE in or before {year} to split it between services")
    year = int(usable.index.max())
    d = panel[panel["year"] == year]
    x = d[["home_care_total", "nursing_home_total"]].to_numpy(float)
    coef, *_ = np.linalg.lstsq(x, d["nurse_fte"].to_numpy(float), rcond=None)
    coef = np.clip(coef, 1e-6, None)
    return {"home_care": float(coef[0]), "nursing_home": float(coef[1]), "n": len(d), "year": year}


@lru_cache(maxsize=8)
def national_care_coverage(service: str, year: int) -> dict[str, float]:
    """Users per inhabitant by age band, summed over municipalities that publish every band in `year`."""
    from forecast.data.care import load_care_panel

    panel = load_care_panel()
    cols = {"0-66": f"{service}_0_66", "67-79": f"{service}_67_79", "80+": f"{service}_80p"}
    rows = panel[panel["year"] == year].dropna(subset=list(cols.values()))
    if rows.empty:  # a band never published (home care 67–79 from 2017): the total minus the other two
        rows = panel[panel["year"] == year].dropna(subset=[cols["0-66"], cols["80+"], f"{service}_total"]).copy()
        rows[cols["67-79"]] = rows[f"{service}_total"] - rows[cols["0-66"]] - rows[cols["80+"]]
    from forecast.population import load_history

    cube = load_history()
    out = {}
    for b in _care_bands():
        idx = [cube.index(m) for m in rows["municipality"] if m in cube.codes]
        people = cube.values[idx, cube.years.index(min(year, cube.years[-1]))][:, :, b.lo : b.hi + 1].sum()
        out[b.label] = rows[cols[b.label]].sum() / people if people else 0.0
    return out


def _care_users(row, prefix: str, bands: list[Band], pop: "np.ndarray") -> tuple[dict[str, float], list[str]]:
    """Users by band; a suppressed band is the total minus the others, split by population × national coverage."""
    notes = []
    total = row[f"{prefix}_total"]
    cols = {"0-66": f"{prefix}_0_66", "67-79": f"{prefix}_67_79", "80+": f"{prefix}_80p"}
    users = {b.label: row[cols[b.label]] for b in bands}
    missing = [k for k, v in users.items() if v != v]  # NaN
    if missing:
        rest = max(total - sum(v for v in users.values() if v == v), 0.0)
        if len(missing) == 1:
            users[missing[0]] = rest
            how = "taken as total minus the other bands"
        else:
            rates = national_care_coverage(prefix, int(row["year"]))
            expected = {b.label: _band_pop(pop, b) * rates[b.label] for b in bands if b.label in missing}
            weight = sum(expected.values()) or 1.0
            for k in missing:
                users[k] = rest * expected[k] / weight
            how = "the rest of the total split by population × national coverage"
        notes.append(f"{prefix}: age band(s) {', '.join(missing)} not published; {how}")
    return users, notes


def _national_care(service: str, cube: "PopulationCube", code: str, base: int) -> Calibration:
    """Fallback where a municipality's users are not published: national coverage by band and nurse FTE per user."""
    from forecast.data.care import load_care_panel

    panel = load_care_panel()
    bands = _care_bands()
    cols = {"0-66": f"{service}_0_66", "67-79": f"{service}_67_79", "80+": f"{service}_80p"}
    complete = panel.dropna(subset=list(cols.values()))
    year = _latest(complete["year"], base, service)
    rows = complete[complete["year"] == year]
    pops = {m: _pop(cube, m, year) for m in rows["municipality"] if m in cube.codes}
    rows = rows[rows["municipality"].isin(list(pops))]
    coverage = {b.label: rows[cols[b.label]].sum() / sum(_band_pop(pops[m], b) for m in rows["municipality"])
                for b in bands}
    k = nurse_intensity(base)
    pop = _pop(cube, code, year)
    fte = k[service] * sum(_band_pop(pop, b) * coverage[b.label] for b in bands)
    return Calibration(
        service=service, municipality=code, year=year,
        user_unit="users" if service == "home_care" else "residents", bands=bands, coverage=coverage, fte=fte,
        fte_source=f"national nurse FTE per user × national coverage, {year}",
        assumptions=[f"{service}: no users published for this municipality in the care panel; national coverage by "
                     f"age band ({len(rows)} municipalities with all bands, {year}) and {k[service]:.3f} nurse FTE "
                     "per user used"],
    )


def calibrate_care(service: str, code: str, cube: "PopulationCube", base: int,
                   split_year: int | None = None) -> Calibration:
    """`split_year`: the year whose national nurse FTE per user splits nurses between the two services (default:
    the base year). A history of past years must use one split throughout, since the national split drifted
    (nursing homes 0.12 nurse FTE per resident in 2015, 0.33 in 2025) and would otherwise show shifts that are
    only the method's."""
    from forecast.data.care import load_care_panel

    prefix = service
    panel = load_care_panel()
    local = panel[(panel["municipality"] == code) & (panel["year"] <= base)].dropna(subset=[f"{prefix}_total"])
    if local.empty:
        return _national_care(service, cube, code, base)
    with_fte = local.dropna(subset=["nurse_fte"])
    year = _latest((with_fte if not with_fte.empty else local)["year"], base, f"{service}")
    row = local[local["year"] == year].iloc[0]
    bands = _care_bands()
    pop = _pop(cube, code, year)
    users, notes = _care_users(row, prefix, bands, pop)
    coverage = {b.label: users[b.label] / _band_pop(pop, b) if _band_pop(pop, b) else 0.0 for b in bands}
    k = nurse_intensity(split_year or base)
    if year < base - 3:
        notes.append(f"{service}: the latest users published for this municipality are from {year}")
    other = "nursing_home" if service == "home_care" else "home_care"
    assumptions = [
        f"{service}: FTE are nurses' FTE only (the only care occupation in the shipped data), split between home "
        f"care and nursing homes by national nurse FTE per user ({k['home_care']:.3f} per home-care user, "
        f"{k['nursing_home']:.3f} per resident; least squares over {k['n']} municipalities, {k['year']}); "
        "give the full base-year FTE with `staffing:`"
    ]
    if row["nurse_fte"] == row["nurse_fte"]:
        mine, theirs = k[service] * row[f"{prefix}_total"], k[other] * row[f"{other}_total"]
        theirs = theirs if theirs == theirs else 0.0
        fte = row["nurse_fte"] * mine / (mine + theirs)
        source = f"nurses' FTE in the care services (SSB 11924/14534), {year}, share for {service}"
    else:
        fte = k[service] * row[f"{prefix}_total"]
        source = f"national nurse FTE per user × local users, {year} (local nurse FTE not published)"
    notes.append(f"{service}: {row[f'{prefix}_total']:,.0f} {'users' if service == 'home_care' else 'residents'}"
                 f" and {fte:,.1f} nurse FTE in {year}")
    return Calibration(
        service=service, municipality=code, year=year,
        user_unit="users" if service == "home_care" else "residents", bands=bands, coverage=coverage, fte=fte,
        fte_source=source, notes=notes, assumptions=assumptions,
    )


CALIBRATORS: dict[str, Callable[[str, "PopulationCube", int], Calibration]] = {
    "kindergarten": calibrate_kindergarten,
    "primary_school": calibrate_primary_school,
    "home_care": lambda code, cube, base: calibrate_care("home_care", code, cube, base),
    "nursing_home": lambda code, cube, base: calibrate_care("nursing_home", code, cube, base),
}


def calibrate(service: str, code: str, cube: "PopulationCube", base: int, split_year: int | None = None
              ) -> Calibration:
    """Calibrate `service` on the latest year with data up to `base`; `split_year` fixes the care services'
    nurse split (see calibrate_care)."""
    if service not in CALIBRATORS:
        raise ForecastError(f"unknown service {service!r}: use one of {', '.join(SERVICES)}")
    if service in ("home_care", "nursing_home"):
        return calibrate_care(service, code, cube, base, split_year)
    return CALIBRATORS[service](code, cube, base)
