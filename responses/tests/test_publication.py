"""The disclosure log's rules: who may propose, check, publish and withdraw an issued response, and
what the public log lists (responses.publication)."""

import io
import re
from datetime import date

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from foi_cases import services as case_services
from foi_cases.models import AuditEvent
from foi_cases.tests.factories import BodyFactory
from foi_cases.workflow import TransitionNotAllowed
from responses import publication as publishing
from responses import services
from responses.models import Publication
from responses.tests.conftest import ready
from responses.tests.documents import pdf_text
from responses.tests.publishing import approved_response, mark_sent, redacted_pdf, sent_response

pytestmark = pytest.mark.django_db

State = Publication.State
PDF = redacted_pdf("A redacted copy")


@pytest.fixture
def response(officer, supervisor):
    """A refusal under s40(2), approved and sent."""
    return sent_response(officer=officer, supervisor=supervisor, subject="Speed camera income")


def propose(letter, actor, title="Speed camera income 2019"):
    return publishing.publication_propose(letter=letter, actor=actor, title=title)


def publish(publication, actor, *, personal_data_removed=True, attachments_checked=True, title=None, **kw):
    return publishing.publication_publish(
        publication=publication,
        actor=actor,
        personal_data_removed=personal_data_removed,
        attachments_checked=attachments_checked,
        title=publication.title if title is None else title,
        **kw,
    )


@pytest.fixture
def proposed(response, officer):
    return propose(response, officer)


@pytest.fixture
def published(proposed, supervisor2):
    return publish(proposed, supervisor2)


def upload(data=PDF, name="Reply to Mrs Jones.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def field_errors(excinfo) -> dict:
    return excinfo.value.message_dict


# --- proposing ----------------------------------------------------------------------------------


def test_an_officer_proposes_a_sent_final_response(response, officer):
    publication = propose(response, officer, title="  Speed camera income 2019  ")
    assert (publication.state, publication.title, publication.proposed_by) == (
        State.PROPOSED,
        "Speed camera income 2019",
        officer,
    )


def test_a_proposal_is_recorded_on_the_case_timeline(proposed, response):
    event = AuditEvent.objects.filter(case=response.case, action="publication_proposed").get()
    assert "Speed camera income 2019" in event.summary
    assert event.changes["after"]["state"] == State.PROPOSED


def test_a_response_not_yet_sent_cannot_be_proposed(officer, supervisor):
    letter = approved_response(officer=officer, supervisor=supervisor)
    with pytest.raises(TransitionNotAllowed, match="Send the response first"):
        propose(letter, officer)
    assert not Publication.objects.exists()


def test_a_response_awaiting_approval_cannot_be_proposed(submitted, officer):
    with pytest.raises(TransitionNotAllowed, match="approved"):
        propose(submitted, officer)


def test_a_letter_that_is_not_a_final_response_cannot_be_proposed(case, officer, supervisor, draft):
    acknowledgement = ready(draft("acknowledgement", ()), officer)
    services.letter_submit(letter=acknowledgement, actor=officer)
    acknowledgement = mark_sent(services.letter_approve(letter=acknowledgement, actor=supervisor), officer)
    with pytest.raises(TransitionNotAllowed, match="answers the request"):
        propose(acknowledgement, officer)


def test_a_subject_access_response_is_never_proposed(officer, supervisor):
    letter = sent_response(officer=officer, supervisor=supervisor, regime="sar", kind="full_disclosure", codes=())
    with pytest.raises(TransitionNotAllowed, match="subject access"):
        propose(letter, officer)


def test_proposing_needs_the_right_to_change_cases(response, case_reader):
    with pytest.raises(publishing.PublicationRefused):
        propose(response, case_reader)
    assert not Publication.objects.exists()


def test_a_proposal_needs_a_title(response, officer):
    with pytest.raises(ValidationError) as excinfo:
        propose(response, officer, title="   ")
    assert "title" in field_errors(excinfo)
    assert not Publication.objects.exists()


def test_a_title_longer_than_300_characters_is_refused(response, officer):
    with pytest.raises(ValidationError) as excinfo:
        propose(response, officer, title="x" * 301)
    assert "300 characters" in field_errors(excinfo)["title"][0]


def test_a_response_can_be_proposed_only_once(proposed, response, officer2):
    with pytest.raises(TransitionNotAllowed, match="already"):
        propose(response, officer2)


def test_a_withdrawn_entry_proposed_again_reuses_its_row_and_starts_its_checks_afresh(
    published, response, supervisor, officer2
):
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="Names a council officer.")
    again = propose(response, officer2, title="Speed camera income")
    assert again.pk == published.pk
    again.refresh_from_db()
    assert (again.state, again.proposed_by, again.personal_data_removed, again.attachments_checked) == (
        State.PROPOSED,
        officer2,
        False,
        False,
    )
    assert (again.published_on, again.withdrawal_reason, again.redacted_pdf.name) == (None, "", "")


# --- checking and publishing --------------------------------------------------------------------


def test_a_supervisor_who_did_not_propose_it_publishes_it(proposed, supervisor2, monkeypatch):
    monkeypatch.setattr(case_services, "today", lambda: date(2024, 3, 5))
    publication = publish(proposed, supervisor2, title="Speed camera income, 2019")
    publication.refresh_from_db()
    assert (publication.state, publication.published_by, publication.published_on, publication.title) == (
        State.PUBLISHED,
        supervisor2,
        date(2024, 3, 5),
        "Speed camera income, 2019",
    )
    assert publication.personal_data_removed and publication.attachments_checked


def test_the_proposer_cannot_publish_their_own_proposal(response, supervisor):
    publication = propose(response, supervisor)
    with pytest.raises(publishing.PublicationRefused, match="another supervisor"):
        publish(publication, supervisor)
    publication.refresh_from_db()
    assert publication.state == State.PROPOSED


def test_an_officer_cannot_publish(proposed, officer2):
    with pytest.raises(publishing.PublicationRefused):
        publish(proposed, officer2)


def test_publishing_needs_the_personal_data_check(proposed, supervisor2):
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, personal_data_removed=False)
    assert list(field_errors(excinfo)) == ["personal_data_removed"]
    proposed.refresh_from_db()
    assert proposed.state == State.PROPOSED


def test_publishing_needs_the_attachments_check(proposed, supervisor2):
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, attachments_checked=False)
    assert list(field_errors(excinfo)) == ["attachments_checked"]


def test_publishing_needs_a_title(proposed, supervisor2):
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, title="")
    assert "title" in field_errors(excinfo)


def test_a_redacted_copy_is_stored_under_the_disclosure_log_and_not_by_its_uploaded_name(proposed, supervisor2):
    publication = publish(proposed, supervisor2, redacted_pdf=upload())
    name = publication.redacted_pdf.name
    assert name.startswith("disclosure-log/") and "Jones" not in name
    assert "A redacted copy" in pdf_text(stored(publication))


def stored(publication) -> bytes:
    with default_storage.open(publication.redacted_pdf.name, "rb") as file:
        return file.read()


def decoded(data: bytes) -> bytes:
    """The PDF rewritten with every stream decoded and no object streams: compressed text shows."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.all,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
        )
    return out.getvalue()


PROPERTIES = (b"Olivia Officer", b"Alex Requester")


def test_a_redacted_copy_is_published_without_its_document_properties(proposed, supervisor2):
    data = redacted_pdf("A redacted copy", author="Olivia Officer", title="Reply to Alex Requester")
    assert all(words in data for words in PROPERTIES)
    kept = stored(publish(proposed, supervisor2, redacted_pdf=upload(data)))
    for words in PROPERTIES:
        assert words not in kept and words not in decoded(kept)
    with pikepdf.open(io.BytesIO(kept)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
    assert "A redacted copy" in pdf_text(kept)


def with_incremental_update(data: bytes) -> bytes:
    """`data` with a revision appended that gives it new document information, as a PDF editor's
    quick save does: the earlier revision's information is still in the file, unreferenced."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        size, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    info = b"%d 0 obj\n<< /Producer (An editor) >>\nendobj\n" % size
    xref_at = len(data) + len(info)
    xref = b"xref\n%d 1\n%010d 00000 n \n" % (size, len(data))
    trailer = b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\n" % (size + 1, root, size, previous)
    return data + info + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % xref_at


def test_a_redacted_copy_is_written_afresh_so_no_earlier_revisions_properties_remain(proposed, supervisor2):
    data = with_incremental_update(redacted_pdf("A redacted copy", author="Olivia Officer", title="Alex Requester"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/Producer"]) == "An editor" and "/Author" not in pdf.docinfo
    kept = stored(publish(proposed, supervisor2, redacted_pdf=upload(data)))
    assert not any(words in kept for words in (*PROPERTIES, b"An editor"))
    assert "A redacted copy" in pdf_text(kept)


def test_a_redacted_copy_that_cannot_be_read_as_a_pdf_is_refused(proposed, supervisor2):
    with pytest.raises(ValidationError) as excinfo:
        publish(
            proposed, supervisor2, redacted_pdf=upload(b"%PDF-1.4\n1 0 obj << /Author (Olivia Officer) >> endobj\n")
        )
    assert field_errors(excinfo)["redacted_pdf"] == [publishing.UNREADABLE_PDF_MESSAGE]
    assert publishing.UNREADABLE_PDF_MESSAGE.startswith("This PDF could not be read")
    proposed.refresh_from_db()
    assert (proposed.state, proposed.redacted_pdf.name) == (State.PROPOSED, "")


@pytest.mark.parametrize(
    "encryption",
    [pikepdf.Encryption(owner="owner", user="reader"), pikepdf.Encryption(owner="owner", user="")],
    ids=["needs a password to open", "opens without a password"],
)
def test_an_encrypted_redacted_copy_is_refused(proposed, supervisor2, encryption):
    data = redacted_pdf("A redacted copy", encryption=encryption)
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, redacted_pdf=upload(data))
    assert field_errors(excinfo)["redacted_pdf"] == [publishing.ENCRYPTED_PDF_MESSAGE]
    proposed.refresh_from_db()
    assert (proposed.state, proposed.redacted_pdf.name) == (State.PROPOSED, "")


def test_a_redacted_copy_must_be_a_pdf(proposed, supervisor2):
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, redacted_pdf=upload(b"<html><script>alert(1)</script></html>", "x.pdf"))
    assert "must be a PDF" in field_errors(excinfo)["redacted_pdf"][0]
    proposed.refresh_from_db()
    assert (proposed.state, proposed.redacted_pdf.name) == (State.PROPOSED, "")


def test_a_redacted_copy_over_the_size_limit_is_refused(proposed, supervisor2, monkeypatch):
    monkeypatch.setattr(publishing, "REDACTED_PDF_MAX_BYTES", 10)
    with pytest.raises(ValidationError) as excinfo:
        publish(proposed, supervisor2, redacted_pdf=upload())
    assert "larger than" in field_errors(excinfo)["redacted_pdf"][0]


def test_only_a_proposed_entry_can_be_published(published, supervisor):
    with pytest.raises(TransitionNotAllowed, match="Only a proposed entry"):
        publish(published, supervisor)


def test_publishing_is_recorded_on_the_case_timeline(published, response, supervisor2):
    event = AuditEvent.objects.filter(case=response.case, action="publication_published").get()
    assert (event.actor, event.changes["before"]["state"], event.changes["after"]["state"]) == (
        supervisor2,
        State.PROPOSED,
        State.PUBLISHED,
    )


# --- withdrawing --------------------------------------------------------------------------------


def test_a_supervisor_withdraws_a_published_entry_and_the_record_is_kept(published, supervisor):
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="  A name was missed.  ")
    published.refresh_from_db()
    assert (published.state, published.withdrawn_by, published.withdrawal_reason) == (
        State.WITHDRAWN,
        supervisor,
        "A name was missed.",
    )
    assert published.published_by is not None  # who published it stays on the record


def test_withdrawing_needs_a_reason(published, supervisor):
    with pytest.raises(ValidationError) as excinfo:
        publishing.publication_withdraw(publication=published, actor=supervisor, reason=" ")
    assert "reason" in field_errors(excinfo)
    published.refresh_from_db()
    assert published.state == State.PUBLISHED


def test_an_officer_cannot_withdraw_an_entry(published, officer):
    with pytest.raises(publishing.PublicationRefused):
        publishing.publication_withdraw(publication=published, actor=officer, reason="Because.")


def test_a_supervisor_can_turn_down_a_proposal(proposed, supervisor2, response):
    publishing.publication_withdraw(publication=proposed, actor=supervisor2, reason="Too little public interest.")
    event = AuditEvent.objects.filter(case=response.case, action="publication_withdrawn").get()
    assert "turned down" in event.summary


def test_a_withdrawn_entry_cannot_be_withdrawn_again(published, supervisor):
    publishing.publication_withdraw(publication=published, actor=supervisor, reason="A name was missed.")
    with pytest.raises(TransitionNotAllowed):
        publishing.publication_withdraw(publication=published, actor=supervisor, reason="Again.")


# --- the public log -----------------------------------------------------------------------------


def publish_new(officer, supervisor, publisher, *, title, on=None, **fields):
    letter = sent_response(officer=officer, supervisor=supervisor, **fields)
    publication = publish(propose(letter, officer, title=title), publisher)
    if on is not None:
        Publication.objects.filter(pk=publication.pk).update(published_on=on)
    return publication


@pytest.fixture
def log(officer, supervisor, supervisor2, body, other_body):
    """Three published entries (and one proposed, one withdrawn) across two bodies and two years."""
    cast = (officer, supervisor, supervisor2)
    entries = {
        "cameras": publish_new(*cast, title="Speed camera income", on=date(2023, 6, 1), body=body),
        "drones": publish_new(
            *cast, title="Drone flights", on=date(2024, 2, 1), body=other_body, kind="refusal", codes=("s31(1)",)
        ),
        "river": publish_new(
            *cast,
            title="River pollution samples",
            on=date(2024, 5, 1),
            body=body,
            regime="eir",
            kind="refusal",
            codes=("reg12(5)(b)",),
        ),
    }
    propose(sent_response(officer=officer, supervisor=supervisor), officer, title="Proposed only")
    withdrawn = publish_new(*cast, title="Withdrawn entry")
    publishing.publication_withdraw(publication=withdrawn, actor=supervisor, reason="A name was missed.")
    return entries


def titles(**filters) -> list[str]:
    return [entry.title for entry in publishing.published_entries(**filters)]


def test_the_log_lists_published_entries_only_newest_first(log):
    assert titles() == ["River pollution samples", "Drone flights", "Speed camera income"]


def test_the_log_searches_titles(log):
    assert titles(q="drone") == ["Drone flights"]


def test_the_log_searches_references(log):
    reference = log["cameras"].letter.references
    assert titles(q=reference) == ["Speed camera income"]


def test_the_log_filters_by_public_body(log, other_body):
    assert titles(body=other_body) == ["Drone flights"]


def test_the_log_filters_by_outcome(log):
    assert titles(outcome="fully_withheld") == ["River pollution samples", "Drone flights", "Speed camera income"]
    assert titles(outcome="granted") == []


def test_the_log_filters_by_a_foia_exemption_section(log):
    assert titles(exemption="s31") == ["Drone flights"]
    assert titles(exemption="s40") == ["Speed camera income"]


def test_the_log_filters_by_an_eir_exception(log):
    assert titles(exemption="reg12(5)(b)") == ["River pollution samples"]


def test_the_log_filters_by_year_of_publication(log):
    assert titles(year=2024) == ["River pollution samples", "Drone flights"]


def test_the_exemption_filter_offers_the_sections_cited_in_published_entries(log):
    choices = [(choice.value, choice.label) for choice in publishing.exemption_choices()]
    assert choices == [
        ("s31", "s31 Law enforcement"),
        ("s40", "s40 Personal information"),
        ("reg12(5)(b)", "reg12(5)(b) The course of justice and inquiries"),
    ]


def test_the_year_filter_offers_the_years_with_published_entries(log):
    assert publishing.year_choices() == [2024, 2023]


def test_an_entry_names_its_exemptions_with_their_citations(log):
    entry = publishing.published_entries(q="Speed camera").get()
    assert publishing.exemptions_cited(entry) == "s40(2) Personal information: other people's personal data"


def test_an_entry_gives_its_outcome_in_plain_words(log):
    entry = publishing.published_entries(q="Drone").get()
    assert publishing.outcome_words(entry) == "Information withheld"


def test_listing_the_log_costs_the_same_queries_however_many_entries(
    log, officer, supervisor, supervisor2, django_assert_num_queries
):
    def read_all():
        return [
            (publishing.exemptions_cited(e), publishing.outcome_words(e), e.letter.case.body.name, e.letter.references)
            for e in publishing.published_entries()
        ]

    with django_assert_num_queries(2):
        read_all()
    for number in range(3):
        publish_new(officer, supervisor, supervisor2, title=f"More {number}", body=BodyFactory())
    with django_assert_num_queries(2):
        assert len(read_all()) == 6
