"""Issue 6: the supervisors' workload view and the retention page (included in the foi_cases namespace)."""

from django.urls import path

from foi_cases import oversight_views

urlpatterns = [
    path("workload/", oversight_views.workload, name="workload"),
    path("retention/", oversight_views.retention, name="retention"),
]
