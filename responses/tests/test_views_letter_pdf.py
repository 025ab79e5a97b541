"""The letter page's signed PDF: its state (polled live), the download, trying again, and sending."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from foi_cases import services as case_services
from foi_cases.models import Case
from responses import issuing
from responses.models import Dispatch, LetterPdf

pytestmark = pytest.mark.django_db


def page(client, user, letter):
    client.force_login(user)
    return client.get(reverse("responses:letter_detail", args=[letter.pk]))


def status(client, user, letter):
    client.force_login(user)
    return client.get(reverse("responses:letter_pdf_status", args=[letter.pk]))


def send(client, user, letter, data):
    client.force_login(user)
    return client.post(reverse("responses:letter_send", args=[letter.pk]), data, follow=True)


# --- the state, live ---------------------------------------------------------------------------


def test_a_queued_pdf_is_shown_as_queued_and_polled(client, officer, approved):
    html = page(client, officer, approved).content.decode()
    assert 'data-pdf-state="queued" data-pdf-polling="1"' in html
    assert "js/letter-pdf.js" in html


def test_the_status_fragment_shows_the_state_as_it_changes(client, officer, approved):
    before = status(client, officer, approved).content.decode()
    issuing.letter_render_pdf(letter_id=approved.pk)
    after = status(client, officer, approved).content.decode()
    assert ('data-pdf-state="queued"' in before, 'data-pdf-state="ready"' in after) == (True, True)


def test_a_ready_pdf_stops_the_polling_and_offers_the_download(client, officer, issued):
    html = status(client, officer, issued).content.decode()
    assert "data-pdf-polling" not in html
    assert reverse("responses:letter_pdf", args=[issued.pk]) in html


def test_the_status_fragment_is_never_cached(client, officer, approved):
    assert "no-cache" in status(client, officer, approved)["Cache-Control"]


def test_a_failure_shows_its_reason_escaped(client, officer, approved):
    LetterPdf.objects.filter(letter=approved).update(state="failed", attempts=6, error="<script>alert(1)</script>")
    html = status(client, officer, approved).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_a_failure_offers_to_try_again(client, officer, approved):
    LetterPdf.objects.filter(letter=approved).update(state="failed", attempts=6, error="No certificate")
    html = status(client, officer, approved).content.decode()
    assert reverse("responses:letter_pdf_retry", args=[approved.pk]) in html


def test_trying_again_queues_the_pdf(client, officer, approved):
    LetterPdf.objects.filter(letter=approved).update(state="failed", attempts=6, error="No certificate")
    client.force_login(officer)
    client.post(reverse("responses:letter_pdf_retry", args=[approved.pk]))
    assert LetterPdf.objects.get(letter=approved).state == "queued"


def test_a_draft_has_no_pdf_panel(client, officer, submitted):
    assert "letter-pdf-panel" not in page(client, officer, submitted).content.decode()


def test_someone_outside_the_unit_cannot_read_the_status(client, stranger, approved):
    assert status(client, stranger, approved).status_code == 403


# --- the download ------------------------------------------------------------------------------


def test_the_signed_pdf_downloads_as_an_attachment(client, officer, issued):
    client.force_login(officer)
    response = client.get(reverse("responses:letter_pdf", args=[issued.pk]))
    content = b"".join(response.streaming_content)
    assert (response["Content-Type"], content[:5]) == ("application/pdf", b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment;")


def test_there_is_nothing_to_download_before_the_pdf_is_ready(client, officer, approved):
    client.force_login(officer)
    assert client.get(reverse("responses:letter_pdf", args=[approved.pk])).status_code == 404


def test_someone_outside_the_unit_cannot_download_it(client, stranger, issued):
    client.force_login(stranger)
    assert client.get(reverse("responses:letter_pdf", args=[issued.pk])).status_code == 403


# --- sending -----------------------------------------------------------------------------------


def test_emailing_from_the_page_responds_to_the_case(client, officer, issued, case):
    response = send(client, officer, issued, {"send-email-method": "email"})
    case.refresh_from_db()
    assert (case.status, case.answered_in_time, len(mail.outbox)) == ("responded", True, 1)
    assert "is now responded (in time)" in response.content.decode()


def test_recording_a_posted_letter_from_the_page(client, officer, issued, case):
    send(client, officer, issued, {"send-post-method": "post", "send-post-sent_on": "2020-01-10"})
    case.refresh_from_db()
    assert (case.status, case.responded_on, mail.outbox) == ("responded", date(2020, 1, 10), [])


def test_a_posted_letter_without_a_date_gets_a_form_error(client, officer, issued, case):
    html = send(client, officer, issued, {"send-post-method": "post", "send-post-sent_on": ""}).content.decode()
    assert "This field is required." in html
    assert not Dispatch.objects.exists()


def test_a_posted_date_in_the_future_gets_a_form_error(client, officer, issued):
    html = send(client, officer, issued, {"send-post-method": "post", "send-post-sent_on": "2020-01-11"})
    assert "The date cannot be in the future." in html.content.decode()


def test_sending_a_response_needs_the_right_to_close_cases(client, editor_without_reveal, issued, case):
    client.force_login(editor_without_reveal)
    response = client.post(reverse("responses:letter_send", args=[issued.pk]), {"send-email-method": "email"})
    assert (response.status_code, Case.objects.get(pk=case.pk).status) == (403, "ready_to_send")


def test_the_send_buttons_appear_only_when_the_pdf_is_ready(client, officer, approved):
    before = page(client, officer, approved).content.decode()
    issuing.letter_render_pdf(letter_id=approved.pk)
    after = page(client, officer, approved).content.decode()
    assert ("Email it to the requester" in before, "Email it to the requester" in after) == (False, True)


def test_the_page_never_shows_the_requesters_email_address(client, officer, issued):
    html = page(client, officer, issued).content.decode()
    assert "alex@example.org" not in html


def test_the_page_lists_how_the_letter_was_sent(client, officer, issued):
    send(client, officer, issued, {"send-post-method": "post", "send-post-sent_on": "2020-01-10"})
    assert "Posted on 10 January 2020" in page(client, officer, issued).content.decode()


def test_a_response_whose_case_was_withdrawn_says_why_it_cannot_be_sent(client, officer, issued, case):
    case_services.case_withdraw(case=case, actor=officer, on=date(2020, 1, 10))
    html = status(client, officer, issued).content.decode()
    assert "is closed: this letter can no longer be sent" in html
    assert "Email it to the requester" not in html


def test_a_letter_sent_long_after_its_date_warns_about_its_review_deadline(client, officer, issued, monkeypatch):
    monkeypatch.setattr(case_services, "today", lambda: date(2020, 1, 20))
    html = status(client, officer, issued).content.decode()
    assert "is dated 10 January 2020, 10 days ago" in html


def test_a_refusal_by_the_mail_server_is_shown_on_the_page(client, officer, issued, settings):
    settings.EMAIL_BACKEND = "responses.tests.test_issuing.RefusingBackend"
    html = send(client, officer, issued, {"send-email-method": "email"}).content.decode()
    assert "Not sent. The email could not be sent (the mail server refused the requester&#x27;s address)" in html


# --- the clock, once a clarification request or fees notice has gone -----------------------------


@pytest.fixture
def clarification_sent(draft, officer, supervisor, monkeypatch):
    """A clarification request approved on 16 December 2019 and posted that day; the clock not told."""
    from responses import services
    from responses.tests.conftest import ready

    monkeypatch.setattr(case_services, "today", lambda: date(2019, 12, 16))
    letter = services.letter_submit(letter=ready(draft("clarification", ()), officer), actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    issuing.letter_send(letter=letter, actor=officer, method="post", sent_on=date(2019, 12, 16))
    return letter


def test_a_sent_clarification_request_offers_to_stop_the_clock_on_the_day_it_went(client, officer, clarification_sent):
    html = status(client, officer, clarification_sent).content.decode()
    assert "Record on the clock: clarification requested on 16 December 2019" in html
    assert 'name="clarification_requested-on" value="2019-12-16"' in html


def test_recording_it_from_the_prompt_stops_the_clock(client, officer, clarification_sent, case):
    client.force_login(officer)
    client.post(
        reverse("foi_cases:clock_event_record", args=[case.pk, "clarification_requested"]),
        {"clarification_requested-on": "2019-12-16", "clarification_requested-note": "Clarification letter sent."},
    )
    case.refresh_from_db()
    assert case.status == "awaiting_clarification"
    assert "Record on the clock" not in status(client, officer, clarification_sent).content.decode()


def test_no_prompt_once_the_clock_already_shows_the_request(client, officer, clarification_sent, case):
    case_services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    assert "Record on the clock" not in status(client, officer, clarification_sent).content.decode()


def test_a_response_offers_no_clock_prompt(client, officer, issued):
    send(client, officer, issued, {"send-post-method": "post", "send-post-sent_on": "2020-01-10"})
    assert "Record on the clock" not in status(client, officer, issued).content.decode()


def test_a_reader_without_the_right_to_change_cases_cannot_try_again(client, case_reader, approved):
    LetterPdf.objects.filter(letter=approved).update(state="failed", attempts=6, error="No certificate")
    client.force_login(case_reader)
    response = client.post(reverse("responses:letter_pdf_retry", args=[approved.pk]))
    assert (response.status_code, LetterPdf.objects.get(letter=approved).state) == (403, "failed")


def test_a_reader_without_the_right_to_change_cases_is_not_offered_the_clock(client, case_reader, clarification_sent):
    assert "Record on the clock" not in status(client, case_reader, clarification_sent).content.decode()
