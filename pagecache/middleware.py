"""Cache headers and surrogate keys on every public response, and Django's own page cache.

Placed right after WhiteNoise, before the session, locale and CSRF middleware, so that it sees
every cookie and `Vary` they add, and so that a page served from the cache costs no session,
no database and no view.

A response is shared-cacheable only if all of these hold (otherwise it is `private, no-cache`,
unless the view already said something stricter, as the admin, previews and ad frames do):

- it comes from a public view: the reading site (`articles:`), the API, sitemaps, robots.txt;
- the request is a GET or HEAD without a session, CSRF or messages cookie (staff, or anyone
  who has logged in, is never served from nor stored into a shared cache);
- the answer is a 200, 301, 304 or 404 and sets no cookie.

Such a response gets `Cache-Control: public, max-age=<browser>, s-maxage=<shared>,
stale-while-revalidate=…, stale-if-error=…`, its `Surrogate-Key` header, `X-Stale-Until` (the
moment after which no copy may be served while it is refreshed: Varnish reads it), and loses
`Vary: Cookie` and `Vary: Accept-Language`: the language is in the address (unprefixed pages are
always Ukrainian), and it was served because no cookie mattered.
"""

import hashlib
import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import esi, keys, schedule, store

PUBLIC_NAMESPACES = {"articles", "api-v1", "corrections", "liveblog"}
PUBLIC_URL_NAMES = {"sitemap_index", "sitemap_section", "robots_txt"}
CACHEABLE_STATUSES = {200, 301, 304, 404}
STORED_STATUSES = {200, 301, 404}
# Never public (the admin, ad frames and clicks, uploads, the health check): no cache lookup,
# which would cost a round trip to Redis on the busiest addresses, the ad frames.
NEVER_STORED = (
    "/admin/",
    "/ads/",
    "/preview/",
    "/media/",
    "/static/",
    "/healthz",
    "/readyz",
    "/metrics",
)
# Headers that belong to one response, not to a copy served later (the request id is the
# request's own: newsroom/logs.py sets it on every response, stored copies included).
NOT_STORED = {"set-cookie", "age", "x-cache", "date", "x-request-id"}
# Parameters that campaigns and social networks add and no page reads: one cached copy for all
# (deploy/varnish/newsroom.vcl strips the same ones).
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|yclid|dclid|mc_cid|mc_eid|_ga|igshid)$")
# The directives only a cache that is purged may follow: clients get max-age alone.
SHARED_ONLY = re.compile(r",\s*(s-maxage|stale-while-revalidate|stale-if-error)=\d+")
CONDITIONAL = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
WAIT_STEP = 0.05


def bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}


def request_is_anonymous(request) -> bool:
    return request.method in ("GET", "HEAD") and not (bypass_cookies() & set(request.COOKIES))


def is_public_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return bool(PUBLIC_NAMESPACES & set(match.namespaces)) or match.url_name in PUBLIC_URL_NAMES


def page_address(request) -> str:
    """The cache's name for a page: host, path and the query without tracking parameters."""
    kept = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if not TRACKING.match(name)
        for value in values
    )
    query = "&".join(f"{name}={value}" for name, value in kept)
    return f"{request.get_host()}{request.path}?{query}"


def lifetimes(status: int, started, now=None) -> dict:
    """The cache numbers of a public response whose rendering started at `started`.

    The shared lifetime ends at the next scheduled change seen from `started` (a story that
    went live or left while the page was rendered is not in it as it should be), and then no
    copy may be served stale while refreshed; nor, while the app fails, past the next expiry.
    """
    now = now or timezone.now()
    moments = schedule.moments(started)
    shared = settings.CACHE_SECONDS if status != 404 else settings.CACHE_404_SECONDS
    stale = settings.CACHE_STALE_SECONDS
    left = int((moments["change"] - now).total_seconds())
    if left <= shared:
        # The page changes by itself at that second: nobody may get this copy after it.
        shared, stale = max(0, left), 0
    on_error = settings.CACHE_STALE_IF_ERROR_SECONDS
    if moments["expiry"] is not None:
        on_error = min(on_error, max(0, int((moments["expiry"] - now).total_seconds()) - shared))
    stale_until = min(
        now + timedelta(seconds=shared + settings.CACHE_STALE_SECONDS), moments["change"]
    )
    # Browsers cannot be purged: a 404 (an article not live yet) is not kept there at all, so
    # a reader who reloads at the minute gets the story.
    browser = 0 if status == 404 else min(settings.CACHE_BROWSER_SECONDS, shared)
    return {
        "max-age": browser,
        "s-maxage": shared,
        "stale-while-revalidate": stale,
        "stale-if-error": on_error,
        "stale_until": stale_until.timestamp(),
    }


def _without_vary(response, names):
    if response.has_header("Vary"):
        kept = [
            value.strip()
            for value in response["Vary"].split(",")
            if value.strip() and value.strip().lower() not in names
        ]
        if kept:
            response["Vary"] = ", ".join(kept)
        else:
            del response["Vary"]


def _cors_for_everyone(request, response):
    """The API is open to every origin without credentials: say `*` to every request, so one
    cached copy serves all, instead of varying on Origin."""
    if (
        settings.CORS_ALLOW_ALL_ORIGINS
        and not settings.CORS_ALLOW_CREDENTIALS
        and re.match(settings.CORS_URLS_REGEX, request.path)
    ):
        response["Access-Control-Allow-Origin"] = "*"
        _without_vary(response, {"origin"})


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token, memo, assembly = keys.start(), schedule.remember(), esi.start(request)
        try:
            # Said on the way out, whatever the page's other headers: Varnish assembles it.
            return esi.announce(self._respond(request))
        finally:
            esi.stop(assembly)
            schedule.forget(memo)
            keys.stop(token)
            lock = getattr(request, "_pagecache_lock", None)
            if lock:  # stored (or failed): the next reader may render
                cache.delete(lock)

    def _respond(self, request):
        use_store = (
            settings.PAGE_CACHE
            and request_is_anonymous(request)
            and not request.path.startswith(NEVER_STORED)
        )
        name = entry = None
        if use_store:
            name = "pc:p:" + hashlib.sha1(page_address(request).encode()).hexdigest()
            entry = cache.get(name)
            if not isinstance(entry, store.Entry):
                entry = None
            served = self._from_store(request, name, entry)
            if served is not None:
                return served
        started = timezone.now()
        # The shared clock at the start: a purge of what the page shows during its rendering
        # means the page may hold what was purged (both caches must not keep it).
        clock = store.now() if (use_store or settings.CACHE_PROXIES) else 0
        conditions = {}
        if use_store and request.method == "GET":
            # Render the whole page to store it; the reader's conditions are applied after.
            conditions = {
                name: request.META.pop(name) for name in CONDITIONAL if name in request.META
            }
        response = self.get_response(request)
        request.META.update(conditions)
        if response.status_code >= 500 and entry is not None and self._usable_on_error(entry):
            # stale-if-error: the previous copy beats an error page.
            return self._build(request, entry, "STALE-IF-ERROR")
        numbers = self._make_public(request, response, started, clock)
        if numbers is None:
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        if (
            use_store
            and request.method == "GET"
            and response.status_code in STORED_STATUSES
            and not response.streaming
            # Or rendered during a soft purge: kept stale (see _make_public).
            and (numbers["s-maxage"] > 0 or numbers["stale-while-revalidate"] > 0)
        ):
            self._keep(name, response, numbers, clock)
            response["X-Cache"] = "MISS"
        if use_store:
            # This cache is the shared one: what is behind it cannot be purged.
            response["Cache-Control"] = SHARED_ONLY.sub("", response["Cache-Control"])
            if conditions and response.status_code == 200:
                return self._conditional(request, response)
        return response

    # --- headers ---------------------------------------------------------------------------

    def _make_public(self, request, response, started, clock):
        """Set the public headers and return the numbers, or None if the response is not for
        a shared cache."""
        if not (
            request_is_anonymous(request)
            and is_public_view(request)
            and response.status_code in CACHEABLE_STATUSES
            and not response.cookies
        ):
            return None
        if response.has_header("Cache-Control"):
            # The view decided (no-store for a preview, say): its word stands, and nothing
            # is stored here without our keys and lifetimes.
            return None
        page_keys = keys.collected() | {keys.ALL, keys.SCHEDULE}
        numbers = lifetimes(response.status_code, started)
        purged = store.purged_since(page_keys, clock) if clock else None
        if purged == store.GONE:
            # Rendered from data read before something it shows left the site: answer this
            # reader, keep it nowhere.
            numbers.update({"s-maxage": 0, "stale-while-revalidate": 0, "stale-if-error": 0})
            numbers["max-age"] = 0
        elif purged == store.STALE:
            # Rendered from data read before a change of what it shows: it is no older than a
            # softly purged copy, and is kept as one — served while one request renders the
            # page again. Kept nowhere, a page purged more often than it takes to render (a
            # list during a breaking story) would never be cached, and its readers would queue.
            # Fresh for one second: the readers who waited for this rendering are served it
            # (a copy already past its lifetime is not theirs: they asked for a new one).
            numbers.update({"s-maxage": min(1, numbers["s-maxage"]), "max-age": 0})
            numbers["stale_until"] = min(
                numbers["stale_until"], time.time() + numbers["stale-while-revalidate"]
            )
        response["Cache-Control"] = "public, " + ", ".join(
            f"{name}={value}" for name, value in numbers.items() if name != "stale_until"
        )
        response["Surrogate-Key"] = " ".join(sorted(page_keys))
        response["X-Stale-Until"] = http_date(numbers["stale_until"])
        _without_vary(response, {"cookie", "accept-language"})
        _cors_for_everyone(request, response)
        return numbers

    # --- Django's own page cache (no proxy in front) ----------------------------------------

    def _keep(self, name, response, numbers, clock):
        shared = numbers["s-maxage"]
        headers = [
            (header, value)
            for header, value in response.items()
            if header.lower() not in NOT_STORED
        ]
        now = time.time()
        entry = store.Entry(
            value=(response.status_code, headers, response.content),
            keys=frozenset(response["Surrogate-Key"].split()),
            clock=clock,
            extra={
                "stored": now,
                "fresh_until": now + shared,
                "stale_until": numbers["stale_until"],
                "error_until": now + shared + numbers["stale-if-error"],
            },
        )
        store.store(name, entry, shared + max(numbers["stale-if-error"], 1))

    def _from_store(self, request, name, entry):
        """The cached response if it may be served now, else None: render it. Only one
        request renders a page at a time (it holds the page's lock); the others get the
        stale copy if there is one they may have, or wait a moment for the new one."""
        state = store.state(entry) if entry is not None else store.GONE
        now = time.time()
        if state == store.FRESH and now < entry.extra["fresh_until"]:
            return self._build(request, entry, "HIT")
        stale_ok = state != store.GONE and now < entry.extra["stale_until"]
        if cache.add(f"{name}:lock", 1, settings.CACHE_REFRESH_LOCK_SECONDS):
            request._pagecache_lock = f"{name}:lock"
            return None
        if stale_ok:
            return self._build(request, entry, "STALE")
        if cache.get(f"{name}:lock") is None:
            return None  # no lock after all (the cache is unreachable): render
        # Another request is rendering a page nobody may have stale: wait for it, briefly.
        for _ in range(int(settings.CACHE_WAIT_SECONDS / WAIT_STEP)):
            time.sleep(WAIT_STEP)
            fresh = cache.get(name)
            if (
                isinstance(fresh, store.Entry)
                and (entry is None or fresh.extra["stored"] > entry.extra["stored"])
                and time.time() < fresh.extra["fresh_until"]
                and store.state(fresh) == store.FRESH
            ):
                return self._build(request, fresh, "HIT")
        return None

    def _usable_on_error(self, entry):
        return time.time() < entry.extra["error_until"] and store.state(entry) != store.GONE

    def _build(self, request, entry, how):
        status, headers, content = entry.value
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for header, value in headers:
            response[header] = value
        response["Cache-Control"] = SHARED_ONLY.sub("", response["Cache-Control"])
        response["Age"] = str(max(0, int(time.time() - entry.extra["stored"])))
        response["Date"] = http_date()
        response["X-Cache"] = how
        if status == 200:
            return self._conditional(request, response)
        return response

    def _conditional(self, request, response):
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            response=response,
        )
        return conditional if conditional is not None else response
