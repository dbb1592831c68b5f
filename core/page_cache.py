"""A per-person cache of rendered pages, keyed by a version that every write of theirs bumps.

Why: most of a journal page's cost is per-person work (their days, figures, forms) that does not
change until they write something. So a page is rendered once and kept under
(person, their version, their "today", language, path and query); any write of theirs moves the
version on, and every key made before it is simply never asked for again (it ages out).

What stays outside the cached part: the CSRF token (the page is rendered with a placeholder
that is replaced on the way out), the flash messages and the header (rendered as holes, filled per
request by `base.html`'s includes), so a cached page never carries a stale token or message.

The version is a column on the person's own row (`User.page_version`), which every request
loads anyway, so reading it costs no query and every worker process sees a bump at once; the
pages live in the shared cache (Redis with REDIS_URL, else a database table of their own). The
version is bumped after the write commits: a request that read the old rows stores its page under
the old version, which nobody asks for again.
"""

import hashlib
import time
from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, StreamingHttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation

from core import clock

CSRF_PLACEHOLDER = "mh-csrf-placeholder-7f3c"
HEADER_HOLE = "<!--mh:header-->"
MESSAGES_HOLE = "<!--mh:messages-->"
# A day: "today" is part of the key anyway. Staff changes to shared content (the default trigger
# list) reach a cached page by the next day or the person's next write.
TIMEOUT = 24 * 3600

# Models whose writes change what a person's pages show, by label, with how to find the person
# from a row. Each app adds its own in its AppConfig.ready() (watch(...)), so this module knows no
# app; tests/journal/test_page_cache.py checks that every model belonging to a person is listed.
WATCHED: dict[str, str] = {}


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


def _cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def bump(user_id) -> None:
    """Move the person's version on once the current transaction commits.

    An UPDATE, not a save(), so it fires no signal. The new version is the clock in nanoseconds
    rather than +1: a save() of a person's row loaded earlier writes its old version back, and a
    version that was already used must never come back."""
    if user_id is None:
        return

    def move_on():
        from django.contrib.auth import get_user_model

        get_user_model().objects.filter(pk=user_id).update(page_version=time.time_ns())

    transaction.on_commit(move_on)


def forget(user_id) -> None:
    """Drop every page and result kept for this person at once: their account is being deleted,
    and what is kept holds their health data, which should not wait a day to age out."""
    cache = _cache()
    if not hasattr(cache, "delete_prefix"):  # a cache of another kind: empty it rather than keep theirs
        cache.clear()
        return
    for prefix in (f"page:{user_id}:", f"content:{user_id}:"):
        cache.delete_prefix(prefix)


def kept_by_content(request, kind: str, owner_id, content: str, make: Callable[[], bytes]) -> bytes:
    """`make()`, which must depend on `content` alone, kept under a hash of that content.

    For work far dearer than any page (laying out the report's PDF takes most of a second): a
    write of the person's moves their version on and so renders the page again, but when what
    the page is made from came out the same, its result is taken from here. Kept with the pages
    (same cache, same day), under the owner's id, so nobody's content is ever served to another.
    While a page is rendered for the cache, a new result is written with the page, in one
    statement (see person_cached)."""
    if not enabled():
        return make()
    digest = hashlib.sha256(content.encode()).hexdigest()
    key = ":".join(["content", str(owner_id), kind, digest])
    kept = _cache().get(key)
    if kept is None:
        kept = make()
        if rendering_for_cache(request):
            request._page_cache_also_keep[key] = kept
        else:
            _cache().set(key, kept, TIMEOUT)
    return kept


def _user_id_of(instance, path: str):
    """`path` is "pk" (the person's own row), an attribute ("user_id"), or one hop then an
    attribute ("entry__user_id": a dose's entry's person)."""
    if path == "pk":
        return instance.pk
    if "__" in path:
        hop, attribute = path.split("__", 1)
        related = getattr(instance, hop, None)
        return getattr(related, attribute, None) if related is not None else None
    return getattr(instance, path, None)


def watch(model, person: str = "user_id") -> None:
    """Bump the person's version on every save and delete of `model`. Writes made with .update()
    or bulk_create fire no signal: inside a request BumpOnWriteMiddleware covers them."""
    label = model._meta.label
    WATCHED[label] = person

    def receiver(sender, instance, **kwargs):
        bump(_user_id_of(instance, person))

    post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"page_cache_save_{label}")
    post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"page_cache_delete_{label}")


def watch_many_to_many(through, person: str = "user_id") -> None:
    """Bump when links are added to or removed from a row (e.g. an entry's triggers)."""

    def changed(sender, instance, action, **kwargs):
        if action.startswith("post_"):
            bump(_user_id_of(instance, person))

    m2m_changed.connect(changed, sender=through, weak=False, dispatch_uid=f"page_cache_m2m_{through._meta.label}")


def page_key(request, today) -> str:
    """Person, version, their today and language, then a hash of what varies by address: the
    path, the query string and (for crisis help lines, when the person has set no country) the
    browser's language. Hashed, so a long query string never makes an over-long key."""
    varies = "\n".join(
        [
            request.path,
            request.GET.urlencode(),
            "" if request.user.country else request.headers.get("Accept-Language", "")[:40],
        ]
    )
    digest = hashlib.sha256(varies.encode()).hexdigest()
    return ":".join(
        ["page", str(request.user.pk), str(request.user.page_version), today.isoformat(),
         translation.get_language() or "", digest]
    )  # fmt: skip


def rendering_for_cache(request) -> bool:
    return getattr(request, "_page_cache_render", False)


def changes_at(request, moment: datetime | None) -> None:
    """The page being rendered will change by itself at `moment`, with no write of the person's
    (Today's question about a dose, due two hours after it was taken): the kept copy is served
    only until then. The earliest moment given wins."""
    if moment is None:
        return
    current = getattr(request, "_page_changes_at", None)
    if current is None or moment < current:
        request._page_changes_at = moment


def context(request) -> dict:
    """Context processor: while a page is rendered for the cache, its CSRF token is a placeholder
    and base.html leaves holes for the header and messages."""
    if rendering_for_cache(request):
        return {"csrf_token": CSRF_PLACEHOLDER, "page_cache_render": True}
    return {}


def _fill(request, html: str) -> str:
    if HEADER_HOLE in html:
        html = html.replace(HEADER_HOLE, render_to_string("includes/header.html", request=request), 1)
    if MESSAGES_HOLE in html:
        html = html.replace(MESSAGES_HOLE, render_to_string("includes/messages.html", request=request), 1)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return html


def _response_from(stored: dict, request) -> HttpResponse:
    body = stored["body"]
    if stored["html"]:
        body = _fill(request, body.decode()).encode()
    if stored.get("streaming"):  # a download stays a download (the body is kept whole)
        response = StreamingHttpResponse([body], status=stored["status"])
    else:
        response = HttpResponse(body, status=stored["status"])
    for name, value in stored["headers"]:
        response[name] = value
    return response


KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def person_cached(today_of: Callable, *, now: Callable[[], datetime] = lambda: clock.now()) -> Callable:
    """Cache a GET view's whole response per person (see the module docstring).

    `today_of(request)` gives the person's "today", part of the key; `now()` is the clock that
    `changes_at` moments are compared with. Only 200 answers are kept.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or not enabled() or not request.user.is_authenticated:
                return view(request, *args, **kwargs)
            key = page_key(request, today_of(request))
            stored = _cache().get(key)
            if stored is not None and not (stored.get("until") and now().timestamp() >= stored["until"]):
                return _response_from(stored, request)
            request._page_cache_render = True
            request._page_changes_at = None
            request._page_cache_also_keep = {}  # kept_by_content's new results
            try:
                response = view(request, *args, **kwargs)
            finally:
                request._page_cache_render = False
            if response.status_code != 200:
                if request._page_cache_also_keep:
                    _cache().set_many(request._page_cache_also_keep, TIMEOUT)
                return _response_from_uncached(response, request)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            is_html = response.get("Content-Type", "").startswith("text/html")
            stored = {
                "status": response.status_code,
                "body": body,
                "html": is_html,
                "streaming": response.streaming,
                "headers": [(name, response[name]) for name in KEPT_HEADERS if name in response],
                "until": request._page_changes_at.timestamp() if request._page_changes_at else None,
            }
            _cache().set_many({**request._page_cache_also_keep, key: stored}, TIMEOUT)
            return _response_from(stored, request)

        return wrapper

    return decorator


def _response_from_uncached(response, request):
    """A non-200 answer rendered with holes is filled and returned, never stored."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return response
    response.content = _fill(request, response.content.decode()).encode()
    return response


class BumpOnWriteMiddleware:
    """Every POST, PUT, PATCH or DELETE of a signed-in person moves their version on.

    The signals above see saves and deletes; this also covers writes made with .update() or
    bulk_create in services, so a new kind of write can never leave a stale page behind. A
    rejected form bumps for nothing, which costs one cold page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in ("GET", "HEAD", "OPTIONS") and user is not None and user.is_authenticated:
            bump(user.pk)
        return response
