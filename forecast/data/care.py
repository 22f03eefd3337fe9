"""The care-services panel (Telemarksforsking's 'Fram' tool, from SSB tables), all municipalities, 2007–2025.

Users are counted in year t and matched with the population on 1 January t, as the panel's authors did.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_codes, require_columns, require_file, require_numbers
from forecast.errors import DataError, ForecastError

if TYPE_CHECKING:
    import pandas as pd

CARE_FILE = ("services", "care", "care_panel_2007_2025_b2024.csv")
RENAME = {
    "kommunenr_2024": "municipality",
    "år": "year",
    "Y_1_a_ialt": "home_care_total",
    "Y_1_a_0_66": "home_care_0_66",
    "Y_1_a_67_79": "home_care_67_79",
    "Y_1_a_80p": "home_care_80p",
    "Y_3_a_ialt": "nursing_home_total",
    "Y_3_a_0_66": "nursing_home_0_66",
    "Y_3_a_67_79": "nursing_home_67_79",
    "Y_3_a_80p": "nursing_home_80p",
    "Y_5_ialt": "nurse_fte",
}


@lru_cache(maxsize=4)
def load_care_panel(path: Path | None = None) -> "pd.DataFrame":
    """Users by age band (persons) and nurses' FTE per municipality and year; empty cells stay missing."""
    import pandas as pd

    path = require_file(Path(path) if path else data_path(*CARE_FILE))
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataError(f"cannot read as UTF-8 CSV: {exc}", path) from None
    require_columns(df, list(RENAME), path)
    df = df[list(RENAME)].rename(columns=RENAME)
    require_codes(df, "municipality", path)
    numbers = [c for c in df.columns if c != "municipality"]
    df = require_numbers(df, ["year"], path)
    df = require_numbers(df, numbers[1:], path, allow_missing=True)
    df["year"] = df["year"].astype(int)
    return df


@lru_cache(maxsize=4)
def nurse_intensity(year: int) -> dict[str, float]:
    """National nurse FTE per home-care user and per nursing-home resident, by least squares across municipalities.

    The panel has nurses' FTE for the care services as a whole; this splits it between the two services.
    """
    import numpy as np

    from forecast.data.parameters import services

    panel = load_care_panel().dropna(subset=["nurse_fte", "home_care_total", "nursing_home_total"])
    counts = panel.groupby("year").size()
    usable = counts[(counts >= services().nurse_split_min_municipalities) & (counts.index <= year)]
    if usable.empty:
        raise ForecastError(f"too few municipalities with nurse FTE in or before {year} to split it between services")
    year = int(usable.index.max())
    d = panel[panel["year"] == year]
    x = d[["home_care_total", "nursing_home_total"]].to_numpy(float)
    coef, *_ = np.linalg.lstsq(x, d["nurse_fte"].to_numpy(float), rcond=None)
    coef = np.clip(coef, 1e-6, None)
    return {"home_care": float(coef[0]), "nursing_home": float(coef[1]), "n": len(d), "year": year}
