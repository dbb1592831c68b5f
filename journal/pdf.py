"""The doctor's report as a PDF, rendered on the server by WeasyPrint from the same template.

WeasyPrint needs Pango from the system. Where it is missing, `available()` says so and the
report page offers the browser's own Print instead. WeasyPrint fetches nothing over the network:
its only source is our own static files.
"""

import ctypes
import ctypes.util
import gc
from functools import cache
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


def static_file(url: str) -> tuple[bytes, str]:
    """Our static file behind `url` (hashed or not), and its type; anything else is refused."""
    path = urlsplit(url).path
    if not path.startswith(settings.STATIC_URL):
        raise ValueError(f"The report may only use our own static files, not {url!r}.")
    name = path[len(settings.STATIC_URL) :]
    if settings.STATIC_ROOT and staticfiles_storage.exists(name):
        location = staticfiles_storage.path(name)
    else:
        location = finders.find(name)
    if not location:
        raise ValueError(f"No static file {name!r}.")
    with open(location, "rb") as file:
        return file.read(), "text/css" if name.endswith(".css") else "application/octet-stream"


def render(html: str) -> bytes:
    weasyprint = _weasyprint()
    if weasyprint is None:
        raise RuntimeError("WeasyPrint is not available")
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url, headers=None):
            body, mime = static_file(url)
            return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})

    try:
        return weasyprint.HTML(string=html, base_url="http://report.invalid/", url_fetcher=StaticOnly()).write_pdf()
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
    the cycles collected first). The collection costs about 75 ms, beside a layout of 850 or more;
    malloc_trim 0.2 ms. Elsewhere than glibc only the collection runs."""
    gc.collect()
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)
