"""Complaints to the commissioner, under /cases/complaints/ in the foi_cases namespace."""

from django.urls import path

from foi_cases import complaint_views as views

urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("new/<int:case_pk>/", views.complaint_log, name="complaint_log"),
    path("<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("<int:pk>/submissions/", views.complaint_submissions, name="complaint_submissions"),
    path("<int:pk>/decision/", views.complaint_decision, name="complaint_decision"),
    path("<int:pk>/steps/<int:step_pk>/complied/", views.complaint_step_comply, name="complaint_step_comply"),
    path("<int:pk>/appeals/", views.complaint_appeal, name="complaint_appeal"),
    path("<int:pk>/appeals/<int:appeal_pk>/outcome/", views.complaint_appeal_decide, name="complaint_appeal_decide"),
    path("<int:pk>/close/", views.complaint_close, name="complaint_close"),
]
