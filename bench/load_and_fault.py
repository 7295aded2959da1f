"""Readers, an editor and faults against `make prod`: does the site keep answering?

    make prod
    .venv/bin/python bench/load_and_fault.py [--readers 200] [--phase-seconds 20]
        [--redis-down 15] [--timeout 10] [--phases baseline,redis,replica,primary,gunicorn,
        recovered] [--think SECONDS] [--no-editor] [--base http://127.0.0.1:8080] [--json]

What it does, through nginx :8080 (→ Varnish → the two gunicorn servers), on a running
`make prod` (deploy/local/prod.py):

1. Finds the addresses to read by following links from the home pages: articles, the news
   lists, sections, tags, authors, the daily archive, searches for words of the headlines, the
   RSS feeds and the sitemaps. Readers pick them with the weights of WEIGHTS (articles most).
   Reads each once first (a site's steady traffic keeps its cache warm), then 5 s of load.
2. Starts `--readers` readers (asyncio tasks, each with its own keep-alive HTTP/1.1
   connection, no pause between requests unless `--think` gives a mean pause; 10% of the
   article reads go to the editor's ten newest stories) and an editor: a child process on the
   production database (the environment of deploy/local/prod.py) that creates a story and
   publishes it with `articles.services.article_publish` every second, as the admin does on
   "Publish" (the admin's two-step login is not worth scripting: the service is the same
   path). Its stories' pages join the readers' addresses; they are deleted again at the end
   (and any a killed run left, by their "[bench]" title). Its log lines go to
   /tmp/load_and_fault-editor.log.
3. Runs the phases, each `--phase-seconds` long:
     baseline   nothing wrong;
     redis      Redis stopped for `--redis-down` seconds, then started;
     replica    the PostgreSQL replica stopped for the phase, started after it;
     primary    the PostgreSQL primary restarted; the *restart window* (from the restart until
                gunicorn's /readyz answers 200 again) is a row of its own;
     gunicorn   gunicorn1 killed (`prod.py kill`: SIGKILL to its process group), started
                after the phase;
     recovered  everything back: is the site as it was?
   A request counts in the phase (or window) in which it started, except a failed one that
   was still waiting for its answer when the primary's restart began: it met the restart (a
   page queued for seconds behind others reaches the database as it goes down), and counts in
   the restart window.

Prints one row per phase: requests, req/s, p50 and p99 in ms, 5xx, timeouts (no complete answer
within `--timeout`), other errors (connection refused or reset, malformed answers), requests
answered from Varnish's cache (`X-Cache: HIT`), Varnish's grace hits ("stale": copies served
past their lifetime, varnishstat's MAIN.cache_hit_grace, which also counts the copies served
while refreshed after each publication's soft purge) and the editor's publications (done /
failed); under the table, the failures by kind ("503 article", "timeout feed"…). Then
"goal met" or "NOT met" per row:
  * every phase: no 5xx, no timeout, no other error;
  * the primary's restart window: no failure (5xx, timeout, error) on an address that was
    answered 200 earlier in the run, i.e. one Varnish had a copy of: anonymous readers get
    stale pages instead of errors. Addresses never served before (a story published a second
    earlier, a search nobody made yet) cannot be served stale; their 5xx are shown, not failed.
`--json` prints the same as JSON. Exit status 1 when a goal is missed, 2 when the stack is not
up (all of `prod.py status` must be up). Whatever it stopped it starts again, also on Ctrl-C,
SIGTERM or a crash; what others stopped it leaves alone.
"""

import argparse
import asyncio
import contextlib
import json
import math
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
PROD = ROOT / "deploy" / "local" / "prod.py"

# Share of requests per kind of page, roughly a news site's traffic: most readers arrive on a
# story from a link; the front pages next; lists, searches and feed readers are the rest.
WEIGHTS = {
    "article": 60,
    "home": 12,
    "list": 15,
    "search": 5,
    "feed": 8,
}
# Of the article reads, the share that goes to the editor's newest stories (breaking news is
# what everyone opens).
FRESH_SHARE = 0.1
FRESH_KEPT = 10
ALL_PHASES = ("baseline", "redis", "replica", "primary", "gunicorn", "recovered")
SEEDS = ("/", "/en/", "/ru/", "/news/", "/en/news/", "/ru/news/", "/rss/", "/sitemap.xml")
NOT_READ = re.compile(r"^/((uk|ru|en)/)?(admin|ads|preview|media|static|api|support)(/|$)")
ARTICLE = re.compile(r"^/((ru|en)/)?news/\d{4}/\d{2}/\d{2}/[^/]+/$")
HOME = re.compile(r"^/((ru|en)/)?$")
LIST = re.compile(
    r"^/((ru|en)/)?(news/|news/date/[^/]+/|sections/[^/]+/|tags/[^/]+/|authors/[^/]+/)$"
)
FEED = re.compile(r"^/(((ru|en)/)?rss/.*|sitemap[^/]*\.xml)$")
EDITOR_LOG = Path(tempfile.gettempdir()) / "load_and_fault-editor.log"
# Marks the editor's stories, so that a run interrupted hard still has them removed next time.
MARK = "[bench]"


# --- HTTP/1.1 over asyncio streams --------------------------------------------------------------


class BadResponse(Exception):
    pass


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    keep_alive: bool


async def http_get(reader, writer, host: str, path: str, keep_body: bool = False) -> Response:
    """One GET on an open connection; the body is read whole (and dropped unless asked for)."""
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: newsroom-bench\r\n"
        "Accept: */*\r\n\r\n".encode("latin-1")
    )
    await writer.drain()
    line = await reader.readline()
    if not line:
        raise ConnectionResetError("closed before the answer")
    parts = line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/"):
        raise BadResponse(f"status line {line[:80]!r}")
    status = int(parts[1])
    headers = {}
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n"):
            break
        if not line:
            raise ConnectionResetError("closed in the headers")
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    chunks = []
    if status in (204, 304) or status < 200:
        pass
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                break
            data = await reader.readexactly(size + 2)
            if keep_body:
                chunks.append(data[:-2])
    elif "content-length" in headers:
        data = await reader.readexactly(int(headers["content-length"]))
        if keep_body:
            chunks.append(data)
    else:
        chunks.append(await reader.read())
        keep_alive = False
    return Response(status, headers, b"".join(chunks), keep_alive)


class Connection:
    """A keep-alive connection that reconnects after an error or a `Connection: close`."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.streams = None

    async def get(self, path: str, keep_body: bool = False) -> Response:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        try:
            response = await http_get(*self.streams, f"{self.host}:{self.port}", path, keep_body)
        except BaseException:
            self.close()
            raise
        if not response.keep_alive:
            self.close()
        return response

    def close(self):
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


# --- finding the addresses ----------------------------------------------------------------------


class Links(HTMLParser):
    """Collects `<a href>` addresses and the words of the links' text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs, self.words, self._in_a = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._in_a += 1
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag == "a" and self._in_a:
            self._in_a -= 1

    def handle_data(self, data):
        if self._in_a:
            self.words.extend(re.findall(r"[^\W\d_]{6,}", data))


def kind_of(path: str) -> str | None:
    """Which kind of page an address on this site is, or None for one readers do not read."""
    bare, _, query = path.partition("?")
    if NOT_READ.match(bare):
        return None
    if re.match(r"^/((ru|en)/)?search/$", bare):
        return "search" if query.startswith("q=") else None
    if query and not re.fullmatch(r"page=\d+", query):
        return None
    if ARTICLE.match(bare):
        return "article"
    if HOME.match(bare):
        return "home" if not query else "list"
    if LIST.match(bare):
        return "list"
    if FEED.match(bare):
        return "feed"
    return None


def local_path(base: str, href: str) -> str | None:
    """`href` as a path on the site at `base`, or None if it leads elsewhere."""
    url = urlsplit(urljoin(base + "/", href))
    here = urlsplit(base)
    if url.scheme not in ("http", "https") or url.netloc not in (here.netloc, ""):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def language_of(path: str) -> str:
    """The address prefix of a page's language: "/", "/en/" or "/ru/"."""
    match = re.match(r"^/(ru|en)/", path)
    return f"/{match.group(1)}/" if match else "/"


def search_paths(words: dict, rng: random.Random, n: int = 12) -> list[str]:
    """Searches for headline words (`words`: language prefix -> words found on its pages),
    one or two at a time, each on the search page of the language the words are in."""
    pools = {prefix: sorted({w.lower() for w in found}) for prefix, found in words.items()}
    pools = {prefix: pool for prefix, pool in sorted(pools.items()) if pool}
    if not pools:
        return []
    paths = set()
    for i in range(n):
        prefix = list(pools)[i % len(pools)]
        chosen = rng.sample(pools[prefix], min(len(pools[prefix]), 1 + i % 2))
        paths.add(f"{prefix}search/?q=" + "+".join(quote(word, safe="") for word in chosen))
    return sorted(paths)


async def discover(base: str, max_pages: int, rng: random.Random) -> dict[str, list[str]]:
    """Follows links from SEEDS, 8 requests at a time, reading up to `max_pages` pages (lists
    and feeds first: they lead to everything); every address linked to is kept."""
    here = urlsplit(base)
    found = {kind: set() for kind in WEIGHTS}
    words = {}
    lists, articles, seen = list(SEEDS), [], set(SEEDS)
    for path in SEEDS:
        found[kind_of(path)].add(path)
    fetched = 0

    async def crawl():
        nonlocal fetched
        conn = Connection(here.hostname, here.port or 80)
        try:
            while (lists or articles) and fetched < max_pages:
                path = (lists or articles).pop(0)
                fetched += 1
                try:
                    response = await asyncio.wait_for(conn.get(path, keep_body=True), 30)
                except (OSError, TimeoutError, BadResponse, asyncio.IncompleteReadError):
                    conn.close()
                    continue
                if response.status != 200:
                    found[kind_of(path)].discard(path)
                    continue
                body = response.body.decode("utf-8", "replace")
                parser = Links()
                parser.feed(body)
                words.setdefault(language_of(path), []).extend(parser.words)
                for href in parser.hrefs + re.findall(r"<loc>([^<]+)</loc>", body):
                    target = local_path(base, href.strip())
                    kind = target and kind_of(target)
                    if kind and target not in seen:
                        seen.add(target)
                        found[kind].add(target)
                        (articles if kind == "article" else lists).append(target)
        finally:
            conn.close()

    await asyncio.gather(*(crawl() for _ in range(8)))
    found["search"].update(search_paths(words, rng))
    return {kind: sorted(paths) for kind, paths in found.items()}


async def warm(base: str, paths: list[str], connections: int = 8) -> set[str]:
    """Reads every address once, `connections` at a time, as a site's steady traffic would
    have: the run starts from a warm cache. Returns the addresses answered 200."""
    here = urlsplit(base)
    queue, served, answers = list(paths), set(), Counter()

    async def read():
        conn = Connection(here.hostname, here.port or 80)
        try:
            while queue:
                path = queue.pop()
                try:
                    response = await asyncio.wait_for(conn.get(path), 30)
                except (OSError, TimeoutError, BadResponse, asyncio.IncompleteReadError) as error:
                    conn.close()
                    answers[type(error).__name__] += 1
                    continue
                answers[response.status] += 1
                if response.status == 200:
                    served.add(path)
        finally:
            conn.close()

    await asyncio.gather(*(read() for _ in range(connections)))
    log("warm-up answers: " + ", ".join(f"{n}x {what}" for what, n in answers.most_common()))
    return served


# --- numbers ------------------------------------------------------------------------------------


def percentile(values, p: float) -> float | None:
    """The nearest-rank percentile `p` (0-100) of `values`, None for none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Row:
    """What happened to the requests that started in one phase (or the restart window)."""

    name: str
    goal: str = "phase"  # or "window"
    started: float = 0.0
    ended: float = 0.0
    latencies: list = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    timeouts: int = 0
    errors: int = 0
    cache_hits: int = 0
    failures_with_copy: int = 0
    grace_hits: int | None = None
    published: int = 0
    publish_failed: int = 0
    failures: Counter = field(default_factory=Counter)  # "503 article": 12

    @property
    def requests(self):
        return sum(self.statuses.values()) + self.timeouts + self.errors

    @property
    def fivexx(self):
        return sum(n for status, n in self.statuses.items() if status >= 500)

    def summary(self) -> dict:
        seconds = max(self.ended - self.started, 1e-9)
        p50, p99 = percentile(self.latencies, 50), percentile(self.latencies, 99)
        if self.goal == "window":
            met = self.failures_with_copy == 0
        else:
            met = self.fivexx == 0 and self.timeouts == 0 and self.errors == 0
        return {
            "phase": self.name,
            "seconds": round(seconds, 1),
            "requests": self.requests,
            "req_per_s": round(self.requests / seconds, 1),
            "p50_ms": None if p50 is None else round(p50 * 1000, 1),
            "p99_ms": None if p99 is None else round(p99 * 1000, 1),
            "5xx": self.fivexx,
            "timeouts": self.timeouts,
            "other_errors": self.errors,
            "cache_hits": self.cache_hits,
            "grace_hits": self.grace_hits,
            "failures_with_copy": self.failures_with_copy,
            "published": self.published,
            "publish_failed": self.publish_failed,
            "statuses": dict(sorted(self.statuses.items())),
            "failures": dict(self.failures.most_common()),
            "goal": "met" if met else "not met",
        }


def table(rows: list[dict]) -> str:
    columns = [
        ("phase", "phase", 26),
        ("seconds", "s", 6),
        ("requests", "requests", 9),
        ("req_per_s", "req/s", 8),
        ("p50_ms", "p50 ms", 8),
        ("p99_ms", "p99 ms", 8),
        ("5xx", "5xx", 6),
        ("timeouts", "timeouts", 9),
        ("other_errors", "errors", 7),
        ("cache_hits", "HIT", 7),
        ("grace_hits", "stale", 6),
        ("published", "publ.", 6),
        ("publish_failed", "failed", 7),
        ("goal", "goal", 8),
    ]
    lines = [
        "".join(
            f"{title:>{width}}" if i else f"{title:<{width}}"
            for i, (_k, title, width) in enumerate(columns)
        )
    ]
    for row in rows:
        cells = []
        for i, (key, _title, width) in enumerate(columns):
            value = row[key]
            text = "-" if value is None else str(value)
            cells.append(f"{text:>{width}}" if i else f"{text:<{width}}")
        lines.append("".join(cells))
    return "\n".join(lines)


# --- the stack's controls -----------------------------------------------------------------------


class Stack:
    """deploy/local/prod.py, and everything this run stopped, to start again whatever happens."""

    def __init__(self, python: str):
        self.python = python
        self.stopped = set()

    def status(self) -> dict:
        done = subprocess.run(
            [self.python, str(PROD), "status"], capture_output=True, text=True, timeout=60
        )
        return json.loads(done.stdout)

    async def control(self, action: str, component: str):
        if action in ("stop", "restart"):
            # Interrupted half-way, it may be down: the restore starts it to be sure.
            self.stopped.add(component)
        process = await asyncio.create_subprocess_exec(
            self.python,
            str(PROD),
            action,
            component,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        output, _ = await process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"prod.py {action} {component}: {output.decode()[-500:]}")
        if action in ("start", "restart"):
            self.stopped.discard(component)

    async def kill(self, component: str):
        """SIGKILL to the component's whole process group, as a crash would: no goodbye."""
        self.stopped.add(component)
        await self.control("kill", component)

    def restore(self):
        """Start what this run stopped (synchronously: also after Ctrl-C ended the loop)."""
        for component in sorted(self.stopped):
            log(f"starting {component} again")
            subprocess.run([self.python, str(PROD), "start", component], timeout=180)
        self.stopped.clear()


def prod_module():
    """deploy/local/prod.py, imported (deploy/ is not a package)."""
    sys.path.insert(0, str(PROD.parent))
    import prod

    return prod


def prod_environment() -> dict:
    """The settings the prod stack's Django processes run with: its database, Redis, keys."""
    prod = prod_module()
    return prod.Stack(prod.Config.from_env()).app_env


T0 = time.monotonic()


def log(message: str):
    clock = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[{time.monotonic() - T0:6.1f}s {clock}] {message}", file=sys.stderr, flush=True)


# --- the run ------------------------------------------------------------------------------------


class Run:
    def __init__(self, args, stack: Stack, pages: dict[str, list[str]]):
        self.args, self.stack, self.pages = args, stack, pages
        here = urlsplit(args.base)
        self.host, self.port = here.hostname, here.port or 80
        self.rows: list[Row] = []
        self.row: Row | None = None
        self.window: Row | None = None  # the primary's restart window, once it began
        self.served = set()  # addresses answered 200 at least once: Varnish has a copy
        self.fresh: list[str] = []
        self.stopping = False
        self.kinds = [kind for kind in WEIGHTS if pages.get(kind)]
        self.weights = [WEIGHTS[kind] for kind in self.kinds]

    def pick(self, rng: random.Random) -> tuple[str, str]:
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "article" and self.fresh and rng.random() < FRESH_SHARE:
            return "new story", rng.choice(self.fresh)
        return kind, rng.choice(self.pages[kind])

    def begin(self, name: str, goal: str = "phase") -> Row:
        row = Row(name, goal, started=time.monotonic())
        self.rows.append(row)
        return row

    def end(self, row: Row):
        row.ended = time.monotonic()

    async def reader(self, seed: int):
        rng = random.Random(seed)
        conn = Connection(self.host, self.port)
        try:
            while not self.stopping:
                kind, path = self.pick(rng)
                rows = [self.row] if self.row is not None else []
                started = time.monotonic()
                try:
                    response = await asyncio.wait_for(conn.get(path), self.args.timeout)
                except TimeoutError:
                    conn.close()
                    self.count_failure(self.met_restart(rows, started), kind, path, "timeout")
                    continue
                except (OSError, BadResponse, asyncio.IncompleteReadError, ValueError) as error:
                    conn.close()
                    rows = self.met_restart(rows, started)
                    self.count_failure(rows, kind, path, type(error).__name__)
                    # Nothing listens: do not spin on refused connections.
                    await asyncio.sleep(0.05)
                    continue
                took = time.monotonic() - started
                if response.status >= 500:
                    rows = self.met_restart(rows, started)
                for row in rows:
                    row.latencies.append(took)
                    row.statuses[response.status] += 1
                    if response.headers.get("x-cache") == "HIT":
                        row.cache_hits += 1
                    if response.status >= 500:
                        row.failures[f"{response.status} {kind}"] += 1
                        if path in self.served:
                            row.failures_with_copy += 1
                if response.status == 200:
                    self.served.add(path)
                if self.args.think:
                    await asyncio.sleep(rng.expovariate(1 / self.args.think))
        finally:
            conn.close()

    def met_restart(self, rows: list[Row], started: float) -> list[Row]:
        """The rows a failed request counts in: the restart window's if it was still waiting
        when the primary's restart began, its own phase's otherwise."""
        window = self.window
        if window is not None and started < window.started and window not in rows:
            return [window]
        return rows

    def count_failure(self, rows, kind: str, path: str, what: str):
        for row in rows:
            if what == "timeout":
                row.timeouts += 1
            else:
                row.errors += 1
            row.failures[f"{what} {kind}"] += 1
            if path in self.served:
                row.failures_with_copy += 1

    async def editor(self):
        """The child process that publishes every second; counts what it reports."""
        environment = {**os.environ, **prod_environment()}
        process = await asyncio.create_subprocess_exec(
            self.stack.python,
            __file__,
            "--editor",
            "--editor-every",
            str(self.args.editor_every),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            # Django's own log lines (a purge that failed while Redis was down…) go to a file.
            stderr=open(EDITOR_LOG, "ab"),  # noqa: SIM115  (the child keeps it open)
            env=environment,
            cwd=str(ROOT),
        )
        self.editor_process = process
        async for line in process.stdout:
            try:
                report = json.loads(line)
            except ValueError:
                continue
            if self.row is not None and report.get("ok"):
                self.row.published += 1
            elif self.row is not None:
                self.row.publish_failed += 1
            if report.get("ok") and report.get("path"):
                self.fresh = [report["path"], *self.fresh][:FRESH_KEPT]
            elif not report.get("ok") and report.get("error"):
                log(f"editor: {report['error'][:160]}")

    async def stop_editor(self):
        process = getattr(self, "editor_process", None)
        if process is None or process.returncode is not None:
            return
        process.stdin.close()  # the editor deletes its stories and leaves
        try:
            await asyncio.wait_for(process.wait(), 120)
        except TimeoutError:
            process.kill()

    async def ready(self, deadline: float) -> bool:
        """Wait until a gunicorn server's /readyz answers 200 (the database is back)."""
        ports = prod_module().Config.from_env().app_ports
        while time.monotonic() < deadline:
            for port in ports:
                conn = Connection("127.0.0.1", port)
                try:
                    response = await asyncio.wait_for(conn.get("/readyz"), 2)
                    if response.status == 200:
                        return True
                except (TimeoutError, OSError, BadResponse, asyncio.IncompleteReadError):
                    pass
                finally:
                    conn.close()
            await asyncio.sleep(0.2)
        return False

    async def phase(self, name: str):
        seconds = self.args.phase_seconds
        self.row = row = self.begin(name)
        grace_before = varnish_grace_hits()
        log(f"phase {name}")
        if name == "baseline" or name == "recovered":
            await asyncio.sleep(seconds)
        elif name == "redis":
            await self.stack.control("stop", "redis")
            log("redis stopped")
            await asyncio.sleep(self.args.redis_down)
            await self.stack.control("start", "redis")
            log("redis started")
            await asyncio.sleep(max(0, row.started + seconds - time.monotonic()))
        elif name == "replica":
            await self.stack.control("stop", "replica")
            log("replica stopped")
            await asyncio.sleep(seconds)
            await self.stack.control("start", "replica")
            log("replica started")
        elif name == "primary":
            # Two rows instead of one: the restart window, then the rest of the phase.
            self.rows.remove(row)
            self.row = self.window = window = self.begin("primary: restart window", goal="window")
            await self.stack.control("restart", "primary")
            log("primary restarted")
            back = await self.ready(time.monotonic() + 120)
            self.end(window)
            log(
                f"restart window: {window.ended - window.started:.1f} s"
                + ("" if back else " (/readyz never answered 200)")
            )
            window.grace_hits = _delta(grace_before, varnish_grace_hits())
            self.end(row)
            self.row = row = self.begin("primary: after restart")
            grace_before = varnish_grace_hits()
            await asyncio.sleep(max(0, seconds - (row.started - window.started)))
        elif name == "gunicorn":
            await self.stack.kill("gunicorn1")
            log("gunicorn1 killed")
            await asyncio.sleep(seconds)
            await self.stack.control("start", "gunicorn1")
            log("gunicorn1 started")
        self.end(row)
        row.grace_hits = _delta(grace_before, varnish_grace_hits())

    async def main(self) -> list[dict]:
        editor = asyncio.create_task(self.editor())
        self.row = self.begin("warm-up")
        readers = [asyncio.create_task(self.reader(seed)) for seed in range(self.args.readers)]
        await asyncio.sleep(self.args.warmup)
        self.end(self.row)
        self.rows.remove(self.row)
        try:
            for name in self.args.phases:
                await self.phase(name)
        finally:
            self.stopping = True
            self.row = None
            await asyncio.wait(readers, timeout=self.args.timeout + 1)
            for task in readers:
                task.cancel()
            await self.stop_editor()
            editor.cancel()
        return [row.summary() for row in self.rows]


def _delta(before, after):
    return None if before is None or after is None else after - before


VARNISH_NAME = None


def varnish_grace_hits() -> int | None:
    """MAIN.cache_hit_grace of the prod Varnish, if varnishstat can read it."""
    if VARNISH_NAME is None:
        return None
    try:
        done = subprocess.run(
            ["varnishstat", "-n", VARNISH_NAME, "-j", "-f", "MAIN.cache_hit_grace"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        data = json.loads(done.stdout)
        counters = data.get("counters", data)
        return int(counters["MAIN.cache_hit_grace"]["value"])
    except (OSError, ValueError, KeyError, subprocess.TimeoutExpired):
        return None


# --- the editor (child process, on the prod database) -------------------------------------------


def editor_main(every: float):
    """Create and publish a story every `every` seconds until stdin closes; one JSON line each."""
    import threading

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import close_old_connections, connections, transaction

    from articles import services
    from articles.models import Article, ArticleAuthor, Block, Status

    done = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    rng = random.Random(7)
    created = []

    def say(**report):
        print(json.dumps(report), flush=True)

    def publish(n: int):
        model = rng.choice(
            list(
                Article.objects.live("uk")
                .exclude(title_uk__startswith=MARK)
                .select_related("section")
                .prefetch_related("bylines")[:40]
            )
        )
        editor = get_user_model().objects.filter(username="editor").first()
        with transaction.atomic():
            article = Article.objects.create(
                section=model.section,
                title_uk=f"{MARK} {n}: {model.title_uk}"[:300],
                lead_uk=model.lead_uk,
                hero_photo=model.hero_photo,
            )
            created.append(article.pk)
            ArticleAuthor.objects.bulk_create(
                ArticleAuthor(article=article, author_id=link.author_id, position=link.position)
                for link in model.bylines.all()
            )
            for block in Block.objects.filter(article=model, language="uk", kind="paragraph"):
                Block.objects.create(
                    article=article,
                    language="uk",
                    position=block.position,
                    kind="paragraph",
                    text=block.text,
                )
            version = services.article_publish(article=article, language="uk", by=editor)
        assert version.status == Status.PUBLISHED
        return article.get_absolute_url("uk")

    n = 0
    next_at = time.monotonic()
    while not done.is_set():
        n += 1
        started = time.monotonic()
        try:
            close_old_connections()
            path = publish(n)
            say(ok=True, path=path, ms=round((time.monotonic() - started) * 1000))
        except Exception as error:  # a fault phase: report it, try again
            say(ok=False, error=f"{type(error).__name__}: {error}".replace("\n", " "))
            connections.close_all()
        # Every `every` seconds on the clock; a slow publication skips the ticks it overran.
        next_at += every
        while next_at < time.monotonic():
            next_at += every
        done.wait(next_at - time.monotonic())
    # Leave the site as it was: the stories go (a hard purge each, as for any deleted story).
    for _attempt in range(30):
        try:
            close_old_connections()
            for article in Article.objects.filter(title_uk__startswith=MARK):
                article.delete()
            break
        except Exception as error:  # the database may still be coming back
            print(f"cleanup: {error}", file=sys.stderr)
            connections.close_all()
            time.sleep(2)


# --- command line -------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--phase-seconds", type=float, default=20)
    parser.add_argument("--redis-down", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=5, help="seconds of load before phases")
    parser.add_argument("--timeout", type=float, default=10)
    parser.add_argument("--think", type=float, default=0, help="mean pause between requests")
    parser.add_argument("--max-pages", type=int, default=150, help="pages read to find links")
    parser.add_argument("--phases", default=",".join(ALL_PHASES))
    parser.add_argument("--editor-every", type=float, default=1.0)
    parser.add_argument("--no-editor", action="store_true")
    parser.add_argument("--varnish-name", default=None, help="varnishstat -n (default: prod's)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--editor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.phases = [name.strip() for name in args.phases.split(",") if name.strip()]
    unknown = set(args.phases) - set(ALL_PHASES)
    if unknown:
        parser.error(f"unknown phases: {', '.join(sorted(unknown))}")
    return args


def main(argv=None) -> int:
    global VARNISH_NAME
    args = parse_args(argv)
    if args.editor:
        editor_main(args.editor_every)
        return 0
    # `kill` (or a closing terminal) ends the run as Ctrl-C does: the stack is restored.
    signal.signal(signal.SIGTERM, _interrupt)
    stack = Stack(sys.executable)
    try:
        found = stack.status()
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        print(
            f"`{PROD.relative_to(ROOT)} status` failed ({error}): is `make prod` up?",
            file=sys.stderr,
        )
        return 2
    down = sorted(name for name, part in found.items() if not part.get("up"))
    if down:
        print(f"not running: {', '.join(down)}. Start the stack with `make prod`.", file=sys.stderr)
        return 2
    VARNISH_NAME = args.varnish_name or varnish_name()
    rng = random.Random(args.seed)
    log(f"finding pages from {args.base}")
    pages = asyncio.run(discover(args.base, args.max_pages, rng))
    log("found " + ", ".join(f"{len(paths)} {kind}" for kind, paths in pages.items()))
    if not pages["article"] or not pages["home"]:
        print(f"no articles found at {args.base}: is `make prod` up and seeded?", file=sys.stderr)
        return 2
    addresses = [path for paths in pages.values() for path in paths]
    served = asyncio.run(warm(args.base, addresses))
    log(f"warmed the cache: {len(served)} of {len(addresses)} addresses answered 200")
    if args.no_editor:
        Run.editor = _no_editor
    run = Run(args, stack, pages)
    run.served |= served
    try:
        rows = asyncio.run(run.main())
    except KeyboardInterrupt:
        print("interrupted: no figures", file=sys.stderr)
        return 130
    finally:
        stack.restore()
    after = stack.status()
    result = {
        "base": args.base,
        "readers": args.readers,
        "timeout_s": args.timeout,
        "pages": {kind: len(paths) for kind, paths in pages.items()},
        "phases": rows,
        "goal_met": all(row["goal"] == "met" for row in rows),
        "not_running_after": sorted(name for name, part in after.items() if not part.get("up")),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(table(rows))
        for row in rows:
            if row["failures"]:
                listed = ", ".join(f"{n} {what}" for what, n in row["failures"].items())
                print(f"  {row['phase']}: {listed}")
        if result["not_running_after"]:
            print("not running after the run: " + ", ".join(result["not_running_after"]))
        print("goal " + ("met in every phase" if result["goal_met"] else "NOT met"))
    return 0 if result["goal_met"] else 1


def _interrupt(*_):
    raise KeyboardInterrupt


async def _no_editor(self):
    return None


def varnish_name() -> str:
    """varnishstat's -n for the prod Varnish (the folder prod.py starts varnishd with)."""
    return str(prod_module().Config.from_env().root / "varnish" / "n")


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
