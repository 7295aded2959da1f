"""The browser tests' guards: the test database is not flushed while a request still runs, and
a Content-Security-Policy violation fails the test."""

import threading
import time

import pytest
from csp.utils import build_policy
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.browser import InFlight, check_csp


@pytest.fixture(autouse=True)
def no_database():
    """The signals without Django's own receiver that would touch the database (as its test
    client does while it runs a request)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def in_thread(target):
    """Run `target` in a server-like thread of its own; returns the started thread."""
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread


def test_waiting_lasts_until_the_running_request_finishes():
    """A request running in another thread holds the wait until it finishes."""
    started_event = threading.Event()

    def request():
        request_started.send(sender=None)
        started_event.set()
        time.sleep(0.2)
        request_finished.send(sender=None)

    with InFlight() as requests:
        started = time.monotonic()
        in_thread(request)
        started_event.wait(5)
        requests.wait()
        assert time.monotonic() - started >= 0.15
        assert requests.count == 0


def test_a_request_that_never_finishes_fails_the_test():
    """A request hanging past the limit is reported, not waited for forever."""
    with InFlight() as requests:
        request_started.send(sender=None)
        with pytest.raises(pytest.fail.Exception, match="1 request"):
            requests.wait(seconds=0.1)
    # Outside, nothing is counted any more.
    request_finished.send(sender=None)
    assert requests.count == 1


def test_a_request_begun_before_the_scope_does_not_cancel_one_begun_inside():
    """An earlier test's request finishing late does not hide a request still running."""
    begun = threading.Event()
    finish = threading.Event()

    def earlier_request():
        request_started.send(sender=None)
        begun.set()
        finish.wait(5)
        request_finished.send(sender=None)

    earlier = in_thread(earlier_request)
    begun.wait(5)
    with InFlight() as requests:
        request_started.send(sender=None)
        finish.set()
        earlier.join(5)
        assert requests.count == 1
        with pytest.raises(pytest.fail.Exception, match="1 request"):
            requests.wait(seconds=0.1)
        request_finished.send(sender=None)
        assert requests.count == 0


SITE = "http://newsroom.test"
INLINE = """<!doctype html><html lang="uk"><head><title>before</title>
<style>body { color: red; }</style></head>
<body><p style="color: red">text</p><script>document.title = "ran";</script></body></html>"""
CLEAN = """<!doctype html><html lang="uk"><head><title>clean</title>
<link rel="stylesheet" href="/site.css"></head><body><p>text</p>
<script type="application/ld+json">{"@type": "NewsArticle"}</script></body></html>"""


def serve(page, html):
    """Answer every request to SITE with `html` (or an empty stylesheet) under the site's own
    public policy, as django-csp builds it from settings."""

    def answer(route):
        css = route.request.url.endswith(".css")
        route.fulfill(
            status=200,
            headers={"Content-Security-Policy": build_policy()},
            content_type="text/css" if css else "text/html",
            body="" if css else html,
        )

    page.route(f"{SITE}/**", answer)


@pytest.mark.browser
def test_inline_script_and_styles_under_the_policy_are_reported(page):
    """An inline script, a <style> and a style attribute are refused, and the page fixture's
    check fails naming each directive they violated."""
    serve(page, INLINE)
    page.goto(f"{SITE}/inline/")
    for _ in range(100):  # the reports arrive as events, after the page has loaded
        found = "\n".join(page.csp_violations)
        if all(name in found for name in ("script-src-elem", "style-src-elem", "style-src-attr")):
            break
        page.wait_for_timeout(50)
    assert page.title() == "before"  # the script did not run
    for directive in ("script-src-elem", "style-src-elem", "style-src-attr"):
        assert directive in found, found
    assert f"{SITE}/inline/" in found
    with pytest.raises(pytest.fail.Exception, match="script-src-elem"):
        check_csp(page.csp_violations)
    page.csp_violations.clear()  # seen and checked: the fixture's own check must pass now


@pytest.mark.browser
def test_a_page_without_inline_code_has_no_violation(page):
    """External stylesheets and a JSON-LD data block break no rule: JSON-LD is data, not a
    script, so the policy leaves it alone and the page can still read it."""
    serve(page, CLEAN)
    page.goto(f"{SITE}/clean/")
    data = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert data == {"@type": "NewsArticle"}
    assert page.csp_violations == []
    check_csp(page.csp_violations)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_on_sqlite_the_live_server_runs_one_request_at_a_time(live_server):
    """SQLite's shared in-memory connection gets one request at a time (see browser.py);
    PostgreSQL's live server stays fully threaded."""
    import urllib.request

    from django.db import connection

    server = live_server.thread.httpd
    serial = type(server).__name__ == "SerialAppWSGIServer"
    assert serial == (connection.vendor == "sqlite")
    with urllib.request.urlopen(f"{live_server.url}/robots.txt") as response:
        assert response.status == 200
