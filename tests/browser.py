"""Headless Chromium for end-to-end tests: Debian's `chromium` package, driven by Playwright.

Playwright's own browser download does not work here, so the system browser is used. A machine
without it fails these tests with a message saying how to install it (`.ci/run` installs it), or
skips them when NEWSROOM_SKIP_BROWSER=1 is set deliberately.
"""

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.core.signals import request_finished, request_started

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    # No network here: without these Chromium keeps trying to reach Google's services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class InFlight:
    """Requests the app has started and not yet finished, in any thread. With SQLite's
    in-memory test database the live server's threads share the test's one connection: a
    request still running (an ad frame counting its view after the browser closed) while the
    test database is flushed can leave that connection inside a transaction, and every test
    after it fails."""

    def __init__(self):
        # Counted per thread: a request runs start to finish in one server thread, and a
        # request that began before this scope (a live server of an earlier test finishing
        # late) must not cancel one that began inside it.
        self.running = {}
        self.lock = threading.Lock()

    @property
    def count(self):
        with self.lock:
            return sum(self.running.values())

    def started(self, **kwargs):
        thread = threading.get_ident()
        with self.lock:
            self.running[thread] = self.running.get(thread, 0) + 1

    def finished(self, **kwargs):
        thread = threading.get_ident()
        with self.lock:
            if self.running.get(thread):
                self.running[thread] -= 1
                if not self.running[thread]:
                    del self.running[thread]

    def __enter__(self):
        request_started.connect(self.started, weak=False, dispatch_uid=id(self))
        request_finished.connect(self.finished, weak=False, dispatch_uid=id(self))
        return self

    def __exit__(self, *exc):
        request_started.disconnect(dispatch_uid=id(self))
        request_finished.disconnect(dispatch_uid=id(self))

    def wait(self, seconds=10):
        """Until no request is running (or `seconds` passed: then the test fails)."""
        deadline = time.monotonic() + seconds
        while self.count > 0:
            if time.monotonic() > deadline:
                pytest.fail(f"{self.count} request(s) still running {seconds} s after the test")
            time.sleep(0.01)


# Every frame of every page reports each Content-Security-Policy violation to the test, blocked
# (enforced) or only reported (report-only mode).
CSP_LISTENER = """
window.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolation({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    document: event.documentURI,
    source: event.sourceFile ? `${event.sourceFile}:${event.lineNumber}` : "",
    sample: event.sample,
    disposition: event.disposition,
  });
}, true);
"""


def watch_csp(context):
    """Collect the CSP violations of every page of `context`: the DOM event, and Chromium's
    console message (which also names violations no event reaches the test from)."""
    violations = []
    context.expose_binding(
        "__cspViolation",
        lambda _source, found: violations.append(
            "{disposition} {directive}: {blocked} in {document} {source} {sample}".format(**found)
        ),
    )
    context.add_init_script(CSP_LISTENER)
    context.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and violations.append(f"console: {message.text}")
        ),
    )
    return violations


def check_csp(violations):
    """Fail with every violation seen: the site's policy must allow all that its pages do."""
    if violations:
        found = "\n".join(f"- {violation}" for violation in violations)
        pytest.fail(f"Content-Security-Policy violations:\n{found}", pytrace=False)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    """On SQLite the live server's requests share the test's one in-memory connection (it
    cannot be opened twice), and Django's threaded live server would run a page's requests —
    its ad frames counting their views, say — on that connection at the same moment: an INSERT
    of one then reads the other's result (seen under load: "'NoneType' object is not
    iterable" from an ad frame). There, requests are still accepted in threads (a browser's
    idle preconnections must not block the server), but run one at a time, body and
    request_finished included, as SQLite serialises writes anyway. PostgreSQL keeps fully
    concurrent requests on connections of their own."""
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        yield
        return
    lock = threading.Lock()

    def one_at_a_time(application):
        def run(environ, start_response):
            with lock:
                result = application(environ, start_response)
                try:
                    return list(result)
                finally:
                    if hasattr(result, "close"):
                        result.close()  # request_finished: still on this side of the lock

        return run

    class SerialAppWSGIServer(ThreadedWSGIServer):
        def set_app(self, application):
            super().set_app(one_at_a_time(application))

    threaded, LiveServerThread.server_class = LiveServerThread.server_class, SerialAppWSGIServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture
def page(monkeypatch):
    """A fresh headless Chromium page. Playwright's sync API runs an event loop in this thread,
    so Django's async guard is lifted for the test's own ORM calls; browser and loop are gone,
    and every request they made has finished, before the test database is flushed. Any
    Content-Security-Policy violation on the way fails the test (`page.csp_violations`)."""
    if os.environ.get("NEWSROOM_SKIP_BROWSER") == "1":
        pytest.skip("NEWSROOM_SKIP_BROWSER=1")
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: `apt-get install chromium` (or set CHROMIUM_PATH)."
        )
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with InFlight() as requests, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="uk-UA")
        context.set_default_timeout(10_000)
        violations = watch_csp(context)
        page = context.new_page()
        page.errors = []
        page.csp_violations = violations
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        yield page
        browser.close()
        requests.wait()
    check_csp(violations)


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


AXE = Path(
    os.environ.get(
        "AXE_JS",
        Path(__file__).resolve().parents[1] / ".venv/node/node_modules/axe-core/axe.min.js",
    )
)


WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# axe's own rules besides WCAG's: content outside the landmarks, landmarks named alike…
BEST_PRACTICE = (*WCAG_21_AA, "best-practice")


def accessibility_violations(page, tags=WCAG_21_AA):
    """axe-core's violations of the rules with `tags` (WCAG 2.1 A/AA by default) on the current
    page, as readable lines."""
    if not AXE.exists():
        pytest.fail(f"No axe-core at {AXE}: `make test` installs it, or set AXE_JS.")
    # Loaded from the page's own origin (served by the test, never by the app): the site's
    # policy admits scripts from 'self' only, and an inline copy would be a violation.
    origin = "/".join(page.url.split("/")[:3])
    page.route(f"{origin}/__axe__.js", lambda route: route.fulfill(path=AXE))
    page.add_script_tag(url=f"{origin}/__axe__.js")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]
