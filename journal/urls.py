from django.urls import path, register_converter

from journal import views
from journal.converters import IsoDateConverter

register_converter(IsoDateConverter, "isodate")

app_name = "journal"
urlpatterns = [
    path("", views.day_view, name="today"),
    path("<isodate:day>/", views.day_view, name="day"),
    path("attack/", views.attack_start_view, name="attack_start"),
    path("attack/<int:pk>/pain/", views.attack_pain, name="attack_pain"),
    path("attack/<int:pk>/dose/", views.attack_dose, name="attack_dose"),
    path("attack/<int:pk>/over/", views.attack_over, name="attack_over"),
    path("doses/<int:pk>/relief/", views.dose_relief, name="dose_relief"),
    path("good-day/", views.good_day, name="good_day"),
    path("calendar/", views.calendar_now, name="calendar_now"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar"),
    path("history/", views.history, name="history"),
    path("charts/", views.charts, name="charts"),
    path("insights/", views.insights_page, name="insights"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report/share/", views.report_shares, name="report_shares"),
    path("report/share/<int:pk>/revoke/", views.report_share_revoke, name="report_share_revoke"),
    path("export.csv", views.export_csv, name="export"),
    path("medications/", views.medications, name="medications"),
    path("medications/<int:pk>/remove/", views.medication_remove, name="medication_remove"),
    path("triggers/", views.triggers, name="triggers"),
    path("triggers/<int:pk>/remove/", views.trigger_remove, name="trigger_remove"),
    path("reminders/", views.reminders, name="reminders"),
]
