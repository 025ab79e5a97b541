"""An internal review from logging to its outcome in a real browser: the request was answered with an
NCND letter drafted by the officer and approved by the supervisor; the requester asked for a review.
The original officer is not offered as the review's officer, so it goes to a second officer, who drafts
the outcome letter with a finding on each exemption; a supervisor who took no part approves it, the
signed PDF is made, and the reviewer records it as posted: the review is closed, upheld in part.

Set E2E_SHOTS to a directory to keep screenshots of the review's pages for review.
"""

import re

import pytest
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from e2e.pages import facial_recognition_case, fill_gaps, log_out, nav, shot
from foi_cases import services as case_services
from foi_cases.tests.factories import PASSWORD
from responses import services
from responses.tests.conftest import complete

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def review(officer, supervisor, body):
    """The NCND response, sent today, and the requester's request for a review, logged today."""
    case = facial_recognition_case(officer, body)
    letter = services.letter_create(case=case, actor=officer, kind="ncnd", codes=("s24(2)", "s31(3)"))
    services.letter_submit(letter=complete(letter, officer), actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    today = case_services.today()
    case_services.case_close(case=case, actor=officer, outcome="ncnd", responded_on=today)
    return case_services.review_log(
        case=case, actor=officer, received_on=today, channel="email", reasons="You did not search the 2018 files."
    )


@pytest.fixture
def supervisor2():
    from foi_cases.tests.factories import UserFactory

    return UserFactory(username="supervisor2", role="Supervisor", first_name="Sue", last_name="Second")


def assign(page, name: str):
    card = page.get_by_role("region", name="Assigned officer")
    card.get_by_label("Officer").select_option(label=name)
    card.get_by_role("button", name="Assign").click()


def finding(page, legend: str):
    return page.get_by_role("group", name=legend)


def test_a_review_is_assigned_decided_approved_and_sent(login, review, officer, officer2, supervisor, supervisor2):
    original = review.review_of

    # The supervisor cannot give the review to the officer who answered the request; a second officer takes it.
    page = login("supervisor", PASSWORD)
    page.goto(f"/cases/{review.pk}/")
    under_review = page.get_by_role("region", name="Decision under review")
    expect(under_review).to_contain_text(f"Internal review of {original.reference}")
    expect(under_review).to_contain_text("Section 24(2) National security")
    assigned = page.get_by_role("region", name="Assigned officer")
    expect(assigned.get_by_label("Officer").locator("option", has_text="Olivia Officer")).to_have_count(0)
    expect(assigned).to_contain_text("People involved in the original decision are not listed.")
    assign(page, "Owen Other")
    expect(page.get_by_role("status")).to_contain_text("Assigned to Owen Other.")
    log_out(page)

    # The reviewer drafts the outcome letter and sets a finding on each exemption.
    page = login("officer2", PASSWORD)
    page.goto(f"/cases/{review.pk}/")
    letters = page.get_by_role("region", name="Letters")
    letters.get_by_role("radio", name="Internal review outcome").check()
    letters.get_by_role("button", name="Start the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the internal review outcome letter")
    fill_gaps(page)
    upheld = finding(page, "s24(2) National security")
    upheld.get_by_label("Finding").select_option("Upheld")
    upheld.get_by_label("Reasons").fill("Confirming or denying would still harm national security.")
    overturned = finding(page, "s31(3) Law enforcement")
    overturned.get_by_label("Finding").select_option("Overturned")
    overturned.get_by_label("Reasons").fill("Confirming that the force holds the information would not prejudice it.")
    assert_accessible(page, what="the outcome letter's edit page")
    shot(page, "review-outcome-edit")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("heading", name="Complete: ready to submit for approval")).to_be_visible()
    document = page.locator(".letter-document")
    expect(document).to_contain_text(f"Your request {original.reference} of 12 December 2019")
    expect(document).to_contain_text("Section 31(3) Law enforcement")
    expect(document).to_contain_text("Outcome of the review: Upheld in part.")
    expect(document).not_to_contain_text("Your right to ask for an internal review")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.locator(".letter-facts")).to_contain_text("Awaiting approval")
    log_out(page)

    # A supervisor who took no part approves it; the PDF is signed.
    page = login("supervisor2", PASSWORD)
    nav(page, "Approvals")
    page.get_by_role("link", name=review.reference).click()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{review.reference} is now: Approved, ready to send.")
    expect(page.get_by_role("region", name="Signed PDF")).to_contain_text("Ready: signed with the unit's certificate.")
    log_out(page)

    # The reviewer posts it; the review is closed with its outcome.
    page = login("officer2", PASSWORD)
    page.goto(f"/cases/{review.pk}/")
    page.get_by_role("region", name="Letters").get_by_role("link", name="Internal review outcome").click()
    page.get_by_role("region", name="Signed PDF").get_by_role("button", name="Record as posted").click()
    expect(page.get_by_role("status")).to_contain_text(
        re.compile(rf"Recorded as posted on .*{review.reference} is now responded")
    )
    page.goto(f"/cases/{review.pk}/")
    expect(page.locator(".status-badge").first).to_have_text("Responded")
    expect(page.get_by_text("Outcome: Review: upheld in part")).to_be_visible()
    expect(page.get_by_role("region", name="Decision under review")).to_contain_text(
        "the information must now be released"
    )
    shot(page, "review-closed")
    page.get_by_role("region", name="Decision under review").get_by_role("link", name=original.reference).click()
    reviews = page.get_by_role("region", name="Internal reviews")
    expect(reviews).to_contain_text("Review: upheld in part")
    expect(reviews).to_contain_text("This case is not reopened automatically.")
