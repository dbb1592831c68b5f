from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("consent/", views.consent, name="consent"),
    path("settings/", views.settings_view, name="settings"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data.json", views.export_json, name="export_json"),
    path("privacy/my-data.zip", views.export_zip, name="export_zip"),
    path("privacy/withdraw-consent/", views.withdraw_consent, name="withdraw_consent"),
    path("privacy/delete/", views.delete_account, name="delete"),
]
