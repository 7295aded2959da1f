#!/usr/bin/env bash
# How close does a cached article page come to a static file, over HTTP?
#
#   (a) Django's own page cache (PAGE_CACHE=1, Redis), gunicorn with 2 sync workers: a cached
#       article against /static/css/site.css served by WhiteNoise from the same gunicorn.
#   (b) Varnish (deploy/varnish/newsroom.vcl) in front of the same gunicorn (PAGE_CACHE=0,
#       CACHE_PROXIES pointing at it): a cached article against the same static file, both
#       through Varnish.
#
# Each pair is measured twice, alternated (article, static, article, static), with
# wrk -t$THREADS -c$CONNS -d$DURATION; the ratios use the medians (of two: the mean).
# Goals: (a) the article at least 25% of the static file's requests/s, (b) at least 50%.
#
#   DATABASE_URL=postgres://root@127.0.0.1:5432/newsroom_10k_b bash bench/http_cache.sh
#
# Knobs (env): DURATION=10s CONNS=16 THREADS=2 APP_PORT=8611 VARNISH_PORT=6091
# REDIS_URL=redis://127.0.0.1:6379/3. It starts gunicorn and varnishd itself and stops them by
# their process ids (also on failure). The database must be loaded (bench/load.py).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
APP_DIR="$(pwd)"
PYTHON="$APP_DIR/.venv/bin/python"
GUNICORN="$APP_DIR/.venv/bin/gunicorn"
DURATION="${DURATION:-10s}"
CONNS="${CONNS:-16}"
THREADS="${THREADS:-2}"
APP_PORT="${APP_PORT:-8611}"
VARNISH_PORT="${VARNISH_PORT:-6091}"
WORK="${WORK:-/tmp/newsroom_http_cache_b}"
STATIC_PATH=/static/css/site.css

export DATABASE_URL="${DATABASE_URL:-postgres://root@127.0.0.1:5432/newsroom_10k_b}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/3}"
export DJANGO_SETTINGS_MODULE=newsroom.settings
export SECRET_KEY=bench ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=0 CONN_MAX_AGE=60
export STATIC_ROOT="$WORK/static"
unset DEBUG

mkdir -p "$WORK"
"$PYTHON" manage.py collectstatic --noinput -v0
ARTICLE="$("$PYTHON" bench/article_urls.py | sed -n '1000p')"
[ -n "$ARTICLE" ] || { echo "no live article: load the database first (bench/load.py)" >&2; exit 1; }

GPID="" VPID=""
stop() {
  for pid in $VPID $GPID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
  GPID="" VPID=""
}
trap stop EXIT INT TERM

start_gunicorn() {  # env for the app: the caller's exports plus "$@"
  env "$@" "$GUNICORN" newsroom.wsgi:application --chdir "$APP_DIR" --workers 2 \
    --worker-class sync --bind "127.0.0.1:$APP_PORT" --log-level warning \
    >"$WORK/gunicorn.log" 2>&1 &
  GPID=$!
  wait_until_up "http://127.0.0.1:$APP_PORT/healthz" "$GPID" "$WORK/gunicorn.log" gunicorn
}

wait_until_up() {  # URL PID LOG NAME: until URL answers; the log and exit if PID died or 20 s
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.2
  done
  echo "$4 did not answer" >&2; exit 1
}

start_varnish() {
  cat >"$WORK/top.vcl" <<VCL
vcl 4.1;
import directors;
backend app1 {
    .host = "127.0.0.1";
    .port = "$APP_PORT";
    .probe = { .url = "/healthz"; .interval = 2s; .timeout = 1s; .window = 3;
               .threshold = 2; .initial = 2; }
}
acl purgers { "127.0.0.1"; }
sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }
include "newsroom.vcl";
VCL
  varnishd -F -j none -n "$WORK/varnish" -a "127.0.0.1:$VARNISH_PORT" -f "$WORK/top.vcl" \
    -p vcl_path="$APP_DIR/deploy/varnish" -p http_resp_hdr_len=16k -s malloc,256m \
    >"$WORK/varnishd.log" 2>&1 &
  VPID=$!
  wait_until_up "http://127.0.0.1:$VARNISH_PORT/healthz" "$VPID" "$WORK/varnishd.log" varnishd
}

expect_hit() {  # URL: fetched until its X-Cache says HIT
  for _ in 1 2 3; do
    if curl -s -D - -o /dev/null "$1" | tr -d '\r' | grep -qi '^x-cache: HIT'; then return 0; fi
  done
  echo "not a cache hit: $1" >&2
  curl -s -D - -o /dev/null "$1" >&2
  exit 1
}

rps() {  # URL -> requests/s (and the wrk report kept under $WORK)
  local out="$WORK/wrk-$(date +%s%N).txt"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$1" >"$out" 2>&1
  if grep -q "Non-2xx" "$out"; then echo "non-2xx answers for $1" >&2; cat "$out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ {print $2}' "$out"
}

median2() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", (a + b) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.0f%%", 100 * a / b}'; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); article $ARTICLE"

echo "== (a) Django page cache (PAGE_CACHE=1, Redis) vs WhiteNoise, gunicorn 2 sync workers"
start_gunicorn PAGE_CACHE=1
APP="http://127.0.0.1:$APP_PORT"
expect_hit "$APP$ARTICLE"
curl -sf -o /dev/null "$APP$STATIC_PATH"
A1=$(rps "$APP$ARTICLE"); S1=$(rps "$APP$STATIC_PATH")
A2=$(rps "$APP$ARTICLE"); S2=$(rps "$APP$STATIC_PATH")
stop
DJ_ART=$(median2 "$A1" "$A2"); DJ_STATIC=$(median2 "$S1" "$S2")
echo "article (page cache hit): $A1, $A2 req/s; static (WhiteNoise): $S1, $S2 req/s"

echo "== (b) Varnish in front of the same gunicorn (PAGE_CACHE=0)"
start_gunicorn PAGE_CACHE=0 "CACHE_PROXIES=http://127.0.0.1:$VARNISH_PORT"
start_varnish
VARNISH="http://127.0.0.1:$VARNISH_PORT"
expect_hit "$VARNISH$ARTICLE"
expect_hit "$VARNISH$STATIC_PATH"
B1=$(rps "$VARNISH$ARTICLE"); T1=$(rps "$VARNISH$STATIC_PATH")
B2=$(rps "$VARNISH$ARTICLE"); T2=$(rps "$VARNISH$STATIC_PATH")
stop
V_ART=$(median2 "$B1" "$B2"); V_STATIC=$(median2 "$T1" "$T2")
echo "article (Varnish hit): $B1, $B2 req/s; static (Varnish hit): $T1, $T2 req/s"

echo "== summary (wrk -t$THREADS -c$CONNS -d$DURATION, means of two alternated runs)"
printf "%-40s %10s %10s %8s %6s\n" "" "article" "static" "ratio" "goal"
printf "%-40s %10s %10s %8s %6s\n" "(a) Django page cache vs WhiteNoise" "$DJ_ART" "$DJ_STATIC" \
  "$(ratio "$DJ_ART" "$DJ_STATIC")" "25%"
printf "%-40s %10s %10s %8s %6s\n" "(b) Varnish vs static through Varnish" "$V_ART" "$V_STATIC" \
  "$(ratio "$V_ART" "$V_STATIC")" "50%"
echo "HTTP_CACHE_RESULT {\"django_article\": $DJ_ART, \"whitenoise_static\": $DJ_STATIC," \
  "\"varnish_article\": $V_ART, \"varnish_static\": $V_STATIC, \"runs\": [$A1, $S1, $A2, $S2, $B1, $T1, $B2, $T2]}"
