import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from responses.verification import letter_verify


class Command(BaseCommand):
    help = (
        "Check that a PDF is a genuine, unaltered letter of this unit: signed with its certificate, nothing "
        "changed or added since. Exit status 0 when genuine, 1 when not."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The PDF to check.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"No such file: {path}") from None
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        result = letter_verify(data=data)
        if not result.genuine:
            self.stdout.write(self.style.ERROR(result.summary))
            sys.exit(1)
        self.stdout.write(self.style.SUCCESS(result.summary))
        if result.kind:
            self.stdout.write(f"  Kind: {result.kind}")
        if result.bodies:
            self.stdout.write(f"  On behalf of: {result.bodies_text}")
        check = result.signature
        if check.genuine:
            signed_at = timezone.localtime(check.signed_at).strftime("%Y-%m-%d %H:%M %Z") if check.signed_at else "?"
            self.stdout.write(f"  Signed by: {check.signer}, at {signed_at} (as the signer's clock says)")
            self.stdout.write(f"  Certificate SHA-256: {check.fingerprint}")
        else:
            # Identical to the stored copy, but the signature could not be confirmed here.
            self.stdout.write(self.style.WARNING(f"  The signature could not be confirmed: {check.problem}"))
