vcl 4.1;

# Varnish in front of the newsroom's app servers. Install Debian's `varnish` and
# `varnish-modules`, put this folder in /etc/varnish/, and start varnishd with
#   -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish -p http_resp_hdr_len=16k
# (Surrogate-Key lists everything a page shows: a few hundred bytes to a few KB.)
# Set CACHE_PROXIES=http://<this host>:<port> on every app server; with several Varnish hosts,
# list them all: every purge goes to each.

import directors;
import std;

# One backend per gunicorn server (deploy/systemd/newsroom-gunicorn@.service, 8001 and 8002);
# the probe takes a server that stops answering out of rotation, and with none left Varnish
# serves stale copies (stale-if-error) instead of errors.
probe healthz {
    .url = "/healthz";
    # Every second: a dead server is out of rotation after three failed probes (~3 s), and
    # until then its requests are retried on the other one (vcl_backend_error).
    .interval = 1s;
    # A server whose workers are all busy answers late, and is not dead: with one server left
    # the probe waits its turn behind seconds of queued pages, and taking it out would turn
    # every cache miss into an error ("no backend"). A dead one refuses at once.
    .timeout = 15s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}

backend app1 {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = healthz;
}

backend app2 {
    .host = "127.0.0.1";
    .port = "8002";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = healthz;
}

# Who may purge: the app servers' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub vcl_backend_fetch {
    if (bereq.retries == 0) {
        unset bereq.http.X-Failed-Backend;
    } elsif (bereq.http.X-Failed-Backend == "app1" && std.healthy(app2)) {
        # A retry goes to the other server: the director could hand it to the one that has
        # just failed, which the probe has not marked sick yet.
        set bereq.backend = app2;
    } elsif (bereq.http.X-Failed-Backend == "app2" && std.healthy(app1)) {
        set bereq.backend = app1;
    }
}

sub vcl_backend_error {
    # A server that has just died (killed, restarting) refuses connections, or drops the ones
    # it had before answering, and is only noticed by the probe seconds later: until then a
    # request sent to it is retried on the other one (vcl_backend_fetch). Only requests that
    # change nothing: a POST may have reached the app before the connection broke.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        set bereq.http.X-Failed-Backend = beresp.backend.name;
        return (retry);
    }
    if (bereq.is_bgfetch || bereq.http.X-Fetch-Fresh) {
        # A copy exists (newsroom.vcl: being refreshed, or to be served if this fails). An
        # error delivered from here reaches the reader as is; abandoning goes through
        # vcl_synth, which serves the copy within its stale-if-error window, as it does when
        # the app answers 5xx.
        return (abandon);
    }
}

include "newsroom.vcl";
