"""An officer opens My reminders from the navigation, sees the reminders sent to them, switches from
the daily digest to immediate emails, and finds the choice saved."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from e2e.pages import nav, shot
from foi_cases.models import Reminder, ReminderPreference
from foi_cases.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def yesterdays_digest(officer):
    return Reminder.objects.create(
        key=f"officer-digest:{officer.pk}:yesterday",
        kind="officer-digest",
        swept_on=timezone.localdate(),
        recipient=officer,
        to_email=officer.email,
        subject="Your reminders for yesterday: 2 items",
        body="Dear Olivia Officer,\n\nOverdue (1)\n\n- FOI2026/00001: Speed cameras",
        state=Reminder.State.SENT,
        sent_at=timezone.now(),
    )


def test_an_officer_switches_to_immediate_reminders(login, officer, yesterdays_digest):
    page = login("officer", PASSWORD)
    nav(page, "My reminders")
    expect(page.get_by_role("heading", level=1)).to_have_text("My reminders")
    expect(page.get_by_role("radio", name="One daily digest")).to_be_checked()
    sent = page.get_by_role("region", name="Sent to you in the last 30 days")
    expect(sent).to_contain_text("Your reminders for yesterday: 2 items")
    sent.get_by_text("Your reminders for yesterday").click()
    expect(sent).to_contain_text("FOI2026/00001: Speed cameras")
    assert_accessible(page, what="the My reminders page")
    shot(page, "reminder-settings")

    page.get_by_role("radio", name="A separate email for each reminder").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved: a separate email for each reminder.")
    expect(page.get_by_role("radio", name="A separate email for each reminder")).to_be_checked()
    assert_accessible(page, what="the My reminders page after saving")
    assert ReminderPreference.objects.get(user=officer).delivery == ReminderPreference.Delivery.IMMEDIATE
