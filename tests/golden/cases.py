"""The golden cases: commands whose whole output is checked in (tests/golden/*.txt, or a sha256 for big outputs).

Regenerate after an intended change with `python tests/golden/cases.py` and review the diff.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
B = "scenarios/bergen"
COMPARE = [f"{B}/baseline.yaml", f"{B}/robot.yaml", f"{B}/welfare-tech.yaml", f"{B}/ambitious.yaml"]

# name → (argv, how it is stored: "text" keeps the whole output, "sha256" a digest plus a readable extract)
CASES: dict[str, tuple[list[str], str]] = {
    "norway-run-csv": (["run", "scenarios/norway/baseline.yaml", "--format", "csv"], "sha256"),
    "norway-run-table": (["run", "scenarios/norway/baseline.yaml"], "text"),
    "bergen-run-table": (["run", f"{B}/baseline.yaml"], "text"),
    "bergen-run-json": (["run", f"{B}/welfare-tech.yaml", "--format", "json"], "text"),
    "bergen-compare-csv": (["compare", *COMPARE, "--format", "csv"], "text"),
    "bergen-compare-table": (["compare", *COMPARE], "text"),
    "bergen-hires-csv": (["hires", f"{B}/baseline.yaml", "--from", "2026", "--to", "2032", "--format", "csv"], "text"),
    "bergen-hires-table": (["hires", f"{B}/baseline.yaml", "--from", "2026", "--to", "2032"], "text"),
    "norway-hires-table": (["hires", "scenarios/norway/baseline.yaml", "--from", "2026", "--to", "2032"], "text"),
    "bergen-hires-occupation-table": (["hires", f"{B}/baseline.yaml", "--from", "2026", "--to", "2032", "--by",
                                       "occupation"], "text"),
    "norway-hires-occupation-csv": (["hires", "scenarios/norway/baseline.yaml", "--from", "2026", "--to", "2032",
                                     "--by", "occupation", "--format", "csv"], "sha256"),
}
MANIFEST_CASES = {  # notes and assumptions of a written result (the parts of manifest.json that do not vary by run)
    "norway-run-manifest": ["run", "scenarios/norway/baseline.yaml"],
    "bergen-run-manifest": ["run", f"{B}/ambitious.yaml"],
}


def extract(csv_text: str) -> str:
    """A readable extract of a big CSV: FTE rows of whole services every fifth year (a run), or the hires of Oslo
    and Bergen (a hires summary), to find where a digest mismatch comes from."""
    lines = csv_text.splitlines()
    header = lines[0].split(",")
    if "year" in header:
        year = header.index("year")
        keep = [ln for ln in lines[1:] if ",all,fte,FTE," in ln and ln.split(",")[year].endswith(("0", "5"))]
    else:
        keep = [ln for ln in lines[1:] if ln.split(",")[1] in ("0301", "4601") and ",hires,persons," in ln]
    return "\n".join([lines[0], *keep]) + "\n"


def stored(name: str, output: str) -> dict[str, str]:
    """File name → content for one case's output."""
    kind = CASES[name][1] if name in CASES else "text"
    if kind == "sha256":
        return {f"{name}.sha256": hashlib.sha256(output.encode()).hexdigest() + "\n",
                f"{name}.extract.csv": extract(output)}
    return {f"{name}.txt": output}


def manifest_text(path: Path) -> str:
    man = json.loads(path.read_text(encoding="utf-8"))
    kept = {k: man[k] for k in ("scenarios", "title", "notes", "assumptions")}
    kept["inputs"] = sorted(Path(i["path"]).name for i in man["inputs"])  # a set: the order is not meaningful
    return json.dumps(kept, indent=1, ensure_ascii=False) + "\n"


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    import subprocess

    env = {"MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin", "COLUMNS": "150"}
    proc = subprocess.run([sys.executable, "-m", "forecast", *argv], cwd=ROOT, capture_output=True, text=True,
                          env=env)
    return proc.returncode, proc.stdout, proc.stderr


def generate(name: str, tmp: Path) -> dict[str, str]:
    if name in MANIFEST_CASES:
        out = tmp / name
        code, _, err = run_cli([*MANIFEST_CASES[name], "--out", str(out), "--format", "csv"])
        assert code == 0, err
        return {f"{name}.json": manifest_text(out / "manifest.json")}
    code, out, err = run_cli(CASES[name][0])
    assert code == 0, err
    return stored(name, out)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in [*CASES, *MANIFEST_CASES]:
            for fname, content in generate(name, Path(tmp)).items():
                (HERE / fname).write_text(content, encoding="utf-8")
                print("wrote", fname)
