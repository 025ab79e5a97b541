"""Background tasks: the deadline refresh, in-process and through a real Celery worker on Redis.

The proclaimed day is invented: Mon 15 Sep 2025 for England and Wales. A FOIA case received
Mon 1 Sep 2025 is due Mon 29 Sep 2025 (no UK bank holiday in September 2025) and due Tue 30 Sep 2025
once 15 Sep is not a working day.
"""

import time
from datetime import date

import pytest
from celery.result import EagerResult

from foi_cases import services
from foi_cases.models import Case, ExtraBankHoliday
from foi_cases.tasks import refresh_open_case_deadlines
from foi_cases.tests.factories import make_case

PROCLAIMED = date(2025, 9, 15)
BEFORE, AFTER = date(2025, 9, 29), date(2025, 9, 30)


def proclaim(day: date = PROCLAIMED) -> None:
    ExtraBankHoliday.objects.create(date=day, name="Extra bank holiday", nation="england-and-wales")


# --- the task, run in-process ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_refresh_moves_an_open_cases_due_date_after_a_holiday_is_added(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    proclaim()
    refresh_open_case_deadlines.apply().get()
    case.refresh_from_db()
    assert (case.due_on, case.internal_target_on) == (AFTER, date(2025, 9, 23))


@pytest.mark.django_db
def test_the_refresh_returns_how_many_cases_changed(officer):
    make_case(actor=officer, received_on=date(2025, 9, 1))
    make_case(actor=officer, received_on=date(2025, 9, 1))
    make_case(actor=officer, received_on=date(2019, 12, 12))
    proclaim()
    assert refresh_open_case_deadlines.apply().get() == 2


@pytest.mark.django_db
def test_running_the_refresh_twice_changes_nothing_the_second_time(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    proclaim()
    refresh_open_case_deadlines.apply().get()
    assert refresh_open_case_deadlines.apply().get() == 0
    case.refresh_from_db()
    assert case.due_on == AFTER


@pytest.mark.django_db
def test_the_refresh_leaves_a_closed_case_alone(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2025, 9, 29))
    proclaim()
    refresh_open_case_deadlines.apply().get()
    case.refresh_from_db()
    assert (case.due_on, case.answered_in_time) == (BEFORE, True)


# --- through a real worker (the celery_worker_on_redis fixture is in the root conftest.py) -----


def wait_for_due_date(case: Case, expected: date, timeout: float = 30.0) -> date:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        case.refresh_from_db()
        if case.due_on == expected:
            break
        time.sleep(0.2)
    return case.due_on


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_moves_open_cases_due_dates_after_a_holiday_is_added(officer, celery_worker_on_redis):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    proclaim()
    result = refresh_open_case_deadlines.delay()
    assert not isinstance(result, EagerResult), "the task ran in-process, not on the worker"
    assert wait_for_due_date(case, AFTER) == AFTER
