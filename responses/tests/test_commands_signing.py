"""manage.py create_signing_certificate and verify_letter."""

from io import StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import CommandError, call_command

from foi_cases.services import unit_get
from responses import services, signing
from responses.tests.signing_fixtures import letter_pdf_store

pytestmark = pytest.mark.django_db


def create(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_signing_certificate", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def verify(path) -> str:
    out = StringIO()
    call_command("verify_letter", str(path), stdout=out)
    return out.getvalue()


def certificate_in(path, passphrase: str):
    return pkcs12.load_key_and_certificates(path.read_bytes(), passphrase.encode() or None)[1]


# --- create_signing_certificate ----------------------------------------------------------------


def test_it_writes_the_certificate_where_the_settings_say_and_prints_its_fingerprint(settings, tmp_path):
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(tmp_path / "unit.p12"), "from the environment"
    out, _ = create()
    fingerprint = certificate_in(tmp_path / "unit.p12", "from the environment").fingerprint(hashes.SHA256()).hex()
    assert f"Signing certificate written to {tmp_path / 'unit.p12'}" in out
    assert f"SHA-256 fingerprint: {fingerprint}" in out
    assert signing.certificate_fingerprint() == fingerprint


def test_the_certificate_is_named_after_the_unit_by_default(settings, tmp_path):
    settings.SIGNING_CERT_PASSPHRASE = "secret"
    create("--path", str(tmp_path / "unit.p12"))
    certificate = certificate_in(tmp_path / "unit.p12", "secret")
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == unit_get().name


def test_options_override_the_path_passphrase_name_and_lifetime(tmp_path):
    create("--path", str(tmp_path / "other.p12"), "--passphrase", "given", "--common-name", "FOI Team", "--days", "30")
    certificate = certificate_in(tmp_path / "other.p12", "given")
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "FOI Team"
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days == 30


def test_it_warns_when_the_key_has_no_passphrase(settings, tmp_path):
    settings.SIGNING_CERT_PASSPHRASE = ""
    _, err = create("--path", str(tmp_path / "unit.p12"))
    assert "The key has no passphrase" in err


def test_it_refuses_to_overwrite_an_existing_certificate(tmp_path):
    path = tmp_path / "unit.p12"
    create("--path", str(path), "--passphrase", "secret")
    before = path.read_bytes()
    with pytest.raises(CommandError, match="already exists.*Use --force"):
        create("--path", str(path), "--passphrase", "secret")
    assert path.read_bytes() == before


def test_force_replaces_it_and_keeps_the_old_certificate_for_the_trusted_list(tmp_path):
    path = tmp_path / "unit.p12"
    create("--path", str(path), "--passphrase", "secret")
    old = certificate_in(path, "secret")
    out, _ = create("--path", str(path), "--passphrase", "secret", "--force")
    old_fingerprint = old.fingerprint(hashes.SHA256()).hex()
    kept = tmp_path / f"unit-{old_fingerprint[:16]}.pem"
    assert certificate_in(path, "secret").fingerprint(hashes.SHA256()).hex() != old_fingerprint
    assert x509.load_pem_x509_certificate(kept.read_bytes()) == old
    assert f"kept at {kept}" in out


# --- verify_letter -----------------------------------------------------------------------------


@pytest.fixture
def letter_file(signing_certificate, sample_pdf, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(signing.pdf_sign(sample_pdf, reason="Response", location="Bedford"))
    return path


def test_verify_letter_says_a_genuine_letter_is_genuine(letter_file):
    out = verify(letter_file)
    assert out.startswith(
        f"Genuine: signed by {unit_get().name} and unaltered, reference FOI2026/00012 & FOI2026/00013"
    )


def test_verify_letter_gives_the_reference_and_date_of_a_letter_in_the_register(
    letter_file, submitted, supervisor, media_root
):
    letter = services.letter_approve(letter=submitted, actor=supervisor)
    letter_pdf_store(letter, letter_file.read_bytes())
    out = verify(letter_file)
    assert out.startswith(
        f"Genuine: an unaltered letter of {unit_get().name}, reference {letter.references}, "
        f"dated {services.ordinal_date(letter.letter_date)}."
    )
    assert "Kind: Neither confirm nor deny" in out


def test_verify_letter_shows_the_certificate_that_signed_it(letter_file, signing_certificate):
    assert f"Certificate SHA-256: {signing_certificate.fingerprint}" in verify(letter_file)


def test_verify_letter_exits_with_status_one_for_a_changed_letter(letter_file):
    data = bytearray(letter_file.read_bytes())
    data[data.index(b"/Title") + 10] ^= 1
    letter_file.write_bytes(bytes(data))
    out = StringIO()
    with pytest.raises(SystemExit) as exit:
        call_command("verify_letter", str(letter_file), stdout=out)
    assert exit.value.code == 1
    assert out.getvalue().strip() == "NOT genuine: The file has been changed since it was signed."


def test_verify_letter_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        verify(tmp_path / "absent.pdf")
