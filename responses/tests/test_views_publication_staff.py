"""The staff side of the disclosure log: the letter page's panel (propose, check and publish,
withdraw) and the queue of entries awaiting checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responses import publication as publishing
from responses.models import Publication
from responses.tests.documents import pdf_text
from responses.tests.publishing import approved_response, redacted_pdf, sent_response

pytestmark = pytest.mark.django_db

State = Publication.State
PDF = redacted_pdf("The redacted reply", author="Olivia Officer")
CHECKED = {"publish-personal_data_removed": "on", "publish-attachments_checked": "on", "publish-title": "Speed cameras"}


@pytest.fixture
def response(officer, supervisor):
    """A refusal, approved and sent, on a case about speed cameras."""
    return sent_response(officer=officer, supervisor=supervisor, subject="Speed camera income")


@pytest.fixture
def proposed(response, officer):
    return publishing.publication_propose(letter=response, actor=officer, title="Speed cameras")


@pytest.fixture
def published(proposed, supervisor2):
    return publishing.publication_publish(
        publication=proposed,
        actor=supervisor2,
        personal_data_removed=True,
        attachments_checked=True,
        title="Speed cameras",
    )


def letter_page(client, user, letter) -> str:
    client.force_login(user)
    response = client.get(reverse("responses:letter_detail", args=[letter.pk]))
    assert response.status_code == 200
    return response.content.decode()


def post(client, user, name, letter, data=None, **kwargs):
    client.force_login(user)
    return client.post(reverse(f"responses:{name}", args=[letter.pk]), data or {}, **kwargs)


def state(letter) -> str:
    return Publication.objects.get(letter=letter).state


# --- the panel ----------------------------------------------------------------------------------


def test_an_officer_is_offered_to_propose_a_sent_response_titled_after_the_case(client, officer, response):
    html = letter_page(client, officer, response)
    assert 'id="disclosure-log"' in html
    assert reverse("responses:publication_propose", args=[response.pk]) in html
    assert 'value="Speed camera income"' in html


def test_the_title_taken_from_the_case_comes_with_a_reminder_to_remove_names_and_personal_details(
    client, officer, response
):
    html = letter_page(client, officer, response)
    assert (
        "It starts as the case's subject, which may be in the requester's own words: remove any names, "
        "addresses or other personal details." in html
    )


def test_an_approved_response_not_yet_sent_says_why_it_cannot_be_proposed(client, officer, supervisor):
    letter = approved_response(officer=officer, supervisor=supervisor)
    html = letter_page(client, officer, letter)
    assert "Send the response first" in html
    assert reverse("responses:publication_propose", args=[letter.pk]) not in html


def test_a_draft_has_no_disclosure_log_panel(client, officer, draft):
    assert 'id="disclosure-log"' not in letter_page(client, officer, draft())


def test_the_supervisor_who_did_not_propose_it_gets_the_checklist(client, supervisor2, proposed, response):
    html = letter_page(client, supervisor2, response)
    assert reverse("responses:publication_publish", args=[response.pk]) in html
    assert 'enctype="multipart/form-data"' in html
    assert "hidden rows, columns and sheets" in html and "reads correctly out of context" in html


def test_a_supervisor_who_proposed_it_is_told_another_must_publish_it(client, supervisor, response):
    publishing.publication_propose(letter=response, actor=supervisor, title="Speed cameras")
    html = letter_page(client, supervisor, response)
    assert "another supervisor must check and publish it" in html
    assert reverse("responses:publication_publish", args=[response.pk]) not in html


def test_an_officer_sees_the_state_but_no_publish_or_withdraw(client, officer2, proposed, response):
    html = letter_page(client, officer2, response)
    assert "Proposed, awaiting checks" in html
    assert reverse("responses:publication_publish", args=[response.pk]) not in html
    assert reverse("responses:publication_withdraw", args=[response.pk]) not in html


def test_the_case_page_marks_a_published_letter(client, officer, published, response):
    client.force_login(officer)
    html = client.get(reverse("foi_cases:case_detail", args=[response.case_id])).content.decode()
    assert "Disclosure log: published" in html


# --- proposing ----------------------------------------------------------------------------------


def test_proposing_from_the_letter_page(client, officer, response):
    reply = post(client, officer, "publication_propose", response, {"propose-title": " Speed cameras "}, follow=True)
    assert "Proposed for the disclosure log" in reply.content.decode()
    assert Publication.objects.get(letter=response).title == "Speed cameras"


def test_a_proposal_without_a_title_shows_the_error_beside_the_field(client, officer, response):
    reply = post(client, officer, "publication_propose", response, {"propose-title": ""})
    html = reply.content.decode()
    assert reply.status_code == 200 and "Give the entry a title" in html
    assert 'aria-invalid="true"' in html or "is-invalid" in html
    assert not Publication.objects.exists()


def test_proposing_an_unsent_response_is_refused_with_the_reason(client, officer, supervisor):
    letter = approved_response(officer=officer, supervisor=supervisor)
    reply = post(client, officer, "publication_propose", letter, {"propose-title": "Speed"}, follow=True)
    assert "Send the response first" in reply.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("who", ["case_reader", "stranger"])
def test_someone_without_the_right_to_change_cases_cannot_propose(client, request, who, response):
    reply = post(client, request.getfixturevalue(who), "publication_propose", response, {"propose-title": "Speed"})
    assert reply.status_code == 403
    assert not Publication.objects.exists()


def test_someone_signed_out_is_sent_to_sign_in(client, response):
    reply = client.post(reverse("responses:publication_propose", args=[response.pk]), {"propose-title": "Speed"})
    assert reply.status_code == 302 and reverse("login") in reply["Location"]


# --- publishing ---------------------------------------------------------------------------------


def test_publishing_with_the_checks_ticked(client, supervisor2, proposed, response):
    reply = post(client, supervisor2, "publication_publish", response, CHECKED, follow=True)
    assert "Published in the disclosure log" in reply.content.decode()
    assert state(response) == State.PUBLISHED


def test_publishing_without_the_checks_shows_an_error_on_each_box(client, supervisor2, proposed, response):
    reply = post(client, supervisor2, "publication_publish", response, {"publish-title": "Speed cameras"})
    html = reply.content.decode()
    assert reply.status_code == 200
    assert "Confirm that the requester" in html and "Confirm that the attachments" in html
    assert state(response) == State.PROPOSED


def test_publishing_with_a_redacted_copy_publishes_that_copy(client, supervisor2, proposed, response):
    data = {**CHECKED, "publish-redacted_pdf": SimpleUploadedFile("redacted.pdf", PDF)}
    post(client, supervisor2, "publication_publish", response, data)
    client.logout()
    download = client.get(reverse("disclosure:entry_pdf", args=[proposed.pk]))
    content = b"".join(download.streaming_content)
    assert "The redacted reply" in pdf_text(content)
    assert b"Olivia Officer" not in content


def test_the_checklist_says_a_redacted_copys_properties_are_removed_automatically(
    client, supervisor2, proposed, response
):
    html = letter_page(client, supervisor2, response)
    assert "Its document properties (author, title and other metadata) are removed automatically." in html
    assert "not password-protected" in html


def test_a_redacted_copy_that_cannot_be_read_is_refused_beside_its_field(client, supervisor2, proposed, response):
    upload = SimpleUploadedFile("redacted.pdf", b"%PDF-1.7\n% only a header\n%%EOF\n")
    reply = post(client, supervisor2, "publication_publish", response, {**CHECKED, "publish-redacted_pdf": upload})
    assert reply.status_code == 200
    assert reply.context["publish_form"].errors["redacted_pdf"] == [publishing.UNREADABLE_PDF_MESSAGE]
    assert state(response) == State.PROPOSED


def test_a_redacted_copy_that_is_not_a_pdf_is_refused_beside_its_field(client, supervisor2, proposed, response):
    upload = SimpleUploadedFile("redacted.pdf", b"PK\x03\x04 a spreadsheet")
    reply = post(client, supervisor2, "publication_publish", response, {**CHECKED, "publish-redacted_pdf": upload})
    assert "must be a PDF" in reply.content.decode()
    assert state(response) == State.PROPOSED


def test_the_proposer_cannot_publish_from_the_page(client, supervisor, response):
    publishing.publication_propose(letter=response, actor=supervisor, title="Speed cameras")
    reply = post(client, supervisor, "publication_publish", response, CHECKED, follow=True)
    assert "another supervisor must check and publish it" in reply.content.decode()
    assert state(response) == State.PROPOSED


@pytest.mark.parametrize("who", ["officer2", "case_reader", "stranger"])
def test_only_a_supervisor_can_post_a_publication(client, request, who, proposed, response):
    reply = post(client, request.getfixturevalue(who), "publication_publish", response, CHECKED)
    assert reply.status_code == 403
    assert state(response) == State.PROPOSED


def test_a_title_with_html_in_it_is_shown_as_text_to_staff(client, supervisor2, response, officer):
    publishing.publication_propose(letter=response, actor=officer, title="<b>Bold</b> claim")
    html = letter_page(client, supervisor2, response)
    assert "<b>Bold</b>" not in html and "&lt;b&gt;Bold&lt;/b&gt; claim" in html


# --- withdrawing --------------------------------------------------------------------------------


def test_withdrawing_takes_the_entry_out_of_the_public_log(client, supervisor, published, response):
    reply = post(client, supervisor, "publication_withdraw", response, {"withdraw-reason": "A name was missed."})
    assert reply.status_code == 302
    assert state(response) == State.WITHDRAWN
    client.logout()
    assert "Speed cameras" not in client.get(reverse("disclosure:log")).content.decode()
    assert client.get(reverse("disclosure:entry_pdf", args=[published.pk])).status_code == 404


def test_withdrawing_without_a_reason_shows_the_error(client, supervisor, published, response):
    reply = post(client, supervisor, "publication_withdraw", response, {"withdraw-reason": ""})
    assert reply.status_code == 200 and "Say why it is being withdrawn" in reply.content.decode()
    assert state(response) == State.PUBLISHED


@pytest.mark.parametrize("who", ["officer", "case_reader", "stranger"])
def test_only_a_supervisor_can_post_a_withdrawal(client, request, who, published, response):
    reply = post(client, request.getfixturevalue(who), "publication_withdraw", response, {"withdraw-reason": "x"})
    assert reply.status_code == 403
    assert state(response) == State.PUBLISHED


# --- the queue ----------------------------------------------------------------------------------

QUEUE = reverse("responses:publication_queue")


def test_supervisors_see_the_entries_awaiting_checks(client, supervisor2, proposed, response):
    client.force_login(supervisor2)
    html = client.get(QUEUE).content.decode()
    assert "Speed cameras" in html
    assert reverse("responses:letter_detail", args=[response.pk]) in html


def test_the_queue_lists_withdrawn_entries_with_their_reason(client, supervisor, published):
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="A name was missed.")
    client.force_login(supervisor)
    assert "A name was missed." in client.get(QUEUE).content.decode()


@pytest.mark.parametrize("who", ["officer", "stranger"])
def test_the_queue_is_for_supervisors(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(QUEUE).status_code == 403
