"""The care-services panel (Telemarksforsking's 'Fram' tool, from SSB tables), all municipalities, 2007–2025.

Users are counted in year t and matched with the population on 1 January t, as the panel's authors did.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from forecast.data import data_path
from forecast.data.checks import require_codes, require_columns, require_file, require_numbers
from forecast.errors import DataError

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
    """Users by age band (persons) and nurses' FTE per municipality and year; empty cells stay missing. Care FTE
    for calibration come from SSB 12292 (forecast.data.care_history); nurses' FTE are kept as a check."""
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
