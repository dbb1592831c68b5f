"""The doctor's report as a PDF, rendered on the server by WeasyPrint from the same template.

WeasyPrint needs Pango from the system. Where it is missing, `available()` says so and the
report page offers the browser's own Print instead. WeasyPrint fetches nothing over the network:
its only source is our own static files.
"""

import ctypes
import ctypes.util
import gc
import os
from functools import cache, lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage


@cache
def _weasyprint():
    try:
        import weasyprint  # imported on first use: it is large and needs Pango
    except (ImportError, OSError):
        return None
    return weasyprint


def available() -> bool:
    return _weasyprint() is not None


# The PDF's stylesheets. They are parsed once per process and given to every layout, never linked
# from its HTML: parsing Bootstrap's 230 kB took about a third of each layout (in process, a
# 12-month report 0.81-0.96 s with them linked). A file that changes is parsed again.
STYLESHEETS = ("vendor/bootstrap-5.3.9/css/bootstrap.min.css", "css/report.css")
BASE_URL = "http://report.invalid"


def _location(name: str) -> str:
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):
        return staticfiles_storage.path(name)
    location = finders.find(name)
    if not location:
        raise ValueError(f"No static file {name!r}.")
    return location


def static_file(url: str) -> tuple[bytes, str]:
    """Our static file behind `url` (hashed or not), and its type; anything else is refused."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"The report may only use our own static files, not {url!r}.")
    name = path[len(settings.STATIC_URL) :]
    with open(_location(name), "rb") as file:
        return file.read(), "text/css" if name.endswith(".css") else "application/octet-stream"


def stylesheets_version() -> str:
    """Which stylesheets a layout uses now, as part of what a kept PDF was made from."""
    return " ".join(f"{name}@{os.stat(_location(name)).st_mtime_ns}" for name in STYLESHEETS)


def parsed_stylesheets() -> list:
    """The stylesheets as of now, parsed once per version (about 0.3 s and 11 MB). gunicorn's
    master asks first, before it forks the workers (migraine_heroes/warmup.py)."""
    return _parsed_stylesheets(stylesheets_version())


@lru_cache(maxsize=1)
def _parsed_stylesheets(version: str) -> list:
    weasyprint = _weasyprint()
    return [
        weasyprint.CSS(url=BASE_URL + staticfiles_storage.url(name), url_fetcher=_static_only_fetcher())
        for name in STYLESHEETS
    ]


@cache
def _static_only_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            body, mime = static_file(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    return StaticOnly()


def render(html: str) -> bytes:
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError("WeasyPrint is not available")
    stylesheets = parsed_stylesheets()
    try:
        return weasyprint.HTML(string=html, base_url=BASE_URL + "/", url_fetcher=_static_only_fetcher()).write_pdf(
            stylesheets=stylesheets
        )
    finally:
        give_memory_back()


@cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


def give_memory_back() -> None:
    """A layout makes some 30 MB of short-lived objects, many in reference cycles, and glibc keeps
    what is freed in its arenas: a worker that had drawn PDFs stayed about 8 MB larger for good
    (in process, three 12-month reports: 141-143 MB, 137-139 with malloc_trim alone, 132-134 with
    the cycles collected first; with the stylesheets parsed once, eight reports in a bare process:
    118 MB, 118 with malloc_trim alone, 108 with both). The collection costs about 20 ms beside a
    layout of about 460; malloc_trim 0.2 ms. Elsewhere than glibc only the collection runs."""
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
