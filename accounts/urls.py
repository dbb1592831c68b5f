from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("consent/", views.consent, name="consent"),
]
