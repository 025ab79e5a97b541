"""Signing letters with the unit's certificate, and checking a signed PDF (responses.signing)."""

import datetime
import os
import socket
import stat
import time
from io import BytesIO

import pytest
from asn1crypto import cms
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from pyhanko.sign import fields, signers

from responses import signing


def sign(pdf: bytes) -> bytes:
    return signing.pdf_sign(pdf, reason="Response to FOI2026/00012", location="Bedford")


@pytest.fixture
def signed(sample_pdf) -> bytes:
    return sign(sample_pdf)


def certificate_file(
    path, *, key=None, common_name="Information Rights Unit", not_after=None, issuer_key=None, extensions=()
):
    """A PKCS#12 made here rather than by the service: for keys and certificates it never makes."""
    key = key or ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    issuer = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Some CA")]) if issuer_key else subject
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(not_after or now + datetime.timedelta(days=30))
    )
    for extension in extensions:
        builder = builder.add_extension(extension, critical=False)
    certificate = builder.sign(issuer_key or key, hashes.SHA256())
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(b"test", key, certificate, None, serialization.NoEncryption())
    )
    return path


def signed_with(settings, path, pdf: bytes, passphrase: str = "") -> bytes:
    """Sign with another certificate, then put the unit's own back in place."""
    before = settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(path), passphrase
    try:
        return sign(pdf)
    finally:
        settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = before


def signature_gap(data: bytes) -> tuple[int, int]:
    """Where the signature container's hex string lies in the file: [start, end) of the hex digits."""
    byte_range = PdfFileReader(BytesIO(data)).embedded_signatures[0].sig_object["/ByteRange"]
    return byte_range[1] + 1, byte_range[2] - 1


def flipped(data: bytes, position: int, bits: int = 0x01) -> bytes:
    changed = bytearray(data)
    changed[position] ^= bits
    return bytes(changed)


# --- the certificate ---------------------------------------------------------------------------


def test_it_writes_a_pkcs12_readable_by_its_owner_only_creating_the_directory(tmp_path):
    path = tmp_path / "new" / "dir" / "unit.p12"
    signing.signing_certificate_create(path=path, passphrase="secret", common_name="Unit")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_certificate_names_the_unit_and_may_only_sign(tmp_path):
    path = tmp_path / "unit.p12"
    fingerprint = signing.signing_certificate_create(
        path=path, passphrase="secret", common_name="Information Rights Unit", organisation="Test Constabulary"
    )
    _, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), b"secret")
    assert certificate.fingerprint(hashes.SHA256()).hex() == fingerprint
    assert certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Information Rights Unit"
    assert certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Test Constabulary"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert (usage.digital_signature, usage.content_commitment, usage.key_cert_sign) == (True, True, False)


def test_the_certificate_lasts_the_days_asked_for(tmp_path):
    path = tmp_path / "unit.p12"
    signing.signing_certificate_create(path=path, passphrase="secret", common_name="Unit", days=30)
    _, certificate, _ = pkcs12.load_key_and_certificates(path.read_bytes(), b"secret")
    assert certificate.not_valid_after_utc - certificate.not_valid_before_utc == datetime.timedelta(days=30)


def test_the_fingerprint_is_that_of_the_configured_certificate(signing_certificate):
    assert signing.certificate_fingerprint() == signing_certificate.fingerprint


def test_a_missing_certificate_file_says_how_to_make_one(settings, tmp_path):
    settings.SIGNING_CERT_PATH = str(tmp_path / "absent.p12")
    with pytest.raises(signing.SigningUnavailable) as refused:
        signing.certificate_fingerprint()
    assert str(refused.value) == (
        f"No signing certificate at {tmp_path / 'absent.p12'}: run `python manage.py create_signing_certificate`."
    )


def test_a_wrong_passphrase_is_reported_plainly(settings):
    settings.SIGNING_CERT_PASSPHRASE = "not the passphrase"
    with pytest.raises(signing.SigningUnavailable, match="the passphrase .SIGNING_CERT_PASSPHRASE. is wrong"):
        signing.certificate_fingerprint()


def test_signing_without_a_certificate_raises_signing_unavailable(settings, tmp_path, sample_pdf):
    settings.SIGNING_CERT_PATH = str(tmp_path / "absent.p12")
    with pytest.raises(signing.SigningUnavailable):
        sign(sample_pdf)


def test_the_signer_is_loaded_once_while_the_file_is_unchanged():
    assert signing._signer() is signing._signer()


def test_a_replaced_certificate_is_used_without_a_restart(settings, tmp_path):
    path = tmp_path / "unit.p12"
    first = signing.signing_certificate_create(path=path, passphrase="one", common_name="Unit")
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(path), "one"
    assert signing.certificate_fingerprint() == first
    second = signing.signing_certificate_create(path=path, passphrase="one", common_name="Unit")
    assert signing.certificate_fingerprint() == second != first


def test_a_changed_passphrase_setting_reloads_the_signer(settings, tmp_path):
    path = tmp_path / "unit.p12"
    signing.signing_certificate_create(path=path, passphrase="right", common_name="Unit")
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(path), "right"
    signing.certificate_fingerprint()
    settings.SIGNING_CERT_PASSPHRASE = "wrong"
    with pytest.raises(signing.SigningUnavailable):
        signing.certificate_fingerprint()


def test_the_certificate_can_be_exported_for_the_trusted_list(signing_certificate):
    pem = signing.certificate_pem(path=signing_certificate.path, passphrase=signing_certificate.passphrase)
    certificate = x509.load_pem_x509_certificate(pem)
    assert certificate.fingerprint(hashes.SHA256()).hex() == signing_certificate.fingerprint


# --- signing -----------------------------------------------------------------------------------


def test_a_signed_letter_verifies_as_genuine(signed, signing_certificate):
    check = signing.pdf_verify(signed)
    assert check == signing.SignatureCheck(
        genuine=True,
        intact=True,
        valid=True,
        trusted=True,
        whole_file=True,
        signer="Information Rights Unit",
        signed_at=check.signed_at,
        fingerprint=signing_certificate.fingerprint,
        problem="",
    )


def test_the_signature_records_when_it_was_made(sample_pdf):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    check = signing.pdf_verify(sign(sample_pdf))
    assert before <= check.signed_at <= datetime.datetime.now(datetime.UTC)


def test_signing_appends_to_the_rendered_document_and_changes_none_of_it(sample_pdf, signed):
    assert signed.startswith(sample_pdf)


def test_the_signature_is_pades_baseline_with_sha256(signed):
    embedded = PdfFileReader(BytesIO(signed)).embedded_signatures[0]
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.md_algorithm == "sha256"


def test_the_signed_letter_is_still_tagged_pdf_ua(signed):
    reader = PdfFileReader(BytesIO(signed))
    assert {"/StructTreeRoot", "/MarkInfo", "/Lang"} <= set(reader.root.keys())
    assert 'pdfuaid:part="1"' in reader.root["/Metadata"].data.decode()


def test_the_signed_letter_stays_a_pdf_1_x_file_as_pdf_ua_1_requires(signed):
    """An ECDSA signature would make pyHanko declare PDF 2.0 (ISO 32002), which PDF/UA-1 does not allow."""
    root = PdfFileReader(BytesIO(signed)).root
    extensions = root.get("/Extensions", {})
    assert (signed[:7], "/Version" in root, "/ISO_" in extensions) == (b"%PDF-1.", False, False)
    assert all(str(extension["/BaseVersion"]).startswith("/1.") for extension in extensions.values())


def test_the_invisible_signature_widget_lies_outside_the_page(signed):
    # PDF/UA: an untagged annotation must be hidden or outside the crop box.
    widget = PdfFileReader(BytesIO(signed)).root["/AcroForm"]["/Fields"][0]
    assert all(coordinate < 0 for coordinate in widget["/Rect"])


def test_a_unit_certificate_with_an_rsa_key_signs_too(settings, tmp_path, sample_pdf):
    path = certificate_file(tmp_path / "rsa.p12", key=rsa.generate_private_key(public_exponent=65537, key_size=2048))
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(path), ""
    assert signing.pdf_verify(sign(sample_pdf)).genuine


# --- trust -------------------------------------------------------------------------------------


def test_a_letter_signed_with_another_certificate_of_the_same_name_is_not_trusted(settings, tmp_path, sample_pdf):
    forged = signed_with(settings, certificate_file(tmp_path / "other.p12"), sample_pdf)
    check = signing.pdf_verify(forged)
    assert (check.genuine, check.intact, check.valid, check.trusted) == (False, True, True, False)
    assert check.signer == "Information Rights Unit"
    assert check.problem == "The signature was not made with this unit's certificate."


def test_a_letter_signed_with_an_earlier_certificate_listed_as_trusted_is_genuine(settings, tmp_path, sample_pdf):
    earlier = certificate_file(tmp_path / "earlier.p12")
    letter = signed_with(settings, earlier, sample_pdf)
    pem = tmp_path / "earlier.pem"
    pem.write_bytes(signing.certificate_pem(path=earlier, passphrase=""))
    settings.SIGNING_TRUSTED_CERTS = [str(pem)]
    assert signing.pdf_verify(letter).genuine


def test_an_unreadable_trusted_certificate_file_does_not_stop_other_letters_verifying(settings, tmp_path, signed):
    settings.SIGNING_TRUSTED_CERTS = [str(tmp_path / "absent.pem")]
    assert signing.pdf_verify(signed).genuine


def test_without_any_certificate_installed_nothing_verifies_and_it_says_why(settings, tmp_path, signed):
    settings.SIGNING_CERT_PATH = str(tmp_path / "absent.p12")
    check = signing.pdf_verify(signed)
    assert not check.genuine
    assert check.problem == "No certificate of this unit is installed here, so the signature cannot be checked."


def test_a_letter_still_verifies_after_its_certificate_has_expired(settings, tmp_path, sample_pdf):
    expires = datetime.datetime.now(datetime.UTC).replace(microsecond=0) + datetime.timedelta(seconds=1)
    short_lived = certificate_file(tmp_path / "short.p12", not_after=expires)
    settings.SIGNING_CERT_PATH, settings.SIGNING_CERT_PASSPHRASE = str(short_lived), ""
    letter = sign(sample_pdf)
    # Past the expiry and the validator's one-second tolerance.
    time.sleep(max(0.0, (expires - datetime.datetime.now(datetime.UTC)).total_seconds()) + 1.1)
    assert signing.pdf_verify(letter).genuine


def test_checking_a_letter_fetches_nothing_from_the_network(settings, tmp_path, sample_pdf, monkeypatch):
    # A certificate from an unknown CA, naming where to fetch its issuer, CRL and OCSP answer: a
    # validator allowed to fetch would connect to 127.0.0.1:9 while building its path.
    url = x509.UniformResourceIdentifier
    extensions = [
        x509.AuthorityInformationAccess(
            [
                x509.AccessDescription(AuthorityInformationAccessOID.CA_ISSUERS, url("http://127.0.0.1:9/ca.crt")),
                x509.AccessDescription(AuthorityInformationAccessOID.OCSP, url("http://127.0.0.1:9/ocsp")),
            ]
        ),
        x509.CRLDistributionPoints([x509.DistributionPoint([url("http://127.0.0.1:9/ca.crl")], None, None, None)]),
    ]
    path = certificate_file(
        tmp_path / "ca.p12", issuer_key=ec.generate_private_key(ec.SECP256R1()), extensions=extensions
    )
    letter = signed_with(settings, path, sample_pdf)
    connections = []

    def refuse(sock, address):
        connections.append(address)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    check = signing.pdf_verify(letter)
    assert (check.trusted, connections) == (False, [])


# --- changes after signing ---------------------------------------------------------------------


def test_a_changed_byte_in_a_content_stream_makes_verification_fail(signed):
    stream = signed.index(b"stream\n", signed.index(b"/FlateDecode")) + len(b"stream\n")
    check = signing.pdf_verify(flipped(signed, stream + 10))
    assert (check.genuine, check.intact) == (False, False)
    assert check.problem == "The file has been changed since it was signed."


def test_a_changed_byte_in_the_document_information_makes_verification_fail(signed):
    title = signed.index(b"/Title") + len(b"/Title (")
    assert not signing.pdf_verify(flipped(signed, title + 2)).genuine


def test_a_changed_byte_in_the_signature_value_makes_verification_fail(signed):
    start, end = signature_gap(signed)
    container = cms.ContentInfo.load(bytes.fromhex(signed[start:end].decode()))
    value = container["content"]["signer_infos"][0]["signature"].native.hex().upper().encode()
    position = signed.index(value, start) + len(value) // 2
    check = signing.pdf_verify(flipped(signed, position))
    assert (check.genuine, check.valid) == (False, False)


@pytest.mark.parametrize(
    "where",
    [
        "SignedData version",
        "digest algorithm list",
        "issuer naming the signer",
        "zero padding",
        "letter case of the hex",
    ],
)
def test_a_changed_byte_in_the_unsigned_parts_of_the_signature_makes_verification_fail(
    signed, where, signing_certificate
):
    # Validators ignore these bytes or match them loosely: left unchecked, changing one would leave
    # a "valid" signature.
    start, end = signature_gap(signed)
    hex_digits = signed[start:end]
    _, certificate, _ = pkcs12.load_key_and_certificates(
        signing_certificate.path.read_bytes(), signing_certificate.passphrase.encode()
    )
    issuer = certificate.issuer.public_bytes().hex().upper().encode()
    container = cms.ContentInfo.load(bytes.fromhex(hex_digits.decode()))
    signer_id = container["content"]["signer_infos"][0]["sid"].dump().hex().upper().encode()
    signer_issuer_end = hex_digits.index(signer_id) + signer_id.index(issuer) + len(issuer)
    position, bits = {
        "SignedData version": (start + hex_digits.index(b"020101") + 5, 0x02),  # v1 -> v3
        "digest algorithm list": (start + hex_digits.index(b"608648016503040201") + 17, 0x02),  # sha256 -> sha512
        "issuer naming the signer": (start + signer_issuer_end - 2, 0x02),  # its country "GB" -> "Gb"
        "zero padding": (end - 10, 0x01),
        "letter case of the hex": (start + next(i for i, c in enumerate(hex_digits) if chr(c) in "ABCDEF"), 0x20),
    }[where]
    check = signing.pdf_verify(flipped(signed, position, bits))
    assert (check.genuine, check.problem) == (False, "The file has been changed since it was signed.")


def test_a_signature_container_stretched_over_its_zero_padding_is_refused(signed):
    # The outer SEQUENCE's length grown by two takes in two padding zeros, which a lenient parser
    # ignores: the signature would still validate.
    start, _ = signature_gap(signed)
    assert signed[start : start + 4] == b"3082"  # SEQUENCE, length in the next two bytes
    length = int(signed[start + 4 : start + 8], 16)
    stretched = signed[: start + 4] + f"{length + 2:04X}".encode() + signed[start + 8 :]
    check = signing.pdf_verify(stretched)
    assert (check.genuine, check.problem) == (False, "The file has been changed since it was signed.")


def test_no_single_changed_byte_anywhere_in_the_file_passes(signed):
    # A sample across the whole file (every byte takes about a minute, and was checked when this
    # was written: no position passes, for bit flips 0x01, 0x20 and 0x80).
    passing = [
        position for position in range(0, len(signed), 37) if signing.pdf_verify(flipped(signed, position)).genuine
    ]
    assert passing == []


def test_bytes_appended_after_signing_are_refused(signed):
    check = signing.pdf_verify(signed + b"\n% a comment added later\n")
    assert (check.genuine, check.intact, check.valid, check.whole_file) == (False, True, True, False)
    assert check.problem == "Something has been added to the file since it was signed."


def test_an_incremental_update_after_signing_is_refused(signed):
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    writer.root["/Lang"] = writer.root["/Lang"].__class__("fr-FR")
    writer.update_root()
    updated = BytesIO()
    writer.write(updated)
    check = signing.pdf_verify(updated.getvalue())
    assert (check.genuine, check.whole_file) == (False, False)


def test_a_file_with_two_signatures_is_refused(sample_pdf, signing_certificate):
    signer = signers.SimpleSigner.load_pkcs12(
        str(signing_certificate.path), passphrase=signing_certificate.passphrase.encode()
    )
    data = sample_pdf
    sign = signing.outside_event_loop(signers.sign_pdf)  # the suite's browser tests leave a loop running
    for name in ("First", "Second"):
        metadata = signers.PdfSignatureMetadata(field_name=name, subfilter=fields.SigSeedSubFilter.PADES)
        data = sign(IncrementalPdfFileWriter(BytesIO(data)), metadata, signer=signer).getvalue()
    check = signing.pdf_verify(data)
    assert check.problem == "The file has more than one signature; this unit's letters carry exactly one."


# --- anything at all ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "This is not a PDF file."),
        (os.urandom(5000), "This is not a PDF file."),
        (b"<html><body>A letter</body></html>", "This is not a PDF file."),
        (b"%PDF-1.7\n" + os.urandom(5000), "The file is damaged and cannot be read as a PDF."),
    ],
    ids=["empty", "random bytes", "html", "pdf header then noise"],
)
def test_anything_that_is_not_a_readable_pdf_gets_a_reason_not_an_error(data, problem):
    assert signing.pdf_verify(data) == signing.SignatureCheck(genuine=False, problem=problem)


def test_an_unsigned_pdf_has_no_signature(sample_pdf):
    assert signing.pdf_verify(sample_pdf).problem == "This file has no digital signature."


def test_a_truncated_signed_letter_is_not_genuine(signed):
    check = signing.pdf_verify(signed[: len(signed) // 2])
    assert not check.genuine
    assert check.problem


def test_an_encrypted_pdf_is_not_genuine(sample_pdf):
    writer = copy_into_new_writer(PdfFileReader(BytesIO(sample_pdf)))
    writer.encrypt("owner", "user")
    encrypted = BytesIO()
    writer.write(encrypted)
    check = signing.pdf_verify(encrypted.getvalue())
    assert check.problem == "The file is encrypted or password-protected; this unit's letters never are."


def test_signing_and_verifying_work_inside_a_running_event_loop(sample_pdf, signing_certificate):
    """pyHanko runs its own event loop; called where one already runs (an async view) it must still work."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def sign_and_check():
        return signing.pdf_verify(signing.pdf_sign(sample_pdf, reason="Test", location="Test"))

    with ThreadPoolExecutor(max_workers=1) as pool:  # a thread of its own: none of the suite's loops runs there
        assert pool.submit(asyncio.run, sign_and_check()).result().genuine
