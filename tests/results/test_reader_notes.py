"""Notes as a report's reader reads them: Norwegian wording of every assumption parameter, reader templates without
scenario keys, identifiers or file paths, and the command line's English left as it was."""

from __future__ import annotations

import string

import pytest

FILES = ("projection", "services", "workforce", "automation", "occupations", "care_split")


@pytest.mark.parametrize("name", FILES)
def test_every_assumption_parameter_has_its_norwegian_wording(name):
    from forecast.data.parameters import parameters

    for key, p in parameters(name).items():
        if not p.assumption:
            continue
        assert p.description_nb and p.unit_nb and p.reference_nb, f"{name}.yaml: {key}"
        if isinstance(p.value, dict):
            assert p.value_text and set(p.value_text) == {"nb", "en"}, f"{name}.yaml: {key} needs value_text"
        for text in (p.value_in("nb"), p.value_in("en")):
            assert "{" not in text and "_" not in text, f"{name}.yaml: {key}: {text}"


def test_a_parameter_note_reads_in_words_in_reports_and_as_before_on_the_command_line():
    from forecast.data.parameters import assumption_notes

    (n,) = assumption_notes({"services": ["kindergarten_staff_norm"]})
    assert n.text("nb", reader=True) == (
        "Bemanningsnormen: minst én voksen (grunnbemanning) per 3 barn under 3 år og per 6 barn fra 3 år: 3 barn under "
        "3 år, 6 barn fra 3 år. Kilde: Barnehageloven § 26 (bemanningsnormen, fra 1. august 2018)")
    assert n.text("en").endswith("{'under_3': 3, 'from_3': 6} children per FTE, under 3 / 3 and over — Barnehageloven "
                                 "§ 26 (bemanningsnorm, from 1 August 2018) [data/parameters/services.yaml: "
                                 "kindergarten_staff_norm]")


def _filled(template: str) -> dict:
    fields = {f[1]: f[2] for f in string.Formatter().parse(template) if f[1]}
    return {k: ("home_care" if k == "service" else 1234.5 if spec else 7) for k, spec in fields.items()}


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_reader_templates_name_no_scenario_keys_identifiers_or_files(lang):
    from forecast.results.notes import Note
    from forecast.results.reader_texts import READER, SUMMARY
    from forecast.results.texts import TEMPLATES

    for key in TEMPLATES:
        template = (READER.get(key) or TEMPLATES[key])[lang]
        if key == "parameter" or key.startswith("compare."):
            continue  # the parameter's words come from its yaml entry; comparisons are not in reports
        text = Note(key, _filled(template)).text(lang, reader=True)
        for bad in ("`", "staffing:", "workforce:", "data/", "home_care", "primary_school", "lower/upper"):
            assert bad not in text, (key, lang, text)
    for key, texts in SUMMARY.items():
        assert set(texts) == {"nb", "en"}
        assert {f[1] for f in string.Formatter().parse(texts[lang]) if f[1]} <= {"service"}, key
    for key, texts in READER.items():
        assert set(texts) == {"nb", "en"} and key in TEMPLATES, key
