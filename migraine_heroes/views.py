import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
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
    """200 when the database answers a trivial query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse("ok\n", content_type="text/plain")


RETRY_AFTER_SECONDS = 30


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
