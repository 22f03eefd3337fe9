"""SSB's own municipal projections, as shipped for the Telemark municipalities (vintages 2016, 2020, 2024, 2026),
by SSB's age groups: the yardstick the built-in projection is scored against."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

AGE_GROUPS = (("0", 0, 0), ("1-5", 1, 5), ("6-12", 6, 12), ("13-15", 13, 15), ("16-19", 16, 19), ("20-44", 20, 44),
              ("45-66", 45, 66), ("67-79", 67, 79), ("80-89", 80, 89), ("90+", 90, 999))  # SSB's age groups
TELEMARK_DIR = ("projections", "telemark")
MERGED = {"Bø (Telemark)": "4020", "Sauherad": "4020"}  # merged into Midt-Telemark in 2020
NOT_MUNICIPALITIES = {"Hele landet", "Telemark", "Vestfold og Telemark"}


def ssb_vintages() -> dict[int, "Path"]:
    """Shipped SSB projection files for the Telemark municipalities, by base (jump-off) year."""
    from forecast.data import data_path

    out = {}
    for path in sorted(data_path(*TELEMARK_DIR).glob("Framskrevet_folkemengde_*.csv")):
        out[int(path.stem.split("_")[-1][:4])] = path
    return out


def load_ssb_projection(base: int, year: int) -> dict[str, "np.ndarray"]:
    """SSB's main-alternative (MMMM) projection from `base` for `year`: municipality code → persons by age group."""
    import re

    import numpy as np
    import pandas as pd

    from forecast.data.checks import require_columns
    from forecast.data.regions import municipalities
    from forecast.errors import DataError

    path = ssb_vintages()[base]
    df = pd.read_csv(path, dtype=str)
    require_columns(df, ["region", "statistikkvariabel", "år", "alder", "value"], path)
    df = df[df["statistikkvariabel"].str.contains("MMMM", regex=False) & (df["år"] == str(year))]
    by_name = {m.name: m.code for m in municipalities().values()}
    labels = {f"{g} år" if g != "90+" else "90 år eller eldre": i for i, (g, _, _) in enumerate(AGE_GROUPS)}
    out: dict[str, np.ndarray] = {}
    for (region, age), value in df.groupby(["region", "alder"])["value"].sum().items():
        name = re.sub(r" \((\d{4})?-(\d{4})?\)$", "", region)
        if name in NOT_MUNICIPALITIES:
            continue
        code = MERGED.get(name) or by_name.get(name)
        if code is None or age not in labels:
            raise DataError(f"unknown region {region!r} or age group {age!r}", path)
        out.setdefault(code, np.zeros(len(AGE_GROUPS)))[labels[age]] += float(value)
    return out
