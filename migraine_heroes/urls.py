from django.contrib import admin
from django.urls import include, path

from migraine_heroes import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("assessment/", include("assessment.urls")),
    path("journal/", include("journal.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
