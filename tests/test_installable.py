"""Installable app: the web app manifest, the service worker at the root and the offline page."""

import json
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

pytestmark = pytest.mark.django_db


def static_file(url: str):
    assert url.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL)
    found = finders.find(url.split("/static/", 1)[1])
    assert found, f"{url} is not a static file"
    return found


def precache_list(body: str) -> list[str]:
    return json.loads(re.search(r"const PRECACHE = (\[.*?\]);", body).group(1))


def test_the_manifest_is_served_with_its_own_content_type(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Migraine Heroes"
    assert 0 < len(manifest["short_name"]) <= 12
    assert manifest["start_url"] == "/journal/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    for key in ["theme_color", "background_color"]:
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest[key])


def test_the_manifest_has_colours_for_light_and_dark_and_neither_is_white(client):
    manifest = client.get("/manifest.webmanifest").json()
    light = {key: manifest[key] for key in ("theme_color", "background_color")}
    dark = manifest["user_preferences"]["color_scheme_dark"]
    assert light == {"theme_color": "#2f5d62", "background_color": "#2f5d62"}
    assert dark == {"theme_color": "#212529", "background_color": "#212529"}
    assert "#ffffff" not in {*light.values(), *dark.values()}  # no white splash screen in a dark room


@pytest.mark.parametrize("purpose", ["any", "maskable"])
def test_the_manifest_icons_exist_at_the_sizes_it_states(client, purpose):
    icons = [icon for icon in client.get("/manifest.webmanifest").json()["icons"] if icon["purpose"] == purpose]
    assert {icon["sizes"] for icon in icons} == {"192x192", "512x512"}
    for icon in icons:
        assert icon["type"] == "image/png"
        with Image.open(static_file(icon["src"])) as image:
            assert image.format == "PNG"
            assert "{}x{}".format(*image.size) == icon["sizes"]
            if purpose == "maskable":  # drawn to the edges: no transparent corner for the mask to show
                assert image.convert("RGBA").getpixel((0, 0))[3] == 255


def test_every_page_links_the_manifest_the_touch_icon_and_theme_colours(client):
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    touch_icon = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html).group(1)
    with Image.open(static_file(touch_icon)) as image:
        assert image.size == (180, 180)
    assert re.search(r'<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: light\)">', html)
    assert re.search(r'<meta name="theme-color" content="#[0-9a-f]{6}" media="\(prefers-color-scheme: dark\)">', html)
    assert "js/sw-register.js" in html


def test_the_service_worker_is_served_from_the_root_never_cached(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert re.search(r'const CACHE = "mh-[0-9a-f]{12}";', body)
    assert 'const OFFLINE_URL = "/offline/";' in body
    # Plain static names here (DEBUG storage): the network first, so an edited file is never stale.
    assert "const HASHED_NAMES = false;" in body


def test_the_service_worker_precaches_what_every_page_links_and_all_static_js(client):
    precache = precache_list(client.get("/sw.js").content.decode())
    page = client.get("/offline/").content.decode()
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
    assert linked
    assert set(linked) <= set(precache)
    for name in ["js/theme.js", "js/journal.js", "js/sw-register.js", "img/icon-192.png"]:
        assert "/static/" + name in precache
    for url in precache:
        static_file(url)


def test_the_service_worker_never_answers_a_post_and_never_stores_pages(client):
    body = client.get("/sw.js").content.decode()
    # Only GETs are handled; pages go to the network and fall back to the offline page alone.
    assert 'if (request.method !== "GET") return;' in body
    assert "event.respondWith(fetch(request).catch(() => offlinePage()));" in body
    assert body.count("cache.put(") == 1  # static files only, and not when marked no-store
    assert "no-store|private" in body


@pytest.fixture
def _precache_recomputed():
    """Production computes the list once per process; here it must follow the settings."""
    from core import views

    views._precache_urls_once.cache_clear()
    yield
    views._precache_urls_once.cache_clear()


@pytest.mark.usefixtures("_precache_recomputed")
def test_the_service_worker_version_follows_its_files(client, settings, tmp_path):
    first = client.get("/sw.js").content.decode()
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "a-new-feature.js").write_text("// new\n")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    from core import views

    views._precache_urls_once.cache_clear()
    second = client.get("/sw.js").content.decode()
    assert "/static/js/a-new-feature.js" in precache_list(second)
    assert re.search(r"const CACHE = (.*);", first).group(1) != re.search(r"const CACHE = (.*);", second).group(1)


def test_the_offline_page_is_public_with_one_heading(client):
    response = client.get("/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "offline" in html
    assert "back online" in html
    assert "Log in" not in html  # the menu's links cannot load offline


def test_a_logged_in_person_gets_the_same_public_files(logged_in_client):
    for path in ["/manifest.webmanifest", "/sw.js", "/offline/"]:
        assert logged_in_client.get(path).status_code == 200


def test_the_content_security_policy_allows_our_own_worker_and_manifest(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "worker-src 'self'" in csp
    assert "manifest-src 'self'" in csp
