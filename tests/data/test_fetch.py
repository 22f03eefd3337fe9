"""`forecast data fetch`: SSB PxWebApi v2 answers (recorded in tests/data/fixtures/ssb_api, never the network) are
cached, split into parts under the cell limit, imported tidy and stored where `fetched_population` finds them."""

from pathlib import Path
import gzip
import io
import json
import os
import urllib.error

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
from forecast.data import fetch as fetch_mod
from forecast.data.fetch import fetch_population, fetched_population

API = ROOT / "tests" / "data" / "fixtures" / "ssb_api"
META = "https://data.ssb.no/api/pxwebapi/v2/tables/07459/metadata?lang=en&outputFormat=json-stat2"


def data_url(region: str, tid: str) -> str:
    return ("https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?lang=en&outputFormat=json-stat2"
            f"&valueCodes[Region]={region}&valueCodes[Kjonn]=*&valueCodes[Alder]=*&valueCodes[ContentsCode]=*"
            f"&valueCodes[Tid]={tid}&codelist[Region]=agg_KommSummer&outputValues[Region]=aggregated")


def http_error(url, code, body=b"", headers=None):
    return urllib.error.HTTPError(url, code, "error", headers or {}, io.BytesIO(body))


class Recorded:
    """Serves recorded SSB answers by URL; anything else is a test failure. Keeps the URLs asked for."""

    def __init__(self, routes):
        self.routes = dict(routes)
        self.calls = []

    def __call__(self, url):
        self.calls.append(url)
        if url not in self.routes:
            raise AssertionError(f"unexpected request {url}")
        answer = self.routes[url]
        if isinstance(answer, list):  # successive answers to the same URL
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        if isinstance(answer, Exception):
            raise answer
        raw = (API / answer).read_bytes()
        return gzip.decompress(raw) if answer.endswith(".gz") else raw


BERGEN = {META: "07459_metadata_en.json", data_url("K-4601", "range(2005,2026)"): "07459_K-4601_2005-2026.json"}


@pytest.fixture(scope="module")
def shipped_bergen():
    from forecast.data.population import load_population_wide

    df = load_population_wide()
    return df[df["municipality"] == "4601"].melt(["municipality", "year", "age"], ["male", "female"], "sex",
                                                "persons")


def as_frame(path):
    return pd.read_csv(path, dtype={"municipality": str})


def test_fetch_bergen_stores_tidy_file_and_manifest(tmp_path, shipped_bergen):
    opener = Recorded(BERGEN)
    steps = []
    result = fetch_population("07459", "Bergen", tmp_path, since=2005, opener=opener,
                              progress=lambda *a: steps.append(a))
    assert opener.calls == [META, data_url("K-4601", "range(2005,2026)")]
    folder = tmp_path / "ssb" / "07459"
    assert result.csv_path == folder / "population-4601.csv"
    frame = as_frame(result.csv_path)
    assert list(frame.columns) == ["municipality", "year", "age", "sex", "persons"]
    both = frame.merge(shipped_bergen, on=["municipality", "year", "age", "sex"], suffixes=("", "_ssb"))
    assert len(both) == len(frame) == len(shipped_bergen) == 22 * 106 * 2
    assert (both["persons"] == both["persons_ssb"]).all()
    assert frame[frame["year"] == 2025]["persons"].sum() == 293_709  # DOMAIN.md: Bergen 2025
    assert steps == [(1, 1, "07459 2005–2026 (downloaded)")]
    manifest = json.loads((folder / "population-4601.json").read_text(encoding="utf-8"))
    assert manifest["parts"][0]["url"] == data_url("K-4601", "range(2005,2026)")
    assert manifest["parts"][0]["file"] == "raw/data-K-4601-2005-2026.json"
    assert (folder / "raw" / "data-K-4601-2005-2026.json").read_bytes() == (API / BERGEN[opener.calls[1]]).read_bytes()
    assert manifest["output"]["rows"] == 4664
    assert fetched_population("4601", cache=tmp_path) == result.csv_path
    assert fetched_population("0301", cache=tmp_path) is None


def test_second_fetch_uses_the_cache_without_network(tmp_path):
    fetch_population("07459", "4601", tmp_path, since=2005, opener=Recorded(BERGEN))
    offline = Recorded({})
    result = fetch_population("07459", "4601", tmp_path, since=2005, opener=offline)
    assert offline.calls == []
    assert (result.downloaded, result.cached) == (0, 1)
    assert result.lines()[0] == "SSB table 07459, 4601: 0 part(s) downloaded, 1 from the cache"


def test_stale_metadata_offline_falls_back_to_the_cache(tmp_path):
    fetch_population("07459", "4601", tmp_path, since=2005, opener=Recorded(BERGEN))
    meta = tmp_path / "ssb" / "07459" / "raw" / "metadata-en.json"
    old = meta.stat().st_mtime - 3 * 24 * 3600
    os.utime(meta, (old, old))
    opener = Recorded({META: urllib.error.URLError("[Errno -3] Temporary failure in name resolution")})
    result = fetch_population("07459", "4601", tmp_path, since=2005, opener=opener)
    assert opener.calls == [META]
    assert result.notes[0].startswith("offline: used the table's metadata cached on ")


def test_parts_stay_under_the_cell_budget(tmp_path):
    routes = {META: "07459_metadata_en.json",
              data_url("K-4601", "range(2005,2012)"): "07459_K-4601_2005-2012.json",
              data_url("K-4601", "range(2013,2020)"): "07459_K-4601_2013-2020.json",
              data_url("K-4601", "range(2021,2026)"): "07459_K-4601_2021-2026.json"}
    opener = Recorded(routes)
    steps = []
    # 1 region × 2 sexes × 106 ages × 1 content = 212 cells a year: 8 years fit in 1,700 cells
    result = fetch_population("07459", "4601", tmp_path, since=2005, opener=opener, budget=1700,
                              progress=lambda *a: steps.append(a))
    assert opener.calls == list(routes)
    assert [s[:2] for s in steps] == [(1, 3), (2, 3), (3, 3)]
    assert result.imported.report.years == (2005, 2026) and len(result.imported.frame) == 4664


def test_too_many_cells_halves_the_part(tmp_path):
    too_many = http_error("x", 400, b'{"type":"Bad request","title":"Too many cells selected","status":400}')
    routes = {META: "07459_metadata_en.json",
              data_url("K-4601", "range(2005,2020)"): too_many,
              data_url("K-4601", "range(2005,2012)"): "07459_K-4601_2005-2012.json",
              data_url("K-4601", "range(2013,2020)"): "07459_K-4601_2013-2020.json",
              data_url("K-4601", "range(2021,2026)"): "07459_K-4601_2021-2026.json"}
    opener = Recorded(routes)
    result = fetch_population("07459", "4601", tmp_path, since=2005, opener=opener, budget=16 * 212)
    assert opener.calls == list(routes)
    assert (result.downloaded, len(result.imported.frame)) == (3, 4664)


def test_rate_limit_waits_and_retries(tmp_path):
    waits = []
    busy = http_error(META, 429, b"", {"Retry-After": "7"})
    opener = Recorded({**BERGEN, META: [busy, "07459_metadata_en.json"]})
    fetch_population("07459", "4601", tmp_path, since=2005, opener=opener, sleep=waits.append)
    assert waits == [7.0]
    assert opener.calls[:2] == [META, META]


def test_all_municipalities(tmp_path):
    from forecast.data.population import load_population_wide

    opener = Recorded({META: "07459_metadata_en.json", data_url("*", "2026"): "07459_all_2026.json.gz"})
    result = fetch_population("07459", None, tmp_path, since=2026, opener=opener)
    frame = as_frame(result.csv_path)
    assert result.csv_path.name == "population-all.csv"
    shipped = load_population_wide()
    assert frame["municipality"].nunique() == 357
    assert frame["persons"].sum() == shipped[shipped["year"] == 2026][["male", "female"]].to_numpy().sum()
    assert result.imported.report.skipped == ["K-21-22 Svalbard and Jan Mayen (not a municipality)",
                                              "K-23 Continental shelf (a county-level region)",
                                              "K-Rest Divided municalities and unknown (not a municipality)"]
    assert fetched_population("4601", cache=tmp_path) == result.csv_path


# ------------------------------------------------------------------------------------------------- CLI

def test_cli_fetch_prints_report(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch_mod, "urlopen_bytes", Recorded(BERGEN))
    code, out, err = cli("data", "fetch", "07459", "--municipality", "Bergen", "--from", "2005", "--cache", tmp_path)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "SSB table 07459, 4601: 1 part(s) downloaded, 0 from the cache"
    assert "population: 4 664 rows, 1 municipality, years 2005–2026, sex male/female; 294 860 persons in 2026" in out
    assert lines[-1] == f"stored {tmp_path / 'ssb' / '07459' / 'population-4601.csv'}"
    assert err == "[1/1] 07459 2005–2026 (downloaded)\n"  # progress, one line per part when not a terminal


def test_cli_fetch_without_network_says_so_in_one_line(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch_mod, "urlopen_bytes",
                        Recorded({META: urllib.error.URLError("[Errno -3] Temporary failure in name resolution")}))
    code, out, err = cli("data", "fetch", "07459", "--cache", tmp_path)
    assert code == 2
    assert err.splitlines()[-1] == ("error: cannot reach data.ssb.no ([Errno -3] Temporary failure in name "
                                    "resolution); no network?")
    assert [ln for ln in err.splitlines() if ln.startswith("error")] == [err.splitlines()[-1]]
    assert not (tmp_path / "ssb" / "07459" / "population-all.csv").exists()


def test_cli_fetch_offline_midway_says_what_is_cached(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(fetch_mod, "urlopen_bytes", Recorded({
        META: "07459_metadata_en.json",
        data_url("K-4601", "range(2005,2026)"): urllib.error.URLError("timed out")}))
    code, _, err = cli("data", "fetch", "07459", "-m", "4601", "--from", "2005", "--cache", tmp_path)
    assert code == 2
    assert err.splitlines()[-1] == ("error: cannot reach data.ssb.no (timed out); no network? — 0 of 1 parts are "
                                    "cached; connect and run again")


def test_cli_fetch_unknown_table_and_bad_id(cli, tmp_path, monkeypatch):
    url = "https://data.ssb.no/api/pxwebapi/v2/tables/99999/metadata?lang=en&outputFormat=json-stat2"
    monkeypatch.setattr(fetch_mod, "urlopen_bytes", Recorded({
        url: http_error(url, 404, b'{"type":"Not found","title":"Non-existent table","status":404}')}))
    code, _, err = cli("data", "fetch", "99999", "--cache", tmp_path)
    assert code == 2
    assert err.splitlines()[-1] == ("error: SSB has no table '99999' (Non-existent table); table ids are five "
                                    "digits, e.g. 07459")
    code, _, err = cli("data", "fetch", "7459", "--cache", tmp_path)
    assert (code, err) == (2, "error: table '7459': SSB table ids are five digits, e.g. 07459\n")


def test_plan_for_all_municipalities_and_all_years():
    from forecast.data.fetch import plan

    meta = json.loads((API / "07459_metadata_en.json").read_text(encoding="utf-8"))
    parts = plan(meta, "07459", None, None)
    # ≤ 400 regions × 2 sexes × 106 ages = 84,800 cells a year: 5 years a part stay under 500,000 cells
    assert [(p.years[0], p.years[-1]) for p in parts] == [
        ("1986", "1990"), ("1991", "1995"), ("1996", "2000"), ("2001", "2005"), ("2006", "2010"),
        ("2011", "2015"), ("2016", "2020"), ("2021", "2025"), ("2026", "2026")]
    urls = [p.url("07459", "Tid") for p in parts]
    assert urls[0] == data_url("*", "range(1986,1990)") and urls[-1] == data_url("*", "2026")
    assert max(len(u) for u in urls) < 2100  # SSB's limit for GET URLs


def test_refresh_downloads_again(tmp_path):
    fetch_population("07459", "4601", tmp_path, since=2005, opener=Recorded(BERGEN))
    opener = Recorded(BERGEN)
    result = fetch_population("07459", "4601", tmp_path, since=2005, opener=opener, refresh=True)
    assert opener.calls == list(BERGEN)
    assert (result.downloaded, result.cached) == (1, 0)
