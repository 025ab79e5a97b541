"""Settings for the information rights case-management service.

Everything that differs between a laptop and production comes from environment variables (see
README "Configuration"). With none set, the project runs for `make run`: SQLite, tasks executed
eagerly in-process, mail printed to the console. With DEBUG off, a missing SECRET_KEY or
ALLOWED_HOSTS stops start-up instead of running insecurely.
"""

import ipaddress
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY") or ""
if not DEBUG and (len(SECRET_KEY) < 32 or SECRET_KEY.startswith(("change-me", "dev-only"))):
    raise ImproperlyConfigured("SECRET_KEY must be a long random value (32+ characters) when DEBUG is off")
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# On when a TLS-terminating proxy in front sets X-Forwarded-Proto and appends X-Forwarded-For.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
# The addresses (or networks) the proxy connects from: X-Forwarded-For is believed only from these,
# so a client that reaches the app directly cannot choose its own address for the throttles. By
# default loopback and private networks (RFC 1918, IPv6 ULA): a proxy on the host reaches a
# container from the Docker bridge's gateway (172.16.0.0/12 here). Narrow it to the proxy's own
# address when clients could reach the app from a private network. Empty means the default
# (BEHIND_TLS_PROXY=0 is how to believe no one).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", []) or [
    "127.0.0.0/8",
    "::1",
    "10.0.0.0/8",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "fc00::/7",
]
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES must list IP addresses or networks, not {_proxy!r}") from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "foi_cases",
    "responses",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if not DEBUG:
    # Production serves collected static files itself; runserver and the test server do it in DEBUG.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "foi_cases.context_processors.unit",
                "responses.views.approvals_nav",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The status page's query is a server-side prepared statement on PostgreSQL. Turn off behind a
# connection pooler in transaction mode (PgBouncer), where prepared statements do not survive.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", default=True)

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Requesters' status pages, rendered once per version of their case and kept in each process's
# memory. The key changes whenever the case or one of its reviews does, so those show at once;
# the unit's own settings (its name, the commissioner's address) show within the minute.
CACHES["status_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "status-pages",
    "TIMEOUT": 60,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Celery: a broker URL means real workers; without one, tasks run eagerly inside the request.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/London"
CELERY_BEAT_SCHEDULE = {
    "refresh-open-case-deadlines-nightly": {
        "task": "foi_cases.tasks.refresh_open_case_deadlines",
        "schedule": 24 * 60 * 60,
    },
    "sweep-letter-pdfs": {
        "task": "responses.tasks.sweep_letter_pdfs",
        "schedule": 5 * 60,
    },
    # Before the working day starts. Safe to run twice (two beat processes, a retry): nothing is sent twice.
    "send-reminders-daily": {
        "task": "foi_cases.tasks.send_reminders",
        "schedule": crontab(hour=env_int("REMINDER_HOUR", 7), minute=0),
    },
    "retry-failed-reminders": {
        "task": "foi_cases.tasks.send_pending_reminders",
        "schedule": crontab(minute="*/30", hour="7-18"),
    },
    "anonymise-expired-cases-daily": {
        "task": "foi_cases.tasks.anonymise_expired_cases",
        "schedule": crontab(hour=2, minute=30),
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "foi_cases:dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
# Dates of receipt are calendar dates in Europe/London (an email at 23:50 on a Saturday was received
# that Saturday), so "today" is always taken in this zone.
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Where signed letters and the unit's images are kept: the filesystem (MEDIA_ROOT) by default, or
# S3-compatible object storage. Issued letters are never deleted, so the bucket should have
# versioning (and ideally object lock) on.
STORAGE_BACKEND = (env_str("STORAGE_BACKEND") or "filesystem").lower()
if STORAGE_BACKEND == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("S3_BUCKET must be set when STORAGE_BACKEND is s3")
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "location": env_str("S3_PREFIX", ""),
            "default_acl": None,  # private: letters are served only through the application
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem or s3, not {STORAGE_BACKEND!r}")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Letters are emailed to requesters through this backend (console: printed, for `make run`).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "foi@example.org")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# A request text longer than this is refused: real requests are a few pages at most, and the cap
# keeps a pasted document or an abusive payload out of the register.
MAX_REQUEST_TEXT_CHARS = env_int("MAX_REQUEST_TEXT_CHARS", 100_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["foi_cases.api.permissions.IsCaseworker"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Our throttles (foi_cases.api.throttling) count by config.network.client_address, which
    # believes X-Forwarded-For only from TRUSTED_PROXIES. This is for any DRF throttle class used
    # as it comes. (DRF's default, None, would trust the whole header a client sends.)
    "NUM_PROXIES": 1 if BEHIND_TLS_PROXY else 0,
    "DEFAULT_THROTTLE_RATES": {
        "auth": env_str("THROTTLE_AUTH", "10/minute"),
        "deadline": env_str("THROTTLE_DEADLINE", "120/minute"),
    },
}
# Staff sign-in: failed attempts allowed per address and username before a pause.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 10)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60)
SPECTACULAR_SETTINGS = {
    "TITLE": "Information rights case management API",
    "DESCRIPTION": "Cases, statutory deadlines and clock events for FOIA, EIR, FOISA and subject access requests.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Off only for a plain-HTTP trial deployment without a TLS proxy in front.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Trust X-Forwarded-Proto only when a TLS proxy in front sets it; otherwise any client could.
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)

# The public address of this service: letters and their emails tell requesters where to check a
# letter is genuine (SITE_URL/verify/).
SITE_URL = (env_str("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")).rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    # Printed into every signed letter, which can never be corrected: refuse to start without it.
    raise ImproperlyConfigured("SITE_URL must be set to the public address (https://...) when DEBUG is off")

# The unit's signing certificate for letters: a PKCS#12 file and its passphrase. Outside MEDIA_ROOT
# by default, so the private key never lands in the stored files or their backups.
SIGNING_CERT_PATH = env_str("SIGNING_CERT_PATH") or str(BASE_DIR / "certs" / "unit.p12")
SIGNING_CERT_PASSPHRASE = env_str("SIGNING_CERT_PASSPHRASE") or ""
# Certificates of earlier years (PEM or DER files, comma-separated), so letters signed before a key
# was replaced still verify. List the unit's own certificates only, never a CA's: a letter counts
# as the unit's when signed with exactly one of these (or the current) certificates.
SIGNING_TRUSTED_CERTS = env_list("SIGNING_TRUSTED_CERTS", [])
# The public page that checks a letter: the largest upload accepted, and checks allowed per
# address per hour (each check costs CPU).
VERIFY_UPLOAD_MAX_BYTES = env_int("VERIFY_UPLOAD_MAX_BYTES", 2 * 1024 * 1024)  # letters are tens of KB
# Each check runs in a child process with these limits: a crafted file must not hold a web worker.
VERIFY_TIME_LIMIT_SECONDS = env_int("VERIFY_TIME_LIMIT_SECONDS", 5)
VERIFY_MEMORY_MB = env_int("VERIFY_MEMORY_MB", 512)
VERIFY_CHECKS_PER_HOUR = env_int("VERIFY_CHECKS_PER_HOUR", 30)

# The requester portal. Requests made through the public form per address (IP) per hour, and per
# email address per day: enough for a real person, too few for a spam run.
PORTAL_REQUESTS_PER_HOUR = env_int("PORTAL_REQUESTS_PER_HOUR", 5)
PORTAL_REQUESTS_PER_EMAIL_PER_DAY = env_int("PORTAL_REQUESTS_PER_EMAIL_PER_DAY", 10)
# Failed status lookups (wrong reference or email, unknown link) allowed per hour from one address,
# and for one reference from anywhere, before further lookups get HTTP 429.
PORTAL_LOOKUP_FAILURES_PER_ADDRESS = env_int("PORTAL_LOOKUP_FAILURES_PER_ADDRESS", 10)
PORTAL_LOOKUP_FAILURES_PER_REFERENCE = env_int("PORTAL_LOOKUP_FAILURES_PER_REFERENCE", 5)
# Failed reference-and-email lookups allowed per day with one email address, from anywhere: so
# that a known person's address cannot be tried against every reference, a few at a time from
# many client addresses.
PORTAL_LOOKUP_FAILURES_PER_EMAIL = env_int("PORTAL_LOOKUP_FAILURES_PER_EMAIL", 10)
# How long a letter's download link, given on the status page and by the status API, works.
PORTAL_DOWNLOAD_LINK_HOURS = env_int("PORTAL_DOWNLOAD_LINK_HOURS", 24)
# Answers to a request for clarification accepted for one case in 24 hours (the unit's mailbox is
# told of them at most once an hour; every one is kept on the case).
PORTAL_CLARIFICATIONS_PER_DAY = env_int("PORTAL_CLARIFICATIONS_PER_DAY", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs seven progress lines per PDF at INFO: noise in a worker's log.
    # pyHanko logs a traceback at WARNING for every forged or damaged upload to the verify page.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "pyhanko": {"level": "ERROR"},
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}
