"""The documentation a user reads stays true: every command's --help has an example that parses, every command has
a section in docs/user-guide.md, the commands quoted in the docs exist with the options they use, links resolve,
and the error and import examples print what the docs show."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
from forecast.cli import app

GUIDE = ROOT / "docs" / "user-guide.md"
DATA = ROOT / "docs" / "data.md"
DOCS = [GUIDE, DATA]
SEPARATORS = (" > ", " | ", ", then ", "; ")  # an example ends where shell redirection or prose begins


def _is_group(cmd) -> bool:
    return bool(getattr(cmd, "commands", None))


def _commands() -> dict:
    """Every command and sub-command by its full name ('forecast data import'), the root included."""
    found: dict = {}

    def walk(cmd, name: str) -> None:
        found[name] = cmd
        if _is_group(cmd):
            for sub_name, sub in cmd.commands.items():
                walk(sub, f"{name} {sub_name}")

    walk(typer.main.get_command(app), "forecast")
    return found


COMMANDS = _commands()
SUBCOMMANDS = sorted(n for n in COMMANDS if n != "forecast")


def _help(name: str) -> str:
    result = CliRunner().invoke(app, [*name.split()[1:], "--help"], prog_name="forecast")
    assert result.exit_code == 0, result.output
    return result.output


def _example(help_text: str, name: str) -> str | None:
    """The example paragraph of a help text ('Example: forecast …'), unwrapped, or None."""
    for paragraph in re.split(r"\n\s*\n", help_text):
        if paragraph.strip().startswith(f"Example: {name}"):
            return " ".join(paragraph.split())[len("Example: "):]
    return None


def _check_invocation(line: str) -> None:
    """Parse a `forecast …` command line against the app (options, choices, types), without running it."""
    for sep in SEPARATORS:
        line = line.split(sep)[0]
    words = shlex.split(line)
    assert words[0] == "forecast", line
    words = [w for w in words[1:] if w != "--debug"]
    cmd, path = COMMANDS["forecast"], ["forecast"]
    while _is_group(cmd) and words and words[0] in cmd.commands:
        path.append(words[0])
        cmd = cmd.commands[words.pop(0)]
    if words == ["--help"]:
        return
    try:
        cmd.make_context(" ".join(path), list(words))
    except Exception as exc:  # click's UsageError (vendored by recent typer as typer._click)
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        pytest.fail(f"{line!r} does not parse: {message}")


def test_the_command_tree_is_what_the_guide_covers():
    assert {"forecast run", "forecast compare", "forecast hires", "forecast population", "forecast validate",
            "forecast report", "forecast backtest", "forecast data import", "forecast data fetch"} <= set(COMMANDS)


# Help texts owned elsewhere whose example is not yet a paragraph of its own; the lead applies the fix and then
# removes the entry (strict: the test fails once the help is fixed, so the entry cannot linger).
PENDING_EXAMPLES = {
}


def _with_pending(names: list[str]) -> list:
    return [pytest.param(n, marks=pytest.mark.xfail(reason=PENDING_EXAMPLES[n], strict=True))
            if n in PENDING_EXAMPLES else n for n in names]


@pytest.mark.parametrize("name", _with_pending(["forecast", *SUBCOMMANDS]))
def test_help_has_an_example(name):
    text = _help(name)
    example = _example(text, name)
    assert example, f"`{name} --help` has no paragraph starting with 'Example: {name}'"
    _check_invocation(example)


def _headings(path: Path) -> list[str]:
    return [line.lstrip("#").strip().strip("`").strip() for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"#{1,6} ", line)]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_command_has_a_section_in_the_user_guide(name):
    assert name in _headings(GUIDE), f"docs/user-guide.md has no heading '### `{name}`'"


def test_the_user_guide_documents_no_command_that_does_not_exist():
    named = [h for h in _headings(GUIDE) if h.startswith("forecast ")]
    assert named, "no command headings found"
    assert [h for h in named if h not in COMMANDS] == []


def _code_blocks(path: Path) -> list[tuple[str, str]]:
    """(language, text) of every fenced block."""
    return re.findall(r"^```(\w*)\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)


def _invocations(path: Path) -> list[str]:
    out = []
    for lang, text in _code_blocks(path):
        for line in text.splitlines():
            if lang == "console" and line.startswith("$ forecast"):
                out.append(line[2:])
            elif lang in ("bash", "sh") and line.startswith("forecast"):
                out.append(line)
    return out


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_commands_in_the_docs_parse(doc):
    lines = _invocations(doc)
    assert lines, f"{doc.name} quotes no commands"
    for line in lines:
        _check_invocation(line)


def test_every_command_is_shown_in_use_in_the_user_guide():
    used = set()
    for line in _invocations(GUIDE):
        words = shlex.split(line.split(" > ")[0])
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in COMMANDS:
                used.add(" ".join(words[:n]))
                break
    groups_only = {n for n in SUBCOMMANDS if _is_group(COMMANDS[n]) and not COMMANDS[n].invoke_without_command}
    assert sorted(set(SUBCOMMANDS) - groups_only - used) == []


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_resolve(doc):
    text = doc.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert links
    for link in links:
        if link.startswith(("http://", "https://")):
            continue
        target, _, anchor = link.partition("#")
        path = (doc.parent / target).resolve() if target else doc
        assert path.exists(), f"{doc.name}: link to {target} (no such file)"
        if anchor:
            raw = [line.lstrip("#").strip() for line in path.read_text(encoding="utf-8").splitlines()
                   if re.match(r"#{1,6} ", line)]
            assert anchor in {_slug(h) for h in raw}, f"{doc.name}: {link}: no such heading in {path.name}"


def test_docs_link_each_other():
    guide, data = GUIDE.read_text(encoding="utf-8"), DATA.read_text(encoding="utf-8")
    for target in ("scenarios.md", "model.md", "data.md"):
        assert f"]({target}" in guide
    for target in ("user-guide.md", "model.md", "../data/SOURCES.md"):
        assert f"]({target}" in data


def _block_after(doc: Path, command: str) -> tuple[str, str]:
    """The fenced block before the console block running `command`, and that console block's output."""
    blocks = _code_blocks(doc)
    for i, (lang, text) in enumerate(blocks):
        if lang == "console" and text.startswith(f"$ {command}\n"):
            return blocks[i - 1][1], text[len(command) + 3:]
    raise AssertionError(f"{doc.name} shows no `$ {command}`")


def test_the_validate_example_prints_what_the_guide_shows(cli, tmp_path, monkeypatch):
    scenario, shown = _block_after(GUIDE, "forecast validate bad.yaml")
    shutil.copy(ROOT / "scenarios" / "bergen" / "baseline.yaml", tmp_path / "baseline.yaml")
    (tmp_path / "bad.yaml").write_text(scenario, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("validate", "bad.yaml")
    assert code == 2 and out == ""
    assert err == shown


def test_the_import_example_prints_what_the_data_guide_shows(cli, tmp_path, monkeypatch):
    _, shown = _block_after(DATA, "forecast data import 07459_bergen.tsv --kind population --out bergen_population.csv")
    report, _, head = shown.partition("$ head -3 bergen_population.csv\n")
    shutil.copy(ROOT / "tests" / "data" / "fixtures" / "ssb07459_bergen_1201_2005_2009_rawformat.tsv",
                tmp_path / "07459_bergen.tsv")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("data", "import", "07459_bergen.tsv", "--kind", "population", "--out",
                         "bergen_population.csv")
    assert code == 0, err
    assert out == report
    written = (tmp_path / "bergen_population.csv").read_text(encoding="utf-8").splitlines()
    assert written[:3] == head.splitlines()
