"""Telling anyone whether a PDF is one of our letters, and which (responses.verification)."""

import dataclasses

import pytest

from foi_cases.services import unit_get
from responses import services, signing
from responses.models import LetterPdf
from responses.tests.signing_fixtures import letter_pdf_store
from responses.verification import letter_verify

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_certificate", "media_root")]


@pytest.fixture
def approved(submitted, supervisor):
    return services.letter_approve(letter=submitted, actor=supervisor)


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
