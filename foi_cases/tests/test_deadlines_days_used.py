"""How long a response took on the statutory clock (the reports' median working days).

September 2025 has no bank holiday anywhere in the UK: Mon 1 Sep + 20 working days is Mon 29 Sep.
"""

from datetime import date

from foi_cases.deadlines import ClockEvent, EventKind, working_days_used

RECEIVED = date(2025, 9, 1)


def test_a_response_on_the_deadline_took_twenty_working_days():
    assert working_days_used("foia", RECEIVED, [], date(2025, 9, 29)) == 20


def test_a_response_on_the_day_of_receipt_took_none():
    assert working_days_used("foia", RECEIVED, [], RECEIVED) == 0


def test_the_count_starts_again_when_a_clarification_arrives():
    events = [
        ClockEvent(EventKind.CLARIFICATION_REQUESTED, date(2025, 9, 2)),
        ClockEvent(EventKind.CLARIFICATION_RECEIVED, date(2025, 9, 15)),
    ]
    # Tue 16 to Mon 22 September: five working days after the clarification arrived.
    assert working_days_used("foia", RECEIVED, events, date(2025, 9, 22)) == 5


def test_days_waiting_for_a_fee_are_left_out():
    events = [
        ClockEvent(EventKind.FEE_NOTICE_SENT, date(2025, 9, 8)),
        ClockEvent(EventKind.FEE_RECEIVED, date(2025, 9, 12)),
    ]
    # Tue 2 to Fri 5 September (4), paused Mon 8 to Fri 12, then Mon 15 (1).
    assert working_days_used("foia", RECEIVED, events, date(2025, 9, 15)) == 5


def test_scottish_requests_count_on_the_scottish_calendar():
    # Mon 25 Aug 2025 is a bank holiday outside Scotland: FOIA (any UK holiday) skips it, FOISA counts it.
    received = date(2025, 8, 22)
    assert working_days_used("foisa", received, [], date(2025, 8, 29)) == 5
    assert working_days_used("foia", received, [], date(2025, 8, 29)) == 4
