"""Fuzzing: the shipped scenarios and the import fixtures, mutated (types, values, keys, nesting, encodings).

Properties, whatever the input: the exit code is 0 or 2, there is never a traceback or an "unexpected error",
nothing is written on exit 2, and every number written is finite (and every imported count a plausible one).
Fixed seed (derandomize) and bounded examples: the same cases on every run, in well under a minute.
"""

import csv
import io
import json
import math
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios" / "bergen").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "data" / "fixtures"
IMPORTS = sorted((FIXTURES / "variants").iterdir()) + [FIXTURES / "ssb07459_bergen_K4601_2024_bysex_rawformat.csv"]
FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=60, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

NASTY = st.one_of(
    st.sampled_from([float("nan"), float("inf"), float("-inf"), 1e308, -1e308, 1e300, 5e-324, 0, -1, 0.5, 2025,
                     True, False, None, "", "1e309", "nan", "-inf", "0,5", "5 %", "∞", "4601", "0301", "all",
                     10 ** 30, 10 ** 400, -(10 ** 20), [], {}, [[[]]], "\x00", "\x1b[2J", "x" * 300]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10 ** 12), max_value=10 ** 12),
    st.text(max_size=12),
    st.lists(st.integers(min_value=0, max_value=3000), max_size=3),
)


def merged(path: Path) -> dict:
    """A shipped scenario with its `extends` chain merged in (the fuzzed file stands alone)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    parent = data.pop("extends", None)
    if parent is None:
        return data
    base = merged(path.parent / parent)
    for key, value in data.items():
        base[key] = {**base[key], **value} if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return base


def paths(tree, prefix=()):
    yield prefix
    if isinstance(tree, dict):
        for k, v in tree.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(tree, list):
        for i, v in enumerate(tree):
            yield from paths(v, prefix + (i,))


NUMBERS = st.sampled_from([float("nan"), float("inf"), float("-inf"), "1e309", "nan", 10 ** 400, 1e300, 1e308, True,
                           False, -0.5, 0, 0.09, 1.5, 2050, 1e-300, "0.01", 12.5])


@st.composite
def mutated_scenario(draw) -> bytes:
    data = merged(draw(st.sampled_from(SCENARIOS)))
    if draw(st.integers(0, 3)):  # numbers wherever the model takes them in
        data.setdefault("services", {}).setdefault("home_care", {}).update(coverage_change=0.01,
                                                                           fte_per_user_change=-0.005)
        data["staffing"] = {"nursing_home": 2400}
        data["workforce"] = {"home_care": {"turnover": 0.2, "position_size": 0.8, "retirement_age": 70}}
        data["automation"] = data.get("automation", []) + [
            {"id": "f", "kind": "fixed_fte", "service": "home_care", "fte": 5, "start": 2027, "ramp_years": 2},
            {"id": "a", "kind": "annual_rate", "service": "kindergarten", "rate": 0.01, "start": 2027}]
    for _ in range(draw(st.sampled_from([1, 1, 1, 2]))):
        numeric = [p for p in paths(data) if p and _is_number(_get(data, p))]
        op = draw(st.sampled_from(["number"] * 5 + ["value", "delete", "add", "nest", "rename"]))
        if op == "number" and numeric:
            where = draw(st.sampled_from(numeric))
            _set(data, where, draw(NUMBERS))
            continue
        where = draw(st.sampled_from(list(paths(data))))
        if not where:
            op = "add"
        parent = data
        for k in where[:-1]:
            parent = parent[k]
        last = where[-1] if where else None
        if op == "value":
            parent[last] = draw(NASTY)
        elif op == "delete":
            del parent[last]
        elif op == "add":
            target = parent[last] if where and isinstance(parent[last], dict) else data
            target[draw(st.sampled_from(["fte", "staffing", "turnover", "extends", "x", "period", "home_care"]))] = \
                draw(NASTY)
        elif op == "nest":
            parent[last] = [parent[last]] if draw(st.booleans()) else {"value": parent[last]}
        elif op == "rename" and isinstance(parent, dict):
            parent[str(last) + draw(st.sampled_from(["s", "_", " ", "X"]))] = parent.pop(last)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "latin-1", "bytes"]))
    if encoding == "bytes":  # a byte or two of damage: control characters, invalid UTF-8, a cut
        raw = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 2))):
            at = draw(st.integers(0, max(len(raw) - 1, 0)))
            raw[at:at + 1] = draw(st.sampled_from([b"\x00", b"\x07", b"\xff", b"\t", b"\r", b"", b"\xc3", b"{"]))
        return bytes(raw)
    return text.encode(encoding, errors="replace")


def _get(tree, where):
    for k in where:
        tree = tree[k]
    return tree


def _set(tree, where, value):
    _get(tree, where[:-1])[where[-1]] = value


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def finite_output(folder: Path) -> None:
    """Every number in result.csv is finite; a value is never missing (pandas writes NaN as an empty cell), an
    interval is missing only as a whole (rows without one); users and FTE are never negative."""
    rows = list(csv.DictReader(io.StringIO((folder / "result.csv").read_text())))
    assert rows
    for row in rows:
        assert row["value"] != "" and math.isfinite(float(row["value"])), row
        assert (row["lower"] == "") == (row["upper"] == ""), row
        for column in ("lower", "upper"):
            assert row[column] == "" or math.isfinite(float(row[column])), row
        if row["unit"] in ("FTE", "persons"):
            assert float(row["value"]) >= 0, row


@settings(FUZZ, max_examples=50)  # a valid one is run, too
@given(content=mutated_scenario())
def test_mutated_scenarios_exit_0_or_2_and_write_only_finite_numbers(cli, content):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-scenario-"))
    try:
        path, out = folder / "scenario.yaml", folder / "res"
        path.write_bytes(content)
        code, _, err = cli("validate", path)
        assert code in (0, 2) and "Traceback" not in err and "unexpected error" not in err, err
        if code == 2:
            return
        code, _, err = cli("run", path, "--out", out, "--format", "csv")
        assert code in (0, 2) and "Traceback" not in err and "unexpected error" not in err, err
        if code == 2:
            assert not out.exists()
        else:
            finite_output(out)
    finally:
        shutil.rmtree(folder)


@st.composite
def mutated_export(draw) -> tuple[str, bytes]:
    source = draw(st.sampled_from(IMPORTS))
    raw = source.read_bytes()
    if source.suffix == ".json":
        doc = json.loads(raw)
        values = doc["dataset"]["value"]
        keys = list(range(len(values))) if isinstance(values, list) else list(values)
        for _ in range(draw(st.integers(1, 3))):
            values[draw(st.sampled_from(keys))] = draw(NASTY)
        return source.name, json.dumps(doc, allow_nan=True).encode("utf-8")
    text, encoding = _decode(raw)
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        numbered = [i for i, line in enumerate(lines) if line.rstrip("\r ;").endswith(tuple("0123456789"))]
        if not numbered:
            break
        at = draw(st.sampled_from(numbered))  # a line of numbers: what the counts are read from
        op = draw(st.sampled_from(["cell"] * 4 + ["age", "year", "drop", "garbage"]))
        if op == "cell" and ("," in lines[at] or ";" in lines[at] or "\t" in lines[at]):
            sep = "," if "," in lines[at] else ";" if ";" in lines[at] else "\t"
            cells = lines[at].split(sep)
            cells[-1] = draw(st.sampled_from(["1e308", "nan", "inf", "-5", "", "..", "1e309", "99999999999999999999",
                                              "12,5", "1.5", "-", "x", "true"]))
            lines[at] = sep.join(cells)
        elif op == "age":
            lines[at] = lines[at].replace("0 years", f"{draw(st.integers(0, 999))} years", 1)
        elif op == "year":
            lines[at] = lines[at].replace("2024", str(draw(st.integers(0, 99999))), 1)
        elif op == "drop":
            del lines[at]
        else:
            lines.insert(at, draw(st.text(max_size=20)))
    return source.name, "\n".join(lines).encode(encoding, errors="replace")


def _decode(raw: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1"), "latin-1"


@FUZZ
@given(export=mutated_export())
def test_mutated_exports_import_plausible_counts_or_exit_2(cli, export):
    name, content = export
    folder = Path(tempfile.mkdtemp(prefix="fuzz-import-"))
    try:
        path, out = folder / name, folder / "tidy.csv"
        path.write_bytes(content)
        code, _, err = cli("data", "import", path, "--out", out)
        assert code in (0, 2) and "Traceback" not in err and "unexpected error" not in err, err
        if code == 2:
            assert sorted(p.name for p in folder.iterdir()) == [name]
            return
        rows = list(csv.DictReader(io.StringIO(out.read_text())))
        assert rows
        for row in rows:
            persons = float(row["persons"])
            assert math.isfinite(persons) and 0 <= persons <= 1e6, row
            assert 0 <= int(row["age"]) <= 125 and 1846 <= int(row["year"]) <= 2100, row
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_the_unmutated_scenarios_pass(cli, path):
    assert cli("validate", path)[0] == 0
