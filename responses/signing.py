"""Digital signatures on letters: the unit's signing certificate, PAdES signing and checking.

A letter is signed once, after it is rendered, with the unit's key (a PKCS#12 file named by
settings.SIGNING_CERT_PATH). Anyone can later check a copy: `pdf_verify` says whether the file is
exactly what the unit signed, with the unit's own certificate, and nothing added since.

Trust is pinned to certificates, not to a certificate authority: a letter is the unit's only if it
was signed with the current certificate or one listed in settings.SIGNING_TRUSTED_CERTS (the
certificates of earlier years, so letters keep verifying after a key is replaced). Trusting a CA
instead would make every certificate that CA ever issued, to anyone, able to sign "our" letters.
"""

import asyncio
import concurrent.futures
import datetime
import functools
import hashlib
import logging
import os
import tempfile
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import cms, parser
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

SIGNATURE_FIELD = "Signature"
# Either usage is accepted: our own certificates carry both, a CA-issued document-signing
# certificate often only one.
SIGNER_KEY_USAGE = KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False)
# The widget is zero-sized and placed off the page: PDF/UA requires an untagged annotation to be
# hidden or outside the crop box, and PDF/A forbids the hidden flag, so off-page suits both.
INVISIBLE_WIDGET = fields.InvisSigSettings(set_print_flag=True, set_hidden_flag=False, box_out_of_bounds=True)


class SigningUnavailable(Exception):
    """The unit's signing certificate is missing or cannot be opened."""


# --- the certificate ---------------------------------------------------------------------------


def signing_certificate_create(
    *, path: str | Path, passphrase: str, common_name: str, organisation: str = "", days: int = 3650
) -> str:
    """Write a PKCS#12 file holding a new key and a self-signed certificate; return its fingerprint.

    RSA 3072, which every PAdES validator accepts. Not ECDSA: pyHanko marks a PDF signed with an
    ECDSA key as PDF 2.0 (ISO 32002), and PDF/UA-1, which the letters claim, is a PDF 1.x standard."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"))
    name = x509.Name(attributes)
    # A little slack before "now" so a letter signed at once on a machine whose clock is slightly
    # behind is not signed before the certificate begins.
    start = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # "nonRepudiation"
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
    )
    archive = pkcs12.serialize_key_and_certificates(common_name.encode(), key, certificate, None, encryption)
    _write_private(Path(path), archive)
    return certificate.fingerprint(hashes.SHA256()).hex()


def _write_private(path: Path, content: bytes) -> None:
    """Write readable by the owner only, and atomically: a worker signing at this moment reads the
    old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-")  # mode 0600
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


# --- the signer, loaded once per process and again when the file changes ------------------------


class _KeyKeepingSigner(signers.SimpleSigner):
    """pyHanko parses the private key again for every signature it makes (two per PDF: one sizes
    the signature), and parsing an RSA key includes a consistency check of about 0.1 s. Keeping the
    parsed key makes signing with an RSA key as fast as with an ECDSA one."""

    def __init__(self, *args, private_key, **kwargs):
        super().__init__(*args, **kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        algorithm = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15":
            return self._private_key.sign(data, PKCS1v15(), algorithm)
        if mechanism == "ecdsa":
            return self._private_key.sign(data, ec.ECDSA(algorithm))
        return super().sign_raw(data, digest_algorithm)


@dataclass(frozen=True)
class _LoadedSigner:
    identity: tuple
    signer: signers.SimpleSigner
    fingerprint: str
    reserved: int  # room in the file for the signature container, in hex digits


# Beyond the certificates it carries, a signature container holds its signed attributes, the
# signer's identity, algorithm names and the signature value: well under 2 KB, even for RSA 4096.
CONTAINER_ALLOWANCE_BYTES = 2048


_loaded: _LoadedSigner | None = None
_loading = threading.Lock()


def _signer() -> _LoadedSigner:
    """The signer for settings.SIGNING_CERT_PATH, read again only when the path, the passphrase or
    the file itself changes (so a replaced certificate is used without a restart)."""
    global _loaded
    path, passphrase = Path(settings.SIGNING_CERT_PATH), settings.SIGNING_CERT_PASSPHRASE or ""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise _missing(path) from None
    identity = (str(path), passphrase, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _loading:
        if _loaded is None or _loaded.identity != identity:
            _loaded = _signer_load(path, passphrase, identity)
        return _loaded


def _signer_load(path: Path, passphrase: str, identity: tuple) -> _LoadedSigner:
    key, certificate, extra = _archive_read(path, passphrase)
    if key is None:
        raise SigningUnavailable(f"The file at {path} holds no private key to sign with.")
    der = serialization.Encoding.DER
    signer = _KeyKeepingSigner(
        signing_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
        signing_cert=asn1_x509.Certificate.load(certificate.public_bytes(der)),
        cert_registry=SimpleCertificateStore.from_certs(asn1_x509.Certificate.load(c.public_bytes(der)) for c in extra),
        private_key=key,
    )
    # Reserving the room ourselves spares pyHanko's estimate, a trial signature that costs a third
    # of the signing time.
    certificates = sum(len(c.dump()) for c in (signer.signing_cert, *signer.cert_registry))
    reserved = 2 * (certificates + CONTAINER_ALLOWANCE_BYTES)
    return _LoadedSigner(identity, signer, certificate.fingerprint(hashes.SHA256()).hex(), reserved)


def _archive_read(path: Path, passphrase: str):
    try:
        archive = path.read_bytes()
    except FileNotFoundError:
        raise _missing(path) from None
    except OSError as error:
        raise SigningUnavailable(f"The signing certificate at {path} cannot be read: {error.strerror}.") from None
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(archive, passphrase.encode() or None)
    except ValueError:
        raise SigningUnavailable(
            f"The signing certificate at {path} cannot be opened: the passphrase (SIGNING_CERT_PASSPHRASE) is "
            "wrong or the file is not a PKCS#12 archive."
        ) from None
    if certificate is None:
        raise SigningUnavailable(f"The file at {path} holds no certificate.")
    return key, certificate, extra


def _missing(path: Path) -> SigningUnavailable:
    return SigningUnavailable(f"No signing certificate at {path}: run `python manage.py create_signing_certificate`.")


def certificate_pem(*, path: str | Path, passphrase: str) -> bytes:
    """The certificate in a PKCS#12 file, as PEM: the form SIGNING_TRUSTED_CERTS lists, to keep
    letters signed with it verifiable once the key is replaced."""
    _, certificate, _ = _archive_read(Path(path), passphrase)
    return certificate.public_bytes(serialization.Encoding.PEM)


def certificate_fingerprint() -> str:
    """SHA-256 (hex) of the certificate letters are signed with now."""
    return _signer().fingerprint


# --- signing -----------------------------------------------------------------------------------


def outside_event_loop(function):
    """pyHanko's synchronous API runs its own asyncio loop, which fails in a thread where one is
    already running (an async view, a Playwright test): there, run the call in a thread of its own."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return function(*args, **kwargs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(function, *args, **kwargs).result()

    return run


@outside_event_loop
def pdf_sign(pdf: bytes, *, reason: str, location: str, contact: str = "", name: str = "") -> bytes:
    """Sign with the unit's key: a PAdES baseline signature (ETSI.CAdES.detached, SHA-256) in an
    incremental update, so the rendered document, tags and metadata included, is kept as it was.

    It is a certification signature allowing no changes, so PDF readers show the letter as
    certified by the unit and flag any later edit."""
    loaded = _signer()
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        contact_info=contact or None,
        name=name or None,
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    field = fields.SigFieldSpec(SIGNATURE_FIELD, invis_sig_settings=INVISIBLE_WIDGET)
    signer = signers.PdfSigner(metadata, signer=loaded.signer, new_field_spec=field)
    return signer.sign_pdf(IncrementalPdfFileWriter(BytesIO(pdf)), bytes_reserved=loaded.reserved).getvalue()


# --- verification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureCheck:
    """What a check of a PDF found. `genuine` only when every part holds; otherwise `problem` says,
    in plain words, the first thing that is wrong."""

    genuine: bool
    intact: bool = False  # the signed bytes, and the signature itself, are exactly as signed
    valid: bool = False  # the signature was made by the key of the certificate it carries
    trusted: bool = False  # that certificate is the unit's (current, or listed as an earlier one)
    whole_file: bool = False  # the signature covers the whole file: nothing added after signing
    signer: str = ""  # the certificate's common name
    signed_at: datetime.datetime | None = None  # as the signer's clock claims (no timestamp authority)
    fingerprint: str = ""  # SHA-256 of the signing certificate
    problem: str = ""


NOT_A_PDF = "This is not a PDF file."
DAMAGED = "The file is damaged and cannot be read as a PDF."
ENCRYPTED = "The file is encrypted or password-protected; this unit's letters never are."
UNSIGNED = "This file has no digital signature."
SEVERAL_SIGNATURES = "The file has more than one signature; this unit's letters carry exactly one."
SIGNATURE_DAMAGED = "The digital signature in the file is damaged and cannot be checked."
CHANGED = "The file has been changed since it was signed."
FORGED = "The digital signature does not match its certificate: it is damaged or forged."
ADDED_TO = "Something has been added to the file since it was signed."
NO_CERTIFICATE = "No certificate of this unit is installed here, so the signature cannot be checked."
NOT_OURS = "The signature was not made with this unit's certificate."


@outside_event_loop
def pdf_verify(data: bytes) -> SignatureCheck:
    """Check that `data` is a PDF signed by the unit and unchanged since. Never raises: any file at
    all, however broken or hostile, gets an answer. Fetches nothing (no OCSP, CRL or certificates
    from the network): trust is decided by the pinned certificates alone."""
    try:
        return _verify(data)
    except Exception:
        # A last resort for a file that breaks the parser in a way not foreseen below: the person
        # uploading it gets "not genuine", not an error page.
        logger.warning("Unexpected failure checking a PDF signature", exc_info=True)
        return SignatureCheck(genuine=False, problem=DAMAGED)


def _verify(data: bytes) -> SignatureCheck:
    if b"%PDF-" not in data[:1024]:
        return SignatureCheck(genuine=False, problem=NOT_A_PDF)
    try:
        reader = PdfFileReader(BytesIO(data))
        if reader.encrypted:
            return SignatureCheck(genuine=False, problem=ENCRYPTED)
        found = reader.embedded_signatures
    except Exception:
        # Untrusted input: the PDF parser raises many kinds of error on malformed files.
        return SignatureCheck(genuine=False, problem=DAMAGED)
    if not found:
        return SignatureCheck(genuine=False, problem=UNSIGNED)
    if len(found) > 1:
        return SignatureCheck(genuine=False, problem=SEVERAL_SIGNATURES)
    embedded = found[0]
    pinned = _pinned_certificates()
    try:
        status = validate_pdf_signature(
            embedded,
            # The unit's certificates are the trust anchors themselves, and an anchor's validity
            # period is not checked: a letter stays genuine after its certificate expires. One is
            # withdrawn by taking it out of SIGNING_TRUSTED_CERTS.
            signer_validation_context=ValidationContext(trust_roots=list(pinned.values()), allow_fetching=False),
            key_usage_settings=SIGNER_KEY_USAGE,
            skip_diff=True,  # whole_file below refuses any later revision outright
        )
    except Exception:
        return SignatureCheck(genuine=False, problem=SIGNATURE_DAMAGED)
    fingerprint = hashlib.sha256(status.signing_cert.dump()).hexdigest()
    intact = bool(status.intact) and _signature_exactly_as_written(data, embedded, status.signing_cert)
    valid = bool(status.valid)
    trusted = bool(status.trusted) and fingerprint in pinned
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    problem = _first_problem(intact=intact, valid=valid, whole_file=whole_file, trusted=trusted, pinned=pinned)
    return SignatureCheck(
        genuine=not problem,
        intact=intact,
        valid=valid,
        trusted=trusted,
        whole_file=whole_file,
        signer=_common_name(status.signing_cert),
        signed_at=status.signer_reported_dt,
        fingerprint=fingerprint,
        problem=problem,
    )


def _first_problem(*, intact: bool, valid: bool, whole_file: bool, trusted: bool, pinned: dict) -> str:
    if not intact:
        return CHANGED
    if not valid:
        return FORGED
    if not whole_file:
        return ADDED_TO
    if not trusted:
        return NOT_OURS if pinned else NO_CERTIFICATE
    return ""


def _signature_exactly_as_written(data: bytes, embedded, certificate: asn1_x509.Certificate) -> bool:
    """The signature container is the one part of the file its digest cannot cover, and some of its
    bytes are not signed either: the letter case of its hex, the zero padding after it, and CMS
    fields validators ignore or match loosely (the SignedData and SignerInfo versions, the list of
    digest algorithms, the issuer name identifying the signer). Changing one of those leaves a valid
    signature, so they must be exactly as pyHanko writes them: upper-case hex of strict DER, then
    zeros; versions 1; one digest algorithm, encoded byte for byte as the signer's; the signer named
    by exactly its certificate's issuer and serial number. (Every other byte is signed, or is the
    certificate, pinned by its hash.)"""
    try:
        start, first_length, second_start, _ = (int(n) for n in embedded.sig_object["/ByteRange"])
        contents = bytes(embedded.sig_object["/Contents"])
        if data[start + first_length : second_start] != b"<" + contents.hex().upper().encode() + b">":
            return False
        end = _der_element_length(contents)
        der, padding = contents[:end], contents[end:]
        container = cms.ContentInfo.load(der, strict=True)
        signed_data = container["content"]
        (signer_info,) = signed_data["signer_infos"]
        signer_id = signer_info["sid"]
        return (
            not padding.strip(b"\x00")
            and signed_data["version"].native == "v1"
            and signer_info["version"].native == "v1"
            and [a.dump() for a in signed_data["digest_algorithms"]] == [signer_info["digest_algorithm"].dump()]
            and signer_id.name == "issuer_and_serial_number"
            and signer_id.chosen["issuer"].dump() == certificate.issuer.dump()
            and signer_id.chosen["serial_number"].native == certificate.serial_number
        )
    except (ValueError, TypeError, KeyError):
        return False


def _der_element_length(data: bytes) -> int:
    """The length of the DER element `data` starts with, checked strictly all the way down: lengths
    in their shortest form, each constructed element exactly filled by its children, no
    end-of-contents markers. Otherwise a changed length byte could swallow some of the zero padding
    and still parse. Raises ValueError."""
    class_, method, tag, header, content, trailer = parser.parse(data)
    if trailer or (class_, tag) == (0, 0) or parser.emit(class_, method, tag, content) != header + content:
        raise ValueError("not DER")
    if method == 1:  # constructed
        position = 0
        while position < len(content):
            position += _der_element_length(content[position:])
    return len(header) + len(content)


def _common_name(certificate: asn1_x509.Certificate) -> str:
    return str(certificate.subject.native.get("common_name", ""))


def _pinned_certificates() -> dict[str, asn1_x509.Certificate]:
    """The unit's certificates by SHA-256 fingerprint: the current one and those of earlier years."""
    pinned = {}
    try:
        current = _signer().signer.signing_cert
        pinned[hashlib.sha256(current.dump()).hexdigest()] = current
    except SigningUnavailable as error:
        # A server that only verifies may hold the public certificates without the key.
        logger.info("Verifying without the current signing certificate: %s", error)
    for certificate in _trusted_certificates(tuple(settings.SIGNING_TRUSTED_CERTS)):
        pinned[hashlib.sha256(certificate.dump()).hexdigest()] = certificate
    return pinned


def _trusted_certificates(paths: tuple[str, ...]) -> list[asn1_x509.Certificate]:
    certificates = []
    for path in paths:
        try:
            certificates.extend(load_certs_from_pemder([path]))
        except (OSError, ValueError):
            # Logged, not raised: one unreadable file must not stop every other letter verifying.
            logger.error("SIGNING_TRUSTED_CERTS: cannot read a certificate from %s", path, exc_info=True)
    return certificates
