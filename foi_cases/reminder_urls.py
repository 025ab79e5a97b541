"""Issue 6: reminders. Included inside the foi_cases namespace at /cases/reminders/."""

from django.urls import path

from foi_cases import reminder_views

urlpatterns = [
    path("", reminder_views.reminder_settings, name="reminder_settings"),
]
