"""Notes as records: what a result rests on (calibration, sources, fallbacks, assumptions), each a template key with
its parameters, the municipalities it concerns and its source. Text comes from the templates in
forecast/results/texts.py, in Norwegian or English; nothing parses a note's text.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any, Iterable

NOTE, ASSUMPTION = "note", "assumption"  # calibration and sources / national or normative defaults
SHOWN_CODES = 3  # a note on more municipalities than this names how many, not which


@dataclass
class Note:
    """One note: `key` picks its template, `params` fill it; `municipalities` are the codes it concerns (empty:
    the whole result)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    kind: str = NOTE
    municipalities: tuple[str, ...] = ()
    source: str = ""  # the file, table or parameter it rests on

    @property
    def ident(self) -> tuple:
        """What makes two notes the same note (their municipalities aside)."""
        return self.kind, self.key, repr(sorted(self.params.items()))

    def text(self, lang: str = "en") -> str:
        from forecast.results.texts import TEMPLATES
        from forecast.vocabulary import SERVICES

        params = dict(self.params)
        service = SERVICES.get(params.get("service"))
        if service is not None:  # what the service's users are called, in the note's language
            params["users_noun"] = service.users_nb if lang == "nb" else service.users_en
        return (_NB if lang == "nb" else _EN).format(TEMPLATES[self.key][lang], **params)

    def to_json(self) -> dict:
        return {"key": self.key, "kind": self.kind, "params": _plain(self.params),
                "municipalities": list(self.municipalities), "source": self.source}


def note(key: str, *, kind: str = NOTE, source: str = "", municipalities: Iterable[str] = (), **params) -> Note:
    return Note(key, params, kind, tuple(municipalities), source)


def merged(notes: Iterable[Note]) -> list[Note]:
    """Notes with the same key and parameters merged into one, their municipalities joined (first-seen order)."""
    out: dict[tuple, Note] = {}
    for n in notes:
        if n.ident in out:
            kept = out[n.ident]
            kept.municipalities = tuple(dict.fromkeys((*kept.municipalities, *n.municipalities)))
        else:
            out[n.ident] = Note(n.key, dict(n.params), n.kind, tuple(dict.fromkeys(n.municipalities)), n.source)
    return list(out.values())


def of_kind(notes: Iterable[Note], kind: str) -> list[Note]:
    return [n for n in notes if n.kind == kind]


def display(n: Note, lang: str = "en", names: dict[str, str] | None = None, many: bool = False) -> str:
    """A note's text; in a result of several municipalities, followed by the municipalities it concerns (by name
    up to SHOWN_CODES, else by count)."""
    text = n.text(lang)
    if not many or not n.municipalities:
        return text
    codes = n.municipalities
    if len(codes) <= SHOWN_CODES:
        names = names or {}
        return f"{text} [{', '.join(f'{c} {names.get(c, c)}' for c in codes)}]"
    word = "kommuner" if lang == "nb" else "municipalities"
    return f"{text} [{len(codes)} {word}]"


def texts(notes: Iterable[Note], kind: str, lang: str = "en", names: dict[str, str] | None = None,
          many: bool = False) -> list[str]:
    return [display(n, lang, names, many) for n in notes if n.kind == kind]


def concerns_many(n: Note) -> bool:
    """Whether a note belongs on screen in a result of several municipalities: it concerns the whole result or more
    municipalities than are named one by one."""
    return not n.municipalities or len(n.municipalities) > SHOWN_CODES


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


class _Norwegian(string.Formatter):
    """Numbers the Norwegian way: 1 234,5 and 12,3 % (format specs as in English templates); a service and an
    occupation by their Norwegian names."""

    def get_value(self, key, args, kwargs):
        value = super().get_value(key, args, kwargs)
        if key == "service":
            from forecast.vocabulary import SERVICES

            return SERVICES[value].nb if value in SERVICES else value
        if key == "occupation":
            from forecast.vocabulary import OCCUPATIONS

            return OCCUPATIONS[value].nb if value in OCCUPATIONS else value
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and format_spec:
            text = text.replace(",", " ").replace(".", ",")
            if format_spec.endswith("%"):
                text = text[:-1] + " %"
        return text


_EN, _NB = string.Formatter(), _Norwegian()
