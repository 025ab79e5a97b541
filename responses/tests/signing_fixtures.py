"""Fixtures for signed letters: a self-signed signing certificate made once per test session, and
settings pointing at it.

Registered for every test by the root conftest.py: `pytest_plugins = ["responses.tests.signing_fixtures"]`.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from responses import signing

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True)
class SigningCertificate:
    path: Path
    passphrase: str
    fingerprint: str


@pytest.fixture(scope="session")
def signing_certificate_file(tmp_path_factory) -> SigningCertificate:
    """The unit's test certificate: a PKCS#12 in a temporary directory, made once."""
    path = tmp_path_factory.mktemp("signing") / "unit.p12"
    fingerprint = signing.signing_certificate_create(
        path=path, passphrase=PASSPHRASE, common_name="Information Rights Unit", organisation="Test Constabulary"
    )
    return SigningCertificate(path, PASSPHRASE, fingerprint)


@pytest.fixture
def signing_certificate(signing_certificate_file, settings) -> SigningCertificate:
    """Letters are signed with the test certificate, and only it is trusted."""
    settings.SIGNING_CERT_PATH = str(signing_certificate_file.path)
    settings.SIGNING_CERT_PASSPHRASE = signing_certificate_file.passphrase
    settings.SIGNING_TRUSTED_CERTS = []
    return signing_certificate_file


@pytest.fixture(scope="session")
def sample_pdf() -> bytes:
    """A small tagged PDF/UA-1 letter as WeasyPrint renders it, with the references and the kind in
    its Keywords as responses.pdf writes them."""
    import weasyprint

    html = (
        '<html lang="en-GB"><head><title>Our Ref FOI2026/00012</title>'
        '<meta name="keywords" content="FOI2026/00012, FOI2026/00013, Neither confirm nor deny"></head><body>'
        "<h1>Your request for information</h1><p>Dear Requester,</p>"
        "<p>We neither confirm nor deny that we hold the information you asked for.</p></body></html>"
    )
    return weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def letter_pdf_store(letter, data: bytes, state: str = "ready"):
    """What the rendering task leaves behind: the signed PDF in storage, its digest in the register.
    (Approval may already have queued the letter's single LetterPdf row.)"""
    import hashlib

    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from responses.models import LetterPdf

    name = default_storage.save(f"letters/{letter.pk}.pdf", ContentFile(data))
    pdf, _ = LetterPdf.objects.update_or_create(
        letter=letter,
        defaults={"state": state, "file": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)},
    )
    return pdf
