"""The "My reminders" page: each member of staff chooses a daily digest or immediate emails, and sees
the reminders sent to them (and only to them) in the last 30 days."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from foi_cases.models import AuditEvent, Reminder, ReminderPreference

pytestmark = pytest.mark.django_db

URL = reverse("foi_cases:reminder_settings")


def sent_reminder(user, subject: str, *, days_ago: int = 1) -> Reminder:
    return Reminder.objects.create(
        key=f"test:{user.pk}:{subject}",
        kind="officer-digest",
        swept_on=timezone.localdate(),
        recipient=user,
        to_email=user.email,
        subject=subject,
        body="Dear you,\n\nNothing much.",
        state=Reminder.State.SENT,
        sent_at=timezone.now() - timedelta(days=days_ago),
    )


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_page_needs_a_casework_role(client, stranger):
    client.force_login(stranger)
    assert client.get(URL).status_code == 403


def test_a_new_officer_gets_a_daily_digest(client, officer):
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert re.search(r'<input[^>]*value="digest"[^>]*checked', html)
    assert not re.search(r'<input[^>]*value="immediate"[^>]*checked', html)


def test_an_officer_switches_to_immediate_emails(client, officer):
    client.force_login(officer)
    response = client.post(URL, {"delivery": "immediate"}, follow=True)
    assert ReminderPreference.objects.get(user=officer).delivery == ReminderPreference.Delivery.IMMEDIATE
    assert "Saved: a separate email for each reminder." in response.content.decode()


def test_the_choice_is_audited(client, officer):
    client.force_login(officer)
    client.post(URL, {"delivery": "immediate"})
    event = AuditEvent.objects.get(action="reminder_preference_changed")
    assert (event.actor, event.changes) == (officer, {"delivery": ["digest", "immediate"]})


def test_an_unknown_choice_is_refused_with_a_field_error(client, officer):
    client.force_login(officer)
    response = client.post(URL, {"delivery": "hourly"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ReminderPreference.objects.exists()


def test_the_page_lists_my_reminders_and_not_another_officers(client, officer, officer2):
    sent_reminder(officer, "Your reminders for 9 March 2026: 3 items")
    sent_reminder(officer2, "Your reminders for 9 March 2026: 7 items")
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert "3 items" in html and "7 items" not in html


def test_the_page_lists_only_the_last_30_days(client, officer):
    sent_reminder(officer, "Old news", days_ago=31)
    client.force_login(officer)
    assert "Old news" not in client.get(URL).content.decode()


def test_a_reminders_text_is_escaped(client, officer):
    sent_reminder(officer, "FOI2026/00001: <script>alert(1)</script>")
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_navigation_links_to_my_reminders(client, officer):
    client.force_login(officer)
    html = client.get(reverse("foi_cases:dashboard")).content.decode()
    assert f'href="{URL}"' in html
