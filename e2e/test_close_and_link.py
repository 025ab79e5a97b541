"""Answering cases together, closing them in time or late, and reopening a closed case."""

from datetime import date

import pytest
from playwright.sync_api import expect

from foi_cases import services
from foi_cases.tests.factories import PASSWORD, make_case

pytestmark = pytest.mark.django_db(transaction=True)

# Both received Thursday 12 December 2019 under FOIA: due Wednesday 15 January 2020.
RECEIVED = date(2019, 12, 12)


@pytest.fixture
def first(officer, body):
    return make_case(actor=officer, body=body, received_on=RECEIVED, subject="Facial recognition")


@pytest.fixture
def second(officer, body, first):
    return make_case(actor=officer, body=body, received_on=RECEIVED, subject="Facial recognition costs")


@pytest.fixture
def closed_case(officer, first):
    return services.case_close(case=first, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


def open_action(page, title):
    """Case page actions sit in <details> disclosures: open one by its summary."""
    page.locator("summary", has_text=title).click()


def action(page, title):
    """The open <details> of one action, so its button is found there and nowhere else."""
    return page.locator("details", has=page.locator("summary", has_text=title))


def close_case(page, outcome, responded_on):
    open_action(page, "Close with a response")
    form = action(page, "Close with a response")
    form.get_by_label("Outcome").select_option(label=outcome)
    form.get_by_label("Date of response").fill(responded_on)
    form.get_by_role("button", name="Close the case").click()


def test_an_officer_answers_two_cases_together_and_closes_one_in_time(login, first, second):
    assert (first.reference, second.reference) == ("FOI2019/00001", "FOI2019/00002")
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{first.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("FOI2019/00001")
    links = page.get_by_role("region", name="Linked cases")
    expect(links).to_contain_text("None.")

    open_action(page, "Add a case answered together")
    link_form = action(page, "Add a case answered together")
    link_form.get_by_label("Reference of a case answered together with this one").fill("FOI2019/00002")
    link_form.get_by_role("button", name="Add link").click()

    expect(page.get_by_role("status")).to_contain_text("FOI2019/00002 is now answered together with FOI2019/00001.")
    expect(page.get_by_text("Answered together. Our ref:")).to_have_text(
        "Answered together. Our ref: FOI2019/00001 & FOI2019/00002"
    )
    expect(links.get_by_role("link", name="FOI2019/00002")).to_be_visible()

    close_case(page, "Granted in full", "2020-01-10")

    expect(page.get_by_role("status")).to_contain_text("Closed FOI2019/00001: Granted in full. Answered in time.")
    deadline = page.get_by_role("region", name="Deadline")
    expect(deadline).to_contain_text("Answered in time (responded 10 January 2020)")
    expect(page.get_by_text("Outcome: Granted in full")).to_be_visible()
    expect(page.get_by_role("region", name="Case details")).to_contain_text("Granted in full, 10 January 2020")
    # Closed: no more closing, and no editing until it is reopened.
    expect(page.locator("summary", has_text="Close with a response")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit details")).to_have_count(0)


def test_a_case_answered_after_its_due_date_is_shown_as_late(login, first, second):
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{second.pk}/")
    expect(page.get_by_role("region", name="Deadline")).to_contain_text("Due Wednesday 15 January 2020")

    close_case(page, "Information not held", "2020-01-20")

    expect(page.get_by_role("status")).to_contain_text(
        "Closed FOI2019/00002: Information not held. Answered late (deadline was Wednesday 15 January 2020)."
    )
    expect(page.get_by_role("region", name="Deadline")).to_contain_text(
        "Answered late (deadline was Wednesday 15 January 2020) (responded 20 January 2020)"
    )
    expect(page.get_by_role("region", name="Timeline")).to_contain_text(
        "Closed: Information not held on 20 January 2020. Late: the deadline was 15 January 2020."
    )


def test_a_supervisor_reopens_a_closed_case_giving_a_reason(login, supervisor, closed_case):
    page = login("supervisor", PASSWORD)
    page.goto(f"/cases/{closed_case.pk}/")
    expect(page.get_by_role("region", name="Deadline")).to_contain_text("Answered in time")
    expect(page.get_by_text("Responded", exact=True)).to_be_visible()  # the status badge

    open_action(page, "Reopen the case")
    reopen = action(page, "Reopen the case")
    reopen.get_by_label("Why is it being reopened?").fill("The requester says question 2 was not answered.")
    reopen.get_by_role("button", name="Reopen the case").click()

    expect(page.get_by_role("status")).to_contain_text("Reopened FOI2019/00001. Now due 15 January 2020.")
    expect(page.get_by_text("Open: clock running", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name="Timeline")).to_contain_text(
        "Reopened. Reason: The requester says question 2 was not answered."
    )
    expect(page.locator("summary", has_text="Close with a response")).to_be_visible()
    expect(page.locator("summary", has_text="Reopen the case")).to_have_count(0)


def test_an_officer_is_not_offered_reopening_a_closed_case(login, closed_case):
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{closed_case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("FOI2019/00001")
    expect(page.get_by_role("region", name="Deadline")).to_contain_text("Answered in time")

    expect(page.locator("summary", has_text="Reopen the case")).to_have_count(0)
    expect(page.get_by_role("region", name="Record on this case")).to_have_count(0)
