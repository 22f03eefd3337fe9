"""pydantic's validation errors → problems a planner can act on: `FILE:LINE: key: message`, with what to write
instead ("did you mean", "percentages are fractions", an example value)."""

from __future__ import annotations

import difflib
import json

from forecast.errors import Problem
from forecast.scenario.yaml import Key, Source, get, key_text, short

_TYPE_WORDS = {
    "int_type": "expected a whole number", "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number", "float_type": "expected a number",
    "float_parsing": "expected a number", "string_type": "expected text", "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "dict_type": "expected a mapping (key: value lines)", "list_type": "expected a list (lines starting with -)",
    "model_type": "expected a mapping (key: value lines)",
    "model_attributes_type": "expected a mapping (key: value lines)",
}


def _model_at(key: Key, data: dict):
    """The schema model describing the mapping at `key` (None where the schema has no model)."""
    from forecast.scenario.schema import (MEASURES, Adoption, OccupationWorkforceSettings, Period, PopulationSettings,
                                          Scenario, ServiceSettings, WorkforceSettings)

    names = tuple(k for k in key if not isinstance(k, int))
    table = {(): Scenario, ("period",): Period, ("population",): PopulationSettings}
    if names in table:
        return table[names]
    if len(names) == 2 and names[0] in ("services", "workforce"):
        return ServiceSettings if names[0] == "services" else WorkforceSettings
    if len(names) == 4 and names[0] == "workforce" and names[2] == "occupations":
        return OccupationWorkforceSettings
    if names and names[0] == "automation" and len(key) >= 2:
        model = MEASURES.get(str(get(data, key[:2] + ("kind",))))
        if model is None:
            return None
        return Adoption if names[1:] == ("adoption",) else (model if len(names) == 1 else None)
    return None


def _did_you_mean(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return close[0]
    w = word.casefold()
    starts = [o for o in options if min(len(o), len(w)) >= 3 and (w.startswith(o) or o.startswith(w))]
    return max(starts, key=len) if starts else None


def _example(model, name: str) -> str:
    info = model.model_fields[name]
    if not info.examples:
        return ""
    return f"; e.g. {name}: {json.dumps(info.examples[0], ensure_ascii=False)}"


def translate(err: dict, source: Source, fname: str, data: dict) -> Problem | None:
    from forecast.scenario.schema import MEASURE_KINDS
    from forecast.vocabulary import SERVICE_IDS

    loc = list(err["loc"])
    # pydantic puts the measure kind after the list index of a discriminated union: automation.0.task_share.…
    if len(loc) >= 3 and loc[0] == "automation" and isinstance(loc[1], int) and loc[2] in MEASURE_KINDS:
        del loc[2]
    # a text given plainly or per language (schema.Text): one problem at the text's key, whichever branch failed
    text_branch = next((i for i, part in enumerate(loc) if part == "str" or str(part).startswith("dict[literal[")),
                       None)
    if text_branch is not None:
        from forecast.scenario.schema import LANGUAGES

        if loc[text_branch] == "str":
            return None  # reported once, by the per-language branch
        key = tuple(loc[:text_branch])
        file, line = source.where(key, fname)
        if loc[-1] == "[key]":
            return Problem(file, line, key_text(key), f"unknown language {err.get('input')!r}; give the text "
                           f"in {' and '.join(LANGUAGES)}")
        return Problem(file, line, key_text(key), "expected text, or one text per language: "
                       f"{{{', '.join(f'{k}: …' for k in LANGUAGES)}}}, got {short(err.get('input'))}")
    is_key = bool(loc) and loc[-1] == "[key]"
    key = tuple(loc[:-1] if is_key else loc)
    if any(key[:n] in source.rejected for n in range(len(key) + 1)):
        return None  # already reported while reading the YAML
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    last = key[-1] if key else ""
    if kind == "missing" and source.partial:
        return None  # the extended file that would supply it could not be read
    if kind == "extra_forbidden":
        model = _model_at(key[:-1], data)
        allowed = list(model.model_fields) if model else []
        close = _did_you_mean(str(last), allowed)
        hint = f"did you mean '{close}'?" if close else f"allowed keys: {', '.join(allowed)}"
        msg = f"unknown key '{last}'; {hint}"
    elif kind == "literal_error" and is_key and (len(key) == 3 and key[0] == "occupations" or len(key) == 4
                                                 and key[0] == "workforce" and key[2] == "occupations"):
        from forecast.vocabulary import OCCUPATION_IDS, OCCUPATIONS

        by_name = {o.nb: o.id for o in OCCUPATIONS.values()}  # the Norwegian word a planner may write
        close = _did_you_mean(str(value), list(OCCUPATION_IDS)) or by_name.get(
            _did_you_mean(str(value).casefold(), list(by_name)) or "")
        hint = f"did you mean '{close}'? " if close else ""
        msg = f"unknown occupation '{value}'; {hint}occupations are {', '.join(OCCUPATION_IDS)}"
    elif kind == "literal_error" and (is_key or last == "service"):
        close = _did_you_mean(str(value), list(SERVICE_IDS))
        hint = f"did you mean '{close}'? " if close else ""
        msg = f"unknown service '{value}'; {hint}services are {', '.join(SERVICE_IDS)}"
    elif kind == "literal_error" and last == "variant":
        msg = f"unknown variant {value!r}; use one of MMMM (main), HHMH (high), LLML (low)"
    elif kind == "literal_error" and last == "source":
        msg = f"{value!r} is not available; use builtin (reading an SSB projection file is not supported yet)"
    elif kind == "literal_error":
        options = [o.strip(" '") for o in ctx["expected"].replace(" or ", ", ").split(",")]
        close = _did_you_mean(str(value), options)
        hint = f"did you mean '{close}'? " if close and close != value else ""
        msg = f"{value!r} is not allowed; {hint}use one of {', '.join(options)}"
    elif kind == "union_tag_invalid":
        close = _did_you_mean(str(ctx["tag"]), list(MEASURE_KINDS))
        hint = f"did you mean '{close}'? " if close else ""
        msg = f"unknown measure kind {ctx['tag']!r}; {hint}use one of {', '.join(MEASURE_KINDS)}"
        key = key + ("kind",)
    elif kind == "union_tag_not_found":
        msg = f"missing key 'kind'; use one of {', '.join(MEASURE_KINDS)}"
    elif kind == "missing":
        model = _model_at(key[:-1], data)
        msg = f"missing key '{last}'" + (_example(model, last) if model and last in model.model_fields else "")
        key = key[:-1]
    elif kind == "greater_than_equal":
        msg = f"must be {ctx['ge']:g} or more, got {value}"
    elif kind == "greater_than":
        msg = f"must be more than {ctx['gt']:g}, got {value}" + (
            "; leave the service out of staffing: to use the calibrated figure" if key and key[0] == "staffing" else "")
    elif kind == "value_error":
        msg = str(ctx["error"])
    elif kind == "float_parsing" and isinstance(value, str) and value.strip().endswith("%"):
        number = value.strip().rstrip("%").strip().replace(",", ".")
        try:
            msg = f"expected a number, got {value!r}; percentages are fractions: write {float(number) / 100:g}"
        except ValueError:
            msg = f"expected a number, got {value!r}"
    elif kind == "finite_number":
        msg = f"expected a finite number, got {short(value)} (not a number, infinite, or too large); write a number"
    elif kind in _TYPE_WORDS:
        msg = f"{_TYPE_WORDS[kind]}, got {short(value)}"
    else:
        msg = err["msg"]
    file, line = source.where(key, fname)
    return Problem(file, line, key_text(key), msg)
