from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from core import views as core_views
from journal import views as journal_views
from migraine_heroes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Installable app: manifest, service worker (at the root, so its scope is the whole site), offline page.
    path("manifest.webmanifest", core_views.manifest, name="manifest"),
    path("sw.js", core_views.service_worker, name="service_worker"),
    path("offline/", core_views.offline, name="offline"),
    path("assessment/", include("assessment.urls")),
    path("journal/", include("journal.urls")),
    # A report shared with a clinician: the token is the only key (see journal.views.shared).
    path("shared/<str:token>/", journal_views.shared_report, name="shared_report"),
    path("shared/<str:token>/report.pdf", journal_views.shared_report_pdf, name="shared_report_pdf"),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    # Staff log in through the same, rate-limited, allauth login as everyone else.
    path(
        "admin/login/",
        login_not_required(views.admin_login),
        name="admin_login_redirect",
    ),
    path("admin/", admin.site.urls),
]

# The benchmark's floor (an empty logged-in page) exists only when the benchmark asks for it.
if settings.BENCHMARK:
    urlpatterns.append(path("floor/", views.floor, name="floor"))

handler400 = "migraine_heroes.views.bad_request"
handler500 = "migraine_heroes.views.server_error"
