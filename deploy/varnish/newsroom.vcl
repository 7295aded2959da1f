# The newsroom's caching rules for Varnish 7 with varnish-modules' xkey (Debian: varnish,
# varnish-modules). Included by default.vcl, which defines the `app` director (the gunicorn
# servers) and the `purgers` ACL (the addresses of the app servers).
#
# What the app promises (pagecache/middleware.py): a response a shared cache may keep says
# `Cache-Control: public, s-maxage=…, stale-while-revalidate=…, stale-if-error=…` and names
# what it shows in `Surrogate-Key`; everything else is private. The app purges by key after
# every change (PURGE with `xkey-purge` or `xkey-softpurge`). Told that this cache assembles
# Edge Side Includes, it leaves the recent news sidebar to a fragment of its own address
# (pagecache/esi.py): a publication then replaces that fragment, not every article page.

import std;
import xkey;

sub vcl_recv {
    set req.backend_hint = app.backend();
    # One id for the request in nginx's log, this one and the app's (newsroom/logs.py takes
    # the same form): nginx's, or one made here when none came or it could break a log line.
    if (req.http.X-Request-ID !~ "^[A-Za-z0-9._-]{1,64}$") {
        set req.http.X-Request-ID = "varnish-" + req.xid;
    }
    # This cache assembles Edge Side Includes: the app may leave the parts many pages share
    # (the recent news sidebar) to us (pagecache/esi.py). Never on a client's word: the raw
    # form is for this cache alone.
    unset req.http.Surrogate-Capability;
    set req.http.Surrogate-Capability = "varnish=ESI/1.0";

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

    if (req.restarts == 0) {
        unset req.http.X-Fetch-Fresh;
        unset req.http.X-Stale-OK;
    }
    if (req.http.X-Fetch-Fresh) {
        # From vcl_hit: the cached copy may not be served while refreshing.
        set req.grace = 0s;
    } elsif (req.http.X-Stale-OK) {
        # From vcl_synth: the fresh fetch failed; the copy's own grace applies again (req.grace
        # only caps it, and kept the 0s of the previous restart).
        set req.grace = 365d;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, and anyone with a session or a form token, are never served from nor stored into
    # the cache (the names are Django's defaults: SESSION_COOKIE_NAME, CSRF_COOKIE_NAME, and
    # the messages framework's cookie). Ad frames and clicks are counted by the app each time;
    # preview links must answer 410 the moment they are revoked.
    if (req.url ~ "^/(admin|ads|preview)/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # Parameters that campaigns and social networks add and no page reads: one copy for all
    # (pagecache/middleware.py TRACKING strips the same ones).
    set req.url = regsuball(req.url,
        "(?<=[?&])(utm_[a-z]+|fbclid|gclid|yclid|dclid|mc_cid|mc_eid|_ga|igshid)=[^&]*&?", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    # Any other cookie (analytics, consent) changes nothing the app sends.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        return (deliver);
    }
    if (!std.healthy(req.backend_hint) || req.http.X-Stale-OK) {
        # The app is down (or has just failed to render it): any copy within its grace
        # (stale-if-error, which ends at the next expiry) beats an error.
        return (deliver);
    }
    if (now < std.time(obj.http.X-Stale-Until, now)) {
        # Purged softly, or just past its lifetime: this reader gets the copy, a background
        # fetch refreshes it. X-Stale-Until is an absolute moment from the app: never past the
        # next scheduled change, so a page is not served stale once a story went live or left.
        return (deliver);
    }
    # Nobody gets it while the app is up. Look up again without grace: one fetch, the other
    # readers wait for it.
    set req.http.X-Fetch-Fresh = "1";
    return (restart);
}

sub vcl_synth {
    # Errors made here (a 503 with no copy to serve) are found in the logs by the id too.
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    if (resp.status == 503 && req.http.X-Fetch-Fresh && req.restarts < 3) {
        # The fresh fetch failed (the app answered 5xx or not at all) while a stale copy
        # exists: serve it within its stale-if-error window rather than the error.
        unset req.http.X-Fetch-Fresh;
        set req.http.X-Stale-OK = "1";
        return (restart);
    }
    if (req.esi_level > 0) {
        # An included part that failed with no copy left to serve (vcl_deliver sends a failed
        # one here too): the page goes out without it, never with an error page inside. A 200:
        # from Varnish 7.3 on, an include answering anything else aborts the whole page.
        set resp.status = 200;
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.body = "";
        return (deliver);
    }
}

sub vcl_backend_response {
    if (beresp.http.Surrogate-Control ~ "ESI/1\.0") {
        # The app left parts of this page to us (pagecache/esi.py): kept raw, assembled at
        # each delivery from the parts' own cached copies.
        set beresp.do_esi = true;
    }
    unset beresp.http.Surrogate-Control;
    # The id of the request that rendered it: each reader is given their own (vcl_deliver).
    unset beresp.http.X-Request-ID;
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Fetch-Fresh)) {
        # A stale copy exists: keep serving it rather than the error (see vcl_synth).
        return (abandon);
    }
    if (beresp.status >= 500) {
        # Not cached (there is no copy of this address to serve instead: see above). Remembered
        # as uncacheable for one second, so that the readers who were waiting for this fetch
        # fetch at once, each on their own: with no lifetime at all, each woke up only to wait
        # behind the next one's fetch (seconds during a database restart).
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Cache-Control !~ "(^|[ ,])public([ ,]|$)" || beresp.http.Set-Cookie) {
        # Private (staff pages, previews): not cached, and requests for the same address are
        # not held waiting for each other.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Varnish takes the lifetime from s-maxage. The grace is the stale-if-error window (used
    # when the app is down or failing); when a copy may be served while refreshed is the
    # app's X-Stale-Until, read in vcl_hit.
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
    if (req.esi_level > 0 && resp.status >= 400) {
        # A part of a page that failed: left out (vcl_synth), rather than its error page.
        return (synth(200));
    }
    set resp.http.X-Request-ID = req.http.X-Request-ID;
    # Internal bookkeeping stays here.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Stale-Until;
    unset resp.http.Via;
    # The shared-cache directives were for this cache, which is purged; whatever stands
    # behind it (a CDN, a corporate proxy) is not, and gets the browser lifetime alone.
    set resp.http.Cache-Control = regsuball(resp.http.Cache-Control,
        ",\s*(s-maxage|stale-while-revalidate|stale-if-error)=[0-9]+", "");
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
