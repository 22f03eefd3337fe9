"""`forecast data import`: SSB population exports in any shape people download → the tidy population frame.

Reads StatBank text exports (comma/semicolon/tab; UTF-8, UTF-8 BOM, Latin-1, UTF-16), JSON-stat 1.0/2.0 and PX
files of population by region, (sex,) single-year age and year (table 07459 and relatives), recodes historical
municipality codes to the 2024 borders with the shipped redistricting table, and returns
`municipality, year, age, sex, persons` (sex male|female|total) with a report of what it did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data.observations import SEXES, observations
from forecast.data.table import Table
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["municipality", "year", "age", "sex", "persons"]


# ---------------------------------------------------------------------------------------------- reading files

def read_table(path: Path) -> Table:
    """Any supported file → Table, the format decided by content (not by the file name)."""
    from forecast.data.delimited import read_delimited
    from forecast.data.jsonstat import looks_like_jsonstat, read_jsonstat
    from forecast.data.px import looks_like_px, px_encoding, read_px
    from forecast.data.text import decode_text

    from forecast.errors import file_kind

    path = Path(path)
    try:
        what = file_kind(path)
        if what:
            raise DataError(f"not a regular file but {what}", path, hint="give the path of an SSB export")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError("file not found", path) from None
    except OSError as exc:
        from forecast.errors import from_os_error

        raise from_os_error(exc, path) or DataError(f"cannot read: {exc.strerror}", path) from None
    if raw.startswith(b"PK\x03\x04"):
        raise DataError("an Excel (or zip) file; the importer reads text exports", path,
                        hint="in StatBank choose 'Save as' CSV, JSON-stat or PX")
    binary = {b"\x1f\x8b": "gzip-compressed data (unzip it first, e.g. gunzip FILE)", b"%PDF": "a PDF document",
              b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}
    for magic, what in binary.items():
        if raw.startswith(magic):
            raise DataError(f"not a text export: {what}", path, hint="import a StatBank CSV, JSON-stat or PX file")
    sample = raw[:4000]
    if b"\x00" in sample and not (sample.count(b"\x00") > len(sample) // 4):  # NULs, but not UTF-16 text
        raise DataError("not a text export: the file holds binary data", path,
                        hint="import a StatBank CSV, JSON-stat or PX file")
    if not raw.strip():
        raise DataError("the file is empty", path)
    declared = px_encoding(raw) if b"DATA=" in raw or b"D\x00A\x00T\x00A\x00=" in raw else None
    text, encoding = decode_text(raw, path, declared)
    if looks_like_jsonstat(text):
        return read_jsonstat(path, text)
    if looks_like_px(text):
        return read_px(path, text)
    return read_delimited(path, text, encoding)


# ----------------------------------------------------------------------------------------------- the report

def _thousands(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


@dataclass
class ImportReport:
    """What the importer read, recoded, skipped and noticed: for the user, on stderr or in a manifest."""

    path: str
    source: str
    rows: int = 0
    municipalities: int = 0
    years: tuple[int, int] | None = None
    sexes: list[str] = field(default_factory=list)
    persons_last_year: float = 0.0
    recoded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        years = f"{self.years[0]}–{self.years[1]}" if self.years else "none"
        last = self.years[1] if self.years else ""
        out = [f"read {self.path}: {self.source}",
               f"population: {_thousands(self.rows)} row{'s' if self.rows != 1 else ''}, {self.municipalities} "
               f"municipalit{'y' if self.municipalities == 1 else 'ies'}, years {years}, "
               f"sex {'/'.join(self.sexes)}; {_thousands(self.persons_last_year)} persons in {last}"]
        if self.recoded:
            out.append(f"recoded to 2024 borders ({len(self.recoded)}):")
            out += [f"  {r}" for r in self.recoded]
        else:
            out.append("recoded to 2024 borders: nothing (all codes are current)")
        if self.skipped:
            out.append(f"skipped regions that are not 2024 municipalities ({len(self.skipped)}):")
            out += [f"  {s}" for s in self.skipped]
        out += [f"note: {n}" for n in self.notes]
        return out


@dataclass
class ImportResult:
    frame: "pd.DataFrame"
    report: ImportReport

    def csv(self) -> str:
        return to_csv_text(self.frame)


# ------------------------------------------------------------------------------------------- observations


def population_from_tables(tables: list[Table], municipality: str | None = None,
                           label: str | None = None) -> ImportResult:
    """Tables (one file, or the parts of one download) → tidy population on 2024 borders, with a report."""
    import pandas as pd

    from forecast.data.recode import recode
    from forecast.data.regions import name_of, resolve_municipality

    code = resolve_municipality(municipality) if municipality else None
    first = tables[0]
    report = ImportReport(label or first.path, _describe(first))
    parts = []
    for t in tables:
        obs, notes, skipped = observations(t, code)
        parts.append(obs)
        report.notes += [n for n in notes if n not in report.notes]
        report.skipped += [s for s in skipped if s not in report.skipped]
    obs = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    for col, cats in (("region", None), ("sex", SEXES)):
        if not isinstance(obs[col].dtype, pd.CategoricalDtype):  # parts with different categories
            obs[col] = pd.Categorical(obs[col], categories=cats)
    if obs.empty or not len(obs["region"].cat.categories.difference([""])):
        skipped = f"; skipped {'; '.join(report.skipped[:5])}" if report.skipped else ""
        raise DataError(f"no municipality rows with numbers found{skipped}", first.path,
                        hint="expected regions like '4601 Bergen', 'K-4601 Bergen' or bare codes")
    _check_duplicates(obs, first.path)
    obs = _drop_redundant_totals(obs, report)

    recoded, report.recoded, unknown = recode(obs)
    report.skipped += [f"{u} (unknown municipality code)" for u in unknown]
    frame = _sum_and_sort(recoded)
    if code is not None:
        frame = frame[frame["municipality"] == code].reset_index(drop=True)
        if frame.empty:
            raise DataError(f"no rows for {code} {name_of(code)} in the file", first.path)
    if frame.empty:
        shown = "; ".join(report.skipped[:5]) + (f" (and {len(report.skipped) - 5} more)" if len(report.skipped) > 5
                                                 else "")
        raise DataError("no rows left after recoding to 2024 municipalities" + (f"; skipped {shown}" if shown else ""),
                        first.path, hint="regions are 2024 municipality codes or SSB's older codes, e.g. 4601 or 1201")
    _note_gaps(frame, report)
    report.rows = len(frame)
    report.municipalities = frame["municipality"].nunique()
    report.years = (int(frame["year"].min()), int(frame["year"].max()))
    present = set(frame["sex"].unique())
    report.sexes = [s for s in ("male", "female", "total") if s in present]
    last = frame[frame["year"] == report.years[1]]
    report.persons_last_year = float(last.loc[last["sex"] != "total", "persons"].sum()
                                     if report.sexes != ["total"] else last["persons"].sum())
    return ImportResult(frame, report)


def import_population(path: Path, municipality: str | None = None) -> ImportResult:
    """Read an SSB population export (CSV/TSV, JSON-stat, PX) and return it tidy, on 2024 borders."""
    return population_from_tables([read_table(Path(path))], municipality)


def _describe(table: Table) -> str:
    """The source, and for text exports where years and sex were found (so a misreading shows)."""
    sex = table.dim("sex")
    if not table.source.startswith("StatBank text"):
        return table.source + ("" if sex else "; no sex (both sexes together)")
    year = table.dim("year")
    text = f"{table.source}; years as {'columns' if year and 'column headers' in year[1].name else 'rows'}"
    if sex:
        return text + ("; sex in the column headers" if "column headers" in sex[1].name else "; sex as a column")
    return text + "; no sex (both sexes together)"


def _key(region_codes, year, age, sex_codes, harmonised=None):
    """One int64 per (region, [harmonised,] year, age, sex): fast duplicate checks and grouping."""
    import numpy as np

    k = region_codes.astype(np.int64)
    if harmonised is not None:
        k = k * 2 + harmonised.astype(np.int64)
    k = (k * 1000 + (year.astype(np.int64) - 1500)) * 512 + age.astype(np.int64)
    return k * 4 + sex_codes.astype(np.int64)


def _check_duplicates(obs: "pd.DataFrame", path: str) -> None:
    import pandas as pd

    import numpy as np

    key = _key(obs["region"].cat.codes.to_numpy(), obs["year"].to_numpy(), obs["age"].to_numpy(),
               obs["sex"].cat.codes.to_numpy(), obs["harmonised"].to_numpy())
    ordered = np.sort(key)
    if not (ordered[1:] == ordered[:-1]).any():
        return
    dup = pd.Series(key).duplicated(keep=False).to_numpy()
    d = obs[dup].sort_values(["region", "year", "age", "sex"])
    first = d.iloc[0]
    same = d[(d["region"] == first["region"]) & (d["year"] == first["year"]) & (d["age"] == first["age"])
             & (d["sex"] == first["sex"])]
    rows = sorted(set(int(x) for x in same["line"] if x))
    raise DataError(f"region {first['region']}, year {first['year']}, age {first['age']}, sex {first['sex']} "
                    "appears more than once", path, rows=rows, hint="each region, year, age and sex once")


def _drop_redundant_totals(obs: "pd.DataFrame", report: ImportReport) -> "pd.DataFrame":
    """Where a file has males, females and both sexes, keep males and females (the total is their sum)."""
    import numpy as np

    sex = obs["sex"].cat.codes.to_numpy()
    total = sex == SEXES.index("total")
    if total.all() or not total.any():
        return obs
    key = _key(obs["region"].cat.codes.to_numpy(), obs["year"].to_numpy(), obs["age"].to_numpy(),
               np.zeros(len(obs), dtype=np.int8), obs["harmonised"].to_numpy())
    drop = total & np.isin(key, key[~total])
    if not drop.any():
        return obs
    report.notes.append("dropped 'both sexes' where males and females are given (it is their sum)")
    return obs[~drop].reset_index(drop=True)


def _sum_and_sort(recoded: "pd.DataFrame") -> "pd.DataFrame":
    """Sum rows that land on the same municipality, year, age and sex (merged codes); sort; plain columns."""
    import numpy as np
    import pandas as pd

    mun = recoded["municipality"].cat.codes.to_numpy()
    sex = recoded["sex"].cat.codes.to_numpy()
    key = _key(mun, recoded["year"].to_numpy(), recoded["age"].to_numpy(), sex)
    order = np.argsort(key, kind="stable")
    persons = recoded["persons"].to_numpy()[order]
    ordered = key[order]
    repeated = ordered[1:] == ordered[:-1]
    if repeated.any():  # codes merged into one municipality: add them up
        starts = np.flatnonzero(np.concatenate([[True], ~repeated]))
        persons = np.add.reduceat(persons, starts)
        order = order[starts]
    return pd.DataFrame({
        "municipality": np.asarray(recoded["municipality"].cat.categories, dtype=object)[mun[order]],
        "year": recoded["year"].to_numpy()[order].astype(np.int64),
        "age": recoded["age"].to_numpy()[order].astype(np.int64),
        "sex": np.asarray(SEXES, dtype=object)[sex[order]],
        "persons": persons,
    })


def _note_gaps(frame: "pd.DataFrame", report: ImportReport) -> None:
    """Note municipality/year/sex groups that lack some ages 0..top (rows are unique, so counting is enough)."""
    import numpy as np
    import pandas as pd

    top = int(frame["age"].max())
    mun, sex = pd.factorize(frame["municipality"])[0], pd.factorize(frame["sex"])[0]
    group, _ = pd.factorize(_key(mun, frame["year"].to_numpy(), np.zeros(len(frame), dtype=np.int8), sex))
    counts = np.bincount(group)
    short = np.flatnonzero(counts != top + 1)
    if len(short):
        rows = frame[group == short[0]]
        m, y, s = rows.iloc[0][["municipality", "year", "sex"]]
        report.notes.append(f"{len(short)} municipality/year/sex groups do not cover every age 0–{top} "
                            f"(e.g. {m} {y} {s}: {len(rows)} ages, {rows['age'].min()}–{rows['age'].max()})")
    from forecast.data.parameters import projection

    open_age = projection().open_age
    if top < open_age:
        report.notes.append(f"WARNING: the oldest age is {top}; a projection needs every age from 0 to {open_age} or "
                            "more (105+ in SSB 07459), so this file cannot be a scenario's population history. Was "
                            "the download cut short?")


def to_csv_text(frame: "pd.DataFrame") -> str:
    """The tidy CSV: exactly `municipality,year,age,sex,persons`; whole counts without decimals."""
    import numpy as np

    p = frame["persons"].to_numpy(dtype=float)
    whole = np.isclose(p, np.round(p), rtol=0, atol=1e-9)
    if whole.all():
        persons = np.round(p).astype(np.int64).astype(str).tolist()
    else:
        persons = np.round(p, 4).astype(str).astype(object)
        persons[whole] = np.round(p[whole]).astype(np.int64).astype(str)
        persons = persons.tolist()
    body = "\n".join(f"{m},{y},{a},{s},{n}" for m, y, a, s, n in zip(
        frame["municipality"].tolist(), frame["year"].tolist(), frame["age"].tolist(), frame["sex"].tolist(),
        persons))
    return ",".join(COLUMNS) + "\n" + body + ("\n" if body else "")


def write_population_csv(result: ImportResult, out: Path) -> Path:
    """Write the tidy CSV atomically (nothing half-written if anything fails)."""
    from forecast.errors import ArgumentError
    from forecast.results.writing import write_atomic

    if Path(out).is_dir():
        example = Path(out) / "population.csv"
        raise ArgumentError(f"<out> {out} is a folder; give a file name for the CSV, e.g. {example}")
    return write_atomic(Path(out), result.csv())
