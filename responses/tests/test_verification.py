"""Telling anyone whether a PDF is one of our letters, and which (responses.verification)."""

import dataclasses

import pytest

from foi_cases.services import unit_get
from responses import services, signing
from responses.models import LetterPdf
from responses.tests.signing_fixtures import letter_pdf_store
from responses.verification import TOO_COMPLEX, letter_verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed(sample_pdf) -> bytes:
    return signing.pdf_sign(sample_pdf, reason="Response", location="Bedford")


def test_a_stored_letter_is_found_with_its_reference_date_kind_and_bodies(approved, signed):
    letter_pdf_store(approved, signed)
    result = letter_verify(data=signed)
    assert (result.genuine, result.in_register) == (True, True)
    assert result.references == approved.references
    assert result.date_text == services.ordinal_date(approved.letter_date)
    assert (result.kind, result.bodies, result.unit) == (
        "Neither confirm nor deny",
        ("Bedfordshire Police",),
        unit_get().name,
    )


def test_the_summary_names_the_unit_reference_and_date(approved, signed):
    letter_pdf_store(approved, signed)
    assert letter_verify(data=signed).summary == (
        f"Genuine: an unaltered letter of {unit_get().name}, reference {approved.references}, "
        f"dated {services.ordinal_date(approved.letter_date)}."
    )


def test_the_answer_never_names_the_requester(approved, signed):
    letter_pdf_store(approved, signed)
    told = repr(dataclasses.asdict(letter_verify(data=signed)))
    assert "Alex Requester" not in told
    assert "alex@example.org" not in told


def test_a_genuine_letter_missing_from_the_register_is_genuine_with_the_reference_it_prints(signed):
    result = letter_verify(data=signed)
    assert (result.genuine, result.in_register) == (True, False)
    assert (result.references, result.kind) == ("FOI2026/00012 & FOI2026/00013", "Neither confirm nor deny")
    assert result.summary.endswith("but this letter is not in the register here.")


def test_a_changed_copy_of_a_stored_letter_is_not_genuine(approved, signed):
    letter_pdf_store(approved, signed)
    title = signed.index(b"/Title") + len(b"/Title (") + 2
    changed = signed[:title] + bytes([signed[title] ^ 1]) + signed[title + 1 :]
    result = letter_verify(data=changed)
    assert (result.genuine, result.in_register) == (False, False)
    assert result.summary == "NOT genuine: The file has been changed since it was signed."


def test_only_a_ready_pdf_counts_as_the_registers_copy(approved, sample_pdf):
    # Unsigned, so only the register could make it genuine.
    letter_pdf_store(approved, sample_pdf, state=LetterPdf.State.RENDERING)
    assert not letter_verify(data=sample_pdf).in_register


def test_the_registers_exact_copy_is_genuine_even_when_its_certificate_is_no_longer_installed(
    approved, signed, settings, tmp_path
):
    letter_pdf_store(approved, signed)
    settings.SIGNING_CERT_PATH = str(tmp_path / "replaced-and-not-listed.p12")
    result = letter_verify(data=signed)
    assert (result.genuine, result.in_register, result.signature.genuine) == (True, True, False)


def test_an_unsigned_pdf_is_not_genuine_and_says_why(sample_pdf):
    result = letter_verify(data=sample_pdf)
    assert (result.genuine, result.problem) == (False, "This file has no digital signature.")


def test_garbage_is_not_genuine():
    assert letter_verify(data=b"not a pdf").summary == "NOT genuine: This is not a PDF file."


# --- a crafted file cannot hold the checker ----------------------------------------------------


def object_stream_pdf(fields: int) -> bytes:
    """A small PDF whose form fields all sit in one compressed object stream: pyHanko rereads the
    stream for every object it looks up, so checking it takes time in the square of `fields`."""
    import struct
    import zlib

    out, xref = bytearray(b"%PDF-1.7\n"), {}

    def add(number: int, body: bytes) -> None:
        xref[number] = (1, len(out), 0)
        out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    numbers = range(10, 10 + fields)
    add(1, b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields 3 0 R >> >>")
    add(2, b"<< /Type /Pages /Kids [] /Count 0 >>")
    packed = [(3, b"[" + b" ".join(b"%d 0 R" % n for n in numbers) + b"]")] + [(n, b"<</T(a)/FT/Tx>>") for n in numbers]
    stream_number = 10 + fields
    header, body = bytearray(), bytearray()
    for index, (number, content) in enumerate(packed):
        header += b"%d %d " % (number, len(body))
        body += content + b" "
        xref[number] = (2, stream_number, index)
    data = zlib.compress(bytes(header) + bytes(body))
    add(
        stream_number,
        b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(packed), len(header), len(data), data),
    )
    xref_number = stream_number + 1
    xref[xref_number] = (1, len(out), 0)
    rows = b"".join(
        bytes([kind]) + struct.pack(">II", a, b)
        for kind, a, b in (xref.get(n, (0, 0, 0)) for n in range(xref_number + 1))
    )
    table, offset = zlib.compress(rows), len(out)
    out += b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 4] /Root 1 0 R /Filter /FlateDecode /Length %d >>\n" % (
        xref_number,
        xref_number + 1,
        len(table),
    )
    out += b"stream\n" + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offset
    return bytes(out)


def test_a_file_crafted_to_take_minutes_is_given_up_on_within_the_time_limit(db, settings):
    import time

    settings.VERIFY_TIME_LIMIT_SECONDS = 1
    started = time.monotonic()
    result = letter_verify(data=object_stream_pdf(2000))  # about ten seconds of parsing, unbounded
    assert (result.genuine, result.problem, time.monotonic() - started < 4) == (False, TOO_COMPLEX, True)


def test_a_version_replaced_before_it_was_sent_says_so(issued, officer):
    from django.core.files.storage import default_storage

    data = default_storage.open(LetterPdf.objects.get(letter=issued).file.name).read()
    services.letter_revise(letter=issued, actor=officer)
    assert letter_verify(data=data).replaced is True


def test_the_current_version_is_not_said_to_be_replaced(issued):
    from django.core.files.storage import default_storage

    data = default_storage.open(LetterPdf.objects.get(letter=issued).file.name).read()
    assert letter_verify(data=data).replaced is False
