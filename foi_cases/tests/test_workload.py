"""The supervisors' workload view: open cases per officer on a fixed day (Wednesday 18 November 2026,
due this week up to Friday 20 November, due soon up to Wednesday 25 November)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from foi_cases import filters, services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.tests.factories import make_case
from foi_cases.workload import end_of_working_week, workload, workload_dates

URL = reverse("foi_cases:workload")
TODAY = date(2026, 11, 18)


@pytest.fixture
def today(on_day, monkeypatch):
    on_day(TODAY)
    # The case list's "overdue" filter imported services.today by name: fix its today too.
    monkeypatch.setattr(filters, "today", lambda: TODAY)
    return TODAY


def received(day: int, month: int = 11, **kwargs):
    return {"received_on": date(2026, month, day), **kwargs}


@pytest.fixture
def cases(today, officer, officer2, supervisor, body):
    def case(**kwargs):
        return make_case(actor=officer, body=body, **kwargs)

    made = {
        "due_today": case(**received(21, 10, assigned_to=officer)),  # due 18 Nov, 20 working days old
        "overdue": case(**received(20, 10, assigned_to=officer)),  # due 17 Nov, 21 working days old
        "new": case(**received(18, assigned_to=officer)),
        "clarifying": case(**received(11, assigned_to=officer)),  # 5 working days old
        "due_monday": case(**received(26, 10, assigned_to=officer2)),  # due 23 Nov
        "fee": case(**received(10, assigned_to=officer2)),  # 6 working days old
        "closed": case(**received(2, assigned_to=officer2)),
        "unassigned_overdue": case(**received(20, 10)),
        "unassigned_due_friday": case(**received(23, 10)),  # due 20 Nov
    }
    services.clock_event_record(
        case=made["clarifying"], actor=officer, kind="clarification_requested", on=date(2026, 11, 12)
    )
    services.clock_event_record(case=made["fee"], actor=officer2, kind="fee_notice_sent", on=date(2026, 11, 11))
    services.case_close(case=made["closed"], actor=officer2, outcome="granted", responded_on=date(2026, 11, 17))
    return made


def counts(row) -> dict:
    return {key: row[key] for key in row.counts}


def row_for(data, user):
    return next(row for row in data.rows if row.officer == user)


# --- dates ---------------------------------------------------------------------------------------


def test_this_week_ends_on_friday():
    assert end_of_working_week(date(2026, 11, 18)) == date(2026, 11, 20)


def test_on_a_friday_this_week_ends_today():
    assert end_of_working_week(date(2026, 11, 20)) == date(2026, 11, 20)


def test_at_a_weekend_this_week_is_the_coming_one():
    assert end_of_working_week(date(2026, 11, 22)) == date(2026, 11, 27)


def band_of(dates, received_on: date) -> str:
    for band in dates.bands:
        if (band.received_from is None or received_on >= band.received_from) and (
            band.received_to is None or received_on <= band.received_to
        ):
            return band.label
    raise AssertionError(f"no band holds {received_on}")


def band_by_counting(today: date, received_on: date) -> str:
    age = WorkingCalendar.for_regime("foia").working_days_between(received_on, today)
    return next(label for label, fewest, most in BANDS if age >= fewest and (most is None or age <= most))


BANDS = [("0-5", 0, 5), ("6-10", 6, 10), ("11-15", 11, 15), ("16-20", 16, 20), ("over 20", 21, None)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "today",
    [date(2026, 11, 18), date(2026, 11, 21), date(2026, 11, 23), date(2027, 1, 5), date(2026, 4, 7)],
    ids=["a Wednesday", "a Saturday", "a Monday", "after Christmas", "after Easter"],
)
def test_every_receipt_date_falls_in_the_band_of_its_working_days_since_receipt(today):
    dates = workload_dates(on=today)
    for back in range(60):
        received_on = today - timedelta(days=back)
        assert band_of(dates, received_on) == band_by_counting(today, received_on), received_on


@pytest.mark.django_db
@pytest.mark.parametrize(
    "received_on, band",
    [
        (date(2026, 11, 18), "0-5"),
        (date(2026, 11, 11), "0-5"),
        (date(2026, 11, 10), "6-10"),
        (date(2026, 11, 4), "6-10"),
        (date(2026, 11, 3), "11-15"),
        (date(2026, 10, 28), "11-15"),
        (date(2026, 10, 27), "16-20"),
        (date(2026, 10, 21), "16-20"),
        (date(2026, 10, 20), "over 20"),
    ],
)
def test_the_band_boundaries_on_a_wednesday(received_on, band):
    assert band_of(workload_dates(on=TODAY), received_on) == band


# --- counts --------------------------------------------------------------------------------------


def test_an_officers_row_counts_their_open_cases_by_state_deadline_and_age(cases, officer):
    assert counts(row_for(workload(), officer)) == {
        "open": 4,
        "running": 3,
        "awaiting_clarification": 1,
        "awaiting_fee": 0,
        "overdue": 1,
        "due_this_week": 1,
        "due_soon": 1,
        "age_0_5": 2,
        "age_6_10": 0,
        "age_11_15": 0,
        "age_16_20": 1,
        "age_over_20": 1,
    }


def test_another_officers_row_leaves_out_their_closed_case(cases, officer2):
    assert counts(row_for(workload(), officer2)) == {
        "open": 2,
        "running": 1,
        "awaiting_clarification": 0,
        "awaiting_fee": 1,
        "overdue": 0,
        "due_this_week": 0,
        "due_soon": 1,
        "age_0_5": 0,
        "age_6_10": 1,
        "age_11_15": 0,
        "age_16_20": 1,
        "age_over_20": 0,
    }


def test_the_unassigned_row_counts_open_cases_without_an_officer(cases):
    unassigned = workload().unassigned
    assert (unassigned["open"], unassigned["overdue"], unassigned["due_this_week"], unassigned["age_over_20"]) == (
        2,
        1,
        1,
        1,
    )


def test_the_totals_add_up_every_row_and_the_unassigned(cases):
    totals = workload().totals
    assert (totals["open"], totals["overdue"], totals["due_this_week"], totals["due_soon"]) == (8, 2, 2, 3)


def test_officers_with_most_overdue_come_first_then_most_open(cases, officer, officer2, supervisor):
    assert [row.officer for row in workload().rows] == [officer, officer2, supervisor]


def test_a_caseworker_with_no_cases_has_a_row_of_noughts(cases, supervisor):
    assert set(counts(row_for(workload(), supervisor)).values()) <= {0}


def test_cases_of_an_officer_no_longer_active_keep_a_row_of_their_own(cases, officer2):
    officer2.is_active = False
    officer2.save()
    row = row_for(workload(), officer2)
    assert (row["open"], row.listed) == (2, False)


# --- the page --------------------------------------------------------------------------------------


@pytest.fixture
def workload_page(client, supervisor, cases):
    client.force_login(supervisor)
    return client.get(URL)


def test_a_supervisor_sees_a_row_per_officer(workload_page):
    assert [row["name"] for row in workload_page.context["rows"]] == ["Olivia Officer", "Owen Other", "Sam Supervisor"]


def test_a_count_links_to_the_case_list_filtered_to_exactly_those_cases(client, workload_page, cases):
    overdue_cell = workload_page.context["rows"][0]["cells"][4]
    listed = client.get(overdue_cell.url).context["page"].object_list
    assert [case.reference for case in listed] == [cases["overdue"].reference]


def test_the_due_this_week_count_of_the_unassigned_links_to_those_cases(client, workload_page, cases):
    cell = workload_page.context["unassigned"]["cells"][5]
    listed = client.get(cell.url).context["page"].object_list
    assert [case.reference for case in listed] == [cases["unassigned_due_friday"].reference]


def test_an_age_band_count_links_to_the_open_cases_of_that_age(client, workload_page, cases):
    cell = workload_page.context["rows"][0]["cells"][7]  # Olivia's 0-5
    listed = client.get(cell.url).context["page"].object_list
    assert sorted(case.reference for case in listed) == sorted([cases["new"].reference, cases["clarifying"].reference])


def test_a_count_of_nought_is_not_a_link(workload_page):
    supervisor_row = workload_page.context["rows"][2]
    assert {cell.url for cell in supervisor_row["cells"]} == {None}


def test_the_page_says_when_this_week_ends(workload_page):
    assert "Friday 20 November 2026" in workload_page.content.decode()


def test_the_numbers_are_announced_with_what_they_count(workload_page):
    assert '1<span class="visually-hidden"> overdue cases for Olivia Officer</span>' in workload_page.content.decode()


def test_officers_names_are_escaped(client, supervisor, officer, today):
    officer.first_name = "<b>Olivia</b>"
    officer.save()
    client.force_login(supervisor)
    assert "&lt;b&gt;Olivia&lt;/b&gt;" in client.get(URL).content.decode()


def test_an_officer_may_not_see_the_workload(client, officer, today):
    client.force_login(officer)
    assert client.get(URL).status_code == 403


def test_someone_signed_out_is_sent_to_log_in(client, today):
    assert client.get(URL).status_code == 302


def test_the_nav_shows_workload_to_supervisors(client, supervisor, today):
    client.force_login(supervisor)
    assert f'href="{URL}"' in client.get(reverse("foi_cases:dashboard")).content.decode()


def test_the_nav_hides_workload_from_officers(client, officer, today):
    client.force_login(officer)
    assert f'href="{URL}"' not in client.get(reverse("foi_cases:dashboard")).content.decode()


def test_the_counts_take_a_few_queries_however_many_cases(
    client, supervisor, cases, officer, body, django_assert_max_num_queries
):
    for _ in range(10):
        make_case(actor=officer, body=body, received_on=TODAY, assigned_to=officer)
    client.force_login(supervisor)
    # The page's own few, and the menu's (its count of letters awaiting approval takes two).
    with django_assert_max_num_queries(11):
        client.get(URL)
