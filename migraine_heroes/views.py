import sys
from contextlib import contextmanager

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.sessions.models import Session
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@login_not_required
@require_safe
def home(request):
    return render(request, "landing.html")


@login_not_required
@require_safe
@never_cache
def healthz(request):
    """200 when the database answers with a real table (a missing or empty database is not
    healthy) and takes a write lock; 503 when not (for load balancers)."""
    try:
        # On SQLite the atomic block is BEGIN IMMEDIATE, so a database locked for writing fails
        # (after the busy timeout, shortened here); the query needs the migrated schema, not
        # just a file.
        with sqlite_busy_timeout(HEALTHZ_WAIT_MS), transaction.atomic():
            Session.objects.exists()
    except DatabaseError:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok\n", content_type="text/plain")


RETRY_AFTER_SECONDS = 30
HEALTHZ_WAIT_MS = 1000


@contextmanager
def sqlite_busy_timeout(milliseconds: int):
    """On SQLite, wait at most `milliseconds` for a write lock while inside the block."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def bad_request(request, exception=None):
    """400 for a request Django cannot read (an unknown charset, a broken multipart body).

    Django's own handler checks the CSRF token first, which reads the unreadable body again and
    ends in a 500; this one renders without the request, like the 500 page."""
    return HttpResponseBadRequest(loader.get_template("400.html").render())


@require_safe
def admin_login(request):
    """The admin sends anyone who is not logged-in staff here. Strangers go to the usual
    (rate-limited) login; a logged-in person who is not staff would be sent back to the admin
    by the login page, round and round, so they get a plain 403 instead."""
    if request.user.is_authenticated:
        return render(request, "admin_staff_only.html", status=403)
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), login_url=reverse("account_login"))


def server_error(request):
    """500, or when the database cannot be reached, a friendly 503 with Retry-After.

    Rendered without a request context: the context processors would ask the database for
    the session and user, which is what just failed. The connection pool reconnects by itself
    once the database is back, so no restart is needed."""
    exception = sys.exc_info()[1]
    if isinstance(exception, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())


@require_safe
def floor(request):
    """The benchmark's floor: a logged-in page that extends base.html and does nothing else.
    Every page's speed is read as a ratio to this one, measured in the same run."""
    return render(request, "floor.html")
