"""The commissioner's deadlines in the reminders: submissions due and ordered steps, for the person
handling the complaint and in the supervisors' digest."""

from datetime import date

import pytest

from foi_cases.models import Complaint, ComplaintStep, ReminderPreference
from foi_cases.reminders import reminder_sweep
from foi_cases.tests.test_reminders_support import (
    MONDAY,
    TUESDAY,
    case_due,
    emails_to,
    working_days_from,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_monday(on_day):
    """The sweep runs on Monday 9 March 2026 unless a test says otherwise."""
    on_day(MONDAY)


@pytest.fixture
def complaint(officer, body):
    """A complaint about one of the officer's answered cases, handled by the officer."""
    case = case_due(officer=officer, body=body, in_working_days=15)
    return Complaint.objects.create(
        case=case,
        reference="IC-123456-A1B2",
        received_on=working_days_from(MONDAY, -10),
        submission_due_on=working_days_from(MONDAY, 5),
        handled_by=officer,
    )


def test_the_officers_digest_lists_the_submissions_due_to_the_commissioner(complaint):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to("officer@unit.example")
    assert "Commissioner complaints (1)\n\n- IC-123456-A1B2" in email.body
    assert "Submissions due to the ICO\n  Due 16 March 2026 (5 working days left)" in email.body


def test_an_immediate_officer_is_told_a_step_is_due_tomorrow(officer, complaint):
    complaint.submitted_on = working_days_from(MONDAY, -1)
    complaint.save()
    ComplaintStep.objects.create(
        complaint=complaint, description="Disclose item 2", comply_by=working_days_from(MONDAY, 1)
    )
    ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    reminder_sweep(on=MONDAY)
    (email,) = emails_to("officer@unit.example")
    assert email.subject == "IC-123456-A1B2: Step ordered: Disclose item 2 is due in 1 working day"


def test_the_supervisors_digest_lists_an_overdue_step(complaint, supervisor):
    ComplaintStep.objects.create(
        complaint=complaint, description="Disclose item 2", comply_by=working_days_from(MONDAY, -1)
    )
    reminder_sweep(on=MONDAY)
    (email,) = emails_to("supervisor@unit.example")
    assert "Step ordered: Disclose item 2\n  Due 6 March 2026 (overdue by 1 working day)" in email.body


def test_a_step_complied_with_is_not_a_reminder(officer, complaint):
    complaint.submitted_on = working_days_from(MONDAY, -1)
    complaint.save()
    step = ComplaintStep.objects.create(
        complaint=complaint, description="Disclose", comply_by=working_days_from(MONDAY, 1)
    )
    step.complied_on = MONDAY
    step.save()
    reminder_sweep(on=MONDAY)
    assert emails_to("officer@unit.example") == []


def test_a_step_described_over_several_lines_makes_a_one_line_subject(officer, complaint):
    complaint.submitted_on = working_days_from(MONDAY, -1)
    complaint.save()
    ComplaintStep.objects.create(
        complaint=complaint, description="Disclose item 2\nand item 3", comply_by=working_days_from(MONDAY, 1)
    )
    ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    reminder_sweep(on=MONDAY)
    (email,) = emails_to("officer@unit.example")
    assert email.subject == "IC-123456-A1B2: Step ordered: Disclose item 2 and item 3 is due in 1 working day"


def test_the_sweep_judges_an_appeal_window_by_its_own_day_not_by_today(officer, complaint):
    # The tribunal window closes on Monday 9 March; a sweep for Tuesday run on Monday must not list it.
    complaint.decision_on = date(2026, 2, 9)
    complaint.save()
    reminder_sweep(on=TUESDAY)
    assert emails_to("officer@unit.example") == []


def test_the_sweep_lists_an_appeal_window_closing_on_its_day(officer, complaint):
    complaint.decision_on = date(2026, 2, 9)
    complaint.save()
    reminder_sweep(on=MONDAY)
    (email,) = emails_to("officer@unit.example")
    assert "Tribunal appeal window closes\n  Due 9 March 2026 (due today)" in email.body
