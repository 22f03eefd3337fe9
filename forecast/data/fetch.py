"""`forecast data fetch`: population tables from SSB's PxWebApi v2 (JSON-stat 2.0), cached, stored tidy.

Layout of the cache (default `$FORECAST_CACHE`, else `$XDG_CACHE_HOME/forecast`, else `~/.cache/forecast`):

    ssb/<table>/raw/metadata-en.json              the table's metadata (reused for a day, then asked again)
    ssb/<table>/raw/data-<region>-<from>-<to>.json  each downloaded part, as SSB sent it (reused until --refresh)
    ssb/<table>/population-<code|all>.csv         tidy `municipality,year,age,sex,persons`, 2024 borders
    ssb/<table>/population-<code|all>.json        manifest: URLs, parts with sha256, time, importer report

`fetched_population(municipality)` returns the tidy file that covers a municipality, for `run` to use.

What was checked in the PxWebApi 2 user guide (PxTools, examples run against data.ssb.no): the base URL
https://data.ssb.no/api/pxwebapi/v2; `tables/{id}/metadata?lang=en` returns JSON-stat 2.0 with an empty value
list; `tables/{id}/data?lang=en&outputFormat=json-stat2&valueCodes[VAR]=a,b` selects data, with the expressions
`*`, `top(n)`, `from(x)`, `range(a,b)`; for 07459, `codelist[Region]=agg_KommSummer&outputValues[Region]=aggregated`
gives series summed to current municipalities under codes like `K-3103`, and the contents code is `Personer1`;
status 400 ("Too many cells selected"), 404 (no such table), 429 (too many queries a minute), 503; GET URLs are
limited to about 2,100 characters.
Assumed, not verified here: SSB's cell limit per request (800,000; we plan parts of at most 500,000 cells and halve
a part when SSB answers "too many"); that agg_KommSummer has at most 400 codes (only used to size the parts); that
metadata lists a variable's code lists under `extension.codeLists` (or `codelists`) as objects with an `id`; that
07459's `Alder` holds single years 000…105+ and `Kjonn` 1/2, so `*` selects just these; that an error body is JSON
with `title`/`detail`.
"""

from __future__ import annotations

import json
import os
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable
from urllib.parse import quote

from forecast.errors import DataError, ForecastError

if TYPE_CHECKING:
    from forecast.data.importer import ImportResult

API = "https://data.ssb.no/api/pxwebapi/v2"
AGGREGATED = "agg_KommSummer"
CELL_BUDGET = 500_000
MAX_AGGREGATED_REGIONS = 400
METADATA_MAX_AGE = 24 * 3600
RETRIES_429 = 3

Opener = Callable[[str], bytes]
Progress = Callable[[int, int, str], None]


class Offline(ForecastError):
    """SSB could not be reached (no network, DNS failure, timeout)."""


class SsbError(ForecastError):
    """SSB answered with an HTTP error."""

    def __init__(self, status: int, url: str, detail: str):
        self.status, self.url, self.detail = status, url, detail
        super().__init__(f"SSB answered HTTP {status}: {detail} ({url})")


def default_cache() -> Path:
    if os.environ.get("FORECAST_CACHE"):
        return Path(os.environ["FORECAST_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "forecast"


def table_folder(table: str, cache: Path | None = None) -> Path:
    return Path(cache or default_cache()) / "ssb" / table


def fetched_population(municipality: str | None = None, table: str = "07459", cache: Path | None = None
                       ) -> Path | None:
    """The tidy file a previous fetch stored for this municipality (or for all), newest first; None if none."""
    folder = table_folder(table, cache)
    names = ([f"population-{municipality}.csv"] if municipality else []) + ["population-all.csv"]
    found = [folder / n for n in names if (folder / n).is_file()]
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def urlopen_bytes(url: str) -> bytes:
    """GET `url` with the standard library (the default opener; tests pass their own)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        agent = f"forecast/{version('forecast')}"
    except PackageNotFoundError:
        agent = "forecast"
    req = urllib.request.Request(url, headers={"User-Agent": agent, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as resp:
        return resp.read()


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 - the body is only decoration for the message
        body = ""
    try:
        doc = json.loads(body)
        parts = [str(doc[k]) for k in ("title", "detail") if isinstance(doc, dict) and doc.get(k)]
        if parts:
            return ": ".join(parts)
    except ValueError:
        pass
    return (body.strip().splitlines() or [exc.reason or "error"])[0][:200]


@dataclass
class _Client:
    opener: Opener
    sleep: Callable[[float], None]
    requests: int = 0

    def get(self, url: str) -> bytes:
        for attempt in range(RETRIES_429 + 1):
            try:
                self.requests += 1
                return self.opener(url)
            except urllib.error.HTTPError as exc:
                if exc.code == 429 and attempt < RETRIES_429:
                    wait = exc.headers.get("Retry-After") if exc.headers else None
                    self.sleep(float(wait) if wait and str(wait).isdigit() else 10.0 * (attempt + 1))
                    continue
                raise SsbError(exc.code, url, _detail(exc)) from None
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                reason = getattr(exc, "reason", None) or exc
                raise Offline(f"cannot reach data.ssb.no ({reason}); no network?") from None
        raise SsbError(429, url, "too many requests; wait a minute and try again")


def _url(table: str, endpoint: str, params: list[tuple[str, str]]) -> str:
    query = "&".join(f"{k}={quote(v, safe=',*()')}" for k, v in params)
    return f"{API}/tables/{table}/{endpoint}?{query}"


def metadata_url(table: str, lang: str = "en") -> str:
    return _url(table, "metadata", [("lang", lang), ("outputFormat", "json-stat2")])


@dataclass
class Part:
    """One request: the selection of each variable (codes or an expression) for a run of years."""

    region: str
    years: list[str]
    selection: dict[str, str]
    codelist: str | None
    region_var: str | None

    def url(self, table: str, time_var: str) -> str:
        params = [("lang", "en"), ("outputFormat", "json-stat2")]
        for var, sel in self.selection.items():
            params.append((f"valueCodes[{var}]", sel))
        first, last = self.years[0], self.years[-1]
        params.append((f"valueCodes[{time_var}]", first if first == last else f"range({first},{last})"))
        if self.codelist and self.region_var:
            var = self.region_var
            params += [(f"codelist[{var}]", self.codelist), (f"outputValues[{var}]", "aggregated")]
        return _url(table, "data", params)

    def file_name(self) -> str:
        region = "all" if self.region == "*" else re.sub(r"[^\w-]", "_", self.region)
        return f"data-{region}-{self.years[0]}-{self.years[-1]}.json"


@dataclass
class FetchResult:
    table: str
    municipality: str | None
    csv_path: Path
    manifest_path: Path
    imported: "ImportResult"
    downloaded: int
    cached: int
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        what = f"{self.municipality}" if self.municipality else "all municipalities"
        head = (f"SSB table {self.table}, {what}: {self.downloaded} part(s) downloaded, {self.cached} from the "
                f"cache")
        return [head, *self.notes, *self.imported.report.lines(), f"stored {self.csv_path}"]


def _codelists(spec: dict) -> list[str]:
    ext = spec.get("extension") or {}
    lists = ext.get("codeLists") or ext.get("codelists") or []
    return [str(c.get("id", "")) if isinstance(c, dict) else str(c) for c in lists]


def plan(meta: dict, table: str, region: str | None, since: int | None, budget: int = CELL_BUDGET) -> list[Part]:
    """Split a download into parts of at most `budget` cells, by runs of years."""
    ids, sizes, dims = meta.get("id"), meta.get("size"), meta.get("dimension")
    if not isinstance(ids, list) or not isinstance(sizes, list) or not isinstance(dims, dict):
        raise DataError(f"SSB's metadata for table {table} is not JSON-stat 2.0 (no id/size/dimension)")
    roles = meta.get("role") or {}
    time_var = (roles.get("time") or [None])[0] or ("Tid" if "Tid" in ids else None)
    region_var = (roles.get("geo") or [None])[0] or ("Region" if "Region" in ids else None)
    if time_var is None:
        raise DataError(f"table {table} has no time variable")
    selection: dict[str, str] = {}
    cells_per_year = 1
    codelist = None
    region_code = "*"
    for var, size in zip(ids, sizes):
        if var == time_var:
            continue
        if var == region_var:
            lists = [c.casefold() for c in _codelists(dims[var])]
            codelist = AGGREGATED if AGGREGATED.casefold() in lists else None
            if region:
                region_code = f"K-{region}" if codelist else region
                n = 1
            else:
                n = MAX_AGGREGATED_REGIONS if codelist else size
            selection[var] = region_code
            cells_per_year *= n
            continue
        selection[var] = "*"
        cells_per_year *= size
    if region and region_var is None:
        raise DataError(f"table {table} has no region variable, so --municipality cannot be used")
    cat = dims[time_var]["category"]
    index = cat.get("index") or {}
    years = [c for c, _ in sorted(index.items(), key=lambda kv: kv[1])] if isinstance(index, dict) else list(index)
    if since is not None:
        years = [y for y in years if int(str(y)[:4]) >= since]
    if not years:
        raise DataError(f"table {table} has no periods from {since}" if since else f"table {table} has no periods")
    per_part = max(1, budget // max(cells_per_year, 1))
    return [Part(region_code, years[i:i + per_part], dict(selection), codelist, region_var)
            for i in range(0, len(years), per_part)]


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cached response is unreadable ({exc}); run again with --refresh", path) from None


def _metadata(client: _Client, table: str, raw: Path, refresh: bool, now: float, notes: list[str]) -> dict:
    from forecast.results.writing import write_atomic

    path = raw / "metadata-en.json"
    fresh = path.exists() and now - path.stat().st_mtime < METADATA_MAX_AGE
    if fresh and not refresh:
        return _read_json(path)
    try:
        body = client.get(metadata_url(table))
    except Offline:
        if path.exists() and not refresh:
            when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            notes.append(f"offline: used the table's metadata cached on {when}")
            return _read_json(path)
        raise
    except SsbError as exc:
        if exc.status in (400, 404):
            raise ForecastError(f"SSB has no table {table!r} ({exc.detail}); table ids are five digits, "
                                "e.g. 07459") from None
        raise
    try:
        doc = json.loads(body)
    except ValueError:
        raise SsbError(200, metadata_url(table), "the answer is not JSON") from None
    write_atomic(path, body)
    return doc


def _too_many(exc: SsbError) -> bool:
    return exc.status in (400, 403, 413) and "many" in exc.detail.casefold()


def fetch_population(
    table: str = "07459",
    municipality: str | None = None,
    cache: Path | None = None,
    since: int | None = None,
    refresh: bool = False,
    progress: Progress | None = None,
    opener: Opener | None = None,
    sleep: Callable[[float], None] = time.sleep,
    budget: int = CELL_BUDGET,
) -> FetchResult:
    """Download population by region, sex, age and year from SSB (parts cached), import it tidy on 2024 borders
    and store it in the cache folder where `fetched_population` finds it."""
    from forecast.data.importer import population_from_tables
    from forecast.data.jsonstat import from_document
    from forecast.data.regions import resolve_municipality
    from forecast.results.writing import sha256, write_atomic

    if not re.fullmatch(r"\d{5}", table):
        raise ForecastError(f"table {table!r}: SSB table ids are five digits, e.g. 07459")
    code = resolve_municipality(municipality) if municipality else None
    folder = table_folder(table, cache)
    raw = folder / "raw"
    client = _Client(opener or urlopen_bytes, sleep)
    notes: list[str] = []
    meta = _metadata(client, table, raw, refresh, time.time(), notes)
    time_var = (meta.get("role", {}).get("time") or ["Tid"])[0]
    parts = plan(meta, table, code, since, budget)

    done: list[tuple[Part, Path, str]] = []
    downloaded = cached = 0
    queue = list(parts)
    total = len(queue)
    while queue:
        part = queue.pop(0)
        path = raw / part.file_name()
        url = part.url(table, time_var)
        label = f"{table} {part.years[0]}" + (f"–{part.years[-1]}" if len(part.years) > 1 else "")
        if path.exists() and not refresh:
            cached += 1
            label += " (cached)"
        else:
            try:
                body = client.get(url)
            except Offline as exc:
                have = sum(1 for p in parts if (raw / p.file_name()).exists())
                raise Offline(f"{exc} — {have} of {len(parts)} parts are cached; connect and run again") from None
            except SsbError as exc:
                if _too_many(exc) and len(part.years) > 1:
                    half = len(part.years) // 2
                    queue[:0] = [replace(part, years=part.years[:half]), replace(part, years=part.years[half:])]
                    total += 1
                    continue
                raise
            try:
                json.loads(body)
            except ValueError:
                raise SsbError(200, url, "the answer is not JSON") from None
            write_atomic(path, body)
            downloaded += 1
            label += " (downloaded)"
        done.append((part, path, url))
        if progress:
            progress(len(done), total, label)

    tables = [from_document(_read_json(path), path) for _, path, _ in done]
    imported = population_from_tables(tables, code, label=f"SSB {table} via PxWebApi v2")
    name = f"population-{code or 'all'}"
    csv_path = write_atomic(folder / f"{name}.csv", imported.csv())
    manifest = {
        "table": table, "municipality": code, "api": API,
        "fetched": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "parts": [{"url": url, "file": str(path.relative_to(folder)), "sha256": sha256(path)}
                  for _, path, url in done],
        "output": {"file": csv_path.name, "sha256": sha256(csv_path), "rows": len(imported.frame),
                   "columns": list(imported.frame.columns)},
        "report": imported.report.lines(),
    }
    man_path = write_atomic(folder / f"{name}.json", json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return FetchResult(table, code, csv_path, man_path, imported, downloaded, cached, notes)
