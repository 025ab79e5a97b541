"""The signed PDF and sending through the API: GET <letter>/pdf/ and POST <letter>/send/."""

import hashlib
from datetime import date

import pytest
from django.core import mail

from foi_cases.models import Case
from foi_cases.tests.api_client import signed_in
from responses.models import LetterPdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(officer):
    return signed_in(officer)


def pdf_url(letter) -> str:
    return f"/api/v1/letters/{letter.pk}/pdf/"


def test_the_pdf_of_an_approved_letter_is_the_stored_signed_file(api, issued):
    response = api.get(pdf_url(issued))
    content = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert hashlib.sha256(content).hexdigest() == LetterPdf.objects.get(letter=issued).sha256


def test_a_letter_not_yet_approved_has_no_pdf_404(api, submitted):
    response = api.get(pdf_url(submitted))
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "This letter is not approved, so it has no signed PDF.",
    )


def test_a_pdf_still_rendering_gets_409_with_its_state(api, approved):
    LetterPdf.objects.filter(letter=approved).update(state="rendering")
    response = api.get(pdf_url(approved))
    assert (response.status_code, response.json()["state"]) == (409, "rendering")
    assert "not ready yet (rendering and signing)" in response.json()["detail"]


def test_a_failed_pdf_gets_409_with_the_reason(api, approved):
    LetterPdf.objects.filter(letter=approved).update(state="failed", error="No signing certificate")
    response = api.get(pdf_url(approved))
    assert (response.status_code, response.json()["detail"]) == (
        409,
        "The signed PDF could not be made: No signing certificate",
    )


def test_an_unknown_letter_gets_404(api, db):
    assert api.get("/api/v1/letters/999999/pdf/").status_code == 404


def test_the_pdf_needs_a_caseworker(stranger, issued):
    assert signed_in(stranger).get(pdf_url(issued)).status_code == 403


def test_the_letter_gives_the_pdf_state_and_address(api, issued):
    pdf = api.get(f"/api/v1/letters/{issued.pk}/").json()["pdf"]
    assert (pdf["state"], pdf["url"].endswith(pdf_url(issued)), len(pdf["sha256"])) == ("ready", True, 64)


def test_a_draft_has_no_pdf(api, submitted):
    assert api.get(f"/api/v1/letters/{submitted.pk}/").json()["pdf"] is None


# --- sending -----------------------------------------------------------------------------------


def send(client, letter, data):
    return client.post(f"/api/v1/letters/{letter.pk}/send/", data, format="json")


def test_sending_by_email_responds_to_the_case(api, issued, case):
    response = send(api, issued, {"method": "email"})
    case.refresh_from_db()
    assert (response.status_code, case.status, case.answered_in_time, len(mail.outbox)) == (200, "responded", True, 1)
    assert response.json()["dispatches"][0]["method"] == "email"


def test_recording_a_posted_letter(api, issued, case):
    send(api, issued, {"method": "post", "sent_on": "2020-01-10"})
    case.refresh_from_db()
    assert (case.status, case.responded_on) == ("responded", date(2020, 1, 10))


def test_a_posted_letter_without_a_date_gets_400(api, issued):
    response = send(api, issued, {"method": "post"})
    assert (response.status_code, response.json()) == (400, {"sent_on": ["Give the date the letter was posted."]})


def test_an_unknown_method_gets_400(api, issued):
    response = send(api, issued, {"method": "fax"})
    assert (response.status_code, list(response.json())) == (400, ["method"])


def test_sending_before_the_pdf_is_ready_gets_409(api, approved, case):
    response = send(api, approved, {"method": "email"})
    assert response.status_code == 409
    assert Case.objects.get(pk=case.pk).status == "ready_to_send"


def test_sending_a_response_without_the_right_to_close_cases_gets_403(editor_without_reveal, issued):
    response = send(signed_in(editor_without_reveal), issued, {"method": "email"})
    assert (response.status_code, mail.outbox) == (403, [])


def test_the_403_for_sending_without_the_right_says_why(editor_without_reveal, issued):
    response = send(signed_in(editor_without_reveal), issued, {"method": "email"})
    assert response.json()["detail"] == "Sending a response closes the case: you need the right to close cases."
