"""Home care and nursing homes: users and residents by age band from the care panel (SSB 12292/11645), nurses' FTE
(SSB 11924/14534) split between the two services by national nurse FTE per user."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.data.care import nurse_intensity
from forecast.need.calibration import Band, Calibration, band_pop, latest, pop
from forecast.results.notes import ASSUMPTION, Note, note

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube

DATA_FILES = [("services", "care", "care_panel_2007_2025_b2024.csv")]


def bands() -> list[Band]:
    from forecast.data.parameters import services

    return [Band(label, lo, hi) for label, (lo, hi) in services().care_age_bands.items()]


@lru_cache(maxsize=8)
def national_coverage(service: str, year: int) -> dict[str, float]:
    """Users per inhabitant by age band, summed over municipalities that publish every band in `year`."""
    from forecast.data.care import load_care_panel
    from forecast.population import load_history

    panel = load_care_panel()
    cols = {"0-66": f"{service}_0_66", "67-79": f"{service}_67_79", "80+": f"{service}_80p"}
    rows = panel[panel["year"] == year].dropna(subset=list(cols.values()))
    if rows.empty:  # a band never published (home care 67–79 from 2017): the total minus the other two
        rows = panel[panel["year"] == year].dropna(subset=[cols["0-66"], cols["80+"], f"{service}_total"]).copy()
        rows[cols["67-79"]] = rows[f"{service}_total"] - rows[cols["0-66"]] - rows[cols["80+"]]
    cube = load_history()
    out = {}
    for b in bands():
        idx = [cube.index(m) for m in rows["municipality"] if m in cube.codes]
        people = cube.values[idx, cube.years.index(min(year, cube.years[-1]))][:, :, b.lo : b.hi + 1].sum()
        out[b.label] = rows[cols[b.label]].sum() / people if people else 0.0
    return out


def _users(row, prefix: str, bs: list[Band], p: "np.ndarray") -> tuple[dict[str, float], list[Note]]:
    """Users by band; a suppressed band is the total minus the others, split by population × national coverage."""
    notes = []
    total = row[f"{prefix}_total"]
    cols = {"0-66": f"{prefix}_0_66", "67-79": f"{prefix}_67_79", "80+": f"{prefix}_80p"}
    users = {b.label: row[cols[b.label]] for b in bs}
    missing = [k for k, v in users.items() if v != v]  # NaN
    if missing:
        rest = max(total - sum(v for v in users.values() if v == v), 0.0)
        if len(missing) == 1:
            users[missing[0]] = rest
            key = "care.band_rest"
        else:
            rates = national_coverage(prefix, int(row["year"]))
            expected = {b.label: band_pop(p, b) * rates[b.label] for b in bs if b.label in missing}
            weight = sum(expected.values()) or 1.0
            for k in missing:
                users[k] = rest * expected[k] / weight
            key = "care.band_split"
        notes.append(note(key, service=prefix, bands=", ".join(missing)))
    return users, notes


def _national(service: str, cube: "PopulationCube", code: str, base: int) -> Calibration:
    """Fallback where a municipality's users are not published: national coverage by band and nurse FTE per user."""
    from forecast.data.care import load_care_panel

    panel = load_care_panel()
    bs = bands()
    cols = {"0-66": f"{service}_0_66", "67-79": f"{service}_67_79", "80+": f"{service}_80p"}
    complete = panel.dropna(subset=list(cols.values()))
    year = latest(complete["year"], base, service)
    rows = complete[complete["year"] == year]
    pops = {m: pop(cube, m, year) for m in rows["municipality"] if m in cube.codes}
    rows = rows[rows["municipality"].isin(list(pops))]
    coverage = {b.label: rows[cols[b.label]].sum() / sum(band_pop(pops[m], b) for m in rows["municipality"])
                for b in bs}
    k = nurse_intensity(base)
    fte = k[service] * sum(band_pop(pop(cube, code, year), b) * coverage[b.label] for b in bs)
    return Calibration(
        service=service, municipality=code, year=year, bands=bs, coverage=coverage, fte=fte,
        fte_source=f"national nurse FTE per user × national coverage, {year}", national=True,
        notes=[note("care.national", kind=ASSUMPTION, service=service, n=len(rows), year=year, per_user=k[service])],
    )


def calibrate(service: str, code: str, cube: "PopulationCube", base: int,
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
        return _national(service, cube, code, base)
    with_fte = local.dropna(subset=["nurse_fte"])
    year = latest((with_fte if not with_fte.empty else local)["year"], base, f"{service}")
    row = local[local["year"] == year].iloc[0]
    bs = bands()
    p = pop(cube, code, year)
    users, notes = _users(row, prefix, bs, p)
    coverage = {b.label: users[b.label] / band_pop(p, b) if band_pop(p, b) else 0.0 for b in bs}
    k = nurse_intensity(split_year or base)
    if year < base - 3:
        notes.append(note("care.old_users", service=service, year=year))
    other = "nursing_home" if service == "home_care" else "home_care"
    notes.append(note("care.nurses_only", kind=ASSUMPTION, service=service, home_care=k["home_care"],
                      nursing_home=k["nursing_home"], n=k["n"], year=k["year"]))
    national = False
    if row["nurse_fte"] == row["nurse_fte"]:
        mine, theirs = k[service] * row[f"{prefix}_total"], k[other] * row[f"{other}_total"]
        theirs = theirs if theirs == theirs else 0.0
        fte = row["nurse_fte"] * mine / (mine + theirs)
        source = f"nurses' FTE in the care services (SSB 11924/14534), {year}, share for {service}"
    else:
        fte = k[service] * row[f"{prefix}_total"]
        source = f"national nurse FTE per user × local users, {year} (local nurse FTE not published)"
        national = True
    notes.append(note("care.users_and_fte", service=service, users=float(row[f"{prefix}_total"]), fte=float(fte),
                      year=year))
    return Calibration(
        service=service, municipality=code, year=year, bands=bs, coverage=coverage, fte=fte, fte_source=source,
        national=national, notes=notes,
    )
