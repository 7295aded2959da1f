# The newsroom's caching rules for Varnish 7 with varnish-modules' xkey (Debian: varnish,
# varnish-modules). Included by default.vcl, which defines the `app` director (the gunicorn
# servers) and the `purgers` ACL (the addresses of the app servers).
#
# What the app promises (pagecache/middleware.py): a response a shared cache may keep says
# `Cache-Control: public, s-maxage=…, stale-while-revalidate=…, stale-if-error=…` and names
# what it shows in `Surrogate-Key`; everything else is private. The app purges by key after
# every change (PURGE with `xkey-purge` or `xkey-softpurge`).

import std;
import xkey;

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the app servers"));
        }
        if (req.http.xkey-purge) {
            # Something left the site: its copies must never be served again.
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            # Something changed: copies may be served stale while one request refreshes.
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "Name the keys in xkey-purge or xkey-softpurge"));
        }
        return (synth(200, "Purged " + req.http.n-gone));
    }

    if (req.restarts > 0 && req.http.X-Fetch-Fresh) {
        # From vcl_hit: the cached copy is too old to serve while refreshing.
        set req.grace = 0s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, and anyone with a session or a form token, are never served from nor stored into
    # the cache (the names are Django's defaults: SESSION_COOKIE_NAME, CSRF_COOKIE_NAME, and
    # the messages framework's cookie).
    if (req.url ~ "^/admin/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Any other cookie (analytics, consent) changes nothing the app sends.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    if (!std.healthy(req.backend_hint)) {
        # The app is down: any copy within its grace (stale-if-error) beats an error.
        return (deliver);
    }
    if (obj.ttl + std.duration(obj.http.X-Stale-While-Revalidate + "s", 0s) > 0s) {
        # Within stale-while-revalidate: this reader gets the copy, a background fetch
        # refreshes it.
        return (deliver);
    }
    # Past that (a page whose lifetime ended at a scheduled publication or expiry sends
    # stale-while-revalidate=0): nobody gets it while the app is up. Look up again without
    # grace: one fetch, the other readers wait for it.
    set req.http.X-Fetch-Fresh = "1";
    return (restart);
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        # Keep serving the stale copy rather than caching an error.
        return (abandon);
    }
    if (beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)" || beresp.http.Set-Cookie) {
        # Private (staff pages, previews, ad frames): not cached, and requests for the same
        # address are not held waiting for each other.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish takes the lifetime from s-maxage. The grace is the stale-if-error window (used
    # when the app is down); the stale-while-revalidate window is kept on the object for
    # vcl_hit.
    set beresp.http.X-Stale-While-Revalidate = "0";
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.http.X-Stale-While-Revalidate = regsub(
            beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1");
    }
    set beresp.grace = 0s;
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(regsub(
            beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1") + "s", 0s);
    }
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    return (deliver);
}

sub vcl_deliver {
    # Internal bookkeeping stays here.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Stale-While-Revalidate;
    unset resp.http.Via;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
