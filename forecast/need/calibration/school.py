"""Primary school: pupils aged 6–15 (enrolment) and teacher FTE per pupil from Udir; national figures where Udir's
exports in data/ do not cover the municipality."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.need.calibration import Band, Calibration, band_pop, latest, pop
from forecast.results.notes import ASSUMPTION, note
from forecast.vocabulary import NATIONAL

if TYPE_CHECKING:
    from forecast.population import PopulationCube

DATA_FILES = [("services", "school", "20260223-1453_Elever_og_skoler.csv"),
              ("services", "school", "20260223-1505_Laerere_og_aarsverk.csv")]


def calibrate(service: str, code: str, cube: "PopulationCube", base: int, **_) -> Calibration:
    from forecast.data.parameters import services
    from forecast.data.school import school_statistics

    lo, hi = services().school_ages
    band = Band(f"{lo}-{hi}", lo, hi)
    stats = school_statistics()
    local = stats[stats["municipality"] == code]
    notes = []
    source = code
    if local.empty:
        local = stats[stats["municipality"] == NATIONAL]
        source = NATIONAL
        notes.append(note("school.no_local_data", kind=ASSUMPTION))
    year = latest(local["year"], base, "Udir primary-school")
    row = local[local["year"] == year].iloc[0]
    enrolment = row["pupils"] / band_pop(pop(cube, source, year), band)
    fte_per_pupil = row["teacher_fte"] / row["pupils"]
    fte = fte_per_pupil * enrolment * band_pop(pop(cube, code, year), band)
    notes.insert(0, note("school.national" if source == NATIONAL else "school.local", pupils=float(row["pupils"]),
                         teacher_fte=float(row["teacher_fte"]), school_year=row["school_year"],
                         enrolment=float(enrolment), lo=lo, hi=hi))
    return Calibration(
        service="primary_school", municipality=code, year=year, bands=[band], coverage={band.label: enrolment},
        fte=fte, fte_source=f"teacher FTEs (lærerårsverk), Udir, school year {row['school_year']}", notes=notes,
    )
