"""Structured logs: one JSON line per record, a request id on every line of a request, one line
per request (`newsroom.request`) and per job run (`newsroom.jobs`).

The request id comes from nginx (`proxy_set_header X-Request-ID $request_id`) through Varnish,
or is made here; it is echoed in the response's `X-Request-ID`, so one id finds a reader's
request in the nginx, Varnish and app logs and in Sentry.

Nothing here imports models or reads settings at import time: settings.py names these classes
in LOGGING and in Sentry's `before_send`.
"""

import json
import logging
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import empty

request_logger = logging.getLogger("newsroom.request")
jobs_logger = logging.getLogger("newsroom.jobs")

# The id of the request (or job run) being handled in this thread or task, if any.
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

# Addresses of probes and scrapers (newsroom/health.py answers them first): asked every few
# seconds by every Varnish and Prometheus, so their successes are logged at DEBUG only.
PROBE_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})

# What a proxy may hand us: nginx's $request_id is 32 hex digits; anything else (too long, with
# spaces, quotes or newlines) could forge or break a log line, so a new id replaces it.
ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# The attributes every LogRecord has; anything else on a record came from `extra=` and is
# written out as a field of its own.
_RECORD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def current_request_id() -> str | None:
    return request_id_var.get()


def new_id() -> str:
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the request id if there is
    one, the record's `extra` fields, and the traceback as one string field."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            line["request_id"] = request_id
        for name, value in vars(record).items():
            if name not in _RECORD_ATTRIBUTES and name not in line:
                line[name] = value
        if record.exc_info:
            line["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
            line["exc"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        # default=str: an extra that is not JSON (a datetime, a model) is written as text
        # rather than losing the line.
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Development and tests: the message as before, with the request id when there is one."""

    def format(self, record):
        text = super().format(record)
        request_id = request_id_var.get()
        return f"{text} [{request_id}]" if request_id else text


def _staff_user_id(request):
    """The user's id for staff, else None. Read only if the request already loaded the user:
    the log line must not cost a session and a user query of its own."""
    user = getattr(request, "user", None)
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty:
        return None
    if getattr(wrapped, "is_authenticated", False) and getattr(wrapped, "is_staff", False):
        return wrapped.pk
    return None


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else None) or "-"


class RequestLogMiddleware:
    """The request id (accepted or made), echoed in `X-Request-ID`, and the request's log line.

    First in MIDDLEWARE: it sees every response, those the page cache serves without a view
    and the security middleware's redirects included, and every log line in between carries
    the id."""

    def __init__(self, get_response):
        self.get_response = get_response
        # With the middleware, before any request: the query counter is on the connections
        # from the first one.
        from . import metrics

        metrics.count_all_queries()
        self.metrics = metrics

    def __call__(self, request):
        supplied = request.headers.get("X-Request-ID", "")
        request_id = supplied if ACCEPTED_ID.match(supplied) else new_id()
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log(request, response, time.perf_counter() - started)
            return response
        finally:
            request_id_var.reset(token)

    def _log(self, request, response, seconds):
        cache = response.get("X-Cache") or "-"
        self.metrics.observe_response(cache)
        # A server error is a warning here: Django's own logger reports it as an error (and
        # Sentry takes it from there), once.
        level = logging.WARNING if response.status_code >= 500 else logging.INFO
        if response.status_code < 400 and request.path in PROBE_PATHS:
            level = logging.DEBUG
        if not request_logger.isEnabledFor(level):
            return
        fields = {
            "request_id": request.request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "user_id": _staff_user_id(request),
            "cache": cache,
            "view": view_name(request),
        }
        request_logger.log(
            level,
            "%s %s %s %.1fms",
            fields["method"],
            fields["path"],
            fields["status"],
            fields["duration_ms"],
            extra=fields,
        )


@contextmanager
def job_run(name: str):
    """One log line on `newsroom.jobs` for a run of a periodic job, with its duration, the
    numbers the job puts into the yielded dict, and ok or the error's class (the error is
    raised on). Every line the job logs meanwhile carries the run's id."""
    result = {}
    token = request_id_var.set(f"job-{new_id()}")
    started = time.perf_counter()
    try:
        yield result
    except BaseException as error:
        jobs_logger.error(
            "Job %s failed: %s",
            name,
            type(error).__name__,
            exc_info=True,
            extra=_job_fields(name, started, result, ok=False, error=type(error).__name__),
        )
        raise
    else:
        jobs_logger.info(
            "Job %s done", name, extra=_job_fields(name, started, result, ok=True, error=None)
        )
    finally:
        request_id_var.reset(token)


def _job_fields(name, started, result, *, ok, error):
    return {
        "job": name,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "result": dict(result),
        "ok": ok,
        "error": error,
    }


def sentry_before_send(event, hint):
    """Sentry's `before_send`: tag every event with the request (or job run) id, so an error
    report leads to the log lines of its request."""
    request_id = request_id_var.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event
