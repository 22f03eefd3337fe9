"""Kindergarten: children by single-year age 0–5 (weighted as in LÆRERMOD), basic-staffing FTE (grunnbemanning)
from Udir's December 2017 counts, coverage of ages 1–2 moved with SSB 13502, the bemanningsnorm as a floor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.errors import ForecastError
from forecast.need.calibration import Band, Calibration, StaffingNorm, band_pop, pop
from forecast.results.notes import ASSUMPTION, note
from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube

DATA_FILES = [("services", "kindergarten", "udir_bergen_4601_kindergartens_2017.csv"),
              ("services", "kindergarten", "ssb13502_share_children_1_2_in_kindergarten_2015_2023.csv"),
              ("services", "kindergarten", "barnehager_aarsverk_grunnbemanning_orgnr.txt"),
              ("services", "kindergarten", "barnehager_barn_alder_orgnr_fikset.txt")]


def bands() -> list[Band]:
    from forecast.data.parameters import services

    weights = services().kindergarten_age_weights
    return [Band(str(a), a, a, weights[a]) for a in range(6)]


def calibrate(service: str, code: str, cube: "PopulationCube", base: int, **_) -> Calibration:
    from forecast.data.kindergarten import load_coverage_1_2, load_kindergartens, national_kindergartens_2017
    from forecast.data.parameters import services

    bs = bands()
    year = services().kindergarten_calibration_year  # Udir's December 2017 counts ↔ population 1 January 2018
    if base < year:
        raise ForecastError(f"kindergarten staffing data is from December 2017; choose a base year of {year} or later")
    local = load_kindergartens()
    local = local[local["municipality"] == code]
    notes = []
    if not local.empty:
        counted = local.dropna(subset=[f"children_{a}" for a in range(6)])
        dropped = local["fte"].sum() - counted["fte"].sum()
        children = {str(a): counted[f"children_{a}"].sum() for a in range(6)}
        staff = counted["fte"].sum()
        p = pop(cube, code, year)
        facts = {"kindergartens": len(counted), "children": float(sum(children.values())), "fte": float(staff)}
        if dropped:
            notes.append(note("kindergarten.local_dropin", **facts, dropin=len(local) - len(counted),
                              dropped=float(dropped)))
        else:
            notes.append(note("kindergarten.local", **facts))
        coverage = {b.label: children[b.label] / band_pop(p, b) for b in bs}
        fte = staff
    else:
        nat = national_kindergartens_2017()
        p = pop(cube, NATIONAL, year)
        coverage = {b.label: nat[f"children_{b.lo}"].sum() / band_pop(p, b) for b in bs}
        weighted = sum(nat[f"children_{b.lo}"].sum() * b.weight for b in bs)
        fte_per_weighted = nat["fte"].sum() / weighted
        local_pop = pop(cube, code, year)
        fte = fte_per_weighted * sum(band_pop(local_pop, b) * coverage[b.label] * b.weight for b in bs)
        notes.append(note("kindergarten.national", kind=ASSUMPTION, per_child=float(fte_per_weighted)))
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
            notes.append(note("kindergarten.coverage_moved", first=float(cov12[2017]), last=float(cov12[last - 1]),
                              year=last - 1))
    else:
        notes.append(note("kindergarten.coverage_held", kind=ASSUMPTION))
    # the bemanningsnorm (law since August 2018) is a floor: raise 2017 staffing per child to it where below
    p = pop(cube, code, year)
    kids = {b.label: band_pop(p, b) * coverage[b.label] for b in bs}
    floor = float(norm_fte(sum(kids[a] for a in "012"), sum(kids[a] for a in "345")))
    if fte < floor:
        notes.append(note("kindergarten.norm_floor", kind=ASSUMPTION, fte=float(fte), below=float(1 - fte / floor),
                          floor=floor))
        fte = floor
    return Calibration(
        service="kindergarten", municipality=code, year=year, bands=bs, coverage=coverage, coverage_path=path,
        fte=fte, fte_source="basic-staffing FTEs (grunnbemanning), Udir, December 2017", notes=notes,
        norm=StaffingNorm(3, norm_fte),  # the bemanningsnorm: law since August 2018
    )


def norm_fte(children_under_3: "np.ndarray", children_from_3: "np.ndarray") -> "np.ndarray":
    """Minimum basic-staffing FTE under the bemanningsnorm, for the given children."""
    from forecast.data.parameters import services

    norm = services().kindergarten_staff_norm
    return children_under_3 / norm["under_3"] + children_from_3 / norm["from_3"]
