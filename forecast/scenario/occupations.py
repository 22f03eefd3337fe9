"""Checks on a scenario's occupation keys that need the vocabulary or the data: each occupation belongs to the
service it is named under, a mix change keeps every share between 0 and 1 in every municipality by the end year, and
the shares still sum to 1."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forecast.scenario.yaml import Key

if TYPE_CHECKING:
    from forecast.scenario.schema import Scenario

TOLERANCE = 1e-9


def _not_here(occupation: str, service: str) -> str:
    from forecast.vocabulary import occupations_of

    return f"{occupation} do not work in {service}; its occupations are {', '.join(occupations_of(service))}"


def occupation_problems(scn: "Scenario") -> list[tuple[Key, str]]:
    """(key, message) for each problem with `occupations:` and `workforce: <service>: occupations:`."""
    from forecast.vocabulary import balancing_occupation, occupations_of

    problems: list[tuple[Key, str]] = []
    for service, settings in scn.workforce.items():
        for occupation in settings.occupations:
            if occupation not in occupations_of(service):
                problems.append((("workforce", service, "occupations", occupation), _not_here(occupation, service)))
    for service, changes in scn.occupations.items():
        mine = occupations_of(service)
        if len(mine) == 1:
            problems.append((("occupations", service), f"{service} has one occupation ({mine[0]}): there is no "
                                                       "mix to change; leave it out"))
            continue
        strangers = [o for o in changes if o not in mine]
        problems += [(("occupations", service, o), _not_here(o, service)) for o in strangers]
        if strangers or not changes:
            continue
        balance = balancing_occupation(service)
        total = sum(changes.values())
        if balance in changes and abs(total) > TOLERANCE:
            problems.append((("occupations", service, balance),
                             f"the changes sum to {total:+.3g}, not 0, so the shares would no longer sum to 1; "
                             f"change {balance} by {changes[balance] - total:+.3g}, or leave {balance} out to let "
                             "it take up the difference"))
            continue
        problems += _out_of_range(scn, service, changes, balance)
    return problems


def _out_of_range(scn: "Scenario", service: str, changes: dict[str, float], balance: str | None
                  ) -> list[tuple[Key, str]]:
    """Shares below 0 or above 1 by the end year: the first municipality where it happens, and how many more."""
    from forecast.data.occupations import base_mix, shifted
    from forecast.data.regions import name_of

    bad: dict[str, list[tuple[str, float, float]]] = {}
    for code in scn.municipalities:
        mix, _, _ = base_mix(service, code, scn.period.base)
        end = shifted(mix, changes, balance, 1.0)
        for occupation, share in end.items():
            if share < -TOLERANCE or share > 1 + TOLERANCE:
                bad.setdefault(occupation, []).append((code, mix[occupation], share))
    out: list[tuple[Key, str]] = []
    for occupation, cases in bad.items():
        code, start, share = min(cases, key=lambda c: min(c[2], 1 - c[2]))
        where = f"{code} {name_of(code)}" + (f" (and {len(cases) - 1} more municipalities)" if len(cases) > 1 else "")
        if occupation in changes:
            key: Key = ("occupations", service, occupation)
            cause = f"{changes[occupation]:+.3g}"
        else:
            key = ("occupations", service)
            cause = f"the changes (together {sum(changes.values()):+.3g}, taken up by {occupation})"
        room = -start if share < 0 else 1 - start  # how far this occupation's share can move in the worst case
        if occupation in changes:
            fix = f"use {'at least' if share < 0 else 'at most'} {room:+.3g}"
        else:
            fix = f"let the changes add {'at most' if share < 0 else 'at least'} {-room:+.3g} together"
        out.append((key, f"{cause} would take the share of {occupation} in {where} from {start:.3f} to "
                         f"{share:.3f} by {scn.period.end}; a share stays between 0 and 1: {fix}"))
    return out
