"""The pure parts of bench/load_and_fault.py: which addresses it reads, how it reads an HTTP
answer, its percentiles. (The script itself runs against `make prod`, not in the suite.)"""

import asyncio
import importlib.util
import random
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load_and_fault.py"
spec = importlib.util.spec_from_file_location("load_and_fault", SCRIPT)
load_and_fault = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load_and_fault)


def test_pages_are_sorted_by_kind_and_private_ones_left_out():
    """Articles, lists, searches and feeds are read; the admin, ads, short links are not."""
    kind_of = load_and_fault.kind_of
    assert kind_of("/news/2026/11/30/a1b2/") == "article"
    assert kind_of("/en/news/2026/11/30/a1b2/") == "article"
    assert kind_of("/") == "home"
    assert kind_of("/ru/") == "home"
    assert kind_of("/news/") == "list"
    assert kind_of("/news/?page=2") == "list"
    assert kind_of("/en/sections/politics/") == "list"
    assert kind_of("/tags/budget/") == "list"
    assert kind_of("/news/date/2026-11-30/") == "list"
    assert kind_of("/search/?q=budget") == "search"
    assert kind_of("/rss/") == "feed"
    assert kind_of("/sitemap-news.xml") == "feed"
    for private in ("/admin/", "/ads/click/1/", "/preview/abc/", "/media/x.jpg", "/search/"):
        assert kind_of(private) is None, private
    assert kind_of("/news/?utm_source=x") is None


def test_links_elsewhere_are_not_followed():
    """Only addresses on the site under test become paths; other hosts are dropped."""
    base = "http://127.0.0.1:8080"
    assert load_and_fault.local_path(base, "/en/news/") == "/en/news/"
    assert load_and_fault.local_path(base, "http://127.0.0.1:8080/rss/") == "/rss/"
    assert load_and_fault.local_path(base, "https://example.org/news/") is None
    assert load_and_fault.local_path(base, "mailto:desk@example.org") is None


def test_links_and_headline_words_are_collected():
    """The link parser finds the hrefs and the long words searches are made of, and each
    language's words are searched for on that language's search page."""
    parser = load_and_fault.Links()
    parser.feed('<p>x</p><a href="/news/1/">Бюджет ухвалено <b>парламентом</b></a><a>no</a>')
    assert parser.hrefs == ["/news/1/"]
    assert parser.words == ["Бюджет", "ухвалено", "парламентом"]
    words = {"/": parser.words, "/en/": ["Parliament"]}
    paths = load_and_fault.search_paths(words, random.Random(1), n=6)
    assert paths and all(load_and_fault.kind_of(path) == "search" for path in paths)
    assert "/en/search/?q=parliament" in paths
    assert not any(path.startswith("/ru/") for path in paths)


def test_percentiles_are_nearest_rank():
    """p50 and p99 of 1..100 are 50 and 99; of one value, that value; of none, None."""
    values = list(range(100, 0, -1))
    assert load_and_fault.percentile(values, 50) == 50
    assert load_and_fault.percentile(values, 99) == 99
    assert load_and_fault.percentile([7], 99) == 7
    assert load_and_fault.percentile([], 50) is None


def _answer(raw: bytes):
    async def read():
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()

        class Writer:
            def write(self, data):
                self.sent = data

            async def drain(self):
                pass

        return await load_and_fault.http_get(reader, Writer(), "h", "/", keep_body=True)

    return asyncio.run(read())


def test_chunked_and_sized_answers_are_read_whole():
    """Chunked and Content-Length bodies are read to their end; `Connection: close` is seen."""
    chunked = _answer(
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Cache: HIT\r\n\r\n"
        b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    )
    assert (chunked.status, chunked.body, chunked.keep_alive) == (200, b"hello world", True)
    assert chunked.headers["x-cache"] == "HIT"
    sized = _answer(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\ndown"
    )
    assert (sized.status, sized.body, sized.keep_alive) == (503, b"down", False)


def test_rows_meet_their_goals():
    """A phase fails on any 5xx or timeout; the restart window only on a page seen before."""
    phase = load_and_fault.Row("redis", started=0, ended=10)
    phase.statuses.update({200: 99})
    phase.latencies = [0.01] * 99
    assert phase.summary()["goal"] == "met"
    phase.timeouts = 1
    assert phase.summary()["goal"] == "not met"
    window = load_and_fault.Row("primary: restart window", goal="window", started=0, ended=3)
    window.statuses.update({200: 50, 503: 2})
    assert window.summary()["goal"] == "met"
    window.failures_with_copy = 1
    assert window.summary()["goal"] == "not met"


def test_a_failure_that_met_the_primarys_restart_counts_in_its_window():
    """A request still waiting when the restart began fails into the restart window's row;
    one that started later, or before any restart, stays in its own phase."""
    run = load_and_fault.Run.__new__(load_and_fault.Run)
    run.window = None
    replica = load_and_fault.Row("replica", started=0, ended=20)
    assert run.met_restart([replica], started=19.0) == [replica]
    run.window = load_and_fault.Row("primary: restart window", goal="window", started=20)
    assert run.met_restart([replica], started=19.0) == [run.window]
    after = load_and_fault.Row("primary: after restart", started=23)
    assert run.met_restart([after], started=24.0) == [after]
    assert run.met_restart([run.window], started=21.0) == [run.window]
