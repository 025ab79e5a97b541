"""The requester's journey in a real browser, without an account: make a request on the public
form, open the private link from the acknowledgement email, see the due date; an officer drafts
the response and a supervisor approves it, and it is emailed; the requester downloads the signed
letter from the status page and asks for an internal review.

Set E2E_SHOTS to a directory to keep screenshots of the requester's pages for review.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from e2e.pages import log_out, shot
from e2e.test_pdf_journey import approve_from_the_queue, draft_and_submit_ncnd_letter, pdf_panel
from foi_cases import portal, services
from foi_cases.models import Case
from foi_cases.tests.factories import PASSWORD, BodyFactory
from responses import signing
from responses.tests.documents import flat, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTER = {"name": "Robin Fairweather", "email": "robin.fairweather@example.net"}


@pytest.fixture
def unit_with_a_mailbox():
    unit = services.unit_get()
    unit.name, unit.email = "Information Rights", "foi@unit.example"
    unit.save()
    return unit


def status_path_from(message) -> str:
    """The private link in the acknowledgement email, as a path on the test server."""
    url = re.search(r"https?://\S+/status/\S+/", message.body).group(0)
    return urlsplit(url).path


def make_the_request(page, live_server):
    page.goto(live_server.url + "/request/")
    page.get_by_label("Your name").fill(REQUESTER["name"])
    page.get_by_label("Email address").fill(REQUESTER["email"])
    page.get_by_label("Summary of your request").fill("Facial recognition cameras")
    page.locator("#id_request_text").fill(
        "1. When did you start using live facial recognition?\n2. How much has it cost?"
    )
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your request has been sent")


def test_a_requester_follows_a_request_from_the_web_form_to_an_internal_review(
    page, live_server, login, officer, supervisor, unit_with_a_mailbox, tmp_path
):
    BodyFactory(name="Bedfordshire Police")
    make_the_request(page, live_server)
    case = Case.objects.get(requester__email=REQUESTER["email"])
    expect(page.get_by_role("main")).to_contain_text(case.reference)
    shot(page, "portal-request-sent")

    # The acknowledgement: the reference, the dates and a private link.
    [acknowledgement] = [m for m in mail.outbox if m.to == [REQUESTER["email"]]]
    assert case.reference in acknowledgement.subject
    due = case.due_on.strftime("%-d %B %Y")
    assert due in acknowledgement.body
    status_path = status_path_from(acknowledgement)

    # A new browser context: the requester opens the link from their mail program.
    requester = page.context.browser.new_context(base_url=live_server.url, accept_downloads=True)
    requester_page = requester.new_page()
    requester_page.goto(status_path)
    expect(requester_page.get_by_role("heading", level=1)).to_have_text(f"Your request {case.reference}")
    summary = requester_page.locator(".status-summary").first
    expect(summary).to_contain_text("Received")
    expect(summary).to_contain_text(f"Due date {due}")
    shot(requester_page, "portal-status-received")

    # The unit answers: the officer drafts, the supervisor approves, the officer emails it.
    staff = login("officer", PASSWORD)
    draft_and_submit_ncnd_letter(staff, case)
    log_out(staff)
    staff = login("supervisor", PASSWORD)
    approve_from_the_queue(staff, case)
    log_out(staff)
    staff = login("officer", PASSWORD)
    staff.goto(f"/cases/{case.pk}/")
    staff.get_by_role("region", name="Letters").get_by_role("link", name="Neither confirm nor deny").click()
    pdf_panel(staff).get_by_role("button", name="Email it to the requester").click()
    expect(staff.get_by_role("status")).to_contain_text(f"{case.reference} is now responded")

    # The requester sees the response and downloads the signed letter.
    requester_page.reload()
    expect(requester_page.locator(".status-stage").first).to_have_text("Response sent")
    letters = requester_page.get_by_role("region", name="Letters we have sent you")
    expect(letters).to_contain_text("Response to your request")
    with requester_page.expect_download() as started:
        letters.get_by_role("link", name=re.compile("Download the letter")).first.click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)
    data = saved.read_bytes()
    assert case.reference in flat(pdf_text(data))
    assert signing.pdf_verify(data).genuine
    # The page names the letter's signatory (the drafting officer), and no other member of staff.
    expect(letters).to_contain_text(officer.get_full_name())
    expect(requester_page.get_by_role("main")).not_to_contain_text(supervisor.get_full_name())
    shot(requester_page, "portal-status-responded")

    # ... and asks for an internal review, which gets its own reference and clock.
    requester_page.get_by_label("Why you want a review").fill("You should at least confirm whether you use it.")
    requester_page.get_by_role("button", name="Ask for an internal review").click()
    review = Case.objects.get(review_of=case)
    expect(requester_page.locator(".status-stage").first).to_have_text("Under internal review")
    expect(requester_page.get_by_role("main")).to_contain_text(review.reference)
    expect(requester_page.get_by_role("main")).to_contain_text(review.due_on.strftime("%-d %B %Y"))
    shot(requester_page, "portal-status-under-review")
    assert review.due_on == services.case_deadline(review).due
    assert any(review.reference in m.subject for m in mail.outbox if m.to == ["foi@unit.example"])
    assert portal.public_status(Case.objects.get(pk=case.pk)).stage == portal.Stage.UNDER_REVIEW
    requester.close()
