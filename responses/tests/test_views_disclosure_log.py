"""The public disclosure log (/disclosure-log/): no sign-in, published entries only, each with its
PDF, and never anything about who asked."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from foi_cases.models import Requester
from responses import disclosure_views
from responses import publication as publishing
from responses.models import LetterPdf, Publication
from responses.tests.documents import pdf_text
from responses.tests.publishing import redacted_pdf, sent_response

pytestmark = pytest.mark.django_db

LOG = reverse("disclosure:log")
REDACTED = redacted_pdf("The redacted copy", author="Olivia Officer", title="Reply to Alex Requester")


def entry(officer, supervisor, publisher, *, title, render=False, redacted=None, on=None, **fields):
    letter = sent_response(officer=officer, supervisor=supervisor, render=render, **fields)
    publication = publishing.publication_propose(letter=letter, actor=officer, title=title)
    publication = publishing.publication_publish(
        publication=publication,
        actor=publisher,
        personal_data_removed=True,
        attachments_checked=True,
        title=title,
        redacted_pdf=SimpleUploadedFile("redacted.pdf", redacted) if redacted else None,
    )
    if on is not None:
        Publication.objects.filter(pk=publication.pk).update(published_on=on)
    return publication


@pytest.fixture
def cast(officer, supervisor, supervisor2):
    return officer, supervisor, supervisor2


@pytest.fixture
def published(cast):
    """A refusal under s40(2), published with its signed PDF as sent."""
    return entry(*cast, title="Speed camera income", render=True, subject="Speed cameras")


def pdf_url(publication) -> str:
    return reverse("disclosure:entry_pdf", args=[publication.pk])


def page(client, **params) -> str:
    response = client.get(LOG, params)
    assert response.status_code == 200
    return response.content.decode()


# --- the list -----------------------------------------------------------------------------------


def test_anyone_can_read_the_log_without_signing_in(client, published):
    html = page(client)
    assert html.count("<h1") == 1
    assert "Speed camera income" in html


def test_an_entry_shows_its_reference_dates_outcome_exemptions_and_download(client, published):
    letter = published.letter
    html = page(client)
    assert letter.references in html
    assert published.published_on.strftime("%-d %B %Y") in html
    assert letter.letter_date.strftime("%-d %B %Y") in html
    assert "Information withheld" in html
    assert "s40(2) Personal information: other people&#x27;s personal data" in html
    assert f'href="{pdf_url(published)}"' in html and "Download the response (PDF)" in html


def test_the_log_may_be_cached_for_five_minutes_by_anyone(client, published):
    assert client.get(LOG)["Cache-Control"] in ("public, max-age=300", "max-age=300, public")


def test_a_signed_in_persons_view_of_the_log_is_not_shared_by_caches(client, published, officer):
    client.force_login(officer)
    cache_control = client.get(LOG)["Cache-Control"]
    assert "private" in cache_control and "public" not in cache_control


def test_an_entry_only_proposed_is_not_listed(client, cast):
    officer, supervisor, _ = cast
    letter = sent_response(officer=officer, supervisor=supervisor)
    publishing.publication_propose(letter=letter, actor=officer, title="Awaiting its checks")
    assert "Awaiting its checks" not in page(client)


def test_a_withdrawn_entry_is_not_listed(client, published, supervisor):
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="A name was missed.")
    html = page(client)
    assert "Speed camera income" not in html and "Nothing has been published yet" in html


def test_an_empty_log_says_so(client):
    assert "Nothing has been published yet" in page(client)


def test_every_search_field_has_a_label(client, published, cast, other_body):
    entry(*cast, title="Drone flights", body=other_body)  # a second body brings the body filter
    html = page(client)
    for name in ("q", "body", "outcome", "exemption", "year"):
        assert f'for="id_{name}"' in html and f'id="id_{name}"' in html


@pytest.fixture
def log(cast, body, other_body):
    return {
        "cameras": entry(*cast, title="Speed camera income", body=body, on=date(2023, 6, 1)),
        "drones": entry(
            *cast, title="Drone flights", body=other_body, kind="refusal", codes=("s31(1)",), on=date(2024, 2, 1)
        ),
        "lighting": entry(
            *cast, title="Street lighting contract", body=body, kind="full_disclosure", codes=(), on=date(2024, 4, 1)
        ),
    }


ALL = ("Speed camera income", "Drone flights", "Street lighting contract")


def shown(html: str) -> set[str]:
    return {title for title in ALL if title in html}


def test_the_log_lists_the_newest_first(client, log):
    html = page(client)
    assert html.index("Street lighting contract") < html.index("Drone flights") < html.index("Speed camera income")


def test_searching_finds_words_in_the_title(client, log):
    assert shown(page(client, q="drone")) == {"Drone flights"}


def test_searching_finds_a_reference(client, log):
    assert shown(page(client, q=log["lighting"].letter.references)) == {"Street lighting contract"}


def test_filtering_by_public_body(client, log, other_body):
    assert shown(page(client, body=other_body.pk)) == {"Drone flights"}


def test_filtering_by_outcome(client, log):
    assert shown(page(client, outcome="granted")) == {"Street lighting contract"}


def test_filtering_by_exemption(client, log):
    assert shown(page(client, exemption="s31")) == {"Drone flights"}


def test_filtering_by_year_published(client, log):
    assert shown(page(client, year="2024")) == {"Drone flights", "Street lighting contract"}


def test_a_search_matching_nothing_says_so(client, log):
    assert "No published responses match your search" in page(client, q="helicopters")


def test_a_crafted_filter_value_is_reported_and_the_rest_still_apply(client, log):
    html = page(client, exemption="s99", q="drone")
    assert "Some filters could not be used" in html and 'href="#id_exemption"' in html
    assert shown(html) == {"Drone flights"}


def test_the_log_is_paged(client, log, monkeypatch):
    monkeypatch.setattr(disclosure_views, "ENTRIES_PER_PAGE", 2)
    first, second = page(client), page(client, page=2)
    assert (shown(first), shown(second)) == ({"Street lighting contract", "Drone flights"}, {"Speed camera income"})
    assert "Page 1 of 2" in first


def test_a_title_with_html_in_it_is_shown_as_text(client, cast):
    entry(*cast, title='<script>alert("x")</script> Budgets')
    html = page(client)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Budgets" in html


def test_the_log_cannot_be_posted_to(client):
    assert client.post(LOG).status_code == 405


# --- the PDF ------------------------------------------------------------------------------------


def download(client, publication):
    return client.get(pdf_url(publication))


def test_the_pdf_is_the_signed_letter_as_sent(client, published):
    response = download(client, published)
    stored = LetterPdf.objects.get(letter=published.letter)
    content = b"".join(response.streaming_content)
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert len(content) == stored.size and content.startswith(b"%PDF-")


def test_the_pdf_downloads_as_an_attachment_that_browsers_must_not_sniff(client, published):
    response = download(client, published)
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_cache_keeps_the_pdf_once_it_is_withdrawn(client, published):
    cache_control = download(client, published)["Cache-Control"]
    assert "no-cache" in cache_control and "public" not in cache_control


def test_a_redacted_copy_is_served_instead_of_the_letter(client, cast):
    publication = entry(*cast, title="Speed camera income", redacted=REDACTED)
    assert "The redacted copy" in pdf_text(b"".join(download(client, publication).streaming_content))


def test_a_redacted_copy_is_served_without_the_properties_it_was_uploaded_with(client, cast):
    publication = entry(*cast, title="Speed camera income", redacted=REDACTED)
    content = b"".join(download(client, publication).streaming_content)
    assert b"Olivia Officer" not in content and b"Alex Requester" not in content


def test_the_pdf_of_an_entry_only_proposed_is_not_found(client, cast):
    officer, supervisor, _ = cast
    letter = sent_response(officer=officer, supervisor=supervisor, render=True)
    publication = publishing.publication_propose(letter=letter, actor=officer, title="Awaiting its checks")
    assert download(client, publication).status_code == 404


def test_withdrawing_an_entry_takes_its_pdf_down(client, published, supervisor):
    assert download(client, published).status_code == 200
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="A name was missed.")
    assert download(client, published).status_code == 404


def test_an_unknown_entry_is_not_found(client):
    assert client.get(reverse("disclosure:entry_pdf", args=[999999])).status_code == 404


# --- never who asked ----------------------------------------------------------------------------

NAME, EMAIL = "Zebedee Quillfeather", "zq-7f3k-marker@requester.example"
ADDRESS, ORGANISATION = "17 Marigold Crescent, Wyvernton", "Quillfeather Holdings"


@pytest.fixture
def asked_by_someone_distinctive(cast, other_body):
    officer, supervisor, publisher = cast
    publication = entry(*cast, title="Police dog training costs", render=True, body=other_body, name=NAME, email=EMAIL)
    Requester.objects.filter(cases__letters=publication.letter).update(address=ADDRESS, organisation=ORGANISATION)
    entry(*cast, title="Another response")  # two bodies: the body filter is on the page too
    return publication


SECRETS = (NAME, EMAIL, ADDRESS, ORGANISATION, "Zebedee", "Quillfeather", "zq-7f3k", "Marigold")


def assert_no_requester(text: str) -> None:
    found = [secret for secret in SECRETS if secret.lower() in text.lower()]
    assert found == []


def test_the_log_never_shows_who_asked(client, asked_by_someone_distinctive, other_body):
    publication = asked_by_someone_distinctive
    for params in (
        {},
        {"q": "dog"},
        {"q": publication.letter.references},
        {"body": other_body.pk},
        {"outcome": "fully_withheld"},
        {"exemption": "s40"},
        {"year": str(publication.published_on.year)},
    ):
        html = page(client, **params)
        assert "Police dog training costs" in html
        assert_no_requester(html)


def test_searching_for_the_requester_finds_nothing(client, asked_by_someone_distinctive):
    for query in (NAME, EMAIL, ORGANISATION):
        assert "Police dog training costs" not in page(client, q=query)


def test_the_pdf_never_shows_who_asked(client, asked_by_someone_distinctive):
    response = download(client, asked_by_someone_distinctive)
    content = b"".join(response.streaming_content)
    assert_no_requester(" ".join(f"{name}: {value}" for name, value in response.items()))
    assert_no_requester(pdf_text(content))
    assert_no_requester(content.decode("latin-1"))
