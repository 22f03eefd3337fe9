"""Home care and nursing homes: users and residents by age band from the care panel (SSB 12292/11645), and the whole
user-facing care workforce (SSB 12292, all occupations) split between the two services by the cross-municipality
fit of forecast.data.care_split, so home_care + nursing_home equal the municipality's 12292 FTE in the calibration
year exactly (forecast.data.care_history)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.need.calibration import Band, Calibration, band_pop, latest, pop
from forecast.results.notes import ASSUMPTION, Note, note

if TYPE_CHECKING:
    import numpy as np

    from forecast.population import PopulationCube

DATA_FILES = [("services", "care", "care_panel_2007_2025_b2024.csv"),
              ("services", "care", "ssb12292_care_fte_and_users_2015_2025.csv"),
              ("services", "care", "ssb14533_care_fte_by_occupation_2024_2025.csv"),
              ("services", "care", "ssb14533_occupations.csv")]
FTE_COLUMN = {"home_care": "home_care_fte", "nursing_home": "nursing_home_fte"}


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


@lru_cache(maxsize=8)
def national_fte_per_weighted_user(year: int) -> tuple[float, int]:
    """User-facing care FTE per weighted user (home-care users + w × residents) over the municipalities SSB 12292
    has in `year`, and how many they are."""
    from forecast.data.care_history import fte_per_user_history

    h = fte_per_user_history()
    rows = h[h["year"] == year]
    return float(rows["user_facing_care_fte"].sum() / rows["weighted_users"].sum()), len(rows)


def _users(row, prefix: str, bs: list[Band], p: "np.ndarray", total: float) -> tuple[dict[str, float], list[Note]]:
    """Users by band; a suppressed band is the total minus the others, split by population × national coverage."""
    notes = []
    cols = {"0-66": f"{prefix}_0_66", "67-79": f"{prefix}_67_79", "80+": f"{prefix}_80p"}
    users = {b.label: (row[cols[b.label]] if row is not None else float("nan")) for b in bs}
    missing = [k for k, v in users.items() if v != v]  # NaN
    if missing:
        rest = max(total - sum(v for v in users.values() if v == v), 0.0)
        if len(missing) == 1:
            users[missing[0]] = rest
            key = "care.band_rest"
        else:
            rates = national_coverage(prefix, int(row["year"]) if row is not None else 2025)
            expected = {b.label: band_pop(p, b) * rates[b.label] for b in bs if b.label in missing}
            weight = sum(expected.values()) or 1.0
            for k in missing:
                users[k] = rest * expected[k] / weight
            key = "care.band_split"
        notes.append(note(key, service=prefix, bands=", ".join(missing)))
    return users, notes


def split_note() -> Note:
    """The assumption every care calibration rests on: how the 12292 total is split between the services."""
    from forecast.data.care_split import fit_split

    fit = fit_split()
    return note("care.split", kind=ASSUMPTION, source="data/parameters/care_split.yaml", ratio=fit.ratio,
                se=fit.se_ratio, method=fit.method, n=fit.n, places=fit.municipalities,
                years=f"{fit.years[0]}–{fit.years[-1]}", r2=fit.r2_weighted, home_care=fit.home_care,
                nursing_home=fit.nursing_home)


@lru_cache(maxsize=4)
def _by_municipality(table) -> dict[str, list[dict]]:
    """The rows of a municipality-year table (a cached loader) as records by municipality, years ascending: one
    look-up per municipality instead of a scan of the whole table."""
    out: dict[str, list[dict]] = {}
    for record in table().sort_values("year").to_dict(orient="records"):
        out.setdefault(record["municipality"], []).append(record)
    return out


def _national(service: str, cube: "PopulationCube", code: str, base: int) -> Calibration:
    """Fallback where SSB 12292 has no FTE for the municipality up to `base`: its users (national coverage where
    the care panel has none) × national user-facing FTE per weighted user."""
    from forecast.data.care import load_care_panel
    from forecast.data.care_history import fte_per_user_history, national_resident_ratio
    from forecast.data.care_split import fit_split

    panel = load_care_panel()
    bs = bands()
    h = fte_per_user_history()
    year = latest(h["year"], base, "SSB 12292 care FTE")
    local = panel[(panel["municipality"] == code) & (panel["year"] == year)].dropna(subset=[f"{service}_total"])
    p = pop(cube, code, year)
    notes: list[Note] = []
    if local.empty:
        rates = national_coverage(service, year)
        coverage = {b.label: rates[b.label] for b in bs}
        users = sum(band_pop(p, b) * coverage[b.label] for b in bs)
    else:
        row = local.iloc[0]
        by_band, notes = _users(row, service, bs, p, float(row[f"{service}_total"]))
        coverage = {b.label: by_band[b.label] / band_pop(p, b) if band_pop(p, b) else 0.0 for b in bs}
        users = float(row[f"{service}_total"])
    per, n = national_fte_per_weighted_user(year)
    weight = 1.0 if service == "home_care" else fit_split().ratio * national_resident_ratio()
    fte = per * weight * users
    notes.append(note("care.national", kind=ASSUMPTION, service=service, n=n, year=year, per_user=per * weight))
    return Calibration(
        service=service, municipality=code, year=year, bands=bs, coverage=coverage, fte=fte,
        fte_source=f"national user-facing care FTE per weighted user (SSB 12292) × users, {year}", national=True,
        notes=[*notes, split_note()],
    )


def calibrate(service: str, code: str, cube: "PopulationCube", base: int, **_) -> Calibration:
    """Calibrate on the latest year up to `base` in which SSB 12292 has the municipality's user-facing care FTE
    (on 2024 borders): its share for `service` is the calibration FTE; users by band from the care panel (from
    12292's counts where the panel suppressed them)."""
    from forecast.data.care import load_care_panel
    from forecast.data.care_history import fte_per_user_history, national_resident_ratio, resident_ratio

    mine = [r for r in _by_municipality(fte_per_user_history).get(code, []) if r["year"] <= base]
    if not mine:
        return _national(service, cube, code, base)
    hist = mine[-1]
    year = int(hist["year"])
    row = next((r for r in _by_municipality(load_care_panel).get(code, []) if r["year"] == year), None)
    bs = bands()
    p = pop(cube, code, year)
    notes: list[Note] = []
    total = row[f"{service}_total"] if row is not None else float("nan")
    if total != total:  # the panel suppressed it: 12292's count (residents: long-term share of it)
        total = float(hist["home_care_users"])
        if service == "nursing_home":
            ratios = dict(zip(*resident_ratio()[["municipality", "ratio"]].to_numpy().T))
            total = float(hist["nursing_home_residents"]) / float(ratios.get(code, national_resident_ratio()))
        notes.append(note("care.users_from_12292", service=service, users=total, year=year))
    users, more = _users(row, service, bs, p, total)
    notes += more
    coverage = {b.label: users[b.label] / band_pop(p, b) if band_pop(p, b) else 0.0 for b in bs}
    if year < base - 3:
        notes.append(note("care.old_users", service=service, year=year))
    if hist["imputed"]:
        from forecast.data.parameters import care_split

        words = {"home_care_users": ("home-care users", "hjemmetjenestebrukere"),
                 "nursing_home_residents": ("nursing-home residents", "sykehjemsbeboere")}
        gone = [words.get(c.strip(), (c.strip(), c.strip())) for c in hist["imputed"].split(",")]
        notes.append(note("care.suppressed", kind=ASSUMPTION, counts=" and ".join(en for en, _ in gone),
                          counts_nb=" og ".join(nb for _, nb in gone), year=year, fill=care_split().suppressed_count))
    fte = float(hist[FTE_COLUMN[service]])
    notes.append(note("care.users_and_fte", service=service, users=float(total), fte=fte, year=year,
                      total=float(hist["user_facing_care_fte"]), share=fte / float(hist["user_facing_care_fte"])))
    notes.append(split_note())
    return Calibration(
        service=service, municipality=code, year=year, bands=bs, coverage=coverage, fte=fte,
        fte_source=f"user-facing care FTE, all occupations (SSB 12292), {year}, share for {service}", notes=notes,
    )
