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

    def text(self, lang: str = "en", reader: bool = False) -> str:
        """The note in `lang`. `reader`: the words of a report (READER templates, no scenario keys, identifiers
        or file paths). A parameter ending in _<lang> replaces its plain one in that language (always in
        Norwegian, in English only for readers, so the command line's English stays as it was)."""
        from forecast.results.reader_texts import READER
        from forecast.results.texts import TEMPLATES
        from forecast.vocabulary import SERVICES

        params = dict(self.params)
        if reader or lang != "en":
            for k in [k for k in params if k.endswith(f"_{lang}")]:
                params[k.removesuffix(f"_{lang}")] = params[k]
        service = SERVICES.get(params.get("service"))
        if service is not None:  # what the service's users are called, in the note's language
            params["users_noun"] = service.users_nb if lang == "nb" else service.users_en
        template = READER[self.key][lang] if reader and self.key in READER else TEMPLATES[self.key][lang]
        return (_NB if lang == "nb" else _EN_READER if reader else _EN).format(template, **params)

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


def for_readers(notes: Iterable[Note], kind: str, lang: str = "nb") -> list[tuple[str, tuple[str, ...]]]:
    """The notes of one kind as a report states them: each once, in reader words, with the municipalities it
    concerns (empty: the whole result). Notes of one key and service on different municipalities that differ only
    in each municipality's numbers become one line in general words (SUMMARY) covering all of them."""
    from forecast.results.reader_texts import SUMMARY

    groups: dict[tuple, list[Note]] = {}
    for n in notes:
        if n.kind == kind:
            groups.setdefault((n.key, n.params.get("service")), []).append(n)
    lines: dict[str, tuple[str, ...]] = {}
    for (key, service), group in groups.items():
        places = {c for n in group for c in n.municipalities}
        if len(group) > 1 and len(places) > 1 and key in SUMMARY:
            fmt = _NB if lang == "nb" else _EN_READER
            texts = [(fmt.format(SUMMARY[key][lang], service=service), n.municipalities) for n in group]
        else:
            texts = [(n.text(lang, reader=True), n.municipalities) for n in group]
        for text, codes in texts:
            if not text:
                continue  # a note readers need not see (another says it)
            known = lines.get(text)
            lines[text] = () if known == () or not codes else tuple(dict.fromkeys((*(known or ()), *codes)))
    return list(lines.items())


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


class _EnglishReader(string.Formatter):
    """English for readers of a report: a service by its English name."""

    def get_value(self, key, args, kwargs):
        value = super().get_value(key, args, kwargs)
        if key == "service":
            from forecast.vocabulary import SERVICES

            return SERVICES[value].en if value in SERVICES else value
        return value


_EN, _NB, _EN_READER = string.Formatter(), _Norwegian(), _EnglishReader()
