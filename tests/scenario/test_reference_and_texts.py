"""Which scenario is the reference (--reference, `reference: true`, else the first; never the shell's sort order
once a file is marked), and texts given plainly or per language."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
B = ROOT / "scenarios" / "bergen"


def test_the_marked_file_is_the_reference_whatever_the_order(tmp_path):
    from forecast.api import _reference_first

    loaded, why = _reference_first([B / "ambitious.yaml", B / "baseline.yaml", B / "robot.yaml"])
    assert [s.name for s in loaded] == ["baseline", "ambitious", "robot"] and why == "marked"
    loaded, why = _reference_first([B / "ambitious.yaml", B / "robot.yaml"])
    assert [s.name for s in loaded] == ["ambitious", "robot"] and why == "first"
    loaded, why = _reference_first([B / "ambitious.yaml", B / "baseline.yaml"], reference=B / "robot.yaml")
    assert [s.name for s in loaded] == ["robot", "ambitious", "baseline"] and why == "option"
    loaded, why = _reference_first([B / "ambitious.yaml", B / "baseline.yaml"], reference=B / "ambitious.yaml")
    assert [s.name for s in loaded] == ["ambitious", "baseline"] and why == "option"


def test_reference_true_is_not_inherited_and_two_marked_files_are_refused(tmp_path):
    from forecast import load_scenario
    from forecast.api import _reference_first
    from forecast.errors import ArgumentError

    assert load_scenario(B / "baseline.yaml").scenario.reference
    assert not load_scenario(B / "robot.yaml").scenario.reference  # extends baseline.yaml
    assert load_scenario(B / "robot.yaml").scenario.description != load_scenario(B / "baseline.yaml").scenario.description
    other = tmp_path / "other.yaml"
    other.write_text('extends: ' + str(B / "baseline.yaml") + '\nreference: true\n', encoding="utf-8")
    with pytest.raises(ArgumentError, match=r"^2 scenarios say reference: true .*or choose the reference with "
                                            r"reference$"):
        _reference_first([B / "baseline.yaml", other])


def test_compare_says_which_scenario_is_the_reference(cli):
    code, out, err = cli("compare", B / "robot.yaml", B / "baseline.yaml", "--year", "2040")
    assert code == 0
    assert err == "reference: baseline (its file says reference: true)\n"
    assert "difference from baseline" in out
    code, out, err = cli("compare", B / "robot.yaml", B / "baseline.yaml", "--year", "2040", "--reference",
                         B / "robot.yaml")
    assert err == "reference: robot (--reference)\n" and "difference from robot" in out


def test_texts_may_be_plain_or_one_per_language(tmp_path):
    from forecast import load_scenario
    from forecast.errors import ScenarioError
    from forecast.scenario.schema import in_language

    f = tmp_path / "s.yaml"
    f.write_text('title: {nb: "Bergen: referanse", en: "Bergen: reference"}\nmunicipality: "4601"\n'
                 'description: plain text\n', encoding="utf-8")
    scn = load_scenario(f).scenario
    assert in_language(scn.title, "nb") == "Bergen: referanse" and in_language(scn.title, "en") == "Bergen: reference"
    assert in_language(scn.description, "nb") == "plain text"
    f.write_text('title: {nb: "x", de: "y"}\nmunicipality: "4601"\ndescription: 3\n', encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(f)
    assert [str(p) for p in err.value.problems] == [
        f"{f}:1: title: unknown language 'de'; give the text in nb and en",
        f"{f}:3: description: expected text, or one text per language: {{nb: …, en: …}}, got 3"]
