"""Kindergarten data: Bergen's 265 kindergartens (Udir 2017), Udir's national 2017 unit files, SSB 13502 coverage.

Udir counts children and FTEs on 15 December; those of December 2017 are matched with the population on
1 January 2018 (children 1–2 / population 1–2 = 86.4 % for Bergen, exactly SSB 13502's figure for 2017).
SSB 13502's share for year t is likewise matched with the population on 1 January t+1.
"""

from __future__ import annotations

from functools import lru_cache

from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_codes, require_columns, require_file, require_numbers
from forecast.data.text import read_text
from forecast.errors import DataError

if TYPE_CHECKING:
    import pandas as pd

BERGEN_FILE = ("services", "kindergarten", "udir_bergen_4601_kindergartens_2017.csv")
COVERAGE_FILE = ("services", "kindergarten", "ssb13502_share_children_1_2_in_kindergarten_2015_2023.csv")
NATIONAL_FTE_FILE = ("services", "kindergarten", "barnehager_aarsverk_grunnbemanning_orgnr.txt")
NATIONAL_CHILDREN_FILE = ("services", "kindergarten", "barnehager_barn_alder_orgnr_fikset.txt")
AGES = list(range(6))


@lru_cache(maxsize=4)
def load_kindergartens(path: Path | None = None) -> "pd.DataFrame":
    """One row per kindergarten: `municipality, year, orgnr, name, fte, children_0 … children_5` (counts may be missing)."""
    import pandas as pd

    path = require_file(Path(path) if path else data_path(*BERGEN_FILE))
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    cols = ["kommunenr", "aar", "orgnr", "barnehage", "grunnbemanning_aarsverk"] + [f"barn_{a}" for a in AGES]
    require_columns(df, cols, path)
    require_codes(df, "kommunenr", path)
    df = require_numbers(df, ["aar", "grunnbemanning_aarsverk"], path)
    df = require_numbers(df, [f"barn_{a}" for a in AGES], path, allow_missing=True)
    df = df.rename(columns={"kommunenr": "municipality", "aar": "year", "barnehage": "name",
                            "grunnbemanning_aarsverk": "fte", **{f"barn_{a}": f"children_{a}" for a in AGES}})
    df["year"] = df["year"].astype(int)
    return df


@lru_cache(maxsize=4)
def load_coverage_1_2(path: Path | None = None) -> "pd.DataFrame":
    """SSB 13502: `municipality, year, share` (share of children aged 1–2 in kindergarten, 0–1+; missing dropped)."""
    path = require_file(Path(path) if path else data_path(*COVERAGE_FILE))
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    require_columns(df, ["region_kode", "aar", "andel_barn_1_2_aar_i_barnehage_prosent"], path)
    df = df[df["region_kode"].str.fullmatch(r"\d{4}")].reset_index(drop=True)
    df = require_numbers(df, ["aar", "andel_barn_1_2_aar_i_barnehage_prosent"], path, allow_missing=True)
    df = df.dropna(subset=["andel_barn_1_2_aar_i_barnehage_prosent"])
    from forecast.data.regions import one_to_one_recoding

    years = df["aar"].astype(int).to_numpy()
    recode = {int(y): one_to_one_recoding(int(y)) for y in set(years)}
    # old codes (1201 Bergen until 2019) → 2024 borders where 1:1; a lookup per row (Series.replace with a large
    # mapping took 0.5 s here)
    codes = pd.Series([recode[y].get(c, c) for y, c in zip(years, df["region_kode"])], index=df.index,
                      dtype=df["region_kode"].dtype)
    out = pd.DataFrame({
        "municipality": codes,
        "year": df["aar"].astype(int),
        "share": df["andel_barn_1_2_aar_i_barnehage_prosent"] / 100.0,
    })
    return out.drop_duplicates(["municipality", "year"], keep="last").reset_index(drop=True)


def _read_udir_tab(path: Path) -> "pd.DataFrame":
    import io

    import pandas as pd

    path = require_file(path)
    try:
        return pd.read_csv(io.StringIO(read_text(path)), sep="\t", dtype=str, keep_default_na=False, na_values=[""])
    except pd.errors.ParserError as exc:
        raise DataError(f"cannot read as a tab-separated Udir export: {exc}", path) from None


@lru_cache(maxsize=4)
def national_kindergartens_2017() -> "pd.DataFrame":
    """Every kindergarten in Norway, 2017: `orgnr, fte, children_0 … children_5` (inner join of Udir's two files)."""
    fte_path, kids_path = data_path(*NATIONAL_FTE_FILE), data_path(*NATIONAL_CHILDREN_FILE)
    fte = _read_udir_tab(fte_path)
    kids = _read_udir_tab(kids_path)
    fte_col = next((c for c in fte.columns if "Grunnbemanning" in c), None)
    if fte_col is None or "Organisasjonsnummer" not in fte.columns:
        raise DataError("expected columns Organisasjonsnummer and '…Grunnbemanning totalt'", fte_path)
    age_cols = {f"2017.Alle eierformer.{a} år": f"children_{a}" for a in AGES}
    require_columns(kids, ["Organisasjonsnummer", *age_cols], kids_path)
    fte = require_numbers(fte.rename(columns={fte_col: "fte"}), ["fte"], fte_path, allow_missing=True)
    kids = require_numbers(kids.rename(columns=age_cols), list(age_cols.values()), kids_path, allow_missing=True)
    both = fte[["Organisasjonsnummer", "fte"]].merge(
        kids[["Organisasjonsnummer", *age_cols.values()]], on="Organisasjonsnummer", how="inner"
    )
    return both.rename(columns={"Organisasjonsnummer": "orgnr"}).dropna()
