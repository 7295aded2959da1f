"""Cache headers and surrogate keys on every public response, and Django's own page cache.

Placed right after WhiteNoise, before the session, locale and CSRF middleware, so that it sees
every cookie and `Vary` they add, and so that a page served from the cache costs no session,
no database and no view.

A response is shared-cacheable only if all of these hold (otherwise it is `private, no-cache`,
unless the view already said something stricter, as the admin, previews and ad frames do):

- it comes from a public view: the reading site (`articles:`), the API, sitemaps, robots.txt;
- the request is a GET or HEAD without a session, CSRF or messages cookie (staff, or anyone
  who has logged in, is never served from nor stored into a shared cache);
- the answer is a 200, 301 or 404 and sets no cookie.

Such a response gets `Cache-Control: public, max-age=<browser>, s-maxage=<shared>,
stale-while-revalidate=…, stale-if-error=…`, its `Surrogate-Key` header, and loses
`Vary: Cookie` and `Vary: Accept-Language`: the language is in the address (unprefixed pages are
always Ukrainian), and it was served because no cookie mattered.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from . import keys, schedule, store

PUBLIC_NAMESPACES = {"articles", "api-v1"}
PUBLIC_URL_NAMES = {"sitemap_index", "sitemap_section", "robots_txt"}
CACHEABLE_STATUSES = {200, 301, 304, 404}
STORED_STATUSES = {200, 301, 404}
# Never public (the admin, ad frames and clicks, uploads, the health check): no cache lookup,
# which would cost a round trip to Redis on the busiest addresses, the ad frames.
NEVER_STORED = ("/admin/", "/ads/", "/media/", "/static/", "/healthz")
# Headers that belong to one response, not to a copy served later.
NOT_STORED = {"set-cookie", "age", "x-cache", "date"}


def bypass_cookies():
    return {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}


def request_is_anonymous(request) -> bool:
    return request.method in ("GET", "HEAD") and not (bypass_cookies() & set(request.COOKIES))


def is_public_view(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return bool(PUBLIC_NAMESPACES & set(match.namespaces)) or match.url_name in PUBLIC_URL_NAMES


def lifetimes(status: int, now=None) -> dict:
    """The Cache-Control numbers of a public response now: the shared lifetime capped by the
    next scheduled change, and no stale serving past that change."""
    shared = settings.CACHE_SECONDS if status != 404 else settings.CACHE_404_SECONDS
    left = schedule.seconds_left(now)
    stale = settings.CACHE_STALE_SECONDS
    if left <= shared:
        # The page changes by itself at that second: nobody may get this copy after it.
        shared, stale = left, 0
    return {
        "max-age": min(settings.CACHE_BROWSER_SECONDS, shared),
        "s-maxage": shared,
        "stale-while-revalidate": stale,
        "stale-if-error": settings.CACHE_STALE_IF_ERROR_SECONDS,
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


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = keys.start()
        try:
            return self._respond(request)
        finally:
            keys.stop(token)
            lock = getattr(request, "_pagecache_lock", None)
            if lock:  # stored (or failed): the next stale reader may try again
                cache.delete(lock)

    def _respond(self, request):
        use_store = (
            settings.PAGE_CACHE
            and request_is_anonymous(request)
            and not request.path.startswith(NEVER_STORED)
        )
        name = entry = None
        if use_store:
            name = (
                "pc:p:"
                + hashlib.sha1(
                    f"{request.get_host()}{request.get_full_path()}".encode()
                ).hexdigest()
            )
            entry = cache.get(name)
            if not isinstance(entry, store.Entry):
                entry = None
            if entry is not None:
                served = self._from_store(request, name, entry)
                if served is not None:
                    return served
        started = store.now() if use_store else 0
        response = self.get_response(request)
        if response.status_code >= 500 and entry is not None and self._usable_on_error(entry):
            # stale-if-error: the previous copy beats an error page.
            return self._build(request, entry, "STALE-IF-ERROR")
        if not self._make_public(request, response):
            if not response.has_header("Cache-Control"):
                response["Cache-Control"] = "private, no-cache"
            return response
        if (
            use_store
            and request.method == "GET"
            and response.status_code in STORED_STATUSES
            and not response.streaming
        ):
            self._keep(name, response, started)
            response["X-Cache"] = "MISS"
        return response

    # --- headers ---------------------------------------------------------------------------

    def _make_public(self, request, response) -> bool:
        if not (
            request_is_anonymous(request)
            and is_public_view(request)
            and response.status_code in CACHEABLE_STATUSES
            and not response.cookies
        ):
            return False
        if response.has_header("Cache-Control"):
            # The view decided (no-store for a preview, say): its word stands, and nothing
            # is stored here without our keys and lifetimes.
            return False
        numbers = lifetimes(response.status_code)
        response["Cache-Control"] = "public, " + ", ".join(f"{k}={v}" for k, v in numbers.items())
        response["Surrogate-Key"] = " ".join(sorted(keys.collected() | {keys.ALL, keys.SCHEDULE}))
        _without_vary(response, {"cookie", "accept-language"})
        return True

    # --- Django's own page cache (no proxy in front) ----------------------------------------

    def _keep(self, name, response, started):
        numbers = dict(part.strip().split("=") for part in response["Cache-Control"].split(",")[1:])
        shared = int(numbers["s-maxage"])
        stale = int(numbers["stale-while-revalidate"])
        on_error = int(numbers["stale-if-error"])
        page_keys = frozenset(response["Surrogate-Key"].split())
        headers = [
            (header, value)
            for header, value in response.items()
            if header.lower() not in NOT_STORED
        ]
        now = time.time()
        entry = store.Entry(
            value=(response.status_code, headers, response.content),
            keys=page_keys,
            clock=started,
            extra={
                "stored": now,
                "fresh_until": now + shared,
                "stale_until": now + shared + stale,
                "error_until": now + shared + on_error,
            },
        )
        store.store(name, entry, shared + on_error)

    def _from_store(self, request, name, entry):
        """The cached response if it may be served now, else None: render it (and take the
        refresh lock, so that only this request does)."""
        state = store.state(entry)
        if state == store.GONE:
            return None
        now = time.time()
        if state == store.FRESH and now < entry.extra["fresh_until"]:
            return self._build(request, entry, "HIT")
        if now >= entry.extra["stale_until"]:
            return None  # too old to serve while refreshing: the reader waits for a new one
        # Purged softly, or just past its lifetime: one request renders the new copy, the
        # others get this one meanwhile.
        if cache.add(f"{name}:lock", 1, settings.CACHE_REFRESH_LOCK_SECONDS):
            request._pagecache_lock = f"{name}:lock"
            return None
        return self._build(request, entry, "STALE")

    def _usable_on_error(self, entry):
        return time.time() < entry.extra["error_until"] and store.state(entry) != store.GONE

    def _build(self, request, entry, how):
        status, headers, content = entry.value
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for header, value in headers:
            response[header] = value
        response["Age"] = str(max(0, int(time.time() - entry.extra["stored"])))
        response["Date"] = http_date()
        response["X-Cache"] = how
        if status == 200:
            conditional = get_conditional_response(
                request,
                etag=response.get("ETag"),
                response=response,
            )
            if conditional is not None:
                return conditional
        return response
