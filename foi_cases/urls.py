from django.urls import include, path

from foi_cases import views

app_name = "foi_cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("list/", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("deadline-calculator/", views.deadline_calculator, name="deadline_calculator"),
    # Issue 6: reminders, complaints to the commissioner, reports, workload and retention.
    path("reminders/", include("foi_cases.reminder_urls")),
    path("complaints/", include("foi_cases.complaint_urls")),
    path("reports/", include("foi_cases.report_urls")),
    path("", include("foi_cases.oversight_urls")),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/requester/", views.case_reveal_requester, name="case_reveal_requester"),
    path("<int:pk>/clock/void/", views.clock_event_void, name="clock_event_void"),
    path("<int:pk>/clock/<slug:kind>/", views.clock_event_record, name="clock_event_record"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/withdraw/", views.case_withdraw, name="case_withdraw"),
    path("<int:pk>/lapse/", views.case_lapse, name="case_lapse"),
    path("<int:pk>/reopen/", views.case_reopen, name="case_reopen"),
    path("<int:pk>/reviews/new/", views.case_review_log, name="case_review_log"),
    path("<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("<int:pk>/links/<slug:kind>/", views.case_link, name="case_link"),
    path("<int:pk>/links/<slug:kind>/<int:other_pk>/remove/", views.case_unlink, name="case_unlink"),
    path("<int:pk>/status-links/email/", views.case_status_link_email, name="case_status_link_email"),
    path("<int:pk>/status-links/revoke/", views.case_status_links_revoke, name="case_status_links_revoke"),
]
