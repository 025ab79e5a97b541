"""An officer's journey through the staff screens in a real browser (Chromium)."""

import pytest
from playwright.sync_api import expect

from e2e.pages import fill_new_request, nav
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)


def open_action(page, title):
    """Case page actions sit in <details> disclosures: open one by its summary."""
    page.locator("summary", has_text=title).click()


def test_an_officer_logs_a_request_and_moves_its_clock(login, officer, body):
    page = login("officer", PASSWORD)
    nav(page, "New request")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log a new request")

    fill_new_request(
        page,
        received="2019-12-12",
        subject="Facial recognition",
        text="1. When did you start?\n2. How much did it cost?",
    )
    expect(page.get_by_label("Public body")).to_have_value(str(body.pk))
    page.get_by_role("button", name="Log request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("FOI2019/00001")
    expect(page.get_by_role("status")).to_contain_text("Logged FOI2019/00001, due 15 January 2020")
    deadline = page.get_by_role("region", name="Deadline")
    expect(deadline).to_contain_text("Due Wednesday 15 January 2020")

    open_action(page, "Request clarification")
    page.get_by_label("Date clarification was requested").fill("2019-12-16")
    page.get_by_role("button", name="Record clarification request").click()
    expect(deadline).to_contain_text("Clock stopped: awaiting clarification (2 working days used)")

    open_action(page, "Clarification received")
    page.get_by_label("Date clarification was received").fill("2020-01-06")
    page.get_by_role("button", name="Record clarification received").click()

    # 20 working days after Monday 6 January 2020 (no bank holidays after 2 January).
    expect(deadline).to_contain_text("Due Monday 3 February 2020")
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Clarification received on 6 January 2020; now due 3 February 2020.")


def test_the_calculator_explains_a_scottish_deadline(login, officer):
    page = login("officer", PASSWORD)
    nav(page, "Deadline calculator")

    page.get_by_label("Regime").select_option("foisa")
    page.get_by_label("Date received").fill("2019-12-12")
    page.get_by_role("button", name="Calculate").click()

    expect(page.get_by_role("region", name="Deadline")).to_contain_text("Due Wednesday 15 January 2020")
    page.locator("summary", has_text="How this deadline was counted").click()
    skipped = page.get_by_role("table", name="Days not counted")
    expect(skipped.get_by_role("row", name="Thu 2 Jan 2020")).to_contain_text(
        "Bank holiday (Scotland): New Year Holiday"
    )


def test_the_calculator_puts_an_impossible_fee_date_on_the_fee_field(login, officer):
    page = login("officer", PASSWORD)
    nav(page, "Deadline calculator")
    page.get_by_label("Date received").fill("2019-12-12")
    page.get_by_label("Fee received on").fill("2019-12-18")
    page.get_by_role("button", name="Calculate").click()
    expect(page.get_by_label("Fee received on")).to_have_class("dateinput form-control is-invalid")
    expect(page.get_by_text("A fee can only be received after a fees notice has been given.")).to_be_visible()


def test_the_requester_is_hidden_until_an_officer_reveals_them(login, officer, body):
    case = make_case(actor=officer, body=body, name="Zebedee Quillfeather", email="zebedee.q@example.org")
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{case.pk}/")

    requester = page.get_by_role("region", name="Requester", exact=True)
    expect(requester).to_contain_text("Hidden: requests are handled applicant blind.")
    expect(page.locator("body")).not_to_contain_text("Quillfeather")

    with page.expect_navigation():
        requester.get_by_role("button", name="Show requester details").click()

    requester = page.get_by_role("region", name="Requester", exact=True)
    expect(requester).to_contain_text("Zebedee Quillfeather")
    expect(requester.get_by_role("link", name="zebedee.q@example.org")).to_have_attribute(
        "href", "mailto:zebedee.q@example.org"
    )
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Requester's identity revealed on the case page.")

    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_role("region", name="Requester", exact=True)).to_contain_text("Hidden")
    expect(page.locator("body")).not_to_contain_text("Quillfeather")
