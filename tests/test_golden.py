"""Golden outputs: whole command outputs that must not change unless a change is meant (tests/golden/).

On a mismatch the new output is written beside the golden file as <name>.new; regenerate all with
`python tests/golden/cases.py` once the change is intended, and review the diff.
"""

import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
import cases  # noqa: E402

sys.path.remove(str(GOLDEN))


@pytest.mark.parametrize("name", [*cases.CASES, *cases.MANIFEST_CASES])
def test_output_is_unchanged(name, tmp_path):
    for fname, content in cases.generate(name, tmp_path).items():
        golden = GOLDEN / fname
        new = golden.with_name(golden.name + ".new")
        if golden.read_text(encoding="utf-8") != content:
            new.write_text(content, encoding="utf-8")
            pytest.fail(f"{fname} changed; the new output is in {new}")
        new.unlink(missing_ok=True)
