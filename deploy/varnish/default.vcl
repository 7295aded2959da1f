vcl 4.1;

# Varnish in front of the newsroom's app servers. Install Debian's `varnish` and
# `varnish-modules`, put this folder in /etc/varnish/, and start varnishd with
#   -f /etc/varnish/default.vcl -p vcl_path=/etc/varnish -p http_resp_hdr_len=16k
# (Surrogate-Key lists everything a page shows: a few hundred bytes to a few KB.)
# Set CACHE_PROXIES=http://<this host>:<port> on every app server; with several Varnish hosts,
# list them all: every purge goes to each.

import directors;

# One backend per gunicorn server; the probe takes a server that stops answering out of
# rotation, and with none left Varnish serves stale copies (stale-if-error) instead of errors.
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 1s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 1s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the app servers' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}

include "newsroom.vcl";
