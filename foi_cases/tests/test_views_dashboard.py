"""The dashboard's four panels: my cases, due soon, overdue and unassigned."""

import pytest
from django.urls import reverse

from foi_cases import services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.tests.factories import make_case

URL = reverse("foi_cases:dashboard")


def received_for_due_in(working_days: int):
    """A receipt date whose 20-working-day deadline falls `working_days` after today."""
    return WorkingCalendar.for_regime("foia").add_working_days(services.today(), working_days - 20)


@pytest.fixture
def cases(officer, officer2, body):
    return {
        "mine": make_case(actor=officer, body=body, received_on=services.today(), assigned_to=officer),
        "theirs": make_case(actor=officer, body=body, received_on=services.today(), assigned_to=officer2),
        "due_soon": make_case(actor=officer, body=body, received_on=received_for_due_in(3), assigned_to=officer2),
        "overdue": make_case(actor=officer, body=body, assigned_to=officer2),
        "unassigned": make_case(actor=officer, body=body, received_on=services.today()),
    }


def panel(response, key):
    return next(p for p in response.context["panels"] if p.key == key)


def references(panel):
    return [case.reference for case in panel.cases]


@pytest.fixture
def dashboard(client, officer, cases):
    client.force_login(officer)
    return client.get(URL)


def test_my_cases_lists_the_open_cases_assigned_to_me(dashboard, cases):
    mine = panel(dashboard, "mine")
    assert (mine.count, references(mine)) == (1, [cases["mine"].reference])


def test_due_soon_lists_cases_due_within_the_units_working_days(dashboard, cases):
    due_soon = panel(dashboard, "due_soon")
    assert (due_soon.count, references(due_soon)) == (1, [cases["due_soon"].reference])
    assert due_soon.title == "Due within 5 working days"


def test_overdue_lists_running_cases_past_their_due_date(dashboard, cases):
    overdue = panel(dashboard, "overdue")
    assert (overdue.count, references(overdue)) == (1, [cases["overdue"].reference])


def test_unassigned_lists_open_cases_without_an_officer(dashboard, cases):
    unassigned = panel(dashboard, "unassigned")
    assert (unassigned.count, references(unassigned)) == (1, [cases["unassigned"].reference])


def test_a_due_soon_case_shows_its_working_days_left(dashboard):
    assert "3 working days left" in dashboard.content.decode()


@pytest.mark.parametrize("key", ["mine", "due_soon", "overdue", "unassigned"])
def test_each_panel_links_to_the_case_list_showing_the_same_cases(client, dashboard, key):
    shown = panel(dashboard, key)
    listed = client.get(f"{reverse('foi_cases:case_list')}?{shown.query}")
    assert [case.reference for case, _ in listed.context["rows"]] == references(shown)


def test_a_panel_shows_at_most_ten_cases_but_counts_them_all(client, officer, body):
    for _ in range(12):
        make_case(actor=officer, body=body)
    client.force_login(officer)
    overdue = panel(client.get(URL), "overdue")
    assert (overdue.count, len(overdue.cases)) == (12, 10)


def test_an_empty_panel_says_so(client, officer, db):
    client.force_login(officer)
    assert "No case is overdue." in client.get(URL).content.decode()
