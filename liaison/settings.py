"""Settings for Liaison, read from the environment.

Development (DEBUG on, the default) runs on a SQLite file in the project folder with a throwaway
secret key.
Production is DEBUG=false, and then SECRET_KEY and ALLOWED_HOSTS must be given.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from liaison.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    env_timezone,
    map_tile_origin,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-secret-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "Liaison")
# The public address of the site, for links in emails sent by periodic jobs and in /meetings.json,
# which a task makes once for every reader (groups/meeting_guide/published.py).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The office that publishes the directory, as the Meeting Guide feed names it (`entity_*`): each
# is left out of the feed while empty.
SITE_EMAIL = env_str("SITE_EMAIL", "")
SITE_PHONE = env_str("SITE_PHONE", "")
SITE_ADDRESS = env_str("SITE_ADDRESS", "")
SITE_LOGO_URL = env_str("SITE_LOGO_URL", "")
# Where a person in a crisis can turn, shown as "Need help now?" on every page until the office
# sets its own in the installation profile (`/office/profile/`). The US defaults: the 988 Suicide
# & Crisis Lifeline (call or text) and 911.
CRISIS_LINE_NAME = env_str("CRISIS_LINE_NAME", "988 Suicide & Crisis Lifeline")
CRISIS_LINE_PHONE = env_str("CRISIS_LINE_PHONE", "988")
CRISIS_LINE_TEXTS = env_bool("CRISIS_LINE_TEXTS", True)
CRISIS_LINE_URL = env_str("CRISIS_LINE_URL", "https://988lifeline.org/")
EMERGENCY_NUMBER = env_str("EMERGENCY_NUMBER", "911")
# The directory's map: the tile server its background comes from ({z}/{x}/{y} in the address),
# and the credit the tiles ask for. Empty: the map shows its markers on a plain background and
# nothing is fetched from anywhere else. The Content-Security-Policy allows this host alone.
MAP_TILE_URL = env_str("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env_str(
    "MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors (openstreetmap.org/copyright)"
)
MAP_TILE_ORIGINS = map_tile_origin(MAP_TILE_URL)
# Meeting places' positions from their addresses, in the background (`groups/geocoding.py`): ""
# (off: a US ZIP code's centre only), "nominatim", or the dotted path of a function.
# Text messages (meeting reminders to clients who chose them): a class with `send(to, body)`
# (`jobs/sms.py`); the log in development, none in production until a gateway is named.
SMS_BACKEND = env_str("SMS_BACKEND", "jobs.sms.LogBackend" if DEBUG else "jobs.sms.DisabledBackend")
GEOCODER = env_str("GEOCODER", "")
GEOCODER_DOMAIN = env_str("GEOCODER_DOMAIN", "nominatim.openstreetmap.org")
GEOCODER_USER_AGENT = env_str("GEOCODER_USER_AGENT", f"{SITE_NAME} meeting directory ({SITE_URL})")
# The public standards the directory speaks (Meeting Guide type codes, HSDS schemas), kept in the
# repository beside the app that reads them.
STANDARDS_DIR = BASE_DIR / "groups" / "standards"
# Support to one group worth this much in 12 months flags it on the autonomy watch.
AUTONOMY_WATCH_VALUE = env_int("AUTONOMY_WATCH_VALUE", 1000)
# Days after a referral when a follow-up is due.
FOLLOW_UP_DAYS = [int(day) for day in env_list("FOLLOW_UP_DAYS", ["7", "30", "90"])]
# Public directory pages are served from the cache to visitors not signed in for this many
# seconds at most (groups/directory/page_cache.py); 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60, minimum=0)
# Directory searches and group page views are counted in the cache, and written to the database
# at most this often (groups.services.usage_record); 0 writes each one at once.
DIRECTORY_USAGE_FLUSH_SECONDS = env_int("DIRECTORY_USAGE_FLUSH_SECONDS", 30, minimum=0)
# The dashboard's figures for a period are counted at most this often and kept in the cache
# meanwhile (pages.dashboard.picture; the page says when they were counted); the scheduled job
# `dashboard_figures` counts each agency's last 12 months again before they expire. 0 counts
# them on every view.
DASHBOARD_KEEP_SECONDS = env_int("DASHBOARD_KEEP_SECONDS", 600, minimum=0)
# A listing not verified for this long is shown as stale.
STALE_AFTER_DAYS = env_int("STALE_AFTER_DAYS", 365)

INSTALLED_APPS = [
    "liaison",
    "groups",
    "exchanges",
    "referrals",
    "events",
    "audit",
    "surveys",
    "pages",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "jobs",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers before host checks, redirects and sessions.
    "liaison.health.HealthCheckMiddleware",
    # Sees the response last: a public feed the same for everyone varies on nothing.
    "liaison.vary.FixedVaryMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "audit.trail.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the page: the language cookie set by the switch, else Accept-Language.
    # URLs carry no language prefix, so the public URL contract stays as it is.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # With DEBUG on, a missing page is still the site's own, in the visitor's language.
    "liaison.not_found.OwnNotFoundPageMiddleware",
    "liaison.sessions.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "liaison.mfa.MFAMiddleware",
    "audit.denied.DeniedAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: it refuses sign-ins while an account or address is locked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "pages.urls"
WSGI_APPLICATION = "liaison.wsgi.application"

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
                "liaison.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
# Connections: kept for CONN_MAX_AGE seconds by default; with DATABASE_POOL_SIZE, each app
# process keeps a pool of at most that many (psycopg's pool, PostgreSQL only), opened on first use
# in each worker (never in gunicorn's master). Behind PgBouncer in transaction mode, set
# DATABASE_PGBOUNCER=true: server-side cursors do not survive a transaction there.
DATABASE_POOL_SIZE = env_int("DATABASE_POOL_SIZE", 0)
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER", False)


def _connections(database: dict) -> dict:
    if database["ENGINE"].endswith("postgresql"):
        if DATABASE_POOL_SIZE:
            database["CONN_MAX_AGE"] = 0  # the pool keeps them instead
            database.setdefault("OPTIONS", {})["pool"] = {
                "min_size": 1,
                "max_size": DATABASE_POOL_SIZE,
                "timeout": 10,
            }
        if DATABASE_PGBOUNCER:
            database["DISABLE_SERVER_SIDE_CURSORS"] = True
    return database


_connections(DATABASES["default"])

# A read replica for the dashboard and the exports (`liaison.db_router`); everything else reads
# the primary, so that nobody misses what they have just written.
if env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            env_str("DATABASE_REPLICA_URL"),
            conn_max_age=env_int("CONN_MAX_AGE", 0 if DEBUG else 60),
            conn_health_checks=True,
        ),
        "TEST": {"MIRROR": "default"},
    }
    _connections(DATABASES["replica"])
DATABASE_ROUTERS = ["liaison.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "liaison.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "liaison:after_login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_timezone("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The cache holds only short-lived counters (rate limits, one-time form keys); set REDIS_URL to
# share it between app processes, so that a limit counts every process's requests.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}
        if env_str("REDIS_URL")
        # Room for every counter and used form key: a full cache would forget the oldest, and a
        # forgotten form key would work again.
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    )
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# For the file backend (django.core.mail.backends.filebased.EmailBackend): one file per run.
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "liaison@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}  # Bootstrap's name for messages.ERROR

# --- security (docs/security.md) -----

# A second factor for anyone who can see client identity; tests turn it on where they test it.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
# Meeting lists fetched on a schedule (groups/imports/fetch.py) may not be inside this network
# (loopback, private, link-local addresses) unless this is on.
IMPORT_FETCH_PRIVATE_ADDRESSES = env_bool("IMPORT_FETCH_PRIVATE_ADDRESSES", False)
OTP_TOTP_ISSUER = SITE_NAME

# Sessions: signed out after 30 minutes without activity and 12 hours after signing in.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lockout: 5 failed sign-ins lock the account (from anywhere) and the address (for any
# account) for an hour, or until an agency admin unlocks it.
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = env_int("LOCKOUT_MINUTES", 60) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "liaison.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# How many reverse proxies (load balancer, TLS terminator) stand between the visitor and the app,
# each adding the address it was reached from to X-Forwarded-For. 0: the app is reached directly
# and the header, which anyone can write, is ignored. Rate limits, the lockout by address and the
# audit trail all read the address through liaison.ratelimit.client_address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "liaison.ratelimit.client_address"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MAP_TILE_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Soft-deleted clients keep their identity this many days, then `purge_clients` removes it.
CLIENT_RETENTION_DAYS = env_int("CLIENT_RETENTION_DAYS", 30)
# Where `manage.py backup` writes when no file is named.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
# The nightly backup job keeps this many days of backups in BACKUP_DIR.
BACKUP_KEEP_DAYS = env_int("BACKUP_KEEP_DAYS", 35, minimum=1)

# Background tasks (Django's tasks API through django-tasks): "immediate" runs each task in this
# process right after the commit (development: no extra process to start); "database" keeps a
# queue in the database for `manage.py worker` processes, here or on other machines.
TASK_QUEUE = env_choice(
    "TASK_QUEUE", "immediate" if DEBUG else "database", {"immediate", "database"}
)
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASK_QUEUE],
    }
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "filters": {"expected_refusals": {"()": "liaison.logs.ExpectedRefusals"}},
    # Sign-in attempts are in the audit trail; the lockout package's own log repeats them.
    "loggers": {
        "axes": {"level": "WARNING"},
        # A line per task started and finished is noise; failures are logged as warnings.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # A refused page (403, 404) is one line in the log, not a traceback: it is the app
        # working, and the audit trail has the details.
        "django.request": {"filters": ["expected_refusals"]},
    },
}
