"""The daily reminder sweep for staff: officers' digests and immediate emails, the supervisors'
digest, and sending each email once however often the sweep runs."""

from datetime import date

import pytest
from django.core import mail

from foi_cases.deadlines import WorkingCalendar
from foi_cases.models import Reminder, ReminderPreference
from foi_cases.reminders import reminder_sweep
from foi_cases.tests.factories import make_case
from foi_cases.tests.test_reminders_support import (
    GOOD_FRIDAY,
    MONDAY,
    SATURDAY,
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


OFFICER = "officer@unit.example"
SUPERVISOR = "supervisor@unit.example"


@pytest.fixture
def officer_cases(officer, body, officer2):
    """The officer's cases due in 5 and 1 working days, one overdue, one not yet worth a reminder; and
    another officer's case due tomorrow."""
    return {
        "in5": case_due(officer=officer, body=body, in_working_days=5, subject="Speed cameras"),
        "in1": case_due(officer=officer, body=body, in_working_days=1, subject="Drones"),
        "overdue": case_due(officer=officer, body=body, in_working_days=-2, subject="Overtime"),
        "later": case_due(officer=officer, body=body, in_working_days=8, subject="Horses"),
        "theirs": case_due(officer=officer2, body=body, in_working_days=1, subject="Dogs"),
    }


def immediate(user):
    ReminderPreference.objects.create(user=user, delivery=ReminderPreference.Delivery.IMMEDIATE)


# --- officers -------------------------------------------------------------------------------------


def test_a_digest_officer_gets_one_email_listing_their_due_and_overdue_cases(officer_cases):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(OFFICER)
    listed = {key for key, case in officer_cases.items() if case.reference in email.body}
    assert listed == {"in5", "in1", "overdue"}


def test_the_digest_gives_each_case_its_due_date_days_left_and_a_link(officer_cases):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(OFFICER)
    in5, overdue = officer_cases["in5"], officer_cases["overdue"]
    assert f"Due 16 March 2026 (5 working days left)\n  http://127.0.0.1:8000/cases/{in5.pk}/" in email.body
    assert f"{overdue.reference}: Overtime\n  Due 5 March 2026 (overdue by 2 working days)" in email.body


def test_a_digest_lists_cases_between_the_reminder_days_too(officer, body):
    in3 = case_due(officer=officer, body=body, in_working_days=3)
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(OFFICER)
    assert in3.reference in email.body


def test_an_officer_with_nothing_due_gets_no_email(officer, body):
    case_due(officer=officer, body=body, in_working_days=9)
    reminder_sweep(on=MONDAY)
    assert emails_to(OFFICER) == []


def test_an_immediate_officer_gets_one_email_per_reminder(officer, officer_cases):
    immediate(officer)
    reminder_sweep(on=MONDAY)
    subjects = sorted(email.subject for email in emails_to(OFFICER))
    assert subjects == sorted(
        [
            f"{officer_cases['in5'].reference} is 5 working days from its deadline",
            f"{officer_cases['in1'].reference} is 1 working day from its deadline",
            f"{officer_cases['overdue'].reference} is now overdue",
        ]
    )


def test_an_immediate_officer_is_told_a_case_is_overdue_once_not_daily(officer, body, on_day):
    immediate(officer)
    case_due(officer=officer, body=body, in_working_days=-1)
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert len(emails_to(OFFICER)) == 1


def test_an_immediate_officer_gets_nothing_new_between_the_reminder_days(officer, body, on_day):
    immediate(officer)
    case_due(officer=officer, body=body, in_working_days=5)
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert len(emails_to(OFFICER)) == 1


def test_the_reminder_days_are_the_units_choice(officer, body):
    from foi_cases.tests.test_reminders_support import set_unit

    set_unit(reminder_working_days="3")
    immediate(officer)
    in3 = case_due(officer=officer, body=body, in_working_days=3)
    case_due(officer=officer, body=body, in_working_days=5)
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(OFFICER)
    assert email.subject == f"{in3.reference} is 3 working days from its deadline"


def test_nothing_is_sent_on_a_saturday(officer, body, on_day):
    on_day(SATURDAY)
    case_due(officer=officer, body=body, in_working_days=-1, on=SATURDAY)
    assert reminder_sweep(on=SATURDAY) == 0
    assert mail.outbox == [] and not Reminder.objects.exists()


def test_nothing_is_sent_on_a_bank_holiday(officer, body, on_day):
    on_day(GOOD_FRIDAY)
    case_due(officer=officer, body=body, in_working_days=1, on=GOOD_FRIDAY)
    assert reminder_sweep(on=GOOD_FRIDAY) == 0
    assert mail.outbox == []


def test_the_sweep_counts_the_emails_it_sent(officer_cases, supervisor):
    # The officer's digest, the other officer's digest and the supervisor's digest.
    assert reminder_sweep(on=MONDAY) == 3


def test_running_the_sweep_twice_on_one_day_sends_nothing_the_second_time(officer_cases, supervisor):
    first = reminder_sweep(on=MONDAY)
    sent = len(mail.outbox)
    assert reminder_sweep(on=MONDAY) == 0
    assert len(mail.outbox) == sent == first


def test_an_inactive_officer_gets_no_reminders(officer, body):
    case_due(officer=officer, body=body, in_working_days=1)
    officer.is_active = False
    officer.save()
    reminder_sweep(on=MONDAY)
    assert emails_to(OFFICER) == []


def test_the_next_working_days_digest_is_a_new_email(officer, body, on_day):
    case_due(officer=officer, body=body, in_working_days=-1)
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert len(emails_to(OFFICER)) == 2


# --- supervisors ----------------------------------------------------------------------------------


def supervisor_digest(on=MONDAY) -> str:
    reminder_sweep(on=on)
    (email,) = emails_to(SUPERVISOR)
    return email.body


def test_the_supervisors_digest_lists_overdue_cases_with_their_officer(officer, supervisor, body):
    late = case_due(officer=officer, body=body, in_working_days=-3)
    case_due(officer=officer, body=body, in_working_days=2)
    body_text = supervisor_digest()
    assert body_text.count(late.reference) == 1
    assert "Overdue cases (1)" in body_text and "Officer: Olivia Officer" in body_text


def test_the_supervisors_digest_lists_unassigned_cases(officer, supervisor, body):
    nobodys = make_case(actor=officer, body=body, received_on=working_days_from(MONDAY, -2))
    assert f"Unassigned cases (1)\n\n- {nobodys.reference}" in supervisor_digest()


def test_the_supervisors_digest_lists_letters_awaiting_approval(supervisor, submitted):
    text = supervisor_digest()
    assert f"Letters awaiting approval (1)\n\n- {submitted.case.reference}: Neither confirm nor deny" in text


def test_a_supervisor_with_nothing_to_hear_about_gets_no_email(officer, supervisor, body):
    case_due(officer=officer, body=body, in_working_days=4)
    reminder_sweep(on=MONDAY)
    assert emails_to(SUPERVISOR) == []


def test_officers_do_not_get_the_supervisors_digest(officer, supervisor, body):
    make_case(actor=officer, body=body, received_on=working_days_from(MONDAY, -2))
    reminder_sweep(on=MONDAY)
    assert [email.subject for email in mail.outbox] == ["The unit's reminders for 9 March 2026"]
    assert mail.outbox[0].to == [SUPERVISOR]


def test_a_long_section_of_the_digest_points_to_the_case_list(officer, supervisor, body, monkeypatch):
    from foi_cases import reminders

    monkeypatch.setattr(reminders, "SECTION_LIMIT", 1)
    for _ in range(2):
        make_case(actor=officer, body=body, received_on=working_days_from(MONDAY, -2))
    assert "Unassigned cases (2)" in supervisor_digest()
    assert "... and 1 more: see the case list." in emails_to(SUPERVISOR)[0].body


# --- Scottish cases and the days the sweep does not run ------------------------------------------------

SCOTLAND = WorkingCalendar.for_regime("foisa")
MAUNDY_THURSDAY, EASTER_TUESDAY = date(2026, 4, 2), date(2026, 4, 7)  # Easter Monday: a working day in Scotland


def scottish_case_due(*, officer, body, due: date):
    case = make_case(
        actor=officer, body=body, regime="foisa", assigned_to=officer, received_on=SCOTLAND.add_working_days(due, -20)
    )
    assert case.due_on == due
    return case


def test_an_immediate_officer_is_told_of_a_threshold_a_scottish_case_passed_on_easter_monday(officer, body, on_day):
    """Due Monday 13 April: five Scottish working days to go on Easter Monday, when the sweep does not run."""
    immediate(officer)
    on_day(MAUNDY_THURSDAY)
    case = scottish_case_due(officer=officer, body=body, due=date(2026, 4, 13))
    reminder_sweep(on=MAUNDY_THURSDAY)
    on_day(EASTER_TUESDAY)
    reminder_sweep(on=EASTER_TUESDAY)
    (email,) = emails_to(OFFICER)
    assert email.subject == f"{case.reference} is 4 working days from its deadline"


def test_an_immediate_officer_is_told_a_scottish_case_is_due_today_when_its_last_reminder_fell_on_easter_monday(
    officer, body, on_day
):
    immediate(officer)
    on_day(MAUNDY_THURSDAY)
    case = scottish_case_due(officer=officer, body=body, due=EASTER_TUESDAY)
    reminder_sweep(on=MAUNDY_THURSDAY)
    on_day(EASTER_TUESDAY)
    reminder_sweep(on=EASTER_TUESDAY)
    assert [email.subject for email in emails_to(OFFICER)] == [
        f"{case.reference} is 2 working days from its deadline",
        f"{case.reference} is due today",
    ]


def test_an_immediate_officer_is_not_told_a_case_is_due_today_after_the_last_reminder(officer, body, on_day):
    immediate(officer)
    case_due(officer=officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert len(emails_to(OFFICER)) == 1


def test_an_immediate_officer_gets_only_the_nearest_reminder_for_a_case_already_past_the_others(officer, body):
    immediate(officer)
    case = case_due(officer=officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    assert [email.subject for email in emails_to(OFFICER)] == [f"{case.reference} is 1 working day from its deadline"]
