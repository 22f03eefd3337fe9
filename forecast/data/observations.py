"""The observations of an SSB population table: each cell's region, year, single-year age and sex read from its
labels, with clear errors (naming the lines) for what is not a municipality, a year or one year of age."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.data.labels import BAD_AGE, TOTAL_AGE, age_of, region_of, sex_of, year_of
from forecast.data.parameters import bound_name, bounds
from forecast.data.table import Table
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

SEXES = ["female", "male", "total"]  # sorted: the order of the output


def _fail(table: Table, i: int, bad: list[int], message: str, hint: str) -> None:
    """Raise for categories `bad` of dimension i, citing the lines where they occur."""
    rows = sorted({r for pos in bad for r in table.lines_where(i, pos)})
    first = table.dims[i].describe(bad[0])
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    where = "" if rows else f" in dimension {table.dims[i].name!r}"
    raise DataError(f"{message} {first}{more}{where}", table.path, rows=rows, hint=hint)


def _used(table: Table, i: int) -> "set[int]":
    import numpy as np

    return set(int(x) for x in np.unique(table.positions[i]))


def observations(table: Table, municipality: str | None) -> tuple["pd.DataFrame", list[str], list[str]]:
    """One table → (observations: region, harmonised, year, age, sex, persons, line; notes; skipped regions)."""
    import numpy as np
    import pandas as pd

    notes = list(table.notes)
    noun = "column" if table.source.startswith("StatBank text") else "dimension"
    for role, what in (("year", "year"), ("age", "single-year age")):
        if table.dim(role) is None:
            found = ", ".join(repr(d.name) for d in table.dims)
            raise DataError(f"no {what} found ({noun}s: {found}); expected population by region, age, "
                            "(sex) and year, like SSB table 07459", table.path)
    by_role: dict[str, int] = {}
    for i, d in enumerate(table.dims):
        if d.role == "other":
            if len(d.codes) > 1:
                shown = ", ".join(repr(x) for x in d.labels[:4]) + (", …" if len(d.labels) > 4 else "")
                raise DataError(f"{noun} {d.name!r} has {len(d.codes)} values ({shown}); expected only "
                                "region, age, sex and year to vary", table.path,
                                hint="select a single value of it in StatBank before downloading")
            notes.append(f"ignored {d.name!r}: its only value is {d.labels[0]!r}")
            continue
        if d.role in by_role:
            raise DataError(f"two {noun}s look like {d.role}: {table.dims[by_role[d.role]].name!r} and "
                            f"{d.name!r}", table.path)
        by_role[d.role] = i
    if "contents" in by_role:
        d = table.dims[by_role["contents"]]
        if len(d.codes) > 1:
            raise DataError(f"several contents ({', '.join(repr(x) for x in d.labels)}); expected one count of "
                            "persons", table.path, hint="select only 'Persons' (Personer) in StatBank")
    if "region" not in by_role and municipality is None:
        raise DataError("no region column: cannot tell which municipality the numbers describe", table.path,
                        hint="give --municipality CODE, or export with the region variable")

    keep = ~np.isnan(table.values)
    missing = int((~keep).sum())

    # age
    ia = by_role["age"]
    dim = table.dims[ia]
    age_map = np.array([age_of(c, lab) for c, lab in zip(dim.codes, dim.labels)], dtype=np.int32)
    bad = [p for p in sorted(_used(table, ia)) if age_map[p] == BAD_AGE]
    if bad:
        _fail(table, ia, bad, "cannot read the age", "expected single years like '0 years', '1 år', '105 years or "
              "older' or codes '000'…'105+'; age groups cannot be split into single years")
    lo, hi = bounds().ages
    bad = [p for p in sorted(_used(table, ia)) if age_map[p] >= 0 and not lo <= age_map[p] <= hi]
    if bad:
        _fail(table, ia, bad, f"age outside {lo}–{hi} ({bound_name('ages')}):", "ages are single years of life")
    ages = age_map[table.positions[ia]]
    if (ages == TOTAL_AGE).any():
        notes.append("dropped the all-ages total (the sum of the single ages)")
        keep &= ages != TOTAL_AGE

    # year
    iy = by_role["year"]
    dim = table.dims[iy]
    year_map = np.array([year_of(c, lab) or 0 for c, lab in zip(dim.codes, dim.labels)], dtype=np.int32)
    bad = [p for p in sorted(_used(table, iy)) if year_map[p] == 0]
    if bad:
        _fail(table, iy, bad, "cannot read the year", "expected a four-digit year like 2024")
    lo, hi = bounds().years
    bad = [p for p in sorted(_used(table, iy)) if not lo <= year_map[p] <= hi]
    if bad:
        _fail(table, iy, bad, f"year outside {lo}–{hi} ({bound_name('years')}):",
              "SSB's population by age begins in 1846")
    years = year_map[table.positions[iy]]

    # sex
    if "sex" in by_role:
        isx = by_role["sex"]
        dim = table.dims[isx]
        sex_map = np.array([sex_of(c, lab) or "" for c, lab in zip(dim.codes, dim.labels)], dtype=object)
        bad = [p for p in sorted(_used(table, isx)) if not sex_map[p]]
        if bad:
            _fail(table, isx, bad, "cannot read the sex", "expected Males/Females/Both sexes (menn/kvinner/"
                  "begge kjønn) or SSB codes 1/2/0")
        sex_codes = np.array([SEXES.index(x) if x else 0 for x in sex_map], dtype=np.int8)[table.positions[isx]]
    else:
        sex_codes = np.full(len(table.values), SEXES.index("total"), dtype=np.int8)

    # region
    skipped: list[str] = []
    if "region" in by_role:
        ir = by_role["region"]
        dim = table.dims[ir]
        parsed = [region_of(c, lab) for c, lab in zip(dim.codes, dim.labels)]
        used = _used(table, ir)
        for p, (code, _, why) in enumerate(parsed):
            if code is None and p in used:
                label = dim.labels[p] if dim.codes[p] == dim.labels[p] else f"{dim.codes[p]} {dim.labels[p]}"
                skipped.append(f"{label} ({why})")
        region_cats = sorted({c for c, _, _ in parsed if c})
        code_map = np.array([region_cats.index(c) if c else -1 for c, _, _ in parsed], dtype=np.int32)
        harm_map = np.array([h for _, h, _ in parsed], dtype=bool)
        regions = code_map[table.positions[ir]]
        harmonised = harm_map[table.positions[ir]]
        keep &= regions >= 0
    else:
        region_cats = [municipality]
        regions = np.zeros(len(table.values), dtype=np.int32)
        harmonised = np.ones(len(table.values), dtype=bool)
        notes.append(f"no region in the file: the numbers are taken to describe {municipality}")

    persons = table.values
    most = bounds().persons_per_cell
    for wrong, what, hint in ((keep & (persons < 0), "negative count", "population counts cannot be negative"),
                              (keep & ~np.isnan(persons) & ~(persons <= most),
                               f"more persons than one cell can hold ({most:,.0f}, {bound_name('persons_per_cell')}):",
                               "a misread or corrupted number; check the cell")):
        if wrong.any():
            rows = sorted(set(int(x) for x in table.lines[wrong])) if table.lines is not None else []
            raise DataError(f"{what} {persons[wrong][0]:g}", table.path, rows=rows, hint=hint)
    if missing:
        notes.append(f"{missing:,} cells marked missing (. or ..) were left out".replace(",", " "))
    lines = table.lines if table.lines is not None else np.zeros(len(persons), dtype=np.int32)
    frame = pd.DataFrame({
        "region": pd.Categorical.from_codes(regions[keep], categories=region_cats or [""]),
        "harmonised": harmonised[keep], "year": years[keep], "age": ages[keep].astype(np.int16),
        "sex": pd.Categorical.from_codes(sex_codes[keep], categories=SEXES),
        "persons": persons[keep], "line": lines[keep],
    })
    return frame, notes, skipped


# ------------------------------------------------------------------------------------------------ the whole
