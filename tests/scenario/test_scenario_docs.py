"""docs/scenarios.md documents every key of the schema with an example that is valid, and cannot drift from it."""

from pathlib import Path
import copy
import re

ROOT = Path(__file__).resolve().parents[2]
from forecast.scenario import scenario_from_dict
from forecast.scenario.docs import BEGIN, END, key_docs, reference_markdown
from forecast.scenario.schema import MEASURES, json_schema

DOCS = ROOT / "docs" / "scenarios.md"


def _schema_keys(schema: dict, node: dict, prefix: str, out: set) -> None:
    """Every key path the JSON Schema allows, independently of the docs generator (a range's own keys, low/high…,
    are documented once, in the section on ranges, not under every key that accepts one)."""
    if node.get("$ref") == "#/$defs/Range":
        return
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].split("/")[-1]]
    for option in node.get("anyOf", []):
        _schema_keys(schema, option, prefix, out)
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        out.add(path)
        _schema_keys(schema, sub, path, out)
    if isinstance(node.get("additionalProperties"), dict):
        names = set(node.get("propertyNames", {}).get("enum", []))
        word = "<occupation>" if names and "nurses" in names else "<service>"
        _schema_keys(schema, node["additionalProperties"], f"{prefix}.{word}", out)


def test_generated_reference_in_docs_is_current():
    text = DOCS.read_text(encoding="utf-8")
    current = text[text.index(BEGIN): text.index(END) + len(END)]
    assert current == reference_markdown(), (
        "docs/scenarios.md drifted from the schema: run python -m forecast.scenario.docs docs/scenarios.md")


def test_every_schema_key_has_a_heading_in_the_docs():
    schema = json_schema()
    keys: set = set()
    _schema_keys(schema, schema, "", keys)
    for kind, model in MEASURES.items():
        _schema_keys(schema, model.model_json_schema(), "automation[]", keys)
    headings = {re.sub(r" \(.*\)$", "", h) for h in re.findall(r"^### `(.+)`$", DOCS.read_text(), re.M)}
    assert keys - headings == set()
    assert headings - keys == set()
    assert len(keys) >= 35


def test_every_example_in_the_reference_is_a_valid_scenario_fragment():
    measures = {kind: {"id": "m", "service": "home_care"} for kind in MEASURES}
    for doc in key_docs():  # a complete measure per kind from the examples of its keys
        if doc.path.startswith("automation[]."):
            item = doc.example["automation"][0]
            kinds = [item["kind"]] if "kind" in item else [k for k in MEASURES if doc.path.endswith(f"({k})")]
            for kind in kinds:
                for k, v in item.items():
                    if k != "kind":
                        measures[kind][k] = {**measures[kind].get(k, {}), **v} if isinstance(v, dict) else v
    for kind, measure in measures.items():
        loaded = scenario_from_dict({"municipality": "4601", "automation": [{**measure, "kind": kind}]})
        assert loaded.scenario.automation[0].kind == kind
    for doc in key_docs():
        if doc.path.startswith("automation[]."):
            continue
        data = {"municipality": "4601", **copy.deepcopy(doc.example)}
        scenario_from_dict(data)  # raises with the problem if the example is wrong


def test_docs_example_scenario_at_the_top_is_valid(tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    first = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    assert "extends: baseline.yaml" in first
    (tmp_path / "baseline.yaml").write_text((ROOT / "scenarios" / "bergen" / "baseline.yaml").read_text())
    (tmp_path / "mine.yaml").write_text(first)
    from forecast.scenario import load_scenario

    scn = load_scenario(tmp_path / "mine.yaml").scenario
    assert scn.services["home_care"].coverage_change == 0.005
    assert scn.automation[0].fte == 12
