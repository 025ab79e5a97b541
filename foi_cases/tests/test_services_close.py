"""Closing, withdrawing, lapsing and reopening cases.

The case is a FOIA request received Mon 1 Sep 2025, due Mon 29 Sep 2025 (20 working days; no bank
holiday anywhere in the UK in September 2025). Extended by 10 working days it is due Mon 13 Oct 2025.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case
from foi_cases.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 9, 1)
DUE = date(2025, 9, 29)


@pytest.fixture
def case(officer):
    return make_case(actor=officer, received_on=RECEIVED)


def close(case: Case, actor, on: date, outcome: str = "granted", note: str = "") -> Case:
    return services.case_close(case=case, actor=actor, outcome=outcome, responded_on=on, note=note)


def record(case: Case, actor, kind: str, on: date, days: int = 0) -> None:
    services.clock_event_record(case=case, actor=actor, kind=kind, on=on, days=days)
    case.refresh_from_db()


def awaiting(case: Case, actor, status: str) -> Case:
    kind = {"awaiting_clarification": "clarification_requested", "awaiting_fee": "fee_notice_sent"}.get(status)
    if kind:
        record(case, actor, kind, date(2025, 9, 8))
    return case


def last_audit(case: Case):
    return case.audit_events.order_by("-at", "-id").first()


@pytest.fixture
def closed(case, officer):
    return close(case, officer, date(2025, 9, 26))


# --- closing with a response ------------------------------------------------------------------


def test_closing_stores_the_outcome_and_response_date(case, officer):
    close(case, officer, date(2025, 9, 26), outcome="partially_withheld")
    case.refresh_from_db()
    assert (case.status, case.outcome, case.responded_on, case.closed_at is not None) == (
        Case.Status.RESPONDED,
        "partially_withheld",
        date(2025, 9, 26),
        True,
    )


def test_a_response_on_the_due_date_is_in_time(case, officer):
    assert close(case, officer, DUE).answered_in_time is True


def test_a_response_the_day_after_the_due_date_is_late(case, officer):
    assert close(case, officer, DUE + timedelta(days=1)).answered_in_time is False


def test_a_late_response_says_so_in_the_audit_event(case, officer):
    close(case, officer, date(2025, 9, 30))
    audit = last_audit(case)
    assert (audit.action, audit.actor) == ("case_close", officer)
    assert "Late: the deadline was 29 September 2025." in audit.summary


def test_an_in_time_response_says_so_in_the_audit_event(case, officer):
    close(case, officer, DUE, note="Sent by email.")
    assert last_audit(case).summary == "Closed: Granted in full on 29 September 2025. In time. Sent by email."


def test_a_response_within_an_extension_is_in_time(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    assert close(case, officer, date(2025, 10, 10)).answered_in_time is True


def test_a_response_after_the_extended_date_is_late(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    assert close(case, officer, date(2025, 10, 14)).answered_in_time is False


def test_an_unknown_outcome_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        close(case, officer, DUE, outcome="maybe")
    assert set(refused.value.message_dict) == {"outcome"}


def test_a_response_dated_in_the_future_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        close(case, officer, services.today() + timedelta(days=1))
    assert set(refused.value.message_dict) == {"responded_on"}


def test_a_response_dated_before_receipt_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        close(case, officer, date(2025, 8, 31))
    assert set(refused.value.message_dict) == {"responded_on"}


def test_a_response_dated_before_the_latest_clock_event_is_refused(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    with pytest.raises(ValidationError) as refused:
        close(case, officer, date(2025, 9, 19))
    assert set(refused.value.message_dict) == {"responded_on"}


def test_a_refused_close_leaves_the_case_open(case, officer):
    with pytest.raises(ValidationError):
        close(case, officer, date(2025, 8, 31))
    case.refresh_from_db()
    assert (case.status, case.outcome, case.responded_on) == (Case.Status.OPEN, "", None)


def test_a_case_waiting_for_clarification_cannot_be_closed_with_a_response(case, officer):
    awaiting(case, officer, "awaiting_clarification")
    with pytest.raises(TransitionNotAllowed):
        close(case, officer, date(2025, 9, 10))


def test_a_closed_case_cannot_be_closed_again(closed, officer):
    with pytest.raises(TransitionNotAllowed):
        close(closed, officer, date(2025, 9, 29), outcome="not_held")


# --- lapse and withdrawal --------------------------------------------------------------------


def test_a_running_case_cannot_lapse(case, officer):
    with pytest.raises(TransitionNotAllowed):
        services.case_lapse(case=case, actor=officer, on=date(2025, 9, 26))


@pytest.mark.parametrize("status", ["awaiting_clarification", "awaiting_fee"])
def test_a_case_waiting_for_the_requester_can_lapse(case, officer, status):
    awaiting(case, officer, status)
    services.case_lapse(case=case, actor=officer, on=date(2025, 9, 26))
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Case.Status.CLOSED, "lapsed")


def test_a_lapsed_case_is_neither_in_time_nor_late(case, officer):
    awaiting(case, officer, "awaiting_clarification")
    assert services.case_lapse(case=case, actor=officer, on=date(2025, 9, 26)).answered_in_time is None


@pytest.mark.parametrize("status", ["open", "awaiting_clarification", "awaiting_fee"])
def test_a_case_can_be_withdrawn_from_any_open_state(case, officer, status):
    awaiting(case, officer, status)
    services.case_withdraw(case=case, actor=officer, on=date(2025, 9, 26))
    case.refresh_from_db()
    assert (case.status, case.outcome, case.answered_in_time) == (Case.Status.CLOSED, "withdrawn", None)


def test_a_closed_case_cannot_be_withdrawn(closed, officer):
    with pytest.raises(TransitionNotAllowed):
        services.case_withdraw(case=closed, actor=officer, on=date(2025, 9, 29))


def test_withdrawing_a_case_records_the_status_it_really_had_before(case, officer):
    awaiting(case, officer, "awaiting_clarification")
    services.case_withdraw(case=case, actor=officer, on=date(2025, 9, 26))
    audit = last_audit(case)
    assert (audit.action, audit.changes["status"]) == ("case_withdraw", ["awaiting_clarification", "closed"])


# --- reopening -------------------------------------------------------------------------------


def test_a_supervisor_can_reopen_a_closed_case(closed, supervisor):
    services.case_reopen(case=closed, actor=supervisor, reason="The response went to the wrong address.")
    closed.refresh_from_db()
    assert (closed.status, closed.outcome, closed.responded_on, closed.answered_in_time, closed.closed_at) == (
        Case.Status.OPEN,
        "",
        None,
        None,
        None,
    )


def test_reopening_records_the_reason_and_what_the_case_held_before(closed, supervisor):
    services.case_reopen(case=closed, actor=supervisor, reason="  Sent to the wrong address.  ")
    audit = last_audit(closed)
    assert (audit.action, audit.actor, audit.summary, audit.changes) == (
        "case_reopened",
        supervisor,
        "Reopened. Reason: Sent to the wrong address.",
        {"before": {"outcome": "granted", "responded_on": "2025-09-26"}},
    )


def test_an_officer_cannot_reopen_a_case(closed, officer):
    with pytest.raises(TransitionNotAllowed, match="supervisor"):
        services.case_reopen(case=closed, actor=officer, reason="Changed my mind.")
    closed.refresh_from_db()
    assert closed.status == Case.Status.RESPONDED


def test_reopening_needs_a_reason(closed, supervisor):
    with pytest.raises(ValidationError) as refused:
        services.case_reopen(case=closed, actor=supervisor, reason="  ")
    assert set(refused.value.message_dict) == {"reason"}


def test_an_open_case_cannot_be_reopened(case, supervisor):
    with pytest.raises(TransitionNotAllowed):
        services.case_reopen(case=case, actor=supervisor, reason="Just in case.")


def test_a_lapsed_case_reopens_still_waiting_for_its_clarification(case, officer, supervisor):
    awaiting(case, officer, "awaiting_clarification")
    services.case_lapse(case=case, actor=officer, on=date(2025, 9, 26))
    services.case_reopen(case=case, actor=supervisor, reason="The clarification had arrived after all.")
    case.refresh_from_db()
    assert (case.status, case.due_on) == (Case.Status.AWAITING_CLARIFICATION, None)


# --- a closed case is read-only --------------------------------------------------------------


def test_a_closed_case_refuses_edits(closed, officer):
    with pytest.raises(TransitionNotAllowed):
        services.case_update(case=closed, actor=officer, subject="New subject")


def test_a_closed_case_refuses_clock_events(closed, officer):
    with pytest.raises(TransitionNotAllowed):
        record(closed, officer, "extension", date(2025, 9, 26), days=5)


def test_a_closed_case_refuses_to_void_its_clock_events(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2025, 9, 22), days=10)
    close(case, officer, date(2025, 10, 10))
    event = case.clock_events.get()
    with pytest.raises(TransitionNotAllowed):
        services.clock_event_void(case=case, actor=officer, event=event, reason="Mistake.")


# --- outcomes that fit the case ---------------------------------------------------------------


def test_a_request_cannot_close_with_an_internal_reviews_outcome(case, officer):
    with pytest.raises(ValidationError) as error:
        close(case, officer, RECEIVED + timedelta(days=7), outcome=Case.Outcome.REVIEW_UPHELD)
    assert "Only an internal review" in str(error.value)
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_an_internal_review_closes_with_a_review_outcome_only(case, officer, officer2):
    close(case, officer, date(2025, 9, 10))
    review = services.review_log(
        case=case, actor=officer, received_on=date(2025, 9, 15), channel="email", reasons="Please look again."
    )
    with pytest.raises(ValidationError) as error:
        close(review, officer2, date(2025, 9, 22), outcome=Case.Outcome.GRANTED)
    assert "upheld, upheld in part or overturned" in str(error.value)
    closed = close(review, officer2, date(2025, 9, 22), outcome=Case.Outcome.REVIEW_UPHELD_IN_PART)
    assert (closed.status, closed.outcome, closed.answered_in_time) == ("responded", "review_upheld_in_part", True)


def test_a_closed_case_records_the_working_days_its_response_took(case, officer):
    closed = close(case, officer, date(2025, 9, 15))
    assert closed.working_days_taken == 10
    withdrawn = services.case_withdraw(case=make_case(actor=officer, received_on=RECEIVED), actor=officer, on=DUE)
    assert withdrawn.working_days_taken is None


def test_reopening_forgets_the_working_days_taken(case, officer, supervisor):
    close(case, officer, date(2025, 9, 15))
    reopened = services.case_reopen(case=case, actor=supervisor, reason="Sent to the wrong address.")
    assert reopened.working_days_taken is None
