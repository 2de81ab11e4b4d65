"""The one settings module. Everything that varies comes from the environment.

Every variable is described in docs/configuration.md. ``HTTPS=off`` is local mode
(what ``make run`` sets); anything else is production mode.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url

from partnership.core import env
from partnership.core.production_secrets import GENERATORS as NEW_SECRET

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("VAR_DIR", str(BASE_DIR / "var")))

HTTPS = env.flag("HTTPS", default=True)
LOCAL_MODE = not HTTPS
SECRETS_DIR = VAR_DIR / "secrets"

DEBUG = False
SECRET_KEY = env.secret(
    "SECRET_KEY", generate=NEW_SECRET["SECRET_KEY"], local_mode=LOCAL_MODE, secrets_dir=SECRETS_DIR
)
ALLOWED_HOSTS = env.comma_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if LOCAL_MODE else "")
# Addresses whose X-Forwarded-Proto is believed (partnership.core.wsgi strips it otherwise).
TRUSTED_PROXIES = env.networks("TRUSTED_PROXIES")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    # Ours, in the order of docs/architecture.md: each may import only those above it.
    "partnership.core",
    "partnership.crypto",
    "partnership.audit",
    "partnership.privacy",
    "partnership.consent",
    "partnership.compliance",
    "partnership.policy",
    "partnership.analytics",
    "partnership.public",
    "partnership.offers",
    "partnership.accounts",
    "partnership.privacy_centre",
    "partnership.alerts",
    "partnership.cards",
    "partnership.payments",
    "partnership.applications",
    "partnership.inbox",
    "partnership.backoffice",
]
# Test-only models (e.g. for the encrypted fields) are installed by tests/local_mode.py.
INSTALLED_APPS += env.comma_list("PARTNERSHIP_TEST_APPS")

MIDDLEWARE = [
    "partnership.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "partnership.core.middleware.SecurityHeadersMiddleware",
    # Every cookie a response sets must be declared (consent/cookies.py); records a
    # browser's Sec-GPC/DNT once for a visitor holding a consent cookie.
    "partnership.consent.middleware.CookiePolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Cookieless forms are checked by the browser's same-origin headers (core/csrf.py);
    # every other unsafe request goes on to Django's CSRF check, unchanged.
    "partnership.core.csrf.CookielessFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "partnership.accounts.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "partnership.urls"
WSGI_APPLICATION = "partnership.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "partnership" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "partnership.core.context_processors.brand",
                "partnership.consent.context_processors.cookie_consent",
            ],
        },
    },
]


# --- Keys for personal data and the audit log (docs/configuration.md) ---------------
# "id:base64key,…" — the first key encrypts, every listed key decrypts.
FIELD_ENCRYPTION_KEYS = env.secret(
    "FIELD_ENCRYPTION_KEYS",
    generate=NEW_SECRET["FIELD_ENCRYPTION_KEYS"],
    local_mode=LOCAL_MODE,
    secrets_dir=SECRETS_DIR,
)
# base64 of 32 random bytes; separate from the encryption keys.
BLIND_INDEX_KEY = env.secret(
    "BLIND_INDEX_KEY",
    generate=NEW_SECRET["BLIND_INDEX_KEY"],
    local_mode=LOCAL_MODE,
    secrets_dir=SECRETS_DIR,
)
# Card numbers (docs/cards.md): "id:base64key,…" each, keys of their own. The first
# CARD_DATA_KEYS key encrypts card numbers; the first CARD_INDEX_KEYS key indexes them
# (to keep issued numbers unique) and every listed one is tried on look-up.
CARD_DATA_KEYS = env.secret(
    "CARD_DATA_KEYS",
    generate=NEW_SECRET["CARD_DATA_KEYS"],
    local_mode=LOCAL_MODE,
    secrets_dir=SECRETS_DIR,
)
CARD_INDEX_KEYS = env.secret(
    "CARD_INDEX_KEYS",
    generate=NEW_SECRET["CARD_INDEX_KEYS"],
    local_mode=LOCAL_MODE,
    secrets_dir=SECRETS_DIR,
)
# "id:base64 raw Ed25519 private key". Never kept in AUDIT_CHECKPOINT_DIR.
AUDIT_SIGNING_KEY = env.secret(
    "AUDIT_SIGNING_KEY",
    generate=NEW_SECRET["AUDIT_SIGNING_KEY"],
    local_mode=LOCAL_MODE,
    secrets_dir=SECRETS_DIR,
)
# "id:base64 raw Ed25519 public key,…"; empty means "the signing key's own public key".
AUDIT_VERIFY_KEYS = env.text("AUDIT_VERIFY_KEYS", "")
AUDIT_CHECKPOINT_DIR = Path(env.text("AUDIT_CHECKPOINT_DIR", str(VAR_DIR / "audit-checkpoints")))
ERASURE_LEDGER_DIR = Path(env.text("ERASURE_LEDGER_DIR", str(VAR_DIR / "erasure-ledger")))

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, but the database file (and so -wal, -shm) is created 0600.
    DATABASES["default"]["ENGINE"] = "partnership.core.sqlite"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
        # failing with "database is locked" half-way through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 5,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions: Redis when given, else the database every worker shares -----
REDIS_URL = env.text("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "partnership",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "core_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Cookies: production names carry the __Host- prefix (Secure, Path=/, no Domain) ---
_COOKIE_PREFIX = "__Host-" if HTTPS else ""
SESSION_COOKIE_NAME = f"{_COOKIE_PREFIX}session"
CSRF_COOKIE_NAME = f"{_COOKIE_PREFIX}csrf"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Enforced on the server by partnership.accounts.middleware.SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT_CUSTOMER = 5 * 60
SESSION_IDLE_TIMEOUT_STAFF = 15 * 60
SESSION_ABSOLUTE_TIMEOUT = 8 * 60 * 60
# Half-signed-in (password accepted, one-time code not yet given) lasts this long.
SIGN_IN_PENDING_TIMEOUT = 5 * 60
CSRF_FAILURE_VIEW = "partnership.core.views.csrf_failure"

# --- Passkeys (WebAuthn, docs/accounts.md "Passkeys") -----------------------------------
# The relying party is this site's host name; a ceremony from any other origin fails.
# Local mode: http on loopback (browsers accept passkeys on "localhost", not on an IP).
_PASSKEY_HOSTS = [host.lstrip(".") for host in ALLOWED_HOSTS if host not in {"*", ""}]
_PASSKEY_PORT = env.integer("PORT", default=8000, minimum=1)
WEBAUTHN_RP_ID = env.text(
    "WEBAUTHN_RP_ID",
    "localhost" if LOCAL_MODE else (_PASSKEY_HOSTS[0] if _PASSKEY_HOSTS else ""),
)
WEBAUTHN_ORIGINS = (
    [f"http://{host}:{_PASSKEY_PORT}" for host in ("localhost", "127.0.0.1")]
    if LOCAL_MODE
    else [f"https://{host}" for host in _PASSKEY_HOSTS]
)
# A challenge must be answered within this many seconds, once.
WEBAUTHN_CHALLENGE_TIMEOUT = 5 * 60

# --- Card BIN ranges: the only source (docs/offers.md); malformed stops start-up ------
CARD_BIN_RANGES = env.text("CARD_BIN_RANGES", "412345-412399,535500")

# --- Visitor counting and the access log (docs/analytics.md) --------------------------
# Daily access-log files, at most ACCESS_LOG_RETENTION_DAYS of them (today's included).
ACCESS_LOG_DIR = Path(env.text("ACCESS_LOG_DIR", str(VAR_DIR / "log" / "access")))
ACCESS_LOG_RETENTION_DAYS = env.integer("ACCESS_LOG_RETENTION_DAYS", default=7, minimum=1)
# Hits from these addresses or CIDR networks (the office, monitors) are not counted.
STATS_EXCLUDED_NETWORKS = env.networks("STATS_EXCLUDED_NETWORKS")
# Each worker writes its buffered counts this often; a killed worker loses at most that.
STATS_FLUSH_SECONDS = env.integer("STATS_FLUSH_SECONDS", default=5, minimum=1)

# --- Statistics reports: counts below this are withheld (docs/analytics-reports.md) --
STATS_SUPPRESSION_THRESHOLD = env.integer("STATS_SUPPRESSION_THRESHOLD", default=10, minimum=1)

# --- Back office (docs/backoffice.md) ---------------------------------------------------
# Call records (notes, recording references) are deleted this many days after the call.
CALL_RECORD_RETENTION_DAYS = env.integer("CALL_RECORD_RETENTION_DAYS", default=730, minimum=1)

# --- Card applications (docs/applications.md) -----------------------------------------
# Declined and referred applications are deleted this many days after the decision.
APPLICATION_DECLINED_RETENTION_DAYS = env.integer(
    "APPLICATION_DECLINED_RETENTION_DAYS", default=365, minimum=1
)
# The credit reference agency, by its name in applications/agency.py:AGENCIES: the local
# sandbox unless a real client is configured.
CREDIT_REFERENCE_AGENCY = env.text("CREDIT_REFERENCE_AGENCY", "sandbox")

# --- Cookie registry and research partners (docs/cookies.md) -------------------------
# Strict: an undeclared cookie raises (local mode and tests); otherwise it is dropped and
# an error logged naming it.
COOKIE_REGISTRY_STRICT = env.flag("COOKIE_REGISTRY_STRICT", default=LOCAL_MODE)
# Third parties whose tag loads only after opt-in (P12). Local mode declares a demo one
# served by this same server under another host name, so it is a different origin.
RESEARCH_DEMO_ORIGIN = env.text(
    "RESEARCH_DEMO_ORIGIN", f"http://localhost:{env.integer('PORT', default=8000, minimum=1)}"
)
# JSON: a list of {"key", "name", "origin", "script_path", "does", "cookies": [...]};
# "[]" for none. Checked at start-up (partnership/consent/research.py).
_RESEARCH_PARTNERS_JSON = env.text("RESEARCH_PARTNERS", "" if LOCAL_MODE else "[]")
RESEARCH_PARTNERS: list[dict[str, Any]] = (
    json.loads(_RESEARCH_PARTNERS_JSON) if _RESEARCH_PARTNERS_JSON else []
)
if not _RESEARCH_PARTNERS_JSON:
    RESEARCH_PARTNERS = [
        {
            "key": "demo",
            "name": "Demo Research Panel (local only)",
            "origin": RESEARCH_DEMO_ORIGIN,
            "script_path": "/privacy/research-demo/tag.js",
            "does": (
                "Marks the page as seen by the research panel. It reads nothing about you, "
                "sends nothing anywhere and sets no cookie: it exists to show that research "
                "tags load only after you opt in."
            ),
            "cookies": [],
        }
    ]

# --- Transport and headers (partnership.core.middleware adds CSP, CORP and the rest) --
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63_072_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Bodies over 1 MB are refused with 413 before Django reads them.
REQUEST_BODY_LIMIT = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_LIMIT
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_LIMIT
# The one exception, by URL name: a secure message may carry a 5 MB attachment
# (partnership/inbox/attachments.py); the form's other fields and the multipart
# framing get 64 KB on top. deploy/nginx.conf raises its limit for that path alone.
REQUEST_BODY_LIMIT_BY_URL_NAME = {"inbox:message_new": 5 * 1024 * 1024 + 64 * 1024}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# --- Passwords (docs/accounts.md) ---------------------------------------------------
# The first hasher makes new hashes; every listed one still verifies old ones.
PASSWORD_HASHERS = [
    "partnership.accounts.passwords.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {
        "NAME": "partnership.accounts.passwords.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "partnership.accounts.passwords.BreachedPasswordValidator"},
]
# "pwned": the Pwned Passwords range API (only 5 hex digits of the SHA-1 leave the
# machine); "local": a bundled list of the most common breached passwords (offline).
BREACHED_PASSWORD_CHECKER = env.text(
    "BREACHED_PASSWORD_CHECKER", "local" if LOCAL_MODE else "pwned"
)
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for one hour

# --- Sign-in and the signed-in areas --------------------------------------------------
LOGIN_URL = "/account/login/"
LOGIN_REDIRECT_URL = "/account/"
LOGOUT_REDIRECT_URL = "/account/login/"

# --- E-mail: EMAIL_URL (smtp://user:pass@host:587/?tls=True); docs/configuration.md ---
EMAIL_URL = env.text("EMAIL_URL", "")
# Django's file backend, but the folder is 0700 and each message file 0600.
_PRIVATE_FILE_EMAIL_BACKEND = "partnership.core.mail.PrivateFileEmailBackend"
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    if EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        EMAIL_BACKEND = _PRIVATE_FILE_EMAIL_BACKEND
    EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"] or 10
    if _email["EMAIL_FILE_PATH"]:
        EMAIL_FILE_PATH = "/" + _email["EMAIL_FILE_PATH"].lstrip("/")
elif LOCAL_MODE:
    # A developer reads the mails in var/mail/ (one file per message).
    EMAIL_BACKEND = _PRIVATE_FILE_EMAIL_BACKEND
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
else:
    # Production without EMAIL_URL still serves the site; mails are dropped and each
    # drop is logged (never to stdout: a reset link is a credential).
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = env.text("EMAIL_FROM", "no-reply@card.example.co.uk")

# --- Language, time and static files -------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# What Django's storages write (collectstatic into var/static) is owner-only, like all
# of var/; WhiteNoise serves those files from the site's own processes.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STATICFILES_DIRS = [BASE_DIR / "partnership" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Brand: configuration, with a fictitious default issuer --------------------------
BRAND = {
    "card_name": env.text("BRAND_CARD_NAME", "Harbourline Partnership Card"),
    "issuer_name": env.text("BRAND_ISSUER_NAME", "Harbourline Card Services Limited"),
    "partnership_name": env.text("BRAND_PARTNERSHIP_NAME", "the Harbourline Partnership"),
    # Ofcom keeps 0808 157 0xxx for drama: it reaches no one.
    "helpline": env.text("BRAND_HELPLINE", "0808 157 0123"),
    "helpline_hours": env.text("BRAND_HELPLINE_HOURS", "24 hours a day, 7 days a week"),
}

# --- Accountability (issue 18): the controller, its DPO, security.txt ----------------
# docs/configuration.md. The defaults are fictitious, like the brand's.
CONTROLLER_ADDRESS = env.text("CONTROLLER_ADDRESS", "1 Harbour Row, London EC1A 9ZZ")
DPO_EMAIL = env.text("DPO_EMAIL", "dpo@card.example.co.uk")
SECURITY_CONTACT = env.text("SECURITY_CONTACT", "mailto:security@card.example.co.uk")
# ISO 8601 with a time zone; the local default is a year after start-up.
SECURITY_TXT_EXPIRES = env.iso_datetime(
    "SECURITY_TXT_EXPIRES",
    (_dt.datetime.now(_dt.UTC) + _dt.timedelta(days=365)).strftime("%Y-%m-%dT00:00:00Z"),
)

# --- Logging: to stderr, never request bodies or personal data ------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": env.text("LOG_LEVEL", "INFO")},
}
