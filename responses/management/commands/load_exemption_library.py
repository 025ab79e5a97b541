from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from responses import library_content, services


class Command(BaseCommand):
    help = (
        "Install the exemption library and standard paragraphs shipped with the product. Entries already "
        "installed are left exactly as they are, including any edits an administrator has made; only "
        "missing entries are added (as version 1). Safe to run again. migrate runs it too."
    )

    def handle(self, *args, **options):
        shipped = len(library_content.EXEMPTIONS) + len(library_content.PARAGRAPHS)
        added = services.library_install()
        already = shipped - added
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {added} library entr{pluralize(added, 'y,ies')}; {already} already installed (left unchanged)."
            )
        )
