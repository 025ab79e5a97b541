"""What a reminder may say and to whom: a failed email retried on a later day is checked again first,
a chaser never quotes the staff's own subject line, only staff who can still work on cases are sent
anything, and two first saves of "My reminders" at once both succeed."""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection, transaction

from foi_cases import services
from foi_cases.models import Reminder, ReminderPreference, Requester, RequesterMessage
from foi_cases.reminders import reminder_preference_set, reminder_sweep
from foi_cases.tests.factories import make_case, user_with_permissions
from foi_cases.tests.mail import BACKEND as MAIL_SERVER_DOWN
from foi_cases.tests.test_reminders_support import MONDAY, TUESDAY, case_due, emails_to, working_days_from

pytestmark = pytest.mark.django_db

REQUESTER = "alex@example.org"
OFFICER = "officer@unit.example"
SUPERVISOR = "supervisor@unit.example"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def on_monday(on_day):
    """The sweep runs on Monday 9 March 2026 unless a test says otherwise."""
    on_day(MONDAY)


def waiting(*, officer, body, kind: str = "clarification_requested", on: date | None = None, **requester):
    """A case assigned to the officer, received 3 working days before it asked the requester (20 working
    days before Monday by default) for a clarification or a fee."""
    on = on or working_days_from(MONDAY, -20)
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_from(on, -3), **requester)
    services.clock_event_record(case=case, actor=officer, kind=kind, on=on)
    case.refresh_from_db()
    return case


@pytest.fixture
def mail_down_on_monday(settings, on_day):
    """Monday's sweep finds the mail server down; call the fixture's value to run Tuesday's with it back."""
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN

    def sweep_again_on_tuesday() -> None:
        settings.EMAIL_BACKEND = LOCMEM
        on_day(TUESDAY)
        reminder_sweep(on=TUESDAY)

    return sweep_again_on_tuesday


def dropped(reminder_kind: str) -> bool:
    reminder = Reminder.objects.get(kind=reminder_kind)
    return (reminder.state, reminder.error) == (Reminder.State.FAILED, "No longer applies")


# --- a failed chaser is checked again before it is retried ------------------------------------------


def test_a_failed_chaser_is_sent_on_a_later_run_while_the_request_still_waits(officer, body, mail_down_on_monday):
    waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    mail_down_on_monday()
    assert len(emails_to(REQUESTER)) == 1


def test_a_failed_chaser_is_not_sent_once_the_clarification_has_come(officer, body, mail_down_on_monday):
    case = waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    services.clock_event_record(case=case, actor=officer, kind="clarification_received", on=MONDAY)
    mail_down_on_monday()
    assert emails_to(REQUESTER) == [] and dropped("chase-clarification")


def test_a_failed_chaser_is_not_sent_once_the_requester_answered_through_the_portal(officer, body, mail_down_on_monday):
    case = waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    RequesterMessage.objects.create(case=case, kind=RequesterMessage.Kind.CLARIFICATION, text="I meant")
    mail_down_on_monday()
    assert emails_to(REQUESTER) == [] and dropped("chase-clarification")


def test_a_failed_chaser_is_not_sent_once_its_request_for_clarification_is_voided(officer, body, mail_down_on_monday):
    case = waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    event = case.clock_events.get()
    services.clock_event_void(case=case, actor=officer, event=event, reason="Recorded on the wrong case")
    mail_down_on_monday()
    assert emails_to(REQUESTER) == [] and dropped("chase-clarification")


def test_a_failed_fee_chaser_is_not_sent_once_the_fee_is_paid(officer, body, mail_down_on_monday):
    case = waiting(officer=officer, body=body, kind="fee_notice_sent")
    reminder_sweep(on=MONDAY)
    services.clock_event_record(case=case, actor=officer, kind="fee_received", on=MONDAY)
    mail_down_on_monday()
    assert emails_to(REQUESTER) == [] and dropped("chase-fee")


def test_a_failed_chaser_is_not_sent_to_the_requesters_old_address(officer, body, mail_down_on_monday):
    case = waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    Requester.objects.filter(pk=case.requester_id).update(email="alex@new.example")
    mail_down_on_monday()
    assert mail.outbox == [] and dropped("chase-clarification")


# --- a failed officer's reminder is checked again before it is retried ------------------------------


@pytest.fixture
def immediate_officer(officer):
    ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    return officer


def test_a_failed_overdue_reminder_is_not_sent_once_the_case_is_someone_elses(
    immediate_officer, officer2, supervisor, body, mail_down_on_monday
):
    case = case_due(officer=immediate_officer, body=body, in_working_days=-1)
    reminder_sweep(on=MONDAY)
    services.case_assign(case=case, actor=supervisor, officer=officer2)
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("overdue")


def test_a_failed_due_reminder_is_not_sent_once_the_deadline_has_moved(immediate_officer, body, mail_down_on_monday):
    from foi_cases.models import Case

    case = case_due(officer=immediate_officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    Case.objects.filter(pk=case.pk).update(due_on=working_days_from(MONDAY, 15))
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("due")


def test_a_failed_due_reminder_is_not_sent_once_the_case_waits_for_a_clarification(
    immediate_officer, body, mail_down_on_monday
):
    case = case_due(officer=immediate_officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    services.clock_event_record(case=case, actor=immediate_officer, kind="clarification_requested", on=MONDAY)
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("due")


def test_a_failed_reminder_is_not_sent_to_an_officer_who_has_since_left(immediate_officer, body, mail_down_on_monday):
    case_due(officer=immediate_officer, body=body, in_working_days=-1)
    reminder_sweep(on=MONDAY)
    immediate_officer.is_active = False
    immediate_officer.save()
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("overdue")


# --- what a chaser quotes ---------------------------------------------------------------------------


def test_a_chaser_never_quotes_the_cases_subject(officer, body):
    waiting(officer=officer, body=body, subject="Time-waster again: ignore")
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "Time-waster" not in email.body and "Time-waster" not in email.subject


def test_a_chaser_quotes_the_reference_and_the_date_of_the_request(officer, body):
    case = waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert (
        f"On 9 February 2026 we asked you to clarify your request of 4 February 2026 (our reference "
        f"{case.reference})" in email.body
    )


def test_a_fee_chaser_quotes_the_fee_in_the_fees_notice_sent_that_day(officer, body):
    from responses.models import Dispatch, Letter

    case = waiting(officer=officer, body=body, kind="fee_notice_sent")
    letter = Letter.objects.create(
        case=case,
        kind=Letter.Kind.FEES_NOTICE,
        status=Letter.Status.APPROVED,
        references=case.reference,
        heading="Fees notice",
        fee_amount=Decimal("1234.50"),
        letter_date=case.clock_events.get().occurred_on,
        created_by=officer,
    )
    Dispatch.objects.create(
        letter=letter, method="email", sent_on=letter.letter_date, sha256="0" * 64, recorded_by=officer
    )
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "We have not yet received the fee of £1,234.50." in email.body


def test_a_fee_chaser_without_the_fees_notice_letter_points_to_the_notice(officer, body):
    waiting(officer=officer, body=body, kind="fee_notice_sent")
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "We have not yet received the fee in our fees notice of 9 February 2026." in email.body


# --- only staff who can still work on cases -----------------------------------------------------------


def test_an_officer_no_longer_in_a_role_gets_no_reminders(officer, body):
    case_due(officer=officer, body=body, in_working_days=1)
    officer.groups.clear()
    reminder_sweep(on=MONDAY)
    assert emails_to(OFFICER) == []


def test_an_officer_no_longer_in_a_role_is_not_asked_to_chase_by_post(officer, body):
    waiting(officer=officer, body=body, email="")
    officer.groups.clear()
    reminder_sweep(on=MONDAY)
    assert emails_to(OFFICER) == []


def test_the_supervisors_digest_lists_cases_assigned_to_a_former_officer(officer, supervisor, body):
    case = case_due(officer=officer, body=body, in_working_days=8)
    officer.is_active = False
    officer.save()
    reminder_sweep(on=MONDAY)
    (digest,) = emails_to(SUPERVISOR)
    assert (
        f"Assigned to someone who can no longer work on cases (reassign them) (1)\n\n- {case.reference}" in digest.body
    )
    assert "Assigned to Olivia Officer; Due" in digest.body


def test_an_approver_who_cannot_see_cases_gets_no_supervisors_digest(supervisor, body, officer):
    user_with_permissions("approver", "responses.approve_letter", email="approver@unit.example")
    make_case(actor=officer, body=body)  # unassigned: something for the supervisors
    reminder_sweep(on=MONDAY)
    assert emails_to("approver@unit.example") == [] and len(emails_to(SUPERVISOR)) == 1


def test_an_approver_who_can_see_cases_gets_the_supervisors_digest(body, officer):
    user_with_permissions("approver", "responses.approve_letter", "foi_cases.view_case", email="approver@unit.example")
    make_case(actor=officer, body=body)
    reminder_sweep(on=MONDAY)
    assert len(emails_to("approver@unit.example")) == 1


def test_a_superuser_gets_the_supervisors_digest(body, officer):
    user_with_permissions("root", is_superuser=True, email="root@unit.example")
    make_case(actor=officer, body=body)
    reminder_sweep(on=MONDAY)
    assert len(emails_to("root@unit.example")) == 1


# --- saving "My reminders" ------------------------------------------------------------------------------


def test_saving_over_an_existing_choice_updates_it(officer):
    ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.DIGEST)
    reminder_preference_set(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    assert ReminderPreference.objects.get(user=officer).delivery == ReminderPreference.Delivery.IMMEDIATE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_first_save_racing_another_first_save_is_not_an_error(officer):
    """The other save inserts first and commits while this one waits on the unique user."""
    inserted = threading.Event()

    def other_tab() -> None:
        try:
            with transaction.atomic():
                ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.DIGEST)
                inserted.set()
                time.sleep(0.5)
        finally:
            connection.close()

    thread = threading.Thread(target=other_tab)
    thread.start()
    assert inserted.wait(10)
    preference = reminder_preference_set(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    thread.join(10)
    assert preference.delivery == ReminderPreference.Delivery.IMMEDIATE
    assert ReminderPreference.objects.get(user=officer).delivery == ReminderPreference.Delivery.IMMEDIATE


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_first_saves_at_once_both_succeed(officer):
    errors, barrier = [], threading.Barrier(2)

    def save(delivery: str) -> None:
        try:
            barrier.wait()
            reminder_preference_set(user=officer, delivery=delivery)
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(delivery,)) for delivery in ("immediate", "digest")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == [] and ReminderPreference.objects.filter(user=officer).count() == 1


# --- a failed complaint reminder is checked again too ------------------------------------------------


def overdue_step(officer, body):
    from foi_cases.models import Complaint, ComplaintStep

    complaint = Complaint.objects.create(
        case=case_due(officer=officer, body=body, in_working_days=15),
        reference="IC-123456-A1B2",
        received_on=working_days_from(MONDAY, -10),
        submitted_on=working_days_from(MONDAY, -5),
        handled_by=officer,
    )
    return ComplaintStep.objects.create(
        complaint=complaint, description="Disclose item 2", comply_by=working_days_from(MONDAY, -1)
    )


def test_a_failed_step_reminder_is_sent_the_next_day_while_the_step_is_outstanding(
    immediate_officer, body, mail_down_on_monday
):
    overdue_step(immediate_officer, body)
    reminder_sweep(on=MONDAY)
    mail_down_on_monday()
    (email,) = emails_to(OFFICER)
    assert email.subject == "IC-123456-A1B2: Step ordered: Disclose item 2 is overdue"


def test_a_failed_step_reminder_is_not_sent_once_the_step_is_complied_with(
    immediate_officer, body, mail_down_on_monday
):
    step = overdue_step(immediate_officer, body)
    reminder_sweep(on=MONDAY)
    step.complied_on = MONDAY
    step.save()
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("complaint-overdue")


def test_a_failed_step_reminder_is_not_sent_once_someone_else_handles_the_complaint(
    immediate_officer, officer2, body, mail_down_on_monday
):
    step = overdue_step(immediate_officer, body)
    reminder_sweep(on=MONDAY)
    step.complaint.handled_by = officer2
    step.complaint.save()
    mail_down_on_monday()
    assert emails_to(OFFICER) == [] and dropped("complaint-overdue")


def test_a_failed_chaser_is_not_sent_once_the_request_is_due_to_lapse(officer, body, mail_down_on_monday):
    unit = services.unit_get()
    unit.clarification_lapse_working_days = 21  # asked 20 working days before Monday: lapses on Tuesday
    unit.save()
    waiting(officer=officer, body=body)
    reminder_sweep(on=MONDAY)
    mail_down_on_monday()
    assert emails_to(REQUESTER) == [] and dropped("chase-clarification")
