"""The unit administrator's screens (/admin/): reference format, bank holidays, public bodies, who gets in."""

import json
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from e2e.pages import fill_new_request, nav
from foi_cases import services
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)


def open_admin(login):
    page = login("admin", PASSWORD)
    nav(page, "Unit administration")
    expect(page).to_have_title(re.compile("Information rights administration"))
    return page


def admin_message(page):
    return page.locator("ul.messagelist")


def test_the_administrator_changes_the_reference_format_and_the_next_case_follows_it(
    login, administrator, officer, body
):
    page = open_admin(login)
    page.get_by_role("link", name="Units", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change unit")

    page.get_by_label("Reference format").fill("{number:06d}.{prefix}.{yy}")
    # The preview follows the typing, before anything is saved.
    yy = f"{services.today().year % 100:02d}"
    expect(page.locator("#reference-preview")).to_have_text(f"Next reference would look like: 000001.FOI.{yy}")
    page.get_by_role("button", name="Save", exact=True).click()

    # Saved, and back on the unit's settings (the only unit: its list leads straight to it).
    expect(admin_message(page)).to_contain_text("was changed successfully")
    expect(page.get_by_label("Reference format")).to_have_value("{number:06d}.{prefix}.{yy}")

    page = login("officer", PASSWORD)
    nav(page, "New request")
    fill_new_request(
        page, received="2022-05-10", subject="Drone flights", text="How many drone flights were made in 2021?"
    )
    page.get_by_role("button", name="Log request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("000001.FOI.22")
    # 20 working days, skipping the Platinum Jubilee bank holidays of 2 and 3 June 2022.
    expect(page.get_by_role("status")).to_contain_text("Logged 000001.FOI.22, due 9 June 2022")


def test_an_imported_bank_holiday_moves_an_open_scottish_cases_due_date(login, administrator, officer, body, tmp_path):
    # FOISA, received Thursday 12 December 2019: 20 working days in Scotland end Wednesday 15 January
    # 2020. A new Scottish holiday on Tuesday 7 January 2020 falls inside the count: one day later.
    case = make_case(actor=officer, body=body, regime="foisa", received_on=date(2019, 12, 12), subject="Ferries")
    assert case.due_on == date(2020, 1, 15)
    extra = {"title": "Extra holiday", "date": "2020-01-07", "notes": "", "bunting": True}
    holidays = tmp_path / "bank-holidays.json"
    holidays.write_text(json.dumps({"scotland": {"division": "scotland", "events": [extra]}}))

    page = open_admin(login)
    page.goto(f"/cases/{case.pk}/")
    expect(page.get_by_role("region", name="Deadline")).to_contain_text("Due Wednesday 15 January 2020")

    page.goto("/admin/")
    page.get_by_role("link", name="Extra bank holidays").click()
    page.get_by_role("link", name="Import gov.uk bank-holidays.json").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import gov.uk bank-holidays.json")
    page.get_by_label("bank-holidays.json").set_input_files(holidays)
    page.get_by_role("button", name="Import").click()

    expect(admin_message(page)).to_contain_text(
        "Added 1 bank holiday; 0 days already known. Open cases' due dates are being recomputed."
    )
    expect(page.locator("#added-holidays")).to_have_text("Tuesday 7 January 2020: Extra holiday (Scotland)")

    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Extra bank holidays").click()
    listed = page.get_by_role("row", name="Extra holiday")
    expect(listed).to_contain_text("7 Jan 2020")
    expect(listed).to_contain_text("Scotland")

    page.goto(f"/cases/{case.pk}/")
    deadline = page.get_by_role("region", name="Deadline")
    expect(deadline).to_contain_text("Due Thursday 16 January 2020")
    page.locator("summary", has_text="How this deadline was counted").click()
    skipped = deadline.get_by_role("table", name="Days not counted")
    expect(skipped.get_by_role("row", name="Tue 7 Jan 2020")).to_contain_text("Bank holiday (Scotland): Extra holiday")
    # The stored due date the lists use was recomputed too (by the refresh task, run eagerly here).
    page.goto(f"/cases/list/?q={case.reference}")
    expect(page.get_by_role("row", name=case.reference)).to_contain_text("16 Jan 2020")


def test_an_officer_cannot_get_into_the_administration(login, officer):
    page = login("officer", PASSWORD)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Unit administration")).to_have_count(0)

    page.goto("/admin/")

    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/$"))
    refusal = "You are authenticated as officer, but are not authorized to access this page."
    expect(page.get_by_text(refusal)).to_be_visible()
    expect(page.get_by_role("link", name="Units")).to_have_count(0)


def test_the_administrator_adds_a_public_body(login, administrator, body):
    page = open_admin(login)
    page.get_by_role("link", name="Public bodies").click()
    page.get_by_role("link", name="Add public body").click()
    page.get_by_label("Name:", exact=True).fill("Thames Valley Police")
    page.get_by_label("Short name").fill("TVP")
    page.get_by_label("Email").fill("foi@thamesvalley.example")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(admin_message(page)).to_contain_text("was added successfully")
    expect(page.get_by_role("row", name="Thames Valley Police")).to_contain_text("TVP")

    # Staff logging a request can now choose it.
    page.goto("/cases/new/")
    expect(page.get_by_label("Public body").get_by_role("option", name="Thames Valley Police")).to_be_attached()
