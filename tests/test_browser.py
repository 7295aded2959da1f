"""The browser tests' guard: the test database is not flushed while a request still runs."""

import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.browser import InFlight


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
