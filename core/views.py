"""What makes the app installable: the web app manifest, the service worker and the offline page.

All three are public (no login) and hold nothing personal. The service worker is served from the
root, not from STATIC_URL, so that its scope is the whole site; it is rendered from
templates/sw.js with the list of static files to precache (hashed names in production) and a
version taken from that list and the worker's own source, so any change installs a new worker
and its activation removes the old cache.
"""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.files.storage import storages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe

# Light: the favicon's teal for the browser's bars and the splash screen (never a white flash).
# Dark: Bootstrap's dark body background for both, kind to eyes in a dim room. Browsers that know
# the manifest's colour-scheme preferences (user_preferences.color_scheme_dark) take the dark pair
# on a dark device; base.html's theme-color tags follow the device (or the person's choice).
THEME_COLOR = "#2f5d62"
BACKGROUND_COLOR = "#2f5d62"
DARK_THEME_COLOR = DARK_BACKGROUND_COLOR = "#212529"

ICONS = [
    ("img/icon-192.png", "192x192", "any"),
    ("img/icon-512.png", "512x512", "any"),
    ("img/icon-maskable-192.png", "192x192", "maskable"),
    ("img/icon-maskable-512.png", "512x512", "maskable"),
]

# What every page links (templates/base.html) and the icons; every file in static/js is added,
# so the offline attack queue (js/attack-offline.js) is precached as soon as it exists.
PRECACHE_STATIC = [
    "vendor/bootstrap-5.3.9/css/bootstrap.min.css",
    "vendor/bootstrap-5.3.9/js/bootstrap.bundle.min.js",
    "css/app.css",
    "img/favicon.svg",
    "img/apple-touch-icon.png",
    "img/icon-192.png",
]


@login_not_required
@require_safe
@cache_control(max_age=60 * 60)
def manifest(request):
    data = {
        "id": "/",
        "name": _("Migraine Heroes"),
        "short_name": _("Migraine"),
        "description": _(
            "Understand how migraine and mood are linked, find your own pattern and keep a daily diary "
            "to share with your doctor."
        ),
        "lang": settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": reverse("journal:today"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "user_preferences": {
            "color_scheme_dark": {"theme_color": DARK_THEME_COLOR, "background_color": DARK_BACKGROUND_COLOR}
        },
        "categories": ["health", "medical"],
        "icons": [
            {"src": staticfiles_storage.url(name), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for name, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@login_not_required
@require_safe
@never_cache
def service_worker(request):
    precache = precache_urls()
    template = loader.get_template("sw.js")
    version = hashlib.sha256("\n".join([template.template.source, *precache]).encode()).hexdigest()[:12]
    body = template.render(
        {
            "version": version,
            "offline_url": reverse("offline"),
            "static_prefix": settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL,
            "precache": json.dumps(precache),
            # Hashed names (production): a static address never changes content, so cache first.
            "hashed_names": isinstance(storages["staticfiles"], ManifestFilesMixin),
        }
    )
    return HttpResponse(body, content_type="application/javascript; charset=utf-8")


def precache_urls() -> list[str]:
    """The static URLs the worker stores at install (hashed names in production)."""
    if settings.DEBUG:  # files may come and go while developing
        return _precache_urls()
    return _precache_urls_once()


def _precache_urls() -> list[str]:
    names = list(PRECACHE_STATIC)
    for finder in finders.get_finders():
        for path, _storage in finder.list(["*.map"]):
            path = path.replace("\\", "/")
            if path.startswith("js/") and path.endswith(".js") and path not in names:
                names.append(path)
    return [staticfiles_storage.url(name) for name in sorted(names)]


_precache_urls_once = lru_cache(maxsize=1)(_precache_urls)


@login_not_required
@require_safe
def offline(request):
    """The page the service worker shows when a page cannot be reached. The worker fetches it
    without cookies, so what it keeps is the anonymous page, nobody's own."""
    return render(request, "offline.html")
