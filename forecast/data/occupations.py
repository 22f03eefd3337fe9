"""Occupation mixes: the share of each service's FTE by occupation. Care from each municipality's user-facing
occupation mix (SSB 14533); kindergarten at the norms (pedagogical leaders and assistants); primary school teachers.
A scenario's changes to a mix (`occupations:`) are applied by `shifted`.

SSB 14533 counts agreed FTE in the care services by occupation (14 groups), not by service; 12292 counts the
user-facing FTE the tool calibrates on. The user-facing groups of 14533 are gathered into the tool's care occupations
(`care_occupations` in data/parameters/occupations.yaml); managers, kitchen, cleaning and office staff
(NOT_USER_FACING) are left out, which is what separates 14533's total from 12292's user-facing FTE (149,241 against
148,553 nationally in 2025). A group SSB did not publish for a municipality (a small cell) counts as zero in its mix.
Home care and nursing homes get the same mix: 14533 has no service dimension, and the nurse-only split fit gives
nearly the same ratio of FTE per resident to per user as the whole workforce's (docs/model.md, section 3).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from forecast.data.care_workforce import NOT_USER_FACING, TOTAL
from forecast.errors import ForecastError

if TYPE_CHECKING:
    import pandas as pd


@lru_cache(maxsize=4)
def user_facing_fte(year: int | None = None) -> "pd.DataFrame":
    """SSB 14533 agreed FTE by care occupation, user-facing groups only, wide: municipality, year, <occupation>…,
    user_facing (their sum), left_out (the non-user-facing groups), total (SSB's)."""
    from forecast.data.care_workforce import load_fte_by_occupation
    from forecast.data.parameters import occupations

    groups = occupations().care_groups
    df = load_fte_by_occupation()
    if year is not None:
        df = df[df["year"] == year]
    wide = df.pivot_table(index=["municipality", "year"], columns="occupation", values="fte", aggfunc="sum")
    wide = wide.fillna(0.0)
    out = wide[[]].copy()
    for occupation, members in groups.items():
        out[occupation] = wide.reindex(columns=list(members), fill_value=0.0).sum(axis=1)
    out["user_facing"] = out[list(groups)].sum(axis=1)
    out["left_out"] = wide.reindex(columns=list(NOT_USER_FACING), fill_value=0.0).sum(axis=1)
    out["total"] = wide[TOTAL]
    return out.reset_index()


@lru_cache(maxsize=1)
def mix_years() -> tuple[int, ...]:
    """The years SSB 14533 has an occupation mix for."""
    from forecast.data.care_workforce import load_fte_by_occupation

    return tuple(sorted(load_fte_by_occupation()["year"].unique().tolist()))


@lru_cache(maxsize=4)
def occupation_mix(year: int) -> "pd.DataFrame":
    """Share of each municipality's user-facing care FTE by occupation (rows sum to 1), indexed by municipality,
    one column per care occupation; and a row `0000` for the country as a whole."""
    from forecast.data.parameters import occupations
    from forecast.vocabulary import NATIONAL

    names = list(occupations().care_groups)
    fte = user_facing_fte(year)
    if fte.empty:
        raise ForecastError(f"SSB 14533 has no FTE by occupation for {year}; it has "
                            f"{', '.join(map(str, mix_years()))}")
    fte = fte[fte["user_facing"] > 0].set_index("municipality")
    mix = fte[names].div(fte["user_facing"], axis=0)
    national = fte[names].sum() / fte["user_facing"].sum()
    mix.loc[NATIONAL] = national
    return mix


def mix_year(base: int) -> int:
    """The year whose mix a projection from `base` starts from: the latest SSB 14533 year up to `base` (the first
    year where `base` is earlier than every year 14533 has)."""
    years = mix_years()
    usable = [y for y in years if y <= base]
    return usable[-1] if usable else years[0]


@lru_cache(maxsize=4)
def _mix_records(year: int) -> dict[str, dict[str, float]]:
    """occupation_mix(year) as plain mappings: municipality → care occupation → share."""
    mix = occupation_mix(year)
    return {code: {o: float(v) for o, v in zip(mix.columns, row)} for code, row in zip(mix.index, mix.to_numpy())}


def base_mix(service: str, code: str, base: int) -> tuple[dict[str, float], int | None, bool]:
    """The occupation shares of `service` in `code` at the start of a projection from `base` (summing to 1): the
    mix, the SSB 14533 year it is from (None: not from data) and whether it is the national mix (no local one)."""
    from forecast.data.parameters import occupations
    from forecast.vocabulary import CARE, NATIONAL, occupations_of

    params = occupations()
    if service in CARE:
        year = mix_year(base)
        mixes = _mix_records(year)
        national = code not in mixes
        return dict(mixes[NATIONAL if national else code]), year, national
    shares = params.kindergarten_shares if service == "kindergarten" else params.school_shares
    return {o: float(shares[o]) for o in occupations_of(service)}, None, False


def shifted(mix: dict[str, float], changes: dict[str, float], balance: str | None, fraction: float
            ) -> dict[str, float]:
    """The mix after `fraction` (0 in the base year, 1 in the end year) of a scenario's `changes` (share points by
    the end year); `balance` takes up what the named changes add or remove, unless it is named itself."""
    out = {o: s + changes.get(o, 0.0) * fraction for o, s in mix.items()}
    if balance is not None and balance not in changes:
        out[balance] -= sum(changes.values()) * fraction
    return out
