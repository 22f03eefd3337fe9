"""FTE need by occupation: each service's FTE split by its occupation mix (forecast.data.occupations), year by year,
moved by the scenario's `occupations:` changes (share points by the end year, linear from the base year).

The occupations of a service sum to the service in every year: the shares sum to 1 (checked when the scenario is
read, forecast.scenario.occupations)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.results.notes import ASSUMPTION, Note, note
from forecast.vocabulary import CARE, balancing_occupation

if TYPE_CHECKING:
    import numpy as np

    from forecast.scenario.schema import Scenario


def occupation_shares(service: str, code: str, scn: "Scenario", years: list[int]
                      ) -> tuple[dict[str, "np.ndarray"], list[Note]]:
    """Share of the service's FTE by occupation for each of `years` (arrays over years), and the notes that say
    where the mix comes from."""
    import numpy as np

    from forecast.data.occupations import base_mix, shifted

    base, end = scn.period.base, scn.period.end
    mix, year, national = base_mix(service, code, base)
    notes: list[Note] = []
    if service in CARE:
        notes.append(note("care.occupations_national" if national else "care.occupations", year=year,
                          **({"kind": ASSUMPTION} if national else {})))
    elif service == "kindergarten":
        notes.append(note("occupations.norms", kind=ASSUMPTION, share=mix["pedagogical_leaders"]))
    changes = scn.occupations.get(service, {})
    if not changes:
        return {o: np.full(len(years), s) for o, s in mix.items()}, notes
    balance = balancing_occupation(service)
    fractions = np.clip((np.asarray(years, float) - base) / (end - base), 0.0, 1.0)
    rows = [shifted(mix, changes, balance, float(f)) for f in fractions]
    shares = {o: np.array([r[o] for r in rows]) for o in mix}
    notes.append(note("occupations.scenario", service=service, end=end, balance=balance,
                      changes=", ".join(f"{o} {c:+.3g}" for o, c in changes.items())))
    return shares, notes
