"""Exit codes by cause: 0 ok; 2 bad input or a problem of the user's environment, with the path named and what to
do; 1 only for bugs; `--debug` adds the traceback and keeps the code; 130 on Ctrl-C, 143 on SIGTERM."""

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"
BARE = ROOT / "tests" / "data" / "fixtures" / "variants" / "bergen_2024_bare_codes.csv"


def forecast(*args, timeout=120, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "forecast", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout, **kwargs)


def test_run_out_onto_a_file(cli, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("mine")
    code, _, err = cli("run", BASELINE, "--out", afile)
    assert code == 2
    assert err == f"error: --out {afile} is a file; give a folder to write into (it is created if missing)\n"
    assert afile.read_text() == "mine"


def test_import_out_onto_a_folder_and_plot_onto_a_folder(cli, tmp_path):
    code, _, err = cli("data", "import", BARE, "--out", tmp_path)
    assert code == 2
    assert err == f"error: --out {tmp_path} is a folder; give a file name for the CSV, e.g. {tmp_path}/population.csv\n"
    code, _, err = cli("run", BASELINE, "--plot", tmp_path)
    assert code == 2
    assert err == f"error: --plot {tmp_path} is a folder; give a file name, e.g. {tmp_path}/need.png\n"


@pytest.mark.parametrize("number, what", [
    (errno.EACCES, "permission denied; choose a place you may write to, or change its permissions"),
    (errno.EROFS, "read-only file system; write somewhere else"),
    (errno.EPERM, "operation not permitted (an immutable or protected file or folder?); choose another place, or "
                  "lift the protection (e.g. chattr -i)"),
    (errno.ENOSPC, "no space left on the device; free some space or write somewhere else"),
    (errno.EDQUOT, "disk quota exceeded; free some space or write somewhere else"),
], ids=["permission", "read-only", "immutable", "disk-full", "quota"])
def test_the_environment_refusing_a_write_is_exit_2_naming_the_path(cli, tmp_path, monkeypatch, number, what):
    def refuse(fd):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refuse)  # the moment a written file is to reach the disk
    for args, path in ((("run", BASELINE, "--out", tmp_path / "res"), tmp_path / "res"),
                       (("data", "import", BARE, "--out", tmp_path / "tidy.csv"), tmp_path / "tidy.csv"),
                       (("run", BASELINE, "--plot", tmp_path / "c.png"), tmp_path / "c.png")):
        code, _, err = cli(*args)
        assert (code, err) == (2, f"error: {path}: {what}\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_real_read_only_folder(cli, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, err = cli("run", BASELINE, "--out", folder / "res")
    finally:
        folder.chmod(0o755)
    assert code == 2 and "permission denied" in err and str(folder) in err


def test_symlink_loops(cli, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, _, err = cli("run", BASELINE, "--out", tmp_path / "a")
    assert (code, err) == (2, f"error: {tmp_path / 'a'}: a symlink loop (a link that points back to itself); fix or "
                              "remove the link\n")
    code, _, err = cli("run", tmp_path / "a")
    assert (code, err) == (2, f"error: {tmp_path / 'a'}: a symlink loop (a link that points back to itself); fix or "
                              "remove the link\n")


def _memory_limit():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))  # reading /dev/zero must not eat the machine


def test_a_fifo_or_a_device_is_not_a_file_to_read_and_nothing_blocks(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    done = forecast("validate", fifo, "/dev/null", timeout=60, preexec_fn=_memory_limit)
    assert done.returncode == 2
    assert done.stderr == (f"error:\n{fifo}: not a regular file but a FIFO (named pipe); give a scenario YAML file\n"
                           "/dev/null: not a regular file but a device; give a scenario YAML file\n")
    for path, what in ((fifo, "a FIFO (named pipe)"), ("/dev/zero", "a device")):
        done = forecast("data", "import", path, timeout=60, preexec_fn=_memory_limit)
        assert (done.returncode, done.stderr) == (2, f"error: {path}: not a regular file but {what} (give the path "
                                                     "of an SSB export)\n")


def test_debug_adds_the_traceback_and_keeps_exit_code_2(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('municipality: "4601"\nperiod: {end: 2070}\n')
    code, _, err = cli("--debug", "validate", bad)
    assert code == 2
    assert err.startswith("Traceback (most recent call last):")
    assert err.endswith(f"error: {bad}:2: period.end: 2070 is after 2050, the last year of SSB's regional "
                        "projection\n")


def test_a_bug_is_exit_1_and_says_so(cli, monkeypatch):
    import forecast as api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(api, "run", broken)
    code, _, err = cli("run", BASELINE)
    assert (code, err) == (1, "unexpected error: ZeroDivisionError: division by zero (run with --debug for the "
                              "traceback)\n")
    code, _, err = cli("--debug", "run", BASELINE)
    assert code == 1 and "Traceback" in err


def test_an_environment_error_from_anywhere_names_its_path(cli, monkeypatch):
    import forecast as api

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/cache/07459.json")

    monkeypatch.setattr(api, "run", denied)
    code, _, err = cli("run", BASELINE)
    assert (code, err) == (2, "error: /srv/cache/07459.json: permission denied; choose a place you may write to, "
                              "or change its permissions\n")


@pytest.mark.parametrize("sig, code, word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
                         ids=["ctrl-c", "sigterm"])
def test_ctrl_c_and_sigterm_stop_at_once_with_their_workers(procs, env, sig, code, word):
    proc = subprocess.Popen([sys.executable, "-m", "forecast", "backtest"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)  # minutes of work in two workers
    workers = procs.wait_for_children(proc.pid, proc)
    assert workers, "the backtest started no workers"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=30)  # stops now: pending work is dropped, the workers are ended
    assert (proc.returncode, err) == (code, f"{word}\n")
    time.sleep(0.5)
    assert procs.running(workers) == []
