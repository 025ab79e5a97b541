from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from foi_cases import services
from foi_cases.bank_holiday_files import read_bank_holidays


class Command(BaseCommand):
    help = (
        "Add bank holidays from gov.uk's bank-holidays.json (https://www.gov.uk/bank-holidays.json) that "
        "the installed holiday data does not know. Open cases' due dates are then recomputed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Path to a bank-holidays.json file.")

    def handle(self, *args, file: Path, **options):
        try:
            with file.open("rb") as stream:
                data = read_bank_holidays(stream)
            result = services.bank_holidays_import(data=data, actor=None)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        except ValidationError as error:
            raise CommandError(f"{file}: {' '.join(error.messages)}") from None
        for holiday in result.added:
            self.stdout.write(f"Added {holiday.date:%A %d %B %Y}: {holiday.name} ({holiday.get_nation_display()})")
        self.stdout.write(
            self.style.SUCCESS(f"{len(result.added)} added, {result.already_known} already known.")
            + (" Open cases' due dates are being recomputed." if result.added else "")
        )
