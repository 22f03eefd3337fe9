"""The CLI as a user meets it: exit codes, formats, files written, errors without tracebacks."""

from pathlib import Path
import csv
import io
import json
import subprocess
import sys

ROOT = Path(__file__).resolve().parents[2]

BASELINE = ROOT / "scenarios" / "bergen" / "baseline.yaml"


def test_run_table(cli):
    code, out, err = cli("run", BASELINE)
    assert code == 0, err
    assert "Bergen (4601)" in out
    for word in ("kindergarten", "(barnehage)", "primary_school", "(grunnskole)", "home_care", "nursing_home",
                 "FTE need", "persons", "total", "2025", "2040"):
        assert word in out
    assert "Assumptions" in out and "FTE are the whole user-facing care workforce (SSB 12292" in out
    assert "nurses' FTE only" not in out
    assert "residents" in out and "per 100 aged 80+" in out  # capacity beside FTE
    total = next(line for line in out.split("\n") if line.startswith("│ total"))
    assert total.split("│")[4].strip() == "13 631"  # 3,299 + 2,855 + 7,477 (the whole care workforce)


def test_run_json_equals_library(cli, baseline_result):
    code, out, _ = cli("run", BASELINE, "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert records == json.loads(json.dumps(baseline_result.records()))
    assert set(records[0]) == {"scenario", "municipality", "service", "occupation", "variable", "unit", "year",
                               "value"}
    fte = [r for r in records if r["service"] == "primary_school" and r["variable"] == "fte" and r["year"] == 2025]
    assert [r["occupation"] for r in fte] == ["all", "teachers"]
    assert fte[0]["unit"] == "FTE" and abs(fte[0]["value"] - 2855.2) < 1e-6


def test_run_csv(cli):
    code, out, _ = cli("run", BASELINE, "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["scenario", "municipality", "service", "occupation", "variable", "unit", "year",
                             "value", "lower", "upper"]
    assert rows[0]["municipality"] == "4601"


def test_run_out_writes_result_and_manifest(cli, tmp_path):
    code, _, err = cli("run", BASELINE, "--out", tmp_path / "res")
    assert code == 0
    assert f"wrote {tmp_path / 'res' / 'result.csv'}" in err
    manifest = json.loads((tmp_path / "res" / "manifest.json").read_text())
    paths = [i["path"] for i in manifest["inputs"]]
    assert any(p.endswith("baseline.yaml") for p in paths)
    assert any(p.endswith("ssb07459_municipalities_sex_age_2005_2026.csv.gz") for p in paths)
    assert any(p.endswith("laerermod_2024_national_mmm_age_sex.txt") for p in paths)  # the variant's age margin
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["outputs"]["result.csv"]["sha256"]
    assert "pandas" in manifest["versions"]
    assert not list((tmp_path / "res").glob("*.tmp"))


def test_run_bad_year_and_missing_file(cli, tmp_path):
    code, _, err = cli("run", BASELINE, "--year", "2050", "--out", tmp_path / "res")
    assert code == 2
    assert err == "error: --year 2050 is outside the scenario's period 2025–2040\n"
    assert not (tmp_path / "res").exists()  # checked before anything is computed or written
    code, _, err = cli("run", tmp_path / "nope.yaml")
    assert code == 2
    assert err.startswith("error: ") and "nope.yaml: file not found" in err
    assert "Traceback" not in err


def test_invalid_scenario_writes_nothing(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('municipality: "4601"\nperiod: {base: 2025, end: 2020}\n')
    code, out, err = cli("run", bad, "--out", tmp_path / "res")
    assert code == 2
    assert "bad.yaml:2: period: end 2020 is not after base 2025" in err
    assert not (tmp_path / "res").exists()


def test_population_command(cli):
    code, out, _ = cli("population", "Bergen", "--to", "2030", "--variant", "MMMM")
    assert code == 0
    assert "Bergen (4601)" in out and "2030*" in out and "291 940" in out  # 2024 observed total
    code, out, _ = cli("population", "4601", "--to", "2027", "--from", "2026", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 * 2 * 101
    assert {r["projected"] for r in rows if r["year"] == "2027"} == {"True"}
    code, out, _ = cli("population", "4601", "--to", "2027", "--from", "2027", "-f", "json")
    assert json.loads(out)[0]["municipality"] == "4601"


def test_population_defaults_to_the_scenarios_variant_and_shows_aggregates(cli):
    code, out, _ = cli("population", "Bergen", "--to", "2030")
    assert code == 0 and "then variant MMMM (scaled to SSB's 2024 projection)" in " ".join(out.split())
    code, mmmm, _ = cli("population", "Bergen", "--to", "2030", "-f", "json")
    code, unscaled, _ = cli("population", "Bergen", "--to", "2030", "--variant", "none", "-f", "json")
    assert json.loads(mmmm)[-1]["persons"] != json.loads(unscaled)[-1]["persons"]
    code, out, _ = cli("population", "Bergen", "--to", "2030", "--variant", "none")
    assert "built-in projection, unscaled (--variant none)" in " ".join(out.split())
    code, out, _ = cli("population", "Telemark", "--to", "2027", "--from", "2026", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["municipality"] for r in rows} == {"40"} and len(rows) == 2 * 2 * 101
    code, out, _ = cli("population", "Norge", "--to", "2027", "--from", "2026", "-f", "json")
    recs = json.loads(out)
    assert sum(r["persons"] for r in recs if r["year"] == 2026) == 5_627_400  # SSB 07459, 1 January 2026
    code, out, _ = cli("population", "Norge", "--to", "2027")
    assert code == 0 and "Norway (357 municipalities)" in out
    code, _, err = cli("population", "Odal")
    assert code == 2 and "municipalities whose name contains it: Nord-Odal (3414), Sør-Odal (3415)" in err


def test_population_errors(cli):
    code, _, err = cli("population", "Bergn")
    assert code == 2
    assert err == "error: unknown municipality 'Bergn' (did you mean 'Bergen'?)\n"
    code, _, err = cli("population", "4601", "--to", "2070")
    assert code == 2
    assert err == "error: --to 2070 is after 2050, the last year of the projection; give 2050 or earlier\n"


def test_help_is_fast_and_light():
    code = "import sys, forecast.cli; assert 'pandas' not in sys.modules and 'numpy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
    out = subprocess.run([sys.executable, "-m", "forecast", "--help"], capture_output=True, text=True, check=True)
    assert "Example: forecast run scenarios/bergen/baseline.yaml" in out.stdout
    for cmd in ("run", "population"):
        sub = subprocess.run([sys.executable, "-m", "forecast", cmd, "--help"], capture_output=True, text=True)
        assert sub.returncode == 0 and "Example: forecast " + cmd in sub.stdout


def test_debug_shows_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "forecast", "--debug", "population", "Bergn"],
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr


def test_plot_writes_a_png_readable_like_other_files(cli, tmp_path):
    import os
    import stat

    code, _, err = cli("run", BASELINE, "-f", "csv", "--plot", tmp_path / "need.png")
    assert code == 0
    png = tmp_path / "need.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(png.stat().st_mode) == 0o666 & ~umask
    code, _, err = cli("compare", BASELINE, ROOT / "scenarios" / "bergen" / "robot.yaml", "-f", "csv",
                       "--plot", tmp_path / "cmp.png")
    assert code == 0 and f"wrote {tmp_path / 'cmp.png'}" in err


def test_piping_into_head_is_not_an_error():
    proc = subprocess.run(f"{sys.executable} -m forecast run {BASELINE} -f csv | head -1", shell=True,
                          capture_output=True, text=True, executable="/bin/bash")
    assert proc.stdout.startswith("scenario,municipality,service")
    status = subprocess.run(f"set -o pipefail; {sys.executable} -m forecast run {BASELINE} -f csv | head -1 "
                            ">/dev/null", shell=True, executable="/bin/bash")
    assert status.returncode == 0


def test_old_code_and_binary_import_say_what_to_do(cli, tmp_path):
    code, _, err = cli("population", "1201")
    assert code == 2 and err == "error: unknown municipality code '1201' (1201 is an old code: now 4601 (Bergen))\n"
    gz = ROOT / "data" / "population" / "ssb07459_municipalities_sex_age_2005_2026.csv.gz"
    code, _, err = cli("data", "import", gz)
    assert code == 2
    assert err.endswith("not a text export: gzip-compressed data (unzip it first, e.g. gunzip FILE) (import a "
                        "StatBank CSV, JSON-stat or PX file)\n")


def test_one_year_table_has_no_change_column(cli):
    code, out, _ = cli("run", BASELINE, "--year", "2040")
    assert code == 0 and "change 2040" not in out and "80 % interval 2040" in out


def test_population_flags_border_changes_in_the_history(cli):
    code, out, _ = cli("population", "1580", "--from", "2022", "--to", "2027")
    assert code == 0
    assert "note: 2023→2024: -72% — a border change in the shipped history, not demography" in " ".join(out.split())
    code, out, _ = cli("population", "Bergen", "--to", "2027")
    assert "border change" not in out
