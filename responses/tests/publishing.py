"""Issued responses to publish, made through the real services (shared by the disclosure log tests)."""

import io
from datetime import timedelta

import pikepdf

from foi_cases import services as case_services
from foi_cases.tests.factories import make_case
from responses import issuing, services
from responses.models import Dispatch, Letter
from responses.tests.conftest import ready


def approved_response(*, officer, supervisor, kind="refusal", codes=("s40(2)",), **case_fields) -> Letter:
    """A final response drafted by the officer and approved by the supervisor (its PDF queued, not made)."""
    case_fields.setdefault("received_on", case_services.today() - timedelta(days=7))
    case = make_case(actor=officer, assigned_to=officer, **case_fields)
    letter = services.letter_create(case=case, actor=officer, kind=kind, codes=codes)
    letter = ready(letter, officer)
    services.letter_submit(letter=letter, actor=officer)
    return services.letter_approve(letter=letter, actor=supervisor)


def mark_sent(letter: Letter, actor) -> Letter:
    """Record a posted dispatch without making the PDF (fast: for tests that never download it)."""
    Dispatch.objects.create(
        letter=letter, method="post", sent_on=letter.letter_date, sha256="0" * 64, recorded_by=actor
    )
    return letter


def send(letter: Letter, actor) -> Letter:
    """Make the signed PDF, as the worker does, and send it by post, as the officer does."""
    issuing.letter_render_pdf(letter_id=letter.pk)
    issuing.letter_send(letter=letter, actor=actor, method="post", sent_on=letter.letter_date)
    return letter


def sent_response(*, officer, supervisor, render: bool = False, **fields) -> Letter:
    letter = approved_response(officer=officer, supervisor=supervisor, **fields)
    return send(letter, officer) if render else mark_sent(letter, officer)


def redacted_pdf(text: str = "The redacted copy", *, author: str = "", title: str = "", encryption=None) -> bytes:
    """A one-page PDF reading `text`, as an officer's PDF editor saves it: with `author` and `title`
    in its document information and its XMP metadata when given (uncompressed, so they can be
    found in the file's bytes)."""
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=pdf.make_indirect(font)))
    page.Contents = pdf.make_stream(f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode())
    if author or title:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:creator"] = [f"{author} (XMP)"]
            xmp["dc:title"] = f"{title} (XMP)"
        # After the XMP, which copies itself into the document information when closed.
        pdf.docinfo["/Author"] = author
        pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out, encryption=encryption, compress_streams=False)
    return out.getvalue()
