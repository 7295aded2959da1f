"""The page cache: cache headers and surrogate keys on public responses, purges by key after
commit (to the Varnish hosts in front, and to Django's own page cache when there is no proxy),
and fragments of pages cached under the same keys.

How the parts fit: a view (or a feed, the API, a sitemap) names what it shows with
`keys.add()`; `middleware.PageCacheMiddleware` turns that into `Cache-Control` and
`Surrogate-Key` headers, and, without a proxy, keeps the page in the shared cache; the receivers
in `signals.py` call `purge.purge()` with the keys of whatever a change touched.
"""
