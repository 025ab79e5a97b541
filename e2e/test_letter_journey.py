"""A response letter from draft to approval in a real browser: an officer drafts an NCND letter under
s24(2) and s31(3), cannot approve it themselves, a supervisor returns it with a comment, the officer
edits and resubmits, and the supervisor approves it, readying the case to send.

Set E2E_SHOTS to a directory to keep screenshots of the case, edit and letter pages for review.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from e2e.pages import facial_recognition_case, fill_gaps, force_post, log_out, nav, shot
from foi_cases.tests.factories import PASSWORD
from responses.models import Letter

pytestmark = pytest.mark.django_db(transaction=True)

SELF_APPROVAL = "You drafted or edited this letter, so you cannot approve it"


@pytest.fixture
def case(officer, body):
    return facial_recognition_case(officer, body)


def status(page):
    return page.locator(".letter-facts")


def test_an_ncnd_letter_is_drafted_returned_corrected_and_approved(login, case, officer, supervisor):
    # The officer drafts the letter from the case page.
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    letters = page.get_by_role("region", name="Letters")
    expect(letters).to_contain_text("No letters yet.")
    letters.get_by_role("radio", name="Neither confirm nor deny").check()
    letters.get_by_label("s24(2) National security (NCND)").check()
    letters.get_by_label("s31(3) Law enforcement (NCND)").check()
    shot(page, "case-start-letter")
    letters.get_by_role("button", name="Start the letter").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the neither confirm nor deny letter")
    expect(page.get_by_role("group", name="Section 24(2) National security")).to_be_visible()
    expect(page.get_by_role("group", name="Section 31(3) Law enforcement")).to_be_visible()
    shot(page, "letter-edit")

    # Saving with gaps left is allowed; submitting is not.
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("region", name=re.compile("Before you submit"))).to_be_visible()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("alert")).to_contain_text("Not submitted:")
    expect(status(page)).to_contain_text("Draft")

    page.get_by_role("link", name="Edit the letter").click()
    fill_gaps(page)
    page.get_by_role("button", name="Save and preview").click()
    expect(page.get_by_role("status")).to_contain_text("Saved the letter.")
    expect(page.get_by_role("heading", name="Complete: ready to submit for approval")).to_be_visible()
    expect(page.locator(".letter-document")).to_contain_text("Section 24(2) National security")
    expect(page.locator(".letter-document")).not_to_contain_text("[[")
    shot(page, "letter-page")
    page.get_by_role("button", name="Submit for approval").click()
    expect(status(page)).to_contain_text("Awaiting approval")

    # The drafter is offered no approval, and a forced one is refused.
    letter = Letter.objects.get()
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)
    force_post(page, reverse("responses:letter_approve", args=[letter.pk]))
    expect(page.get_by_role("alert")).to_contain_text(SELF_APPROVAL)
    expect(status(page)).to_contain_text("Awaiting approval")
    log_out(page)

    # The supervisor finds it in the queue and returns it with a comment.
    page = login("supervisor", PASSWORD)
    nav(page, "Approvals")
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters awaiting approval")
    shot(page, "approval-queue")
    page.get_by_role("link", name=case.reference).click()
    shot(page, "letter-decide")
    page.get_by_label("What needs to change").fill("Say more about the harm under section 31(3).")
    page.get_by_role("button", name="Return with comments").click()
    expect(page.get_by_role("status")).to_contain_text("Returned to the drafter with your comments.")
    log_out(page)

    # The officer sees the comment, edits and resubmits.
    page = login("officer", PASSWORD)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("region", name="Letters").get_by_role("link", name="Neither confirm nor deny").click()
    returned = page.get_by_role("region", name="Returned for changes")
    expect(returned).to_contain_text("Say more about the harm under section 31(3).")
    page.get_by_role("link", name="Edit the letter").click()
    harm = page.get_by_role("group", name="Section 31(3) Law enforcement").get_by_label(
        "Harm in confirming or denying that information is held"
    )
    harm.fill(harm.input_value() + "\n\nConfirming or denying would also reveal which tactics are in use.")
    page.get_by_role("button", name="Save and preview").click()
    expect(page.locator(".letter-document")).to_contain_text("which tactics are in use")
    page.get_by_role("button", name="Submit for approval").click()
    expect(status(page)).to_contain_text("Awaiting approval")
    log_out(page)

    # The supervisor approves; the case is ready to send.
    page = login("supervisor", PASSWORD)
    nav(page, "Approvals")
    page.get_by_role("link", name=case.reference).click()
    page.get_by_label("Comment (optional)").fill("Thank you: approved.")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(f"{case.reference} is now: Approved, ready to send.")
    expect(status(page)).to_contain_text("Approved")
    page.get_by_role("link", name=case.reference).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(case.reference)
    expect(page.locator(".status-badge").first).to_have_text("Approved, ready to send")
    expect(page.get_by_role("region", name="Timeline")).to_contain_text("letter (version 1) approved")
