"""Output sets are all or nothing, and nothing of the user's is ever deleted.

`run --out`, `report --out`, `data import --out` and `--plot` build the new set beside the target and swap it in:
a failure at any moment leaves the previous set as it was, consistent with its manifest, and no temporary file.
A file goes only if the tool wrote it and its content still has the sha256 its manifest recorded.
"""

import errno
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BERGEN = ROOT / "scenarios" / "bergen"
BARE = ROOT / "tests" / "data" / "fixtures" / "variants" / "bergen_2024_bare_codes.csv"
sys.path.insert(0, str(ROOT / "tests" / "report"))
import report_fixtures  # noqa: E402

sys.path.pop(0)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def consistent(folder: Path) -> dict:
    """The folder's manifest, after checking every output it lists is there with the recorded sha256."""
    man = json.loads((folder / "manifest.json").read_text())
    for name, entry in man["outputs"].items():
        assert sha(folder / name) == entry["sha256"], f"{name} does not match manifest.json"
    return man


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def no_temporaries(*folders: Path) -> None:
    for folder in folders:
        hidden = [p.name for p in folder.rglob(".*")]
        assert hidden == [], f"temporary files left in {folder}: {hidden}"


def report(folder: Path, robot: float = 0.0):
    """A real report set (charts, CSVs, PDF, manifest) from the report tests' small synthetic results."""
    from forecast.report import build_report, write_files

    results = [report_fixtures.synthetic_result("base")]
    if robot:
        results.append(report_fixtures.synthetic_result("robot", robot=robot))
    return write_files(build_report(results, stamp=""), folder, "png")


def stingy_fsync(monkeypatch, allowed: int, code: int = errno.ENOSPC):
    """os.fsync fails with `code` after `allowed` calls: the disk fills up in the middle of writing a set."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) > allowed:
            raise OSError(code, os.strerror(code))
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


# --------------------------------------------------------------------------------------------- all or nothing
def test_a_disk_full_in_the_middle_of_run_out_leaves_the_previous_set(cli, tmp_path, monkeypatch):
    out = tmp_path / "res"
    assert cli("run", BERGEN / "baseline.yaml", "--out", out)[0] == 0
    before = snapshot(out)
    stingy_fsync(monkeypatch, allowed=1)  # one file gets through, the next does not
    code, _, err = cli("run", BERGEN / "high-growth.yaml", "--out", out)
    assert code == 2
    assert err == f"error: {out}: no space left on the device; free some space or write somewhere else\n"
    assert snapshot(out) == before
    consistent(out)
    no_temporaries(tmp_path)


def test_a_disk_full_in_the_middle_of_a_report_leaves_the_previous_report(tmp_path, monkeypatch):
    from forecast.errors import FileSystemError

    out = tmp_path / "report"
    report(out, robot=5)
    before = snapshot(out)
    stingy_fsync(monkeypatch, allowed=4)
    with pytest.raises(FileSystemError, match="no space left on the device"):
        report(out)
    assert snapshot(out) == before
    consistent(out)
    no_temporaries(tmp_path)


def test_a_file_size_limit_is_an_error_of_the_environment_and_leaves_the_previous_set(tmp_path):
    out = tmp_path / "res"
    run = [sys.executable, "-m", "forecast", "run", str(BERGEN / "baseline.yaml"), "--out", str(out)]
    assert subprocess.run(run, capture_output=True, env=_env()).returncode == 0
    before = snapshot(out)

    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # result.csv is about 29 kB

    done = subprocess.run(run[:4] + [str(BERGEN / "low-growth.yaml")] + run[5:], capture_output=True, text=True,
                          env=_env(), preexec_fn=limit)
    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith(f"error: {out}: file too large (the file-size limit, ulimit -f, or the file "
                                "system's); raise the limit or write somewhere else\n")
    assert snapshot(out) == before
    no_temporaries(tmp_path)


def test_what_a_killed_run_left_is_cleaned_by_the_next(cli, tmp_path):
    out = tmp_path / "res"
    assert cli("run", BERGEN / "baseline.yaml", "--out", out)[0] == 0
    dead = _dead_pid()
    stage = tmp_path / f".forecast-{dead}-0123abcd-res.new"  # a set that was being staged when its process died
    stage.mkdir()
    (stage / "manifest.json").write_text(json.dumps({"versions": {}, "outputs": {}}))
    (stage / ".forecast-part-result.csv").write_text("half a")
    legacy = out / ".result.csv.k2j4h5g6.tmp"  # what earlier versions left (tempfile names)
    legacy.write_text("half a")
    os.utime(legacy, (time.time() - 7200, time.time() - 7200))
    tmp_file = tmp_path / f".forecast-{dead}-89abcdef-plot.png.tmp"
    tmp_file.write_bytes(b"\x89PNG half")
    assert cli("run", BERGEN / "baseline.yaml", "--out", out)[0] == 0
    no_temporaries(tmp_path)
    consistent(out)


def test_a_stale_staging_folder_with_the_users_files_is_left_and_named(cli, tmp_path):
    stage = tmp_path / f".forecast-{_dead_pid()}-0123abcd-res.new"
    stage.mkdir()
    (stage / "mine.txt").write_text("not written by forecast")
    code, _, err = cli("run", BERGEN / "baseline.yaml", "--out", tmp_path / "res")
    assert code == 0
    assert (stage / "mine.txt").read_text() == "not written by forecast"
    assert f"warning: left {stage}: forecast was writing there when it was stopped" in err


def test_a_run_stopped_between_moving_the_old_set_aside_and_the_new_in_is_undone(cli, tmp_path):
    out = tmp_path / "res"
    assert cli("run", BERGEN / "baseline.yaml", "--out", out)[0] == 0
    before = snapshot(out)
    aside = tmp_path / f".forecast-{_dead_pid()}-0123abcd-res.old"
    out.rename(aside)  # as the two-rename swap leaves it when killed in between (where no exchange exists)
    from forecast.results.staging import clean_stale

    assert clean_stale(tmp_path) == []
    assert snapshot(out) == before and not aside.exists()


# ------------------------------------------------------------------------------------------ only what is ours
def test_a_second_report_keeps_what_the_user_wrote_or_edited(tmp_path):
    out = tmp_path / "report"
    report(out, robot=5)
    first = consistent(out)
    (out / "notes.txt").write_text("mine")
    (out / "03-scenarios.png").write_bytes(b"my annotated chart")  # an output the user edited
    (out / "01-summary.csv").write_text("my own numbers\n")  # an output the next report writes again
    written = report(out)  # one scenario: no scenario page this time
    second = consistent(out)
    assert second["outputs"].keys() != first["outputs"].keys()
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "03-scenarios.png").read_bytes() == b"my annotated chart"
    assert (out / "01-summary.kept.csv").read_text() == "my own numbers\n"
    assert not (out / "03-scenarios.csv").exists()  # ours and unchanged: removed
    names = sorted(p.name for p in out.iterdir())
    assert names == ["01-summary.csv", "01-summary.kept.csv", "01-summary.png", "02-need-by-service.csv",
                     "02-need-by-service.png", "03-bridge.csv", "03-bridge.png", "03-scenarios.png",
                     "04-table-need.csv", "05-appendix.csv", "manifest.json", "notes.txt", "report.xlsx"]
    assert written.warnings == [
        f"kept {out / '01-summary.csv'} (changed since forecast wrote it) as 01-summary.kept.csv; the new "
        "01-summary.csv is beside it",
        f"kept {out / '03-scenarios.png'}: changed since forecast wrote it, so it is not removed"]
    no_temporaries(tmp_path)


def test_run_out_names_the_users_files_it_keeps(cli, tmp_path):
    out = tmp_path / "res"
    out.mkdir()
    (out / "result.csv").write_text("my result\n")  # not written by forecast
    code, _, err = cli("run", BERGEN / "baseline.yaml", "--out", out)
    assert code == 0
    assert f"warning: kept {out / 'result.csv'} (not written by forecast) as result.kept.csv" in err
    assert (out / "result.kept.csv").read_text() == "my result\n"
    consistent(out)


def test_a_folder_with_the_users_subfolders_is_written_in_place(cli, tmp_path):
    out = tmp_path / "res"
    assert cli("run", BERGEN / "baseline.yaml", "--out", out)[0] == 0
    (out / "report").mkdir()
    (out / "report" / "keep.txt").write_text("mine")
    assert cli("run", BERGEN / "robot.yaml", "--out", out)[0] == 0
    assert (out / "report" / "keep.txt").read_text() == "mine"
    assert consistent(out)["scenarios"] == ["robot"]
    no_temporaries(tmp_path)


def test_the_current_folder_and_a_symlinked_folder_as_out(cli, tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    assert cli("run", BERGEN / "baseline.yaml", "--out", link)[0] == 0
    assert link.is_symlink() and consistent(real)["scenarios"] == ["baseline"]
    monkeypatch.chdir(real)
    inode = os.stat(".").st_ino
    assert cli("run", BERGEN / "robot.yaml", "--out", ".")[0] == 0
    assert os.stat(".").st_ino == inode and Path.cwd() == real  # the folder the user stands in stays theirs
    assert consistent(real)["scenarios"] == ["robot"]
    (real / "sub").mkdir()
    monkeypatch.chdir(real / "sub")
    assert cli("run", BERGEN / "baseline.yaml", "--out", "..")[0] == 0
    assert consistent(real)["scenarios"] == ["baseline"] and os.stat("..").st_ino == inode
    monkeypatch.chdir(tmp_path)
    assert cli("run", BERGEN / "robot.yaml", "--out", real / "sub" / "..")[0] == 0  # in place: `sub` is theirs
    assert consistent(real)["scenarios"] == ["robot"] and (real / "sub").is_dir()
    no_temporaries(tmp_path)


def test_single_files_leave_no_temporaries(cli, tmp_path):
    tidy, chart = tmp_path / "tidy.csv", tmp_path / "chart.png"
    assert cli("data", "import", BARE, "--out", tidy)[0] == 0
    assert cli("run", BERGEN / "baseline.yaml", "--plot", chart, "--format", "csv")[0] == 0
    assert tidy.read_text().startswith("municipality,year,age,sex,persons\n4601,2024,0,female,1388\n")
    assert chart.read_bytes().startswith(b"\x89PNG")
    no_temporaries(tmp_path)


def test_a_file_written_as_a_symlink_replaces_the_file_it_names(cli, tmp_path):
    target = tmp_path / "data" / "tidy.csv"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "tidy.csv"
    link.symlink_to(target)
    assert cli("data", "import", BARE, "--out", link)[0] == 0
    assert link.is_symlink() and target.read_text().startswith("municipality,year,age,sex,persons\n")


def _dead_pid() -> int:
    """A process id that runs no process."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _env() -> dict:
    return {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
