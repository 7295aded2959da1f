"""gunicorn settings for the newsroom (gunicorn -c deploy/gunicorn.conf.py).

The same file serves a real server (deploy/systemd/newsroom-gunicorn@.service, one instance a
port) and `make prod` (deploy/local/prod.py). What differs comes from the environment:
GUNICORN_BIND (default 127.0.0.1:8001), GUNICORN_WORKERS (default 3) and the app's own
settings (README "Configuration"; on a server, /etc/newsroom/env). PROMETHEUS_MULTIPROC_DIR must
name a folder emptied before each start (the systemd unit's RuntimeDirectory is).
"""

import os

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001").split(",")
# Sync workers: every request is short (pages are cached in Varnish); a worker per core or two.
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# SIGTERM lets the requests in progress finish: a restart loses none.
graceful_timeout = 20
# A worker is replaced now and then, so that a slow leak never takes a server down.
max_requests = 2000
max_requests_jitter = 200
# Only Varnish (on this host) talks to gunicorn; its X-Forwarded-Proto is believed, a client's
# cannot reach us. (Django reads the same header: BEHIND_PROXY=1.)
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Access is logged by nginx (JSON, with the request id); gunicorn logs only errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = f"newsroom-{bind[0].rsplit(':', 1)[-1]}"


def child_exit(server, worker):
    """A dead worker's live gauges leave the metrics (newsroom.metrics)."""
    try:
        from newsroom.metrics import worker_exited
    except Exception:
        # Metrics are optional: gunicorn must serve without them.
        return
    try:
        worker_exited(worker.pid)
    except Exception:
        server.log.exception("metrics: worker_exited failed")
