from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from foi_cases.services import unit_get
from responses import signing


class Command(BaseCommand):
    help = (
        "Make a self-signed signing certificate and key for letters (a PKCS#12 file readable by its owner only), "
        "for demonstrations and tests. A live service should use a certificate the organisation's PKI issues. "
        "The passphrase defaults to SIGNING_CERT_PASSPHRASE; prefer that to --passphrase, which shows in the "
        "process list and shell history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=None, help="Where to write it (default: SIGNING_CERT_PATH).")
        parser.add_argument("--passphrase", default=None, help="Default: SIGNING_CERT_PASSPHRASE.")
        parser.add_argument("--common-name", default=None, help="The signer's name (default: the unit's name).")
        parser.add_argument("--organisation", default="", help="Organisation named in the certificate.")
        parser.add_argument("--days", type=int, default=3650, help="How long it is valid (default: 3650).")
        parser.add_argument("--force", action="store_true", help="Replace an existing file.")

    def handle(self, *args, **options):
        path = Path(options["path"] or settings.SIGNING_CERT_PATH)
        passphrase = settings.SIGNING_CERT_PASSPHRASE if options["passphrase"] is None else options["passphrase"]
        if options["days"] < 1:
            raise CommandError("--days must be at least 1.")
        if path.exists():
            if not options["force"]:
                # Replacing the key by accident would leave every letter signed with it unverifiable
                # unless its certificate is kept in SIGNING_TRUSTED_CERTS.
                raise CommandError(
                    f"A signing certificate already exists at {path}. Use --force to replace it (its certificate "
                    "is kept beside it, for SIGNING_TRUSTED_CERTS, so letters already signed still verify)."
                )
            self._keep_certificate(path, passphrase or "")
        fingerprint = signing.signing_certificate_create(
            path=path,
            passphrase=passphrase or "",
            common_name=options["common_name"] or unit_get().name,
            organisation=options["organisation"],
            days=options["days"],
        )
        if not passphrase:
            self.stderr.write(self.style.WARNING("The key has no passphrase: set SIGNING_CERT_PASSPHRASE for real use"))
        self.stdout.write(self.style.SUCCESS(f"Signing certificate written to {path}"))
        self.stdout.write(f"SHA-256 fingerprint: {fingerprint}")

    def _keep_certificate(self, path: Path, passphrase: str) -> None:
        try:
            pem = signing.certificate_pem(path=path, passphrase=passphrase)
        except signing.SigningUnavailable as error:
            self.stderr.write(self.style.WARNING(f"The old certificate could not be kept: {error}"))
            return
        fingerprint = x509.load_pem_x509_certificate(pem).fingerprint(hashes.SHA256()).hex()
        kept = path.with_name(f"{path.stem}-{fingerprint[:16]}.pem")
        kept.write_bytes(pem)
        self.stdout.write(
            f"The replaced certificate is kept at {kept}: add it to SIGNING_TRUSTED_CERTS so letters signed "
            "with it still verify."
        )
