"""The named queryset filters (Case.objects.overdue() ...) and the dashboard counts built on them.

The case received Mon 1 Sep 2025 is due Mon 29 Sep 2025 (no UK bank holiday in September 2025).
"""

from datetime import date, timedelta

import pytest

from foi_cases import selectors, services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

DUE = date(2025, 9, 29)


@pytest.fixture
def due_29_september(officer):
    return make_case(actor=officer, received_on=date(2025, 9, 1))


def waiting_for_clarification(case: Case, actor) -> Case:
    services.clock_event_record(case=case, actor=actor, kind="clarification_requested", on=date(2025, 9, 5))
    return case


def closed(case: Case, actor) -> Case:
    return services.case_close(case=case, actor=actor, outcome="granted", responded_on=date(2025, 9, 26))


def references(queryset) -> set[str]:
    return set(queryset.values_list("reference", flat=True))


# --- overdue and due_by ----------------------------------------------------------------------


def test_a_running_case_is_overdue_the_day_after_its_due_date(due_29_september):
    assert list(Case.objects.overdue(DUE + timedelta(days=1))) == [due_29_september]


def test_a_case_is_not_overdue_on_its_due_date(due_29_september):
    assert not Case.objects.overdue(DUE).exists()


def test_a_case_waiting_for_clarification_is_never_overdue(due_29_september, officer):
    waiting_for_clarification(due_29_september, officer)
    assert not Case.objects.overdue(date(2026, 1, 1)).exists()


def test_a_closed_case_is_never_overdue(due_29_september, officer):
    closed(due_29_september, officer)
    assert not Case.objects.overdue(date(2026, 1, 1)).exists()


def test_due_by_includes_a_case_due_on_the_first_day(due_29_september):
    assert list(Case.objects.due_by(DUE, DUE + timedelta(days=7))) == [due_29_september]


def test_due_by_includes_a_case_due_on_the_last_day(due_29_september):
    assert list(Case.objects.due_by(DUE - timedelta(days=7), DUE)) == [due_29_september]


def test_due_by_leaves_out_a_case_already_past_its_due_date(due_29_september):
    assert not Case.objects.due_by(DUE + timedelta(days=1), DUE + timedelta(days=8)).exists()


def test_due_by_leaves_out_a_case_due_after_the_last_day(due_29_september):
    assert not Case.objects.due_by(DUE - timedelta(days=8), DUE - timedelta(days=1)).exists()


def test_due_by_leaves_out_closed_cases(due_29_september, officer):
    closed(due_29_september, officer)
    assert not Case.objects.due_by(DUE, DUE).exists()


# --- unassigned and assigned_to_user ---------------------------------------------------------


def test_unassigned_lists_open_cases_without_an_officer(officer):
    nobody = make_case(actor=officer)
    make_case(actor=officer, assigned_to=officer)
    assert list(Case.objects.unassigned()) == [nobody]


def test_unassigned_includes_cases_waiting_for_the_requester(due_29_september, officer):
    waiting_for_clarification(due_29_september, officer)
    assert list(Case.objects.unassigned()) == [due_29_september]


def test_unassigned_leaves_out_closed_cases(due_29_september, officer):
    closed(due_29_september, officer)
    assert not Case.objects.unassigned().exists()


def test_assigned_to_user_lists_only_that_officers_open_cases(officer, officer2):
    mine = make_case(actor=officer, assigned_to=officer)
    make_case(actor=officer, assigned_to=officer2)
    make_case(actor=officer)
    assert list(Case.objects.assigned_to_user(officer)) == [mine]


def test_assigned_to_user_leaves_out_closed_cases(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1), assigned_to=officer)
    closed(case, officer)
    assert not Case.objects.assigned_to_user(officer).exists()


# --- search --------------------------------------------------------------------------------


@pytest.fixture
def register(officer):
    make_case(actor=officer, subject="Facial recognition", request_text="1. How much did the vans cost?")
    make_case(actor=officer, subject="Police dogs", request_text="How many dogs does the force keep?")
    make_case(actor=officer, subject="Speed cameras", request_text="Where are the fixed cameras?")
    return Case.objects.all()


def test_search_finds_a_case_by_its_reference(register):
    assert references(register.search("2019/00002")) == {"FOI2019/00002"}


def test_search_finds_a_case_by_its_subject_whatever_the_case_of_the_letters(register):
    assert references(register.search("FACIAL")) == {"FOI2019/00001"}


def test_search_finds_a_case_by_words_in_the_request(register):
    assert references(register.search("Vans Cost")) == {"FOI2019/00001"}


def test_search_finds_every_case_that_matches(register):
    assert references(register.search("foi2019")) == {"FOI2019/00001", "FOI2019/00002", "FOI2019/00003"}


def test_search_ignores_surrounding_spaces(register):
    assert references(register.search("  dogs  ")) == {"FOI2019/00002"}


def test_a_blank_search_returns_everything(register):
    assert register.search("   ").count() == 3


def test_a_search_with_no_match_returns_nothing(register):
    assert not register.search("helicopter").exists()


def test_search_treats_percent_and_underscore_literally(register):
    assert not register.search("%").exists()
    assert not register.search("_").exists()


# --- dashboard counts --------------------------------------------------------------------------


def due_relative_to_today(case: Case, days: int) -> Case:
    # The dashboard counts against the real today; put the stored due date where the test needs it.
    Case.objects.filter(pk=case.pk).update(due_on=services.today() + timedelta(days=days))
    return case


def test_the_dashboard_counts_mine_due_soon_overdue_and_unassigned(officer, officer2):
    due_relative_to_today(make_case(actor=officer, assigned_to=officer), days=-1)
    due_relative_to_today(make_case(actor=officer, assigned_to=officer2), days=0)
    due_relative_to_today(make_case(actor=officer), days=60)
    finished = make_case(actor=officer, assigned_to=officer)
    services.case_close(case=finished, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    due_relative_to_today(finished, days=-1)
    assert selectors.dashboard_counts(officer) == {"mine": 1, "due_soon": 1, "overdue": 1, "unassigned": 1}


def test_due_soon_reaches_the_units_number_of_working_days_ahead(officer):
    unit = services.unit_get()
    unit.due_soon_working_days = 3
    unit.save()
    last_day = selectors.due_soon_last_day(date(2025, 9, 1))
    assert last_day == date(2025, 9, 4)


def test_a_case_due_beyond_the_due_soon_window_is_not_due_soon(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    last_day = selectors.due_soon_last_day()
    Case.objects.filter(pk=case.pk).update(due_on=last_day + timedelta(days=1))
    assert selectors.dashboard_counts(officer)["due_soon"] == 0


def test_a_case_due_on_the_last_day_of_the_due_soon_window_is_due_soon(officer):
    case = make_case(actor=officer, received_on=date(2025, 9, 1))
    Case.objects.filter(pk=case.pk).update(due_on=selectors.due_soon_last_day())
    assert selectors.dashboard_counts(officer)["due_soon"] == 1


def test_an_empty_register_counts_zero_everywhere(officer):
    assert selectors.dashboard_counts(officer) == {"mine": 0, "due_soon": 0, "overdue": 0, "unassigned": 0}
