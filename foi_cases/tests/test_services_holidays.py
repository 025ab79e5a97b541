"""Importing gov.uk's bank-holidays.json: only days the installed data lacks, then open cases move.

The proclaimed day used here is invented: Mon 15 Sep 2025 for England and Wales. The installed
`holidays` data has no bank holiday anywhere in the UK in September 2025, so a FOIA case received
Mon 1 Sep 2025, due Mon 29 Sep 2025, becomes due Tue 30 Sep 2025 once 15 Sep is not a working day.
A FOISA case counts Scottish holidays only (s73), so it stays due on 29 Sep.
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from kombu.exceptions import OperationalError

from config.celery import app as celery_app
from foi_cases import services, tasks
from foi_cases.models import AuditEvent, ExtraBankHoliday
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

PROCLAIMED = ("2025-09-15", "Extra bank holiday")


def govuk(england=(), scotland=(), northern_ireland=()) -> dict:
    """A document shaped like https://www.gov.uk/bank-holidays.json."""

    def division(name, events):
        return {
            "division": name,
            "events": [{"title": title, "date": day, "notes": "", "bunting": True} for day, title in events],
        }

    return {
        "england-and-wales": division("england-and-wales", england),
        "scotland": division("scotland", scotland),
        "northern-ireland": division("northern-ireland", northern_ireland),
    }


def stored() -> list[tuple]:
    return list(ExtraBankHoliday.objects.values_list("date", "nation", "name"))


@pytest.fixture
def eager_celery():
    """Run the deadline refresh in-process, whatever broker the environment configures (CI sets one)."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


@pytest.fixture
def foia_case(officer):
    return make_case(actor=officer, received_on=date(2025, 9, 1))


def import_with_refresh(data, actor, capture):
    with capture(execute=True) as callbacks:
        result = services.bank_holidays_import(data=data, actor=actor)
    return result, callbacks


# --- what is added ---------------------------------------------------------------------------


def test_a_day_the_installed_data_lacks_is_added_for_its_division(administrator):
    result = services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    assert stored() == [(date(2025, 9, 15), "england-and-wales", "Extra bank holiday")]
    assert [holiday.date for holiday in result.added] == [date(2025, 9, 15)]


def test_a_day_proclaimed_in_two_divisions_is_added_for_each(administrator):
    services.bank_holidays_import(data=govuk(england=[PROCLAIMED], scotland=[PROCLAIMED]), actor=administrator)
    assert [nation for _, nation, _ in stored()] == ["england-and-wales", "scotland"]


def test_days_the_installed_data_already_knows_are_not_added(administrator):
    data = govuk(
        england=[("2025-12-25", "Christmas Day"), ("2027-01-01", "New Year's Day")],
        scotland=[("2025-08-04", "Summer bank holiday"), ("2025-12-01", "St Andrew's Day")],
        northern_ireland=[("2025-07-14", "Battle of the Boyne (Orangemen's Day)")],
    )
    result = services.bank_holidays_import(data=data, actor=administrator)
    assert (stored(), result.added, result.already_known) == ([], [], 5)


def test_a_holiday_known_in_another_division_is_still_added_for_this_one(administrator):
    # 4 August 2025 was a bank holiday in Scotland only; a file saying England had it too is news.
    services.bank_holidays_import(data=govuk(england=[("2025-08-04", "Summer bank holiday")]), actor=administrator)
    assert stored() == [(date(2025, 8, 4), "england-and-wales", "Summer bank holiday")]


def test_weekend_days_are_not_added(administrator):
    result = services.bank_holidays_import(data=govuk(england=[("2025-09-13", "A Saturday")]), actor=administrator)
    assert (stored(), result.already_known) == ([], 1)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(administrator):
    services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    second = services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    assert (len(stored()), second.added, second.already_known) == (1, [], 1)


def test_divisions_that_are_not_uk_nations_are_ignored(administrator):
    data = govuk(england=[PROCLAIMED]) | {"isle-of-man": {"division": "isle-of-man", "events": []}}
    services.bank_holidays_import(data=data, actor=administrator)
    assert len(stored()) == 1


def test_an_import_that_adds_days_writes_an_audit_event_listing_them(administrator):
    services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    event = AuditEvent.objects.get(action="bank_holidays_imported")
    assert (event.actor, event.case, event.summary, event.changes) == (
        administrator,
        None,
        "Imported 1 bank holiday(s).",
        {"added": ["2025-09-15 england-and-wales: Extra bank holiday"]},
    )


def test_an_import_that_adds_nothing_writes_no_audit_event(administrator):
    services.bank_holidays_import(data=govuk(england=[("2025-12-25", "Christmas Day")]), actor=administrator)
    assert not AuditEvent.objects.filter(action="bank_holidays_imported").exists()


# --- what is refused -------------------------------------------------------------------------

NOT_GOVUK = {
    "a list": [{"date": "2025-09-15", "title": "Extra"}],
    "no division": {"holidays": [{"date": "2025-09-15", "title": "Extra"}]},
    "an empty object": {},
    "a division that is not an object": {"scotland": "2025-09-15"},
    "events that are not a list": {"scotland": {"division": "scotland", "events": 20250915}},
    "an event without a date": {"scotland": {"division": "scotland", "events": [{"title": "Extra"}]}},
    "an event with a British-style date": {
        "scotland": {"division": "scotland", "events": [{"title": "Extra", "date": "15/09/2025"}]}
    },
    "an event that is not an object": {"scotland": {"division": "scotland", "events": ["2025-09-15"]}},
}


@pytest.mark.parametrize("data", NOT_GOVUK.values(), ids=NOT_GOVUK.keys())
def test_a_file_that_is_not_govuk_bank_holidays_is_refused_on_the_file_field(administrator, data):
    with pytest.raises(ValidationError) as refused:
        services.bank_holidays_import(data=data, actor=administrator)
    assert set(refused.value.message_dict) == {"file"}


@pytest.mark.parametrize("data", NOT_GOVUK.values(), ids=NOT_GOVUK.keys())
def test_a_refused_file_writes_nothing(administrator, data):
    with pytest.raises(Exception):  # noqa: B017 - whatever is raised, nothing may have been written
        services.bank_holidays_import(data=data, actor=administrator)
    assert (stored(), AuditEvent.objects.count()) == ([], 0)


def test_a_bad_event_after_good_ones_writes_nothing(administrator):
    data = govuk(england=[PROCLAIMED])
    data["scotland"]["events"].append({"title": "No date"})
    with pytest.raises(ValidationError):
        services.bank_holidays_import(data=data, actor=administrator)
    assert (stored(), AuditEvent.objects.count()) == ([], 0)


# --- open cases move -------------------------------------------------------------------------


def test_an_open_cases_due_date_moves_after_the_import(
    administrator, foia_case, eager_celery, django_capture_on_commit_callbacks
):
    import_with_refresh(govuk(england=[PROCLAIMED]), administrator, django_capture_on_commit_callbacks)
    foia_case.refresh_from_db()
    assert foia_case.due_on == date(2025, 9, 30)


def test_the_deadline_refresh_waits_until_the_import_commits(
    administrator, foia_case, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    foia_case.refresh_from_db()
    assert (len(callbacks), foia_case.due_on) == (1, date(2025, 9, 29))


def test_an_import_that_adds_nothing_enqueues_no_refresh(administrator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.bank_holidays_import(data=govuk(england=[("2025-12-25", "Christmas Day")]), actor=administrator)
    assert callbacks == []


def test_a_scottish_case_ignores_a_day_proclaimed_for_england_and_wales(
    administrator, officer, eager_celery, django_capture_on_commit_callbacks
):
    foisa_case = make_case(actor=officer, regime="foisa", received_on=date(2025, 9, 1))
    import_with_refresh(govuk(england=[PROCLAIMED]), administrator, django_capture_on_commit_callbacks)
    foisa_case.refresh_from_db()
    assert foisa_case.due_on == date(2025, 9, 29)


def test_a_closed_cases_dates_do_not_move(
    administrator, foia_case, officer, eager_celery, django_capture_on_commit_callbacks
):
    services.case_close(case=foia_case, actor=officer, outcome="granted", responded_on=date(2025, 9, 26))
    import_with_refresh(govuk(england=[PROCLAIMED]), administrator, django_capture_on_commit_callbacks)
    foia_case.refresh_from_db()
    assert foia_case.due_on == date(2025, 9, 29)


def test_a_case_created_after_the_import_counts_the_new_day(administrator, officer):
    services.bank_holidays_import(data=govuk(england=[PROCLAIMED]), actor=administrator)
    assert make_case(actor=officer, received_on=date(2025, 9, 1)).due_on == date(2025, 9, 30)


def test_a_broker_outage_does_not_undo_the_import(
    administrator, foia_case, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down():
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    # Only the broker is replaced: the import and its audit still go to the real database.
    monkeypatch.setattr(tasks.refresh_open_case_deadlines, "delay", broker_down)
    import_with_refresh(govuk(england=[PROCLAIMED]), administrator, django_capture_on_commit_callbacks)
    assert (len(stored()), AuditEvent.objects.filter(action="bank_holidays_imported").count()) == (1, 1)


def test_a_date_repeated_in_one_division_is_added_once(db, administrator):
    from foi_cases import services
    from foi_cases.models import ExtraBankHoliday

    event = {"title": "Proclaimed holiday", "date": "2027-03-10", "notes": "", "bunting": True}
    data = {"scotland": {"division": "scotland", "events": [event, dict(event)]}}
    result = services.bank_holidays_import(data=data, actor=administrator)
    assert len(result.added) == 1
    assert ExtraBankHoliday.objects.filter(date="2027-03-10", nation="scotland").count() == 1
