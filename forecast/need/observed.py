"""The calibration history: each service's observed FTE in the years the data has, read as the calibration reads
them, for charts that set the projection against the past."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from forecast.population import PopulationCube


def calibration_history(frame: "pd.DataFrame", scenario: str, cube: "PopulationCube | None" = None
                        ) -> "pd.DataFrame":
    """Observed FTE of each service in the years the data has, as the calibration reads them.

    Given only where it is comparable with the projection: one municipality, and the service calibrates on the
    base year itself to the same FTE the projection starts from (a scenario's own `staffing:` figure, or a service
    calibrated on an earlier year, has no such history). `cube` is the population the scenario ran on (default:
    the shipped history). Columns: scenario, service, year, value, unit.
    """
    import pandas as pd

    from forecast.errors import ForecastError
    from forecast.need.calibration import calibrate
    from forecast.population import load_history

    empty = pd.DataFrame(columns=["scenario", "service", "year", "value", "unit"])
    rows = frame[(frame["scenario"] == scenario) & (frame["variable"] == "fte_before_automation")]
    codes = rows["municipality"].unique().tolist()
    if len(codes) != 1 or rows.empty:
        return empty
    code, base = codes[0], int(rows["year"].min())
    cube = cube if cube is not None else load_history()
    if code not in cube.codes or base > cube.years[-1]:
        return empty
    out = []
    for service, block in rows.groupby("service", sort=False):
        start = float(block.loc[block["year"] == base, "value"].iloc[0])
        try:
            cal = calibrate(service, code, cube, base)
        except ForecastError:
            continue
        if cal.year != base or abs(cal.fte - start) > 0.005 * max(abs(start), 1.0):
            continue
        seen = {}
        for year in range(cube.years[0], base):
            try:
                past = calibrate(service, code, cube, year)
            except ForecastError:
                continue
            if past.year == year and not past.national:  # observed, not a national estimate
                seen[year] = past.fte
        seen[base] = cal.fte
        if len(seen) > 1:
            out += [{"scenario": scenario, "service": service, "year": y, "value": v, "unit": "FTE"}
                    for y, v in sorted(seen.items())]
    return pd.DataFrame(out) if out else empty
