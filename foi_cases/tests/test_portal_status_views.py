"""The requester's status page, by private link (/status/<token>/) or after a lookup (/status/case/):
what it shows, what it never shows, the letters and their downloads, and asking for a review or
answering a clarification from it."""

import re
import time
from datetime import date
from types import SimpleNamespace

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.models import Case, RequesterMessage
from foi_cases.tests.factories import make_case
from responses import issuing
from responses import services as letter_services
from responses.models import Letter, LetterPdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(officer, body):
    """A FOIA request received on 12 December 2019, due 15 January 2020, nobody assigned yet."""
    return make_case(actor=officer, body=body)


@pytest.fixture
def other(officer, body):
    """Someone else's request."""
    return make_case(actor=officer, body=body, subject="Speed cameras", email="bea@example.net", name="Bea Other")


def link(case) -> str:
    return reverse("status:page", args=[portal.status_token_issue(case=case)])


def text_of(response) -> str:
    return response.content.decode()


def sent(letter, actor):
    issuing.letter_send(letter=letter, actor=actor, method="email")
    return letter


def looked_up(client, case, email="alex@example.org"):
    """The client after finding the case by its reference and email address."""
    response = client.post(reverse("status:lookup"), {"reference": case.reference, "email": email})
    assert response.status_code == 302
    return client


# --- reaching the page ------------------------------------------------------------------------------


def test_the_private_link_opens_the_case_it_was_issued_for(client, requested):
    response = client.get(link(requested))
    assert response.status_code == 200
    assert f"Your request {requested.reference}" in text_of(response)


def test_one_requesters_link_shows_only_their_own_case(client, requested, other):
    html = text_of(client.get(link(requested)))
    assert requested.reference in html
    assert other.reference not in html


def test_an_unknown_link_is_not_found_and_offers_the_lookup(client, requested):
    response = client.get(reverse("status:page", args=["x" * 43]))
    assert response.status_code == 404
    assert "This link does not work" in text_of(response)
    assert "may have been cancelled" in text_of(response)
    assert 'name="reference"' in text_of(response)


def test_a_revoked_link_is_not_found(client, requested, officer):
    url = link(requested)
    portal.status_tokens_revoke(case=requested, actor=officer)
    assert client.get(url).status_code == 404


def test_unknown_links_count_against_the_address_until_further_guesses_get_429(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for attempt in range(3):
        assert client.get(reverse("status:page", args=[f"guess-{attempt}"])).status_code == 404

    response = client.get(reverse("status:page", args=["guess-3"]))
    assert response.status_code == 429
    assert portal.THROTTLED_MESSAGE in text_of(response)
    assert response["Retry-After"] == str(portal.THROTTLE_WINDOW_SECONDS)


def test_a_live_link_still_opens_from_an_address_that_has_been_throttled(client, requested, settings):
    """A 256-bit token cannot be guessed: a neighbour's typos on a shared network must not lock out
    a requester holding a real link."""
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for attempt in range(4):
        client.get(reverse("status:page", args=[f"guess-{attempt}"]))
    assert client.get(link(requested)).status_code == 200


def test_another_address_is_not_throttled_by_the_guesses_of_one(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for attempt in range(3):
        client.get(reverse("status:page", args=[f"guess-{attempt}"]), REMOTE_ADDR="203.0.113.9")
    assert client.get(link(requested), REMOTE_ADDR="198.51.100.7").status_code == 200


def test_after_a_lookup_the_session_page_shows_the_case(client, requested):
    response = looked_up(client, requested).get(reverse("status:case"))
    assert response.status_code == 200
    assert f"Your request {requested.reference}" in text_of(response)


def test_without_a_lookup_the_session_page_sends_you_to_the_lookup(client):
    response = client.get(reverse("status:case"))
    assert (response.status_code, response["Location"]) == (302, reverse("status:lookup"))


def test_forgetting_the_request_ends_the_sessions_access(client, requested):
    looked_up(client, requested).post(reverse("status:case_forget"))
    assert client.get(reverse("status:case")).status_code == 302


@pytest.mark.parametrize("path", ["page", "case", "not_found", "lookup"])
def test_pages_with_a_case_or_a_token_are_never_cached_passed_to_other_sites_or_indexed(client, requested, path):
    if path == "page":
        response = client.get(link(requested))
    elif path == "case":
        response = looked_up(client, requested).get(reverse("status:case"))
    elif path == "not_found":
        response = client.get(reverse("status:page", args=["nothing-here"]))
    else:
        response = client.get(reverse("status:lookup"))
    assert "no-store" in response["Cache-Control"]
    assert (response["Referrer-Policy"], response["X-Robots-Tag"]) == ("same-origin", "noindex, nofollow")


# --- what it shows ------------------------------------------------------------------------------


def _clarification(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))


def _fee(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="fee_notice_sent", on=date(2019, 12, 16))


def _assigned(case, officer):
    services.case_assign(case=case, actor=officer, officer=officer)


def _extended(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2020, 1, 10), days=20)


def _responded(case, officer):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


def _withdrawn(case, officer):
    services.case_withdraw(case=case, actor=officer, on=date(2019, 12, 20))


def _lapsed(case, officer):
    _clarification(case, officer)
    services.case_lapse(case=case, actor=officer, on=date(2020, 3, 20))


STAGES = {
    "received": (None, "Received", "We have received your request and logged it."),
    "awaiting clarification": (_clarification, "Waiting for your clarification", "We have asked you to clarify"),
    "fee due": (_fee, "Fee due", "We have sent you a fees notice."),
    "in progress": (_assigned, "Being considered", "We are working on your request."),
    "extended": (
        _extended,
        "Extended to Wednesday 12 February 2020",
        "because we need more time to consider the public interest",
    ),
    "responded": (_responded, "Response sent", "We have sent our response to your request."),
    "withdrawn": (_withdrawn, "Closed", "The request was withdrawn."),
    "lapsed": (_lapsed, "Closed", "We did not receive the clarification or fee we asked for"),
}


@pytest.mark.parametrize("stage", STAGES)
def test_the_page_shows_the_stage_in_plain_words_with_its_explanation(client, requested, officer, stage):
    move, label, explanation = STAGES[stage]
    if move:
        move(requested, officer)
    html = text_of(client.get(link(requested)))
    assert re.search(rf'class="[^"]*status-stage[^"]*"[^>]*>{re.escape(label)}</p>', html)
    assert explanation in html


def test_the_page_shows_the_dates_received_and_due(client, requested):
    html = text_of(client.get(link(requested)))
    assert "12 December 2019" in html
    assert "15 January 2020" in html
    assert re.search(r"Extended</dt>\s*<dd[^>]*>No</dd>", html)


def test_the_page_shows_when_the_deadline_was_extended(client, requested, officer):
    _extended(requested, officer)
    html = text_of(client.get(link(requested)))
    assert "Yes, from 15 January 2020 to 12 February 2020" in html


def test_a_paused_clock_has_no_due_date(client, requested, officer):
    _fee(requested, officer)
    html = text_of(client.get(link(requested)))
    assert "None at the moment: the time we have to respond is paused." in html
    assert "Pay the fee" in html
    assert "fees notice" in html


def test_a_running_request_asks_nothing_of_the_requester(client, requested):
    html = text_of(client.get(link(requested)))
    assert "You do not need to do anything now. We will respond by 15 January 2020." in html
    assert "<form" not in html.split('id="next-steps"')[1].split("</section>")[0]


def test_a_review_cases_page_names_the_original_request(client, requested, officer, on_day):
    _responded(requested, officer)
    on_day(date(2020, 1, 20))
    review = portal.review_request_submit(case=requested, reasons="Please look again.").review
    html = text_of(client.get(link(review)))
    assert f"Your internal review {review.reference}" in html
    assert f"internal review of our response to your request {requested.reference}" in html


def test_the_page_never_shows_internal_notes_officers_or_drafts(client, requested, officer2):
    services.case_assign(case=requested, actor=officer2, officer=officer2)
    services.clock_event_record(
        case=requested,
        actor=officer2,
        kind="clarification_requested",
        on=date(2019, 12, 16),
        note="Internal: requester is a journalist, check with press office",
    )
    letter = letter_services.letter_create(case=requested, actor=officer2, kind="not_held")
    letter_services.letter_update(letter=letter, actor=officer2, changes={"heading": "Secret draft heading"})

    html = text_of(client.get(link(requested)))
    assert "journalist" not in html
    assert "press office" not in html
    assert "Owen" not in html  # the assigned officer, who drafted the letter
    assert "Secret draft heading" not in html
    assert "Facial recognition" not in html  # the subject, as staff typed it
    assert "Alex Requester" not in html  # who asked: never on a page anyone with the link can open


def test_the_page_never_shows_the_approver_of_a_letter(client, issued, supervisor, case):
    sent(issued, supervisor)
    html = text_of(client.get(link(case)))
    assert "Olivia Officer" in html  # the signatory, as the letter prints
    assert "Sam" not in html


# --- letters ------------------------------------------------------------------------------------


def test_sent_letters_are_listed_with_a_download_link(client, issued, supervisor, case):
    sent(issued, supervisor)
    html = text_of(client.get(link(case)))
    (path,) = re.findall(r'href="(/status/letters/[^"]+/)"', html)
    assert "Response to your request: Freedom of Information Act 2000" in html
    assert "10 January 2020" in html
    assert "Download the letter (PDF)" in html
    assert portal.letter_for_download(path.split("/")[-2]) == issued


def test_a_letter_downloads_as_the_signed_pdf(client, issued, supervisor, case):
    sent(issued, supervisor)
    response = client.get(portal.public_status(case).letters[0].download_path)
    content = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"] == f'attachment; filename="{issuing.attachment_name(issued)}"'
    with issuing.pdf_open(LetterPdf.objects.get(letter=issued)) as stored:
        assert content == stored.read()
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_a_tampered_download_link_is_not_found(client, issued, supervisor, case):
    sent(issued, supervisor)
    path = portal.public_status(case).letters[0].download_path
    signed = path.split("/")[-2]
    tampered = signed[:-1] + ("A" if signed[-1] != "A" else "B")
    response = client.get(reverse("status:letter_download", args=[tampered]))
    assert response.status_code == 404
    assert "This download link does not work" in text_of(response)


def test_an_expired_download_link_is_not_found(client, issued, supervisor, case, settings, monkeypatch):
    sent(issued, supervisor)
    path = portal.public_status(case).letters[0].download_path
    later = time.time() + (settings.PORTAL_DOWNLOAD_LINK_HOURS * 3600) + 60
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: later))
    assert client.get(path).status_code == 404


def test_a_link_pairing_a_case_with_a_letter_sent_to_someone_else_is_not_found(client, issued, supervisor, other):
    sent(issued, supervisor)
    forged = portal.letter_download_path(case=other, letter_id=issued.pk)
    assert client.get(forged).status_code == 404


def test_a_letter_whose_pdf_is_not_ready_is_not_found(client, issued, supervisor, case):
    sent(issued, supervisor)
    path = portal.public_status(case).letters[0].download_path
    LetterPdf.objects.filter(letter=issued).update(state=LetterPdf.State.FAILED)
    assert client.get(path).status_code == 404


def test_the_session_of_one_case_opens_neither_another_cases_letter_nor_its_review(
    client, issued, supervisor, case, requested
):
    """Case A (requested) looked up; case B (case) has a letter and a response."""
    sent(issued, supervisor)
    looked_up(client, requested)

    forged = portal.letter_download_path(case=requested, letter_id=issued.pk)
    assert client.get(forged).status_code == 404
    # B's review route needs B's private link: the session's case, or its id, is no substitute.
    assert client.post(reverse("status:review", args=[str(case.pk)]), {"reasons": "x"}).status_code == 404
    client.post(reverse("status:case_review"), {"reasons": "Please look again."})
    assert (case.reviews.count(), requested.reviews.count()) == (0, 0)  # A has no response to review yet


# --- asking for an internal review ----------------------------------------------------------------


@pytest.fixture
def answered(issued, supervisor, case):
    """The NCND response emailed on 10 January 2020: the case is responded; a review can be asked
    for until 6 March 2020."""
    sent(issued, supervisor)
    case.refresh_from_db()
    return case


def test_a_responded_request_offers_a_review_by_a_date_and_the_ico(client, answered):
    html = text_of(client.get(link(answered)))
    assert "you can ask for an internal review by <strong>6 March 2020</strong>" in html
    assert 'name="reasons"' in html
    assert "Complain to the Information Commissioner&#x27;s Office (ICO)" in html
    assert 'href="https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/"' in html
    assert "0303 123 1113" in html


def test_asking_for_a_review_creates_a_linked_review_case_and_says_so(client, answered, on_day):
    on_day(date(2020, 1, 20))
    url = link(answered)
    response = client.post(url.rstrip("/") + "/review/", {"reasons": "You did not search the 2018 files."})

    review = Case.objects.get(review_of=answered)
    assert (response.status_code, response["Location"]) == (302, url)
    assert (review.request_text, review.received_on, review.due_on) == (
        "You did not search the 2018 files.",
        date(2020, 1, 20),
        date(2020, 2, 17),
    )
    html = text_of(client.get(url))
    assert f"Its reference is {review.reference}, and we will tell you the outcome by 17 February 2020." in html
    assert "Under internal review" in html
    assert f"Review {review.reference}" in html
    assert 'name="reasons"' not in html


def test_the_unit_and_the_requester_are_told_of_the_review(
    client, answered, on_day, django_capture_on_commit_callbacks
):
    unit = services.unit_get()
    unit.email = "foi@unit.example"
    unit.save()
    on_day(date(2020, 1, 20))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("status:review", args=[portal.status_token_issue(case=answered)]), {"reasons": "Why?"})
    assert sorted(message.to[0] for message in mail.outbox) == ["alex@example.org", "foi@unit.example"]


def test_asking_after_the_window_warns_that_we_may_decline_but_is_allowed(client, answered, on_day):
    on_day(date(2020, 3, 9))
    url = link(answered)
    html = text_of(client.get(url))
    assert "the usual time for asking for an internal review ended on 6 March 2020" in html
    assert "we may decline to carry out the review" in html

    client.post(url + "review/", {"reasons": "Late, but please look again."})
    assert answered.reviews.count() == 1
    assert "so we may decline to carry out the review" in text_of(client.get(url))


def test_a_review_needs_reasons(client, answered):
    url = link(answered)
    response = client.post(url + "review/", {"reasons": "   "})
    html = text_of(response)
    assert response.status_code == 200
    assert '<a class="alert-link" href="#id_reasons">Tell us why you want a review.</a>' in html
    assert answered.reviews.count() == 0


def test_a_second_review_while_one_is_under_way_is_refused_with_a_message(client, answered):
    url = link(answered)
    client.post(url + "review/", {"reasons": "Please look again."})
    response = client.post(url + "review/", {"reasons": "And again."}, follow=True)
    assert "An internal review of this request is already under way." in text_of(response)
    assert answered.reviews.count() == 1


def test_a_review_can_be_asked_for_after_a_lookup(client, answered):
    looked_up(client, answered)
    response = client.post(reverse("status:case_review"), {"reasons": "Please look again."})
    assert response["Location"] == reverse("status:case")
    assert answered.reviews.count() == 1


def test_a_subject_access_request_points_to_the_ico_directly(client, officer, body):
    sar = make_case(actor=officer, body=body, regime="sar")
    _responded(sar, officer)
    html = text_of(client.get(link(sar)))
    assert "There is no internal review for a request for your own personal data" in html
    assert "complain to the Information Commissioner&#x27;s Office (ICO) directly" in html
    assert 'name="reasons"' not in html


def test_the_forms_need_a_csrf_token(answered):
    client = Client(enforce_csrf_checks=True)
    assert client.post(link(answered) + "review/", {"reasons": "Please look again."}).status_code == 403
    assert answered.reviews.count() == 0


# --- answering a clarification ----------------------------------------------------------------------


@pytest.fixture
def asked(requested, officer):
    _clarification(requested, officer)
    requested.refresh_from_db()
    return requested


def test_the_clarification_answer_is_stored_and_the_unit_told(client, asked, django_capture_on_commit_callbacks):
    unit = services.unit_get()
    unit.email = "foi@unit.example"
    unit.save()
    url = link(asked)
    assert 'name="text"' in text_of(client.get(url))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "clarification/", {"text": "I mean the Bedford trial only."})

    assert response["Location"] == url
    (message,) = RequesterMessage.objects.filter(case=asked)
    assert (message.kind, message.text) == ("clarification", "I mean the Bedford trial only.")
    (notice,) = mail.outbox
    assert (notice.to, notice.subject) == (
        ["foi@unit.example"],
        f"Clarification received through the portal: {asked.reference}",
    )
    assert "we have received your answer" in text_of(client.get(url))


def test_a_clarification_can_be_answered_after_a_lookup(client, asked):
    looked_up(client, asked)
    client.post(reverse("status:case_clarify"), {"text": "The Bedford trial only."})
    assert RequesterMessage.objects.filter(case=asked).count() == 1


def test_an_empty_clarification_shows_the_error_by_the_field(client, asked):
    response = client.post(link(asked) + "clarification/", {"text": ""})
    assert '<a class="alert-link" href="#id_text">Enter your answer.</a>' in text_of(response)
    assert not RequesterMessage.objects.exists()


def test_a_clarification_is_refused_when_none_was_asked_for(client, requested):
    response = client.post(link(requested) + "clarification/", {"text": "Unasked."}, follow=True)
    assert "We are not waiting for a clarification of this request." in text_of(response)
    assert not RequesterMessage.objects.exists()


def test_html_typed_into_a_form_comes_back_escaped(client, asked):
    text = "<script>alert('x')</script>" + "a" * 20_000
    html = text_of(client.post(link(asked) + "clarification/", {"text": text}))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_html_in_a_letters_heading_is_escaped_on_the_page(client, submitted, supervisor, case, on_day):
    Letter.objects.filter(pk=submitted.pk).update(heading="<b>Bold</b> response")
    on_day(date(2020, 1, 10))
    letter = letter_services.letter_approve(letter=submitted, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    sent(letter, supervisor)
    html = text_of(client.get(link(case)))
    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; response" in html
