"""Every public page passes axe-core's WCAG 2.2 AA checks (no serious or critical violations) as an
anonymous visitor sees it in Chromium: the request form (empty, with errors) and its confirmation, the
status lookup (empty, with errors, not found, throttled, a dead link), the status page at each stage a
requester meets (with its forms, their errors and the confirmation after asking for a review), the
disclosure log (empty, with an entry and filters, finding nothing), the letter check with each kind of
answer, and staff sign-in.

Pages are checked in the states that change what they show (error summaries, forms, tables, warnings),
since each state has its own markup. Each test first checks it reached the page it means to check.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from e2e.accessibility import assert_accessible
from foi_cases import portal, services
from foi_cases.deadlines import WorkingCalendar
from foi_cases.tests.factories import make_case
from responses import publication, signing
from responses.tests.publishing import approved_response, send

pytestmark = pytest.mark.django_db(transaction=True)

REASONS = "You withheld the ranks of the officers, but ranks alone do not identify anyone."


@pytest.fixture
def unit(body, other_body):
    """A joint unit serving two bodies, with a contact address (pages then offer email links)."""
    unit = services.unit_get()
    unit.name, unit.email = "Joint Information Rights Unit", "foi@unit.example"
    unit.save()
    return unit


def heading(page):
    return page.get_by_role("heading", level=1)


def open_status_page(page, case):
    page.goto(f"/status/{portal.status_token_issue(case=case)}/")
    expect(heading(page)).to_contain_text(case.reference)


def working_days_ago(days: int):
    return WorkingCalendar.for_regime("foia").add_working_days(services.today(), -days)


# --- the check itself --------------------------------------------------------------------------------


def test_the_check_fails_a_page_with_an_unlabelled_field_naming_the_rule_and_the_element(page):
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><input type="text" id="nameless"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, what="the broken page")
    message = str(failure.value)
    assert "the broken page has 1 serious or critical" in message
    assert "- label (critical): Form elements must have labels" in message
    assert "#nameless" in message


def test_the_check_passes_a_page_with_only_minor_problems(page):
    # A missing main landmark is a best-practice rule, not WCAG: it is not checked.
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Fine</title></head>'
        '<body><h1>Fine</h1><label for="n">Name</label><input type="text" id="n"></body></html>'
    )
    assert_accessible(page)


# --- making a request --------------------------------------------------------------------------------


def test_the_request_form_is_accessible(page, unit):
    page.goto("/request/")
    expect(heading(page)).to_have_text("Make a request for information")
    assert_accessible(page)


def test_the_request_form_with_errors_is_accessible(page, unit):
    page.goto("/request/")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)


def test_the_request_confirmation_page_is_accessible(page, unit, body):
    page.goto("/request/")
    page.get_by_label("Your name").fill("Alex Requester")
    page.get_by_label("Email address").fill("alex@example.org")
    page.get_by_label("Which organisation is your request for?").select_option(label=body.name)
    page.get_by_label("Summary of your request").fill("Speed cameras on the A6")
    page.get_by_role("textbox", name=re.compile(r"^Your request")).fill(
        "1. How many speed cameras are there on the A6?"
    )
    page.get_by_role("button", name="Send request").click()
    expect(heading(page)).to_have_text("Your request has been sent")
    assert_accessible(page)


# --- checking a request ----------------------------------------------------------------------------


def test_the_status_lookup_is_accessible(page, unit):
    page.goto("/status/")
    expect(heading(page)).to_have_text("Check a request")
    assert_accessible(page)


def test_the_status_lookup_with_errors_is_accessible(page, unit):
    page.goto("/status/")
    page.get_by_role("button", name="Check the request").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)


def test_the_status_lookup_that_finds_nothing_is_accessible(page, unit):
    page.goto("/status/")
    page.get_by_label("Reference").fill("FOI2019/99999")
    page.get_by_label("Email address").fill("someone@example.org")
    page.get_by_role("button", name="Check the request").click()
    expect(page.get_by_role("alert")).to_contain_text(portal.NOT_FOUND_MESSAGE)
    assert_accessible(page)


def test_the_page_for_too_many_failed_lookups_is_accessible(page, unit, settings):
    for _ in range(settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS):
        portal.lookup_failure_record(address="127.0.0.1")
    response = page.goto("/status/a-link-tried-once-too-often/")
    assert response.status == 429
    expect(page.get_by_role("alert")).to_contain_text("Too many unsuccessful attempts")
    assert_accessible(page)


def test_the_page_for_a_link_that_does_not_work_is_accessible(page, unit):
    response = page.goto("/status/not-a-real-link-at-all/")
    assert response.status == 404
    expect(heading(page)).to_have_text("This link does not work")
    assert_accessible(page)


def test_the_page_for_a_download_link_that_does_not_work_is_accessible(page, unit):
    response = page.goto("/status/letters/expired-or-cut-short/")
    assert response.status == 404
    expect(heading(page)).to_have_text("This download link does not work")
    assert_accessible(page)


# --- the status page at each stage ---------------------------------------------------------------------


def test_the_status_page_of_a_request_just_received_is_accessible(page, unit, body):
    sent = portal.web_request_submit(
        name="Alex Requester",
        email="alex@example.org",
        address="",
        body=body,
        subject="Speed cameras on the A6",
        request_text="1. How many speed cameras are there on the A6?",
        regime_hint=portal.RegimeHint.UNSURE,
    )
    open_status_page(page, sent.case)
    expect(page.locator(".status-stage").first).to_have_text("Received")
    assert_accessible(page)


def test_the_status_page_of_a_request_awaiting_clarification_is_accessible(page, unit, body, officer):
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_ago(3))
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=services.today())
    open_status_page(page, case)
    expect(page.get_by_role("heading", name="Answer our request for clarification")).to_be_visible()
    assert_accessible(page)


def test_the_status_page_of_a_request_awaiting_a_fee_is_accessible(page, unit, body, officer):
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_ago(3))
    services.clock_event_record(case=case, actor=officer, kind="fee_notice_sent", on=services.today())
    open_status_page(page, case)
    expect(page.get_by_role("heading", name="Pay the fee")).to_be_visible()
    assert_accessible(page)


def test_the_status_page_of_a_withdrawn_request_is_accessible(page, unit, body, officer):
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_ago(3))
    services.case_withdraw(case=case, actor=officer, on=services.today())
    open_status_page(page, case)
    expect(page.locator(".status-stage").first).to_have_text("Closed")
    assert_accessible(page)


def test_the_status_page_of_an_extended_request_is_accessible(page, unit, body, officer):
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_ago(15))
    services.clock_event_record(case=case, actor=officer, kind="extension", on=services.today(), days=20)
    open_status_page(page, case)
    expect(page.locator(".status-stage").first).to_contain_text("Extended to")
    assert_accessible(page)


@pytest.fixture
def responded(officer, supervisor, body):
    """A request answered with a refusal under s40(2): signed, posted, so the case is responded."""
    letter = approved_response(officer=officer, supervisor=supervisor, body=body, received_on=working_days_ago(8))
    send(letter, officer)
    return letter.case


def test_the_status_page_of_an_answered_request_with_its_letter_and_review_form_is_accessible(page, unit, responded):
    open_status_page(page, responded)
    expect(page.get_by_role("link", name="Download the letter (PDF)")).to_have_count(1)
    expect(page.get_by_role("heading", name="Ask for an internal review")).to_be_visible()
    assert_accessible(page)


def test_the_status_page_with_errors_in_the_review_form_is_accessible(page, unit, responded):
    open_status_page(page, responded)
    page.get_by_role("button", name="Ask for an internal review").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)


def test_the_status_page_after_asking_for_a_review_is_accessible(page, unit, responded):
    open_status_page(page, responded)
    page.get_by_label("Why you want a review").fill(REASONS)
    page.get_by_role("button", name="Ask for an internal review").click()
    expect(page.get_by_role("status").first).to_contain_text("We have received your request for an internal review")
    assert_accessible(page)


def test_the_status_page_warning_that_the_time_for_a_review_has_passed_is_accessible(page, unit, body, officer):
    """Answered in January 2020 (outside the system, so no letters): asking now is late."""
    case = make_case(actor=officer, body=body, assigned_to=officer)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    open_status_page(page, case)
    expect(page.locator(".review-late")).to_contain_text("You can still ask")
    assert_accessible(page)


def test_the_status_page_of_a_request_under_internal_review_is_accessible(page, unit, responded):
    portal.review_request_submit(case=responded, reasons=REASONS)
    open_status_page(page, responded)
    expect(page.locator(".status-stage").first).to_have_text("Under internal review")
    expect(page.get_by_role("heading", name="Internal review", exact=True)).to_be_visible()
    assert_accessible(page)


# --- the disclosure log ------------------------------------------------------------------------------


def test_the_empty_disclosure_log_is_accessible(page, unit):
    page.goto("/disclosure-log/")
    expect(heading(page)).to_have_text("Disclosure log")
    expect(page.get_by_text("Nothing has been published yet.")).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def published(officer, supervisor, body):
    """A refusal under s40(2), sent, proposed by the officer and published by the supervisor."""
    letter = approved_response(
        officer=officer,
        supervisor=supervisor,
        body=body,
        subject="Misconduct hearings",
        received_on=working_days_ago(8),
    )
    send(letter, officer)
    entry = publication.publication_propose(letter=letter, actor=officer, title="Misconduct hearings in 2019")
    return publication.publication_publish(
        publication=entry, actor=supervisor, personal_data_removed=True, attachments_checked=True, title=entry.title
    )


def test_the_disclosure_log_with_an_entry_and_filters_applied_is_accessible(page, unit, published):
    page.goto("/disclosure-log/")
    page.get_by_role("textbox", name="Search", exact=True).fill("misconduct")
    page.get_by_label("Outcome").select_option(label=publication.outcome_words(published))
    page.get_by_role("button", name="Search the log").click()
    expect(page).to_have_url(re.compile(r"[?&]q=misconduct"))
    expect(page.get_by_role("heading", name="Misconduct hearings in 2019")).to_be_visible()
    assert_accessible(page)


def test_the_disclosure_log_finding_nothing_is_accessible(page, unit, published):
    page.goto("/disclosure-log/?q=zeppelins")
    expect(page.get_by_text("No published responses match your search.")).to_be_visible()
    assert_accessible(page)


# --- the pages that were public already ------------------------------------------------------------------


def test_the_letter_check_page_is_accessible(page, unit):
    page.goto("/verify/")
    expect(heading(page)).to_be_visible()
    assert_accessible(page)


def check_letter(page, name: str, data: bytes):
    page.goto("/verify/")
    page.get_by_label("Your letter (PDF file)").set_input_files(
        files=[{"name": name, "mimeType": "application/pdf", "buffer": data}]
    )
    page.get_by_role("button", name="Check the letter").click()


def test_the_letter_check_saying_a_letter_is_genuine_is_accessible(page, unit, sample_pdf):
    check_letter(page, "letter.pdf", signing.pdf_sign(sample_pdf, reason="Issued", location=unit.name))
    expect(page.get_by_role("status")).to_contain_text("Genuine")
    assert_accessible(page)


def test_the_letter_check_saying_a_letter_is_not_genuine_is_accessible(page, unit, sample_pdf):
    check_letter(page, "letter.pdf", sample_pdf)
    expect(page.get_by_role("alert")).to_contain_text("Not genuine")
    assert_accessible(page)


def test_the_letter_check_refusing_a_file_that_is_not_a_pdf_is_accessible(page, unit):
    check_letter(page, "letter.pdf", b"Not a PDF at all.")
    expect(page.get_by_role("alert")).to_contain_text("The letter could not be checked")
    assert_accessible(page)


def test_the_staff_sign_in_page_is_accessible(page, unit):
    page.goto("/accounts/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    assert_accessible(page)


def test_the_staff_sign_in_page_with_an_error_is_accessible(page, unit):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_label("Username")).to_be_visible()
    assert_accessible(page)
