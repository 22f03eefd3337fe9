"""The data behind the pages of reports on many municipalities: need per county and per municipality (with the
point each municipality is drawn at on the bubble map). Read from the frame and the Result's places only."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from forecast.report.views import services_only

if TYPE_CHECKING:
    import pandas as pd

    from forecast.results.context import Places


def by_municipality(frame: "pd.DataFrame", places: "Places", scenario: str, base: int, end: int) -> "pd.DataFrame":
    """FTE need (all services) per municipality in the base and end year: municipality, name, county,
    county_name, lon, lat, fte_base, fte_end, change, change_share, unit (lon/lat empty where no point is known)."""
    import pandas as pd

    f = services_only(frame)
    f = f[(f["scenario"] == scenario) & (f["variable"] == "fte") & f["year"].isin([base, end])]
    wide = f.pivot_table(index="municipality", columns="year", values="value", aggfunc="sum")
    out = pd.DataFrame({"municipality": wide.index.astype(str), "fte_base": wide[base].to_numpy(float),
                        "fte_end": wide[end].to_numpy(float)})
    out["name"] = out["municipality"].map(places.name)
    out["county"] = out["municipality"].map(lambda c: places.county(c) or "")
    out["county_name"] = out["county"].map(lambda c: places.county_names.get(c, c))
    out["lon"] = out["municipality"].map(lambda c: places.points.get(c, (float("nan"),) * 2)[0])
    out["lat"] = out["municipality"].map(lambda c: places.points.get(c, (float("nan"),) * 2)[1])
    out["change"] = out["fte_end"] - out["fte_base"]
    out["change_share"] = out["change"] / out["fte_base"].where(out["fte_base"] > 0)
    out["unit"] = "FTE; change_share as a fraction"
    return out[["municipality", "name", "county", "county_name", "lon", "lat", "fte_base", "fte_end", "change",
                "change_share", "unit"]]


def by_county(frame: "pd.DataFrame", places: "Places", scenario: str, base: int, end: int,
              totals: "pd.DataFrame | None" = None) -> "pd.DataFrame":
    """FTE need (all services) per county in the base and end year, and hires over the years after the base
    year where the frame has them: county, name, municipalities, fte_base, fte_end, change, change_share, hires,
    lower_end, upper_end, unit. The end year's interval is the draws' (`totals`: the county's municipalities
    summed draw by draw); without draws a sum carries none (forecast.results.totals)."""
    muni = by_municipality(frame, places, scenario, base, end)
    f = services_only(frame)
    hires = f[(f["scenario"] == scenario) & (f["variable"] == "hires") & (f["unit"] == "persons")
              & (f["year"] > base)].groupby("municipality")["value"].sum()
    muni["hires"] = muni["municipality"].map(hires) if not hires.empty else float("nan")
    out = muni.groupby(["county", "county_name"], as_index=False).agg(
        municipalities=("municipality", "size"), fte_base=("fte_base", "sum"), fte_end=("fte_end", "sum"),
        hires=("hires", lambda s: s.sum(min_count=1)))
    out = out.rename(columns={"county_name": "name"})
    out["change"] = out["fte_end"] - out["fte_base"]
    out["change_share"] = out["change"] / out["fte_base"]
    out["unit"] = "FTE; hires in persons; change_share as a fraction"
    out = out.sort_values("county").reset_index(drop=True)
    drawn = county_intervals(totals, scenario, end)
    out["lower_end"] = out["county"].map(lambda c: drawn.get(c, (float("nan"),) * 2)[0])
    out["upper_end"] = out["county"].map(lambda c: drawn.get(c, (float("nan"),) * 2)[1])
    return out[["county", "name", "municipalities", "fte_base", "fte_end", "change", "change_share", "hires",
                "lower_end", "upper_end", "unit"]]


COUNTY = re.compile(r"^county (\d+)\b")  # how the draws name a county's sum in Result.totals ("county 46 Vestland")


def county_intervals(totals: "pd.DataFrame | None", scenario: str, year: int) -> dict[str, tuple[float, float]]:
    """County code → the interval (lower, upper) of its FTE need (all services) in `year`, drawn draw by draw."""
    if totals is None or totals.empty:
        return {}
    t = services_only(totals)
    t = t[(t["scenario"] == scenario) & (t["service"] == "all") & (t["variable"] == "fte") & (t["year"] == year)]
    out = {}
    for row in t.itertuples():
        m = COUNTY.match(str(row.municipality))
        if m:
            out[m.group(1)] = (float(row.lower), float(row.upper))
    return out
