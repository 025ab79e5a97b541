"""Performance reports (issue 6), included at /cases/reports/ in the foi_cases namespace."""

from django.urls import path

from foi_cases import report_views

urlpatterns = [
    path("", report_views.reports_page, name="reports"),
    path("quarterly/", report_views.reports_quarterly, name="reports_quarterly"),
    path("report.csv", report_views.reports_csv, name="reports_csv"),
]
