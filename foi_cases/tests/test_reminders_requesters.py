"""The sweep and requesters who have gone quiet: chasers for unanswered clarifications and unpaid
fees, and lapsing the requests when the unit's policy says so."""

from datetime import date

import pytest
from django.core import mail

from foi_cases import services
from foi_cases.models import AuditEvent, Case, RequesterMessage
from foi_cases.reminders import Calendars, reminder_sweep, waiting_on_requester
from foi_cases.tests.factories import make_case
from foi_cases.tests.test_reminders_support import (
    MONDAY,
    TUESDAY,
    emails_to,
    set_unit,
    working_days_from,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def on_monday(on_day):
    """The sweep runs on Monday 9 March 2026 unless a test says otherwise."""
    on_day(MONDAY)


REQUESTER = "alex@example.org"


def waiting(*, officer, body, kind: str, on: date, **requester):
    """A case assigned to the officer, waiting since `on` for a clarification or a fee."""
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_from(on, -3), **requester)
    services.clock_event_record(case=case, actor=officer, kind=kind, on=on)
    case.refresh_from_db()
    return case


@pytest.fixture
def asked_20_days_ago(officer, body):
    return waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -20))


# --- chasers --------------------------------------------------------------------------------------


def test_a_requester_silent_for_the_units_chase_time_gets_a_chaser(asked_20_days_ago):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert email.subject == f"Your request {asked_20_days_ago.reference}: we are waiting to hear from you"


def test_the_chaser_says_what_we_asked_when_and_when_the_request_will_close(asked_20_days_ago):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "On 9 February 2026 we asked you to clarify your request of 4 February 2026" in email.body
    # It lapses 60 working days (the default) after the request, as it is chased 20 working days after it.
    assert "before 8 May 2026, we will close your request on that day" in email.body


def test_the_chaser_carries_no_status_link(asked_20_days_ago):
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "http" not in email.body and "/status/" not in email.body


def test_a_chaser_is_sent_once_for_each_request_for_clarification(asked_20_days_ago, on_day):
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert len(emails_to(REQUESTER)) == 1


def test_a_chaser_is_audited_on_the_case(asked_20_days_ago):
    reminder_sweep(on=MONDAY)
    event = asked_20_days_ago.audit_events.get(action="chaser_sent")
    assert event.actor is None
    assert event.summary == "Chaser emailed to the requester: no answer yet to the request for clarification."


def test_no_chaser_before_the_units_chase_time(officer, body):
    waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -19))
    reminder_sweep(on=MONDAY)
    assert emails_to(REQUESTER) == []


def test_a_unit_that_never_chases_sends_no_chaser(asked_20_days_ago):
    set_unit(clarification_chase_working_days=0)
    reminder_sweep(on=MONDAY)
    assert emails_to(REQUESTER) == []


def test_a_clarification_answered_through_the_portal_is_not_chased(asked_20_days_ago):
    RequesterMessage.objects.create(case=asked_20_days_ago, kind=RequesterMessage.Kind.CLARIFICATION, text="I meant")
    reminder_sweep(on=MONDAY)
    assert emails_to(REQUESTER) == []


def test_an_unpaid_fee_is_chased(officer, body):
    case = waiting(officer=officer, body=body, kind="fee_notice_sent", on=working_days_from(MONDAY, -20))
    reminder_sweep(on=MONDAY)
    (email,) = emails_to(REQUESTER)
    assert "we sent you a fees notice" in email.body and "before 9 May 2026" in email.body
    assert case.audit_events.get(action="chaser_sent").summary.endswith("to the fees notice.")


def test_a_requester_without_an_email_address_is_chased_by_post_from_the_officers_digest(officer, body):
    case = waiting(
        officer=officer,
        body=body,
        kind="clarification_requested",
        on=working_days_from(MONDAY, -20),
        email="",
    )
    reminder_sweep(on=MONDAY)
    (digest,) = emails_to("officer@unit.example")
    assert f"Chase by post (no email address) (1)\n\n- {case.reference}" in digest.body
    assert [email.to for email in mail.outbox] == [["officer@unit.example"]]


def test_a_requester_without_an_email_address_is_in_the_supervisors_digest(officer, supervisor, body):
    case = waiting(officer=officer, body=body, kind="fee_notice_sent", on=working_days_from(MONDAY, -20), email="")
    reminder_sweep(on=MONDAY)
    (digest,) = emails_to("supervisor@unit.example")
    assert f"Chase by post (no email address) (1)\n\n- {case.reference}" in digest.body


# --- lapsing ----------------------------------------------------------------------------------------


@pytest.fixture
def asked_61_days_ago(officer, body):
    return waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -61))


def test_an_unanswered_clarification_lapses_automatically_when_the_unit_says_so(asked_61_days_ago):
    set_unit(lapse_automatically=True)
    reminder_sweep(on=MONDAY)
    asked_61_days_ago.refresh_from_db()
    assert (asked_61_days_ago.status, asked_61_days_ago.outcome) == (Case.Status.CLOSED, Case.Outcome.LAPSED)
    assert asked_61_days_ago.responded_on == MONDAY


def test_an_automatic_lapse_is_audited_as_the_system_under_the_units_policy(asked_61_days_ago):
    set_unit(lapse_automatically=True)
    reminder_sweep(on=MONDAY)
    event = asked_61_days_ago.audit_events.get(action="case_lapse")
    assert event.actor is None
    assert (
        "Lapsed automatically under the unit's policy: no clarification received in answer to the request "
        "of 8 December 2025." in event.summary
    )


def test_a_request_lapses_on_the_units_lapse_working_day_as_it_is_chased_on_the_chase_working_day(officer, body):
    set_unit(lapse_automatically=True)
    case = waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -60))
    reminder_sweep(on=MONDAY)
    case.refresh_from_db()
    assert case.outcome == Case.Outcome.LAPSED


def test_a_request_is_not_lapsed_a_day_early(officer, body):
    set_unit(lapse_automatically=True)
    case = waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -59))
    reminder_sweep(on=MONDAY)
    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_CLARIFICATION


def test_a_lapsed_request_is_lapsed_once_however_often_the_sweep_runs(asked_61_days_ago, on_day):
    set_unit(lapse_automatically=True)
    reminder_sweep(on=MONDAY)
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    assert AuditEvent.objects.filter(case=asked_61_days_ago, action="case_lapse").count() == 1


def test_without_automatic_lapsing_the_supervisors_are_told_it_is_ready_to_lapse(asked_61_days_ago, supervisor):
    reminder_sweep(on=MONDAY)
    asked_61_days_ago.refresh_from_db()
    assert asked_61_days_ago.status == Case.Status.AWAITING_CLARIFICATION
    (digest,) = emails_to("supervisor@unit.example")
    assert f"Ready to lapse (1)\n\n- {asked_61_days_ago.reference}" in digest.body


def test_a_request_ready_to_lapse_is_not_chased(asked_61_days_ago):
    reminder_sweep(on=MONDAY)
    assert emails_to(REQUESTER) == []


def test_an_unpaid_fee_lapses_three_months_after_the_notice(officer, body):
    set_unit(lapse_automatically=True)
    case = waiting(officer=officer, body=body, kind="fee_notice_sent", on=date(2025, 12, 9))
    reminder_sweep(on=MONDAY)
    case.refresh_from_db()
    assert case.outcome == Case.Outcome.LAPSED
    assert "the fee in the fees notice of 9 December 2025 was not paid" in case.audit_events.last().summary


def test_a_fee_still_inside_its_three_months_does_not_lapse(officer, body):
    set_unit(lapse_automatically=True)
    case = waiting(officer=officer, body=body, kind="fee_notice_sent", on=date(2025, 12, 10))
    reminder_sweep(on=MONDAY)
    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_FEE


def fee_noticed(*, officer, body, on: date, sweep_on: date, on_day):
    on_day(sweep_on)
    set_unit(lapse_automatically=True)
    case = waiting(officer=officer, body=body, kind="fee_notice_sent", on=on)
    reminder_sweep(on=sweep_on)
    case.refresh_from_db()
    return case


def test_a_fee_noticed_on_31_march_can_still_be_paid_on_30_june(officer, body, on_day):
    # Three months beginning with 31 March run to 30 June inclusive.
    case = fee_noticed(officer=officer, body=body, on=date(2026, 3, 31), sweep_on=date(2026, 6, 30), on_day=on_day)
    assert case.status == Case.Status.AWAITING_FEE


def test_a_fee_noticed_on_31_march_lapses_on_1_july(officer, body, on_day):
    case = fee_noticed(officer=officer, body=body, on=date(2026, 3, 31), sweep_on=date(2026, 7, 1), on_day=on_day)
    assert case.outcome == Case.Outcome.LAPSED


def test_the_chaser_for_a_fee_noticed_on_30_november_says_it_can_be_paid_until_the_end_of_february(
    officer, body, on_day
):
    # Three months beginning with 30 November 2026 run to 28 February 2027: it lapses on 1 March.
    on_day(date(2027, 1, 5))
    waiting(officer=officer, body=body, kind="fee_notice_sent", on=date(2026, 11, 30))
    reminder_sweep(on=date(2027, 1, 5))
    (email,) = emails_to(REQUESTER)
    assert "If we have not received the fee before 1 March 2027, we will close your request" in email.body


def test_finding_the_requests_waiting_on_their_requesters_takes_one_query_however_many_wait(
    officer, body, django_assert_num_queries
):
    for kind in ("clarification_requested", "clarification_requested", "fee_notice_sent"):
        waiting(officer=officer, body=body, kind=kind, on=working_days_from(MONDAY, -20))
    answered = waiting(officer=officer, body=body, kind="clarification_requested", on=working_days_from(MONDAY, -20))
    RequesterMessage.objects.create(case=answered, kind=RequesterMessage.Kind.CLARIFICATION, text="I meant")
    unit, calendars = services.unit_get(), Calendars(services.extra_holidays())
    with django_assert_num_queries(1):
        to_chase, _ = waiting_on_requester(on=MONDAY, unit=unit, calendars=calendars)
    assert len(to_chase) == 3
