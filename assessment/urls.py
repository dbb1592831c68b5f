from django.urls import path

from assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("results/", views.results, name="results"),
    path("results/screeners.fhir.json", views.results_fhir, name="results_fhir"),
    path("keep/", views.claim, name="claim"),
    path("r/<uuid:attempt_id>/", views.attempt_detail, name="attempt"),
    path("<slug:slug>/", views.questionnaire_intro, name="intro"),
]
