"""Who works in an occupation, by age, and how they leave: age profiles by occupation, turnover by age, exit rates
scaled to an occupation's turnover, and the ages at which hires enter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.errors import DataError, ForecastError

if TYPE_CHECKING:
    import numpy as np

MIN_AGE = 18


def _municipal_profile(ages: "np.ndarray") -> "np.ndarray":
    """KS's age-group shares spread over single years: density interpolated linearly between group midpoints."""
    import numpy as np

    from forecast.data.parameters import workforce

    groups = workforce().municipal_age_shares
    bounds = [tuple(int(x) for x in g.split("-")) for g in groups]
    mids = [(lo + hi) / 2 for lo, hi in bounds]
    dens = [share / (hi - lo + 1) for (lo, hi), share in zip(bounds, groups.values())]
    every = np.arange(bounds[0][0], bounds[-1][1] + 1)
    full = np.interp(every, mids, dens)
    for (lo, hi), share in zip(bounds, groups.values()):  # keep each group's share exactly
        sel = (every >= lo) & (every <= hi)
        full[sel] *= share / full[sel].sum()
    by_age = dict(zip(every.tolist(), full))
    return np.array([by_age.get(int(a), 0.0) for a in ages])


def age_profile(group: str, ages: "np.ndarray") -> "np.ndarray":
    """Persons of an occupation by single-year age (shares summing to 1 over `ages`)."""
    import numpy as np

    from forecast.data import data_path
    from forecast.data.laerermod import laerermod_file, laerermod_profiles
    from forecast.data.parameters import occupations

    source = occupations().age_profile.get(group)
    if source == "municipal_age_shares":
        out = _municipal_profile(ages)
    elif isinstance(source, str) and source.startswith("laerermod:"):
        counts = laerermod_profiles().get(source.split(":", 1)[1])
        if not counts:
            raise DataError(f"no rows for education code {source.split(':', 1)[1]!r}",
                            laerermod_file(), hint="age_profile in data/parameters/occupations.yaml names it")
        out = np.array([counts.get(int(a), 0.0) for a in ages])
    else:
        raise DataError(f"age_profile: unknown source {source!r} for occupation {group!r}",
                        data_path("parameters", "occupations.yaml"))
    if out.sum() <= 0:
        raise ForecastError(f"the age profile of {group} has nobody below the age limit {ages[-1] + 1}")
    return out / out.sum()


def turnover_shape(ages: "np.ndarray") -> "np.ndarray":
    """Relative exit rate by age (all reasons): KS's anchors, log-linear between them, held outside them."""
    import numpy as np

    from forecast.data.parameters import workforce

    anchors = sorted(workforce().turnover_by_age.items())
    return np.exp(np.interp(ages, [a for a, _ in anchors], np.log([r for _, r in anchors])))


def exit_rates(profile: "np.ndarray", ages: "np.ndarray", turnover: float, what: str) -> "np.ndarray":
    """q(a) = min(1, k × shape(a)), q = 1 at the last age (the age limit), with k set so that Σ profile·q = turnover."""
    import numpy as np

    shape = turnover_shape(ages)

    def rates(k: float) -> "np.ndarray":
        q = np.minimum(1.0, k * shape)
        q[-1] = 1.0
        return q

    lowest = float(profile @ rates(0.0))
    if turnover < lowest + 1e-9:
        raise ForecastError(
            f"{what}: turnover {turnover:.3f} is not above the exits at the age limit alone ({lowest:.3f} a year "
            f"for this age profile); use a turnover above {np.ceil(lowest * 1000) / 1000:.3f}"
        )
    lo, hi = 0.0, 1.0
    while float(profile @ rates(hi)) < turnover and hi < 1e6:
        hi *= 2
    for _ in range(100):  # bisection: the exit rate rises monotonically in k
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if float(profile @ rates(mid)) < turnover else (lo, mid)
    return rates((lo + hi) / 2)


def entry_ages(profile: "np.ndarray", q: "np.ndarray") -> "np.ndarray":
    """Ages at which hires enter: the net inflow by age that would keep today's profile stable under rates q."""
    import numpy as np

    inflow = profile.copy()
    inflow[1:] = profile[1:] - profile[:-1] * (1 - q[:-1])
    inflow = np.clip(inflow, 0, None)
    return inflow / inflow.sum() if inflow.sum() > 0 else profile
