"""Settings for Migraine Heroes, read from the environment (see .env.example).

Unset, everything falls back to a safe local default: SQLite in the project folder, the
database cache, email printed to the console. DJANGO_DEBUG is off unless asked for, and with
it off the app refuses to start without a real SECRET_KEY.
"""

import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from migraine_heroes.env import (
    database_from_url,
    email_from_url,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    secret_key_problem,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)
# Set by `make bench` only: adds the benchmark's floor page (/floor/).
BENCHMARK = env_bool("BENCHMARK", False)

SECRET_KEY = env_str("SECRET_KEY")
if DEBUG and not SECRET_KEY:
    # Only ever used with DEBUG on; the deploy check and the guard below reject it otherwise.
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"  # noqa: S105
elif not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"{problem}. With DJANGO_DEBUG off the app needs a real secret key: "
        'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "csp",
    "core",
    "accounts",
    "assessment",
    "journal",
    # The project itself, last: commands that fill more than one app (load_default_content).
    "migraine_heroes",
]

# Each app's part of the privacy download and of account deletion (core/personal_data.py).
PERSONAL_DATA_MODULES = ["assessment.privacy", "journal.privacy"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.page_cache.BumpOnWriteMiddleware",
    "accounts.time_zones.PersonTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (it leaves one); LoginRequiredMiddleware acts at process_view, so a person
    # logged out here is still sent to the login page.
    "accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "migraine_heroes.middleware.PrivacyHeadersMiddleware",
    "core.middleware.InvalidFormIsBadRequestMiddleware",
]

ROOT_URLCONF = "migraine_heroes.urls"
WSGI_APPLICATION = "migraine_heroes.wsgi.application"

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
                "accounts.context_processors.consent",
                "accounts.context_processors.theme",
                "assessment.context_processors.claim_offer",
                "core.page_cache.context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL")
# Only `manage.py migrate` may create a missing SQLite file; the app itself opens it read-write
# and fails (healthz 503) rather than start on a new, empty database.
DATABASES = {"default": database_from_url(DATABASE_URL, base_dir=BASE_DIR, create_sqlite=sys.argv[1:2] == ["migrate"])}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: shared by every worker process --------------------------------------------------
# allauth keeps its rate limits here, so a per-process cache would let an attacker multiply
# the limits by the number of workers. Redis when given, else a table in the database.

# Rendered pages (core/page_cache.py) have a cache of their own, so that many people's pages
# never push the rate-limit counters out.

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mh",
        },
        "pages": {
            "BACKEND": "core.cache.PrefixDeletingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mh-pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        "pages": {
            "BACKEND": "core.cache.UpsertDatabaseCache",
            "LOCATION": "page_cache",
            "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
        },
    }
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)

# --- Accounts --------------------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "journal:today"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_choice("ACCOUNT_EMAIL_VERIFICATION", ("mandatory", "optional", "none"), "mandatory")
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Migraine Heroes] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_SESSION_REMEMBER = None
# Changing the email or password asks for the password again unless it was entered recently;
# the privacy page's download and delete use the same check.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# allauth's defaults, written out so they are visible: counted in the shared cache above.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}

# --- Email -----------------------------------------------------------------------------------

globals().update(email_from_url(env_str("EMAIL_URL")))
# The address people reach the app at, for links in emails sent outside a request (reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Migraine Heroes <hello@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation --------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed, cached for a year in production; plain files while developing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# While developing, serve straight from the app folders and pick up edits without a restart.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Security --------------------------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind proxies, allauth's rate limits must count the real client, not the proxy's address
# (else one visitor's failed logins lock everybody out). TRUSTED_PROXY_COUNT: how many proxies
# you control append to X-Forwarded-For (the client is read that many entries from the right);
# or TRUSTED_CLIENT_IP_HEADER: a header your proxy sets to the client's address (X-Real-IP).
# Only set them when the proxy overwrites or appends those headers: a client could forge them.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER") or None
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# The preload directive only allows the domain owner to submit the site to the browsers' list.
SECURE_HSTS_PRELOAD = not DEBUG and env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14, minimum=60)
# Sessions in the database, through a store that follows a key when it rotates (at login or a
# password change), so deleting an account can end every one of its sessions.
SESSION_ENGINE = "accounts.session_store"
# Flash messages name medicines and email addresses: kept in the session, never in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# Logged out after this long without a request (accounts.middleware.IdleTimeoutMiddleware).
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60 * 4, minimum=60)
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# django-csp 4: everything from our own origin, no inline scripts, nothing framed or embedded.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The service worker (/sw.js) and the web app manifest, both from our own origin.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Logging: errors to stderr, never request bodies ----------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["stderr"], "level": env_str("LOG_LEVEL", "WARNING").upper()},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # Parsing Bootstrap for the PDF warns some 470 times about rules for screens that a
        # printed page has no use for (media queries, browsers' own pseudo-elements); a stylesheet
        # or image that cannot be loaded is an error, and still shows.
        "weasyprint": {"level": "ERROR"},
    },
}
