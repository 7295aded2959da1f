vcl 4.1;

# Varnish in front of the newsroom's app servers. Install Debian's `varnish` and
# `varnish-modules`, put this folder in /etc/varnish/, and start varnishd with
#   -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish -p http_resp_hdr_len=16k
# (Surrogate-Key lists everything a page shows: a few hundred bytes to a few KB.)
# Set CACHE_PROXIES=http://<this host>:<port> on every app server; with several Varnish hosts,
# list them all: every purge goes to each.

import directors;

# One backend per gunicorn server (deploy/systemd/newsroom-gunicorn@.service, 8001 and 8002);
# the probe takes a server that stops answering out of rotation, and with none left Varnish
# serves stale copies (stale-if-error) instead of errors.
probe healthz {
    .url = "/healthz";
    .interval = 2s;
    # A server whose workers are all busy answers late, and is not dead: taking both out under
    # load would turn every cache miss into an error. A dead one refuses at once (and its
    # requests are retried on the other meanwhile, see vcl_backend_error).
    .timeout = 5s;
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

sub vcl_backend_error {
    # A server that has just died (killed, restarting) is only noticed by the probe seconds
    # later; until then a request sent to it is retried on the next one. Only requests that
    # change nothing: a POST may have reached the app before the connection broke.
    if (bereq.retries < 2 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

include "newsroom.vcl";
