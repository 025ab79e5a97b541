"""Finding cases: the dashboard's panels, then the case list's search, filters, sorting and pages."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from e2e.pages import nav
from foi_cases import services
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)


def results_heading(page):
    return page.get_by_role("heading", level=2, name=re.compile(r"cases? found"))


def references(page):
    """The Reference column of the case list, top to bottom (each row's header cell)."""
    return page.get_by_role("table", name=re.compile("Cases matching the filters")).get_by_role("rowheader")


def apply_filters(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()


@pytest.fixture
def register(officer, officer2, body, other_body):
    """Four cases: one long overdue, one unassigned, different regimes, bodies and officers.

    The recent ones were received days ago, so each is due weeks from today: neither due soon
    nor overdue, whatever the date the tests run on.
    """
    today = services.today()
    return {
        "overdue": make_case(
            actor=officer,
            body=body,
            regime="foia",
            received_on=date(2019, 12, 12),
            subject="Facial recognition",
            assigned_to=officer,
        ),
        "roads": make_case(
            actor=officer,
            body=body,
            regime="foisa",
            received_on=today - timedelta(days=6),
            subject="Road repairs",
            request_text="1. How many potholes were reported on the A6 last year?",
            assigned_to=officer2,
        ),
        "air": make_case(
            actor=officer,
            body=other_body,
            regime="eir",
            received_on=today - timedelta(days=3),
            subject="Air quality monitoring",
            request_text="Please send the nitrogen dioxide readings for 2024.",
        ),
        "overtime": make_case(
            actor=officer,
            body=other_body,
            regime="foia",
            received_on=today - timedelta(days=1),
            subject="Overtime payments",
            request_text="What was spent on overtime last year?",
            assigned_to=officer,
        ),
    }


def test_an_officer_sees_an_overdue_case_on_the_dashboard_and_lists_every_overdue_case(login, register):
    overdue = register["overdue"]
    page = login("officer", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")

    # The counts: the officer's two open cases, one overdue, one unassigned, none due within 5 days.
    expect(page.get_by_test_id("count-mine")).to_have_text(re.compile(r"^2\b"))
    expect(page.get_by_test_id("count-due_soon")).to_have_text(re.compile(r"^0\b"))
    expect(page.get_by_test_id("count-overdue")).to_have_text(re.compile(r"^1\b"))
    expect(page.get_by_test_id("count-unassigned")).to_have_text(re.compile(r"^1\b"))
    expect(page.get_by_role("region", name="Due within 5 working days")).to_contain_text("Nothing is due soon.")
    expect(page.get_by_role("region", name="Unassigned")).to_contain_text("Air quality monitoring")

    panel = page.get_by_role("region", name="Overdue")
    row = panel.get_by_role("row", name=overdue.reference)
    expect(row).to_contain_text("Facial recognition")
    expect(row).to_contain_text("15 Jan 2020")
    expect(row).to_contain_text(re.compile(r"Overdue by \d[\d,]* working days"))
    expect(panel.get_by_role("rowheader")).to_have_text([overdue.reference])  # only the overdue case

    panel.get_by_role("link", name="View all 1 overdue in the case list").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    expect(results_heading(page)).to_have_text("1 case found, showing 1–1")
    expect(page.get_by_label("Overdue only")).to_be_checked()
    expect(page.get_by_label("Sort by")).to_have_value("due")
    expect(references(page)).to_have_text([overdue.reference])
    expect(page.get_by_role("row", name=overdue.reference)).to_contain_text("Olivia Officer")


def test_an_officer_finds_a_case_by_a_word_of_its_request_and_by_its_reference(login, register):
    page = login("officer", PASSWORD)
    nav(page, "Cases")
    expect(results_heading(page)).to_have_text("4 cases found, showing 1–4")

    search = page.get_by_label("Search reference, subject and request text")
    search.fill("potholes")  # only in the request text, not the subject
    apply_filters(page)
    expect(results_heading(page)).to_have_text("1 case found, showing 1–1")
    expect(references(page)).to_have_text([register["roads"].reference])
    expect(page.get_by_role("row", name=register["roads"].reference)).to_contain_text("Road repairs")

    search.fill(register["air"].reference)
    apply_filters(page)
    expect(results_heading(page)).to_have_text("1 case found, showing 1–1")
    expect(references(page)).to_have_text([register["air"].reference])
    expect(page.get_by_role("row", name=register["air"].reference)).to_contain_text("Unassigned")

    search.fill("no such words anywhere")
    apply_filters(page)
    expect(results_heading(page)).to_have_text("0 cases found")
    expect(page.get_by_text("No cases match these filters.")).to_be_visible()


def test_an_officer_filters_the_list_by_regime_and_sorts_it_by_due_date(login, register):
    page = login("officer", PASSWORD)
    nav(page, "Cases")
    # Newest received first until asked otherwise.
    expect(references(page)).to_have_text([register[key].reference for key in ("overtime", "air", "roads", "overdue")])

    page.get_by_role("checkbox", name="FOISA", exact=True).check()
    apply_filters(page)
    expect(results_heading(page)).to_have_text("1 case found, showing 1–1")
    expect(references(page)).to_have_text([register["roads"].reference])
    expect(page.get_by_role("cell", name="FOISA", exact=True)).to_be_visible()

    page.get_by_role("checkbox", name="FOISA", exact=True).uncheck()
    page.get_by_role("checkbox", name="FOIA", exact=True).check()
    page.get_by_label("Sort by").select_option(label="Due date, soonest first")
    apply_filters(page)
    expect(results_heading(page)).to_have_text("2 cases found, showing 1–2")
    expect(references(page)).to_have_text([register["overdue"].reference, register["overtime"].reference])

    page.get_by_role("checkbox", name="FOIA", exact=True).uncheck()
    apply_filters(page)
    by_due = sorted(register.values(), key=lambda case: (case.due_on, case.pk))
    assert by_due[0] == register["overdue"]
    expect(references(page)).to_have_text([case.reference for case in by_due])


def test_an_officer_pages_through_more_than_25_cases(login, officer, body):
    cases = [
        make_case(actor=officer, body=body, received_on=date(2019, 12, 2), subject=f"Bulk request {n}")
        for n in range(1, 31)
    ]
    page = login("officer", PASSWORD)
    nav(page, "Cases")
    expect(results_heading(page)).to_have_text("30 cases found, showing 1–25")
    expect(references(page)).to_have_count(25)
    pages = page.get_by_role("navigation", name="Pages of results")
    expect(pages).to_contain_text("Page 1 of 2")
    expect(pages.get_by_role("link", name="Previous")).to_have_count(0)

    pages.get_by_role("link", name="Next").click()

    expect(results_heading(page)).to_have_text("30 cases found, showing 26–30")
    expect(pages).to_contain_text("Page 2 of 2")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)
    # Same day received: newest first means the highest id first, so page 2 holds the first five logged.
    expect(references(page)).to_have_text([case.reference for case in reversed(cases[:5])])
    expect(page).to_have_url(re.compile(r"[?&]page=2\b"))
