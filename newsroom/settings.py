"""Settings for the newsroom CMS.

Everything that differs between a laptop, CI and production comes from environment variables;
the README has the table. Defaults are chosen so that a fresh clone runs with no setup (SQLite,
local-memory cache) and so that production is secure unless told otherwise.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# A test run is never production; it must not need a secret of its own.
TESTING = "pytest" in sys.modules

# Without SECRET_KEY, management commands and tests run with a development key. It starts with
# "django-insecure-", so `check --deploy` flags it, and newsroom.wsgi refuses to serve with it
# unless DEBUG is on: production cannot start on it by accident.
DEVELOPMENT_SECRET_KEY = "django-insecure-development-key-set-SECRET_KEY-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "corsheaders",
    # Serves the API reference page with its own copy of Swagger UI, not from a CDN.
    "ninja",
    "taggit",
    "django_prose_editor",
    "reversion",
    # Login lockouts and the record of attempts (README "Security").
    "axes",
    # Two-step sign-in for staff: authenticator apps (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "tags",
    "articles",
    "corrections",
    "ads",
    "pagecache",
    "liveblog",
    "webhooks",
]

MIDDLEWARE = [
    # The request id and the request's log line (newsroom/logs.py), then the request metrics
    # (django-prometheus): outermost, so they see every response, cached pages included.
    "newsroom.logs.RequestLogMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # /healthz, /readyz and /metrics, answered before the Host check and the HTTPS redirect.
    "newsroom.health.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, locale and CSRF middleware: it sees the cookies and Vary they add,
    # and a page served from the cache costs none of them (see pagecache/middleware.py).
    "pagecache.middleware.PageCacheMiddleware",
    # CSP and Permissions-Policy (newsroom/security.py). Inside the page cache, so a stored page
    # keeps the policy made for it; outside the rest, so it sees their X-Frame-Options.
    "newsroom.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether this session passed the second step; staff who did not are held at it.
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

# --- Database -------------------------------------------------------------------------------
# Unset DATABASE_URL means an SQLite file next to manage.py: the zero-setup default.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Tests close connections after each request, so the live server's thread holds none
        # when the test database is dropped.
        conn_max_age=0 if TESTING else int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PostgreSQL streaming replicas for public reads (newsroom/db.py says who reads where). Empty:
# one database, and neither the router nor its middleware is installed.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
# A replica further behind than this, or that failed, is left alone for the retry interval.
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "30"))
DATABASE_REPLICA_RETRY_SECONDS = float(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "10"))
DATABASE_REPLICAS = []
for _number, _url in enumerate(DATABASE_REPLICA_URLS, start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"])
    # A dead replica costs one short wait per retry interval (libpq's minimum is 2 s), and
    # newsroom.db's position query is its health check; tests use the primary's data.
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_number}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["newsroom.db.ReplicaRouter"]
    # Inside the page cache, so a page served from it costs no replica check.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("pagecache.middleware.PageCacheMiddleware") + 1,
        "newsroom.db.ReplicaMiddleware",
    )

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if TESTING and REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # `make test` runs tests in parallel processes, and every test empties the cache: each
    # process gets a Redis database of its own (the URL's, then the ones below it), which the
    # servers that tests start (inheriting the environment) use too.
    _redis = urlsplit(REDIS_URL)
    _redis_db = int(_redis.path.strip("/") or 0) - int(os.environ["PYTEST_XDIST_WORKER"][2:])
    REDIS_URL = _redis._replace(path=f"/{_redis_db % 16}").geturl()
    os.environ["REDIS_URL"] = REDIS_URL
# Redis is optional at read time (newsroom/cache.py): a call to a dead one waits at most this
# many seconds, and after a failure Redis is skipped for REDIS_RETRY_SECONDS, then tried again.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
REDIS_RETRY_SECONDS = float(os.environ.get("REDIS_RETRY_SECONDS", "5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Languages and time ---------------------------------------------------------------------
LANGUAGE_CODE = "uk"
LANGUAGES = [
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")

# The public site never fills a missing translation from another language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "uk"
MODELTRANSLATION_ENABLE_FALLBACKS = False

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves uploads itself only in development and the local docker-compose setup.
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names need `collectstatic` first, so only images built for production use them.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Media on S3-compatible storage (AWS, MinIO, Ceph, R2…) when a bucket is named; newsroom/
# storage.py says how. Files are public at MEDIA_URL + name, URLs built without any request.
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "").rstrip("/")
    S3_REGION = os.environ.get("S3_REGION", "")
    S3_LOCATION = os.environ.get("S3_LOCATION", "").strip("/")
    # Path-style (host/bucket/key) is what MinIO and Ceph answer without DNS set up for it.
    S3_ADDRESSING_STYLE = os.environ.get(
        "S3_ADDRESSING_STYLE", "path" if S3_ENDPOINT_URL else "virtual"
    )
    _s3_prefix = f"{S3_LOCATION}/" if S3_LOCATION else ""
    if os.environ.get("MEDIA_URL"):
        MEDIA_URL = os.environ["MEDIA_URL"]  # a CDN or a proxy in front of the bucket
    elif os.environ.get("S3_CUSTOM_DOMAIN"):
        MEDIA_URL = f"https://{os.environ['S3_CUSTOM_DOMAIN'].strip('/')}/{_s3_prefix}"
    elif S3_ENDPOINT_URL and S3_ADDRESSING_STYLE == "path":
        MEDIA_URL = f"{S3_ENDPOINT_URL}/{S3_BUCKET}/{_s3_prefix}"
    elif S3_ENDPOINT_URL:
        _scheme, _sep, _host = S3_ENDPOINT_URL.partition("://")
        MEDIA_URL = f"{_scheme}://{S3_BUCKET}.{_host}/{_s3_prefix}"
    else:
        MEDIA_URL = f"https://{S3_BUCKET}.s3.{S3_REGION or 'us-east-1'}.amazonaws.com/{_s3_prefix}"
    STORAGES["default"] = {
        "BACKEND": "newsroom.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": S3_REGION or None,
            # Unset: boto3's own chain (AWS_* variables, an instance role).
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": S3_LOCATION,
            "addressing_style": S3_ADDRESSING_STYLE,
            "public_url": MEDIA_URL,
            # Pages holding these URLs are cached for an hour: no expiring signatures.
            "querystring_auth": False,
            # Every name is new, so a stored file never changes and caches may keep it.
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": os.environ.get(
                    "S3_CACHE_CONTROL", "public, max-age=31536000, immutable"
                )
            },
            "default_acl": os.environ.get("S3_DEFAULT_ACL") or None,
        },
    }
    # The bucket (or the CDN in front of it) serves the files; MEDIA_ROOT holds none.
    SERVE_MEDIA = False

# Uploads: Django refuses larger request bodies before our validators run.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 20 * 1024 * 1024))
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 40_000_000))
# Animations (GIF, WebP, APNG; ad banners too): readers' browsers decode every frame as a whole
# picture at 4 bytes a pixel, so all frames together are capped at 100 megapixels, ~400 MB
# decoded; a 10-second 720p GIF at 10 frames a second (92 MP) fits. Tiny frames cost per frame
# too: 500 is 20 seconds at 25 frames a second, and anything longer belongs in a video embed.
PHOTO_MAX_FRAMES = int(os.environ.get("PHOTO_MAX_FRAMES", 500))
PHOTO_MAX_TOTAL_PIXELS = int(os.environ.get("PHOTO_MAX_TOTAL_PIXELS", 100_000_000))

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts of a targeted newsroom: long passphrases rather than short complex ones.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# django-axes checks for a lockout before the password is even looked at.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Wrong passwords are counted per account *and* address (an IPv6 address by its /64): an
# attacker guessing one username from many addresses cannot lock its owner out, and one address
# gets LOGIN_FAILURE_LIMIT guesses an account per cool-off. Counted in the database, so every
# app server sees the same count. (Slow guessing from many addresses is what two-step sign-in
# is for.)
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "accounts.clientip.client_ip"
AXES_VERBOSE = False  # accounts.signals logs each login and failure once, in one format
# How many proxies of ours (nginx, Varnish) append to X-Forwarded-For in front of the app: the
# client's address is read that many places from the right. 0 = use the socket's address.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
# Two-step sign-in is required for editors, ad managers and admins; journalists may turn it
# on for themselves, or must when this is on.
TWO_FACTOR_FOR_JOURNALISTS = env_bool("TWO_FACTOR_FOR_JOURNALISTS", False)
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Newsroom")
# Device keys and recovery codes are never shown in the admin, not even to superusers.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# A staff session ends after a working day without work in the admin (accounts.middleware.
# StaffSessionMiddleware extends it).
STAFF_SESSION_IDLE_HOURS = float(os.environ.get("STAFF_SESSION_IDLE_HOURS", 10))
SESSION_COOKIE_AGE = int(STAFF_SESSION_IDLE_HOURS * 3600)

# --- Security -------------------------------------------------------------------------------
# Secure unless told otherwise: production only has to supply real values. Tests talk plain
# HTTP to the test client and to the live server (whose middleware is built before any fixture).
_secure = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _secure)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _secure)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _secure)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if _secure else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _secure)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _secure)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_PROXY", False):
    # nginx terminates TLS and says so in this header; trust it only when configured to.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# --- Content-Security-Policy and Permissions-Policy (newsroom/security.py) -------------------
# Public pages run nothing inline (they are shared-cached: no nonce); the admin's inline code
# carries a per-request nonce. CSP_REPORT_ONLY=1 sends the policy as
# Content-Security-Policy-Report-Only, to roll it out; CSP_REPORT_URI collects violations.
# (django-csp's app is not installed: its checks would take these two for its 3.x settings.)
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")


def _origins(*urls):
    """The origins of absolute URLs (uploads or static files on a CDN): '/media/' has none."""
    from urllib.parse import urlsplit

    return [f"{part.scheme}://{part.netloc}" for part in map(urlsplit, urls) if part.netloc]


_csp = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *_origins(STATIC_URL)],
        "style-src": ["'self'", *_origins(STATIC_URL)],
        "img-src": ["'self'", "data:", *_origins(STATIC_URL, MEDIA_URL)],
        "font-src": ["'self'", *_origins(STATIC_URL)],
        "connect-src": ["'self'"],
        # Ad slots are our own /ads/slot/ documents; embeds are links, not frames.
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # frame-ancestors: set per response from X-Frame-Options.
        # Only where the site is served over HTTPS (a plain-HTTP setup, like `make prod`, turns
        # the redirect off); browsers ignore it in a report-only policy.
        "upgrade-insecure-requests": SECURE_SSL_REDIRECT and not CSP_REPORT_ONLY,
        "report-uri": [CSP_REPORT_URI] if CSP_REPORT_URI else None,
    }
}
if CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp
# `{% load security %}` (newsroom is not an app, so its tag library is named here).
TEMPLATES[0]["OPTIONS"]["libraries"] = {"security": "newsroom.templatetags.security"}

# --- Logging --------------------------------------------------------------------------------
# LOG_FORMAT=json (the default unless DEBUG): one JSON object per line, with the request id
# (newsroom/logs.py); text for a developer's terminal and for tests.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG or TESTING else "json").lower()
if LOG_FORMAT not in ("json", "text"):
    raise ValueError(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "newsroom.logs.JsonFormatter"},
        "text": {"()": "newsroom.logs.TextFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # accounts.signals logs each login and failure; axes' own notes repeat them.
        "axes": {"level": "WARNING"},
        # One line per request; tests make thousands (caplog.set_level turns it on).
        "newsroom.request": {"level": "WARNING" if TESTING else "INFO"},
        # newsroom.request has the line, with the request id; runserver's own is a repeat.
        "django.server": {"level": "WARNING"},
    },
}

# --- Newsroom -------------------------------------------------------------------------------
SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
# Where "Support us" leads: a donation platform's page, or (empty) the site's own page.
SUPPORT_URL = os.environ.get("SUPPORT_URL", "")
# The picture of link cards and structured data for pages without a photo of their own, cut into
# 16:9, 4:3 and 1:1 (articles/shareimage.py): at least 1,200 px each way; empty for none.
SHARE_IMAGE = os.environ.get("SHARE_IMAGE", str(BASE_DIR / "static" / "img" / "share.png"))

# --- Ads ------------------------------------------------------------------------------------
# Editions that carry ads at all; a language left out shows none, whatever is booked.
ADS_LANGUAGES = [
    code.strip()
    for code in os.environ.get("ADS_LANGUAGES", ",".join(c for c, _n in LANGUAGES)).split(",")
    if code.strip()
]
# Where impressions and clicks are summed before `flush_ad_counts` writes them to the database;
# empty counts straight into the database (one UPDATE a view: fine for one small server).
ADS_COUNTS_REDIS_URL = os.environ.get("ADS_COUNTS_REDIS_URL", REDIS_URL)
ADS_COUNTS_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsroom")

# --- Live coverage (liveblog/, README "Live coverage") ----------------------------------------
# How often a reader's open live page asks for new updates (one cached address per story and
# language, purged by each update).
LIVEBLOG_POLL_SECONDS = int(os.environ.get("LIVEBLOG_POLL_SECONDS", 30))

# --- API ------------------------------------------------------------------------------------
# The read-only API may be called from any site's JavaScript: GET only, and no cookies.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# --- Webhooks (webhooks/, README "Webhooks") -------------------------------------------------
# The RQ queue's Redis; empty (no REDIS_URL either): no queue, and the worker
# (`manage.py webhooks_worker`) and `run_jobs` send due deliveries from the database themselves.
WEBHOOK_QUEUE_URL = os.environ.get("WEBHOOK_QUEUE_URL", REDIS_URL)
WEBHOOK_QUEUE_NAME = os.environ.get("WEBHOOK_QUEUE_NAME", "webhooks")
# Seconds a receiver may take to connect and to answer (each), and the waits before each retry.
WEBHOOK_TIMEOUT = float(os.environ.get("WEBHOOK_TIMEOUT", 10))
WEBHOOK_RETRY_DELAYS = [
    float(s) for s in env_list("WEBHOOK_RETRY_DELAYS", "60,300,1800,7200,21600")
]
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", 6))
# Plain http:// endpoints on this machine (127.0.0.1, ::1, localhost); https is required
# everywhere else, always.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", DEBUG or TESTING)
# Endpoints whose host resolves to loopback, private or link-local addresses (the newsroom's own
# network, a cloud's metadata service) are refused at sending time, unless this is on.
WEBHOOK_ALLOW_INTERNAL = env_bool("WEBHOOK_ALLOW_INTERNAL", DEBUG or TESTING)
# The site's public address, for the absolute URLs in payloads (no request to take it from).
WEBHOOK_SITE_URL = os.environ.get("WEBHOOK_SITE_URL") or (
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}"
    if ALLOWED_HOSTS and not (DEBUG or TESTING) and ALLOWED_HOSTS[0] != "*"
    else "http://127.0.0.1:8000"
)
# Without a queue, how often the worker looks for due deliveries.
WEBHOOK_POLL_SECONDS = float(os.environ.get("WEBHOOK_POLL_SECONDS", 5))
# A pending delivery this overdue is queued again by the sweep (its job was lost).
WEBHOOK_REQUEUE_SECONDS = float(os.environ.get("WEBHOOK_REQUEUE_SECONDS", 60))

# --- Page cache -----------------------------------------------------------------------------
# Public responses say how long a shared cache may keep them; purges by surrogate key keep them
# right (pagecache/, README "Caching and scale").
CACHE_SECONDS = int(os.environ.get("CACHE_SECONDS", 3600))
CACHE_BROWSER_SECONDS = int(os.environ.get("CACHE_BROWSER_SECONDS", 30))
CACHE_STALE_SECONDS = int(os.environ.get("CACHE_STALE_SECONDS", 60))
CACHE_STALE_IF_ERROR_SECONDS = int(os.environ.get("CACHE_STALE_IF_ERROR_SECONDS", 86400))
CACHE_404_SECONDS = int(os.environ.get("CACHE_404_SECONDS", 300))
# Varnish hosts in front (http://host:port), each sent every purge.
CACHE_PROXIES = env_list("CACHE_PROXIES")
CACHE_PURGE_TIMEOUT = float(os.environ.get("CACHE_PURGE_TIMEOUT", 2))
CACHE_REFRESH_LOCK_SECONDS = 30
# How long a reader waits for another request's rendering of a page nobody may get stale.
CACHE_WAIT_SECONDS = 3
# Django's own page cache, for setups without a proxy. It needs a cache shared by every app
# server (Redis): a purge in one process's local memory would not reach the others.
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL) and not CACHE_PROXIES and not TESTING)

# --- Health, metrics, error reports (README "Logs, metrics and health") ----------------------
# /metrics answers loopback and private addresses, and anyone sending
# `Authorization: Bearer <METRICS_TOKEN>` when it is set.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# A PostgreSQL server that is down is noticed in seconds (by /readyz, and by a request), not
# after libpq's two minutes; every alias, a read replica's too.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", 5))
for _database in DATABASES.values():
    if "postgresql" in _database.get("ENGINE", ""):
        _database.setdefault("OPTIONS", {}).setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
# Errors (with their request id as a tag) go to Sentry, or anything speaking its protocol, when
# a DSN is given; never the reader's cookies, address or the user's details.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from newsroom.logs import sentry_before_send

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        before_send=sentry_before_send,
    )
