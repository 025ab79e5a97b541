"""The statutory clock through the services: clarification, fees, extensions and voiding mistakes.

Dates counted by hand. September and October 2025 hold no bank holiday anywhere in the UK
(the nearest are 25 Aug 2025 and the Scottish 1 Dec 2025, St Andrew's Day observed).

    September 2025           October 2025
    Mo Tu We Th Fr           Mo Tu We Th Fr
     1  2  3  4  5                 1  2  3
     8  9 10 11 12            6  7  8  9 10
    15 16 17 18 19           13 14 15 16 17
    22 23 24 25 26           20 21 22 23 24
    29 30                    27 28 29 30 31

Received Mon 1 Sep 2025: day 1 is Tue 2 Sep, day 20 is Mon 29 Sep.
- Clarification received Wed 10 Sep restarts the count: day 1 Thu 11 Sep ... day 20 Wed 8 Oct.
- Fees notice Mon 8 Sep, fee paid Fri 12 Sep: 4 working days used (2-5 Sep), 8-12 Sep disregarded,
  days 5-20 run Mon 15 Sep to Mon 6 Oct: due 6 Oct, five working days after 29 Sep.
- Extension of 10 working days after Mon 29 Sep: Tue 30 Sep (1) ... Mon 13 Oct (10).
- Extension of 20: Mon 27 Oct. Of 25 in total: Oct has 23 working days, so Tue 30 Sep + 23 = day 24
  on Fri 31 Oct and day 25 is Mon 3 Nov.
SAR received Mon 1 Sep 2025: due Wed 1 Oct 2025. Extended by two months: Mon 1 Dec 2025 is a
Scottish bank holiday (St Andrew's Day observed), so the due date rolls to Tue 2 Dec 2025.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from foi_cases import services
from foi_cases.models import AuditEvent, Case, ClockEvent
from foi_cases.tests.factories import make_case
from foi_cases.workflow import TransitionNotAllowed

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 9, 1)
DUE = date(2025, 9, 29)


@pytest.fixture
def case(officer):
    return make_case(actor=officer, received_on=RECEIVED)


def record(case: Case, actor, kind: str, on: date, days: int = 0) -> ClockEvent:
    event = services.clock_event_record(case=case, actor=actor, kind=kind, on=on, days=days)
    case.refresh_from_db()
    return event


def void(case: Case, actor, event: ClockEvent, reason: str = "Recorded on the wrong case.") -> None:
    services.clock_event_void(case=case, actor=actor, event=event, reason=reason)
    case.refresh_from_db()


def last_audit(case: Case) -> AuditEvent:
    return case.audit_events.order_by("-at", "-id").first()


def field_errors(refusal) -> set[str]:
    return set(refusal.value.message_dict)


def test_the_fixture_case_is_due_on_monday_29_september(case):
    assert case.due_on == DUE


# --- clarification (s1(3)): stop, then restart ------------------------------------------------


def test_asking_for_clarification_stops_the_clock(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    assert (case.status, case.due_on) == (Case.Status.AWAITING_CLARIFICATION, None)


def test_receiving_clarification_restarts_twenty_working_days_from_that_day(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    record(case, officer, "clarification_received", date(2025, 9, 10))
    assert (case.status, case.due_on) == (Case.Status.OPEN, date(2025, 10, 8))


def test_a_clarification_request_records_the_due_date_before_and_after(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    audit = last_audit(case)
    assert (audit.action, audit.actor, audit.changes) == (
        "clock_clarification_requested",
        officer,
        {"status": ["open", "awaiting_clarification"], "due_on": ["2025-09-29", None]},
    )


def test_a_clarification_received_records_the_due_date_before_and_after(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    record(case, officer, "clarification_received", date(2025, 9, 10))
    assert last_audit(case).changes["due_on"] == [None, "2025-10-08"]


def test_clarification_received_when_none_was_asked_for_is_refused(case, officer):
    with pytest.raises(TransitionNotAllowed):
        record(case, officer, "clarification_received", date(2025, 9, 10))


def test_clarification_cannot_arrive_before_it_was_asked_for(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 10))
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "clarification_received", date(2025, 9, 5))
    assert field_errors(refused) == {"on"}


def test_a_case_marked_open_after_a_clarification_always_has_a_due_date(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 10))
    try:
        record(case, officer, "clarification_received", date(2025, 9, 5))
    except ValidationError:
        return
    assert case.status != Case.Status.OPEN or case.due_on is not None


def test_an_extension_dated_while_the_clock_was_stopped_is_refused(case, officer):
    # On 8 September the case was waiting for the clarification asked for on 5 September.
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    record(case, officer, "clarification_received", date(2025, 9, 10))
    with pytest.raises((ValidationError, TransitionNotAllowed)):
        record(case, officer, "extension", date(2025, 9, 8), days=10)


def test_clarification_cannot_be_asked_for_twice(case, officer):
    record(case, officer, "clarification_requested", date(2025, 9, 5))
    with pytest.raises(TransitionNotAllowed):
        record(case, officer, "clarification_requested", date(2025, 9, 8))


# --- fees (s9, s10(2)): pause, then resume ------------------------------------------------------


def test_a_fees_notice_pauses_the_clock(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    assert (case.status, case.due_on) == (Case.Status.AWAITING_FEE, None)


def test_paying_the_fee_resumes_the_clock_with_the_paused_working_days_added(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    record(case, officer, "fee_received", date(2025, 9, 12))
    assert (case.status, case.due_on) == (Case.Status.OPEN, date(2025, 10, 6))


def test_a_fees_notice_records_the_due_date_before_and_after(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    audit = last_audit(case)
    assert (audit.action, audit.changes) == (
        "clock_fee_notice_sent",
        {"status": ["open", "awaiting_fee"], "due_on": ["2025-09-29", None]},
    )


def test_paying_the_fee_records_the_due_date_before_and_after(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    record(case, officer, "fee_received", date(2025, 9, 12))
    audit = last_audit(case)
    assert (audit.action, audit.changes["due_on"]) == ("clock_fee_received", [None, "2025-10-06"])


def test_a_fee_received_without_a_notice_is_refused(case, officer):
    with pytest.raises(TransitionNotAllowed):
        record(case, officer, "fee_received", date(2025, 9, 12))


def test_a_refused_event_is_not_recorded(case, officer):
    with pytest.raises(TransitionNotAllowed):
        record(case, officer, "fee_received", date(2025, 9, 12))
    assert (case.clock_events.count(), case.audit_events.count(), case.due_on) == (0, 1, DUE)


def test_a_fee_cannot_be_paid_before_the_notice_was_given(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "fee_received", date(2025, 9, 5))
    assert field_errors(refused) == {"on"}


def test_a_case_awaiting_its_fee_cannot_be_extended(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    with pytest.raises(TransitionNotAllowed):
        record(case, officer, "extension", date(2025, 9, 9), days=10)


# --- extensions ----------------------------------------------------------------------------------


def test_an_extension_adds_working_days_after_the_statutory_due_date(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    assert (case.statutory_due_on, case.due_on, case.extension_days) == (DUE, date(2025, 10, 13), 10)


def test_an_extension_records_the_due_date_before_and_after(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    audit = last_audit(case)
    assert (audit.action, audit.changes["due_on"]) == ("clock_extension", ["2025-09-29", "2025-10-13"])


def test_chained_extensions_show_their_total(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=10)
    record(case, officer, "extension", date(2025, 10, 6), days=15)
    assert (case.due_on, case.extension_days) == (date(2025, 11, 3), 25)
    assert "extended by 15 working days (total 25)" in last_audit(case).summary


def test_a_foia_extension_over_twenty_working_days_draws_the_ico_warning(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=25)
    warnings = services.case_deadline(case).warnings
    assert any("ICO expects" in warning for warning in warnings)


def test_a_foia_extension_of_twenty_working_days_draws_no_warning(case, officer):
    record(case, officer, "extension", date(2025, 9, 22), days=20)
    assert services.case_deadline(case).warnings == ()


def test_an_eir_case_may_be_extended_by_twenty_working_days(officer):
    case = make_case(actor=officer, regime="eir", received_on=RECEIVED)
    record(case, officer, "extension", date(2025, 9, 22), days=20)
    assert case.due_on == date(2025, 10, 27)


def test_an_eir_extension_beyond_twenty_working_days_is_refused_on_days(officer):
    case = make_case(actor=officer, regime="eir", received_on=RECEIVED)
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 22), days=21)
    assert field_errors(refused) == {"days"}


def test_chained_eir_extensions_may_not_pass_twenty_working_days_in_total(officer):
    case = make_case(actor=officer, regime="eir", received_on=RECEIVED)
    record(case, officer, "extension", date(2025, 9, 22), days=20)
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 23), days=1)
    assert field_errors(refused) == {"days"}
    assert (case.due_on, case.clock_events.count()) == (date(2025, 10, 27), 1)


def test_a_foisa_case_cannot_be_extended(officer):
    case = make_case(actor=officer, regime="foisa", received_on=RECEIVED)
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 22), days=5)
    assert field_errors(refused) == {"days"}


def test_an_extension_of_no_days_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 22), days=0)
    assert field_errors(refused) == {"days"}


def test_a_subject_access_request_is_extended_in_calendar_months(officer):
    case = make_case(actor=officer, regime="sar", received_on=RECEIVED)
    record(case, officer, "extension", date(2025, 9, 15), days=2)
    assert (case.due_on, case.extension_days) == (date(2025, 12, 2), 2)
    assert "extended by 2 month(s)" in last_audit(case).summary


def test_a_subject_access_request_may_not_be_extended_by_three_months(officer):
    case = make_case(actor=officer, regime="sar", received_on=RECEIVED)
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 15), days=3)
    assert field_errors(refused) == {"days"}


def test_an_extension_notified_after_the_due_date_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "extension", date(2025, 9, 30), days=10)
    assert field_errors(refused) == {"on"}


def test_an_extension_notified_on_the_due_date_is_accepted(case, officer):
    record(case, officer, "extension", DUE, days=10)
    assert case.due_on == date(2025, 10, 13)


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["clarification_requested", "fee_notice_sent", "extension"])
def test_an_event_dated_in_the_future_is_refused(case, officer, kind):
    with pytest.raises(ValidationError) as refused:
        record(case, officer, kind, services.today() + timedelta(days=1), days=5)
    assert field_errors(refused) == {"on"}


@pytest.mark.parametrize("kind", ["clarification_requested", "fee_notice_sent", "extension"])
def test_an_event_dated_before_receipt_is_refused(case, officer, kind):
    with pytest.raises(ValidationError) as refused:
        record(case, officer, kind, date(2025, 8, 29), days=5)
    assert field_errors(refused) == {"on"}


def test_an_unknown_kind_of_event_is_refused(case, officer):
    with pytest.raises(ValidationError) as refused:
        record(case, officer, "holiday", date(2025, 9, 5))
    assert field_errors(refused) == {"kind"}


# --- voiding a mistake -----------------------------------------------------------------------


def test_voiding_the_latest_event_restores_the_status_and_due_date(case, officer):
    event = record(case, officer, "clarification_requested", date(2025, 9, 5))
    void(case, officer, event)
    assert (case.status, case.due_on) == (Case.Status.OPEN, DUE)


def test_voiding_a_fee_payment_puts_the_case_back_to_awaiting_the_fee(case, officer):
    record(case, officer, "fee_notice_sent", date(2025, 9, 8))
    payment = record(case, officer, "fee_received", date(2025, 9, 12))
    void(case, officer, payment)
    assert (case.status, case.due_on) == (Case.Status.AWAITING_FEE, None)


def test_voiding_an_extension_restores_the_statutory_due_date(case, officer):
    extension = record(case, officer, "extension", date(2025, 9, 22), days=10)
    void(case, officer, extension)
    assert (case.due_on, case.extension_days) == (DUE, 0)


def test_a_voided_event_is_kept_with_who_voided_it_and_why(case, officer, supervisor):
    event = record(case, officer, "clarification_requested", date(2025, 9, 5))
    void(case, supervisor, event, reason="  Wrong case.  ")
    event.refresh_from_db()
    assert (event.voided_at is not None, event.voided_by, event.void_reason) == (True, supervisor, "Wrong case.")


def test_voiding_records_the_due_date_before_and_after(case, officer):
    event = record(case, officer, "clarification_requested", date(2025, 9, 5))
    void(case, officer, event)
    audit = last_audit(case)
    assert (audit.action, audit.changes) == (
        "clock_event_voided",
        {"status": ["awaiting_clarification", "open"], "due_on": [None, "2025-09-29"]},
    )
    assert "Recorded on the wrong case." in audit.summary


def test_only_the_latest_event_can_be_voided(case, officer):
    request = record(case, officer, "clarification_requested", date(2025, 9, 5))
    record(case, officer, "clarification_received", date(2025, 9, 10))
    with pytest.raises(ValidationError) as refused:
        void(case, officer, request)
    assert field_errors(refused) == {"event"}
    assert case.due_on == date(2025, 10, 8)


def test_an_event_cannot_be_voided_twice(case, officer):
    event = record(case, officer, "clarification_requested", date(2025, 9, 5))
    void(case, officer, event)
    with pytest.raises(ValidationError) as refused:
        void(case, officer, event)
    assert field_errors(refused) == {"event"}


def test_an_event_of_another_case_cannot_be_voided_through_this_one(case, officer):
    other = make_case(actor=officer, received_on=RECEIVED)
    foreign = record(other, officer, "clarification_requested", date(2025, 9, 5))
    with pytest.raises(ValidationError) as refused:
        void(case, officer, foreign)
    assert field_errors(refused) == {"event"}


def test_voiding_needs_a_reason(case, officer):
    event = record(case, officer, "clarification_requested", date(2025, 9, 5))
    with pytest.raises(ValidationError) as refused:
        void(case, officer, event, reason="   ")
    assert field_errors(refused) == {"reason"}
    assert case.status == Case.Status.AWAITING_CLARIFICATION
