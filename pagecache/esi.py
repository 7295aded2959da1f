"""Edge Side Includes: the parts every page shares, cached and purged on their own in Varnish.

The "Recent news" sidebar changes with every publication in its language; the article page
around it changes only when the article, or what it lists by name, does. Rendered inline, the
sidebar gives every article page the `news-<lang>` key, so each publication made every cached
article page of the language stale at once, and the app servers spent their time rendering
them again. With ESI the page carries `<esi:include src="/fragments/recent-news/"/>` instead:
Varnish fetches that fragment (its own cached object, keyed `news-<lang>`) and assembles the
page, so a publication replaces one small fragment and the article pages stay cached.

A page is rendered that way only when all of these hold, decided once per request by the page
cache middleware (`start()`):

- the request says that the proxy in front assembles ESI: `Surrogate-Capability` with
  `ESI/1.0` (deploy/varnish/newsroom.vcl sets it on every request after dropping any a client
  sent, so a reader cannot ask for the raw form through Varnish);
- the app purges a proxy (`CACHE_PROXIES`): without one there is no Varnish in front, and a
  client's own header must not get the raw form into a cache that cannot assemble it (a CDN
  straight in front of the app);
- Django's own page cache is off (`PAGE_CACHE`): it would store and serve the raw form to
  requests without a proxy in front, so a stored copy is always the inline page;
- the request is anonymous and for a page that may be cached: staff and anyone with a session
  get the page inline, as without a proxy.

Otherwise (the tests' client, Django's page cache, no proxy) the sidebar is inline as before.
A response that asked for assembly says so with `Surrogate-Control: content="ESI/1.0"`, which
Varnish reads to turn ESI processing on for it, and removes.

The flag travels in a context variable, like the collected keys (keys.py) and the schedule's
memo (schedule.py): the sidebar is built deep inside views and the admin's previews, which
have no reason to know about proxies.
"""

import contextvars
import re

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# "varnish=ESI/1.0", or a list of such devices ("cdn=\"ESI/1.0 ESI-Inline/1.0\", v=ESI/1.0").
CAPABILITY = re.compile(r"(^|[\s=\"])ESI/1\.0([\s\",;]|$)")
SURROGATE_CONTROL = 'content="ESI/1.0"'

_state: contextvars.ContextVar[dict | None] = contextvars.ContextVar("pagecache_esi", default=None)


def start(request) -> contextvars.Token:
    """Decide for this request whether shared parts may be left to the proxy; `stop(token)`
    ends it."""
    from .middleware import NEVER_STORED, request_is_anonymous  # it imports this module

    allowed = bool(
        CAPABILITY.search(request.headers.get("Surrogate-Capability", ""))
        and settings.CACHE_PROXIES
        and not settings.PAGE_CACHE
        and request_is_anonymous(request)
        and not request.path.startswith(NEVER_STORED)
    )
    return _state.set({"allowed": allowed, "used": False})


def stop(token: contextvars.Token) -> None:
    _state.reset(token)


def allowed() -> bool:
    """Whether the current request's shared parts may be ESI includes (False outside one)."""
    state = _state.get()
    return bool(state and state["allowed"])


def include(url: str) -> SafeString:
    """The include tag for `url` (call only when `allowed()`); the response will say so."""
    state = _state.get()
    if state is not None:
        state["used"] = True
    return mark_safe(f'<esi:include src="{escape(url)}"/>')


def announce(response):
    """Ask the proxy to assemble `response` if an include was put in it."""
    state = _state.get()
    if state and state["used"]:
        response["Surrogate-Control"] = SURROGATE_CONTROL
    return response
