from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from foi_cases.deadlines import long_date
from foi_cases.demo import DemoPortal, demo_seed


class Command(BaseCommand):
    help = (
        "Create a demonstration unit (Bedfordshire Police and Hertfordshire Constabulary), its staff "
        "(officer, officer2, supervisor, admin, press) and realistic cases with a few letters. Safe to run "
        "again: nothing is duplicated, and cases are only added to an empty register. For development and "
        "demonstrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=40, help="How many cases to create (default 40).")
        parser.add_argument(
            "--password",
            help="Password for every demo user (also resets existing ones). Default: a random one per new user.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for a repeatable register (default 1).")

    def handle(self, *args, cases, password, seed, **options):
        if cases < 0:
            raise CommandError("--cases cannot be negative.")
        if password is not None and not password.strip():
            raise CommandError("--password cannot be empty.")
        report = demo_seed(cases=cases, password=password, seed=seed)
        if report.certificate_created:
            self.stdout.write(f"Made a self-signed demo signing certificate at {report.certificate_created}.")
        if report.cases_created:
            regimes = ", ".join(f"{regime.upper()} {n}" for regime, n in report.by_regime.most_common())
            statuses = ", ".join(f"{status.replace('_', ' ')} {n}" for status, n in report.by_status.most_common())
            self.stdout.write(
                f"Created {report.cases_created} demo cases ({regimes}; {statuses}; {report.overdue} overdue)."
            )
        if report.letters:
            letters = ", ".join(f"{status} {n}" for status, n in report.letters.most_common())
            self.stdout.write(f"Drafted {sum(report.letters.values())} demo letters ({letters}).")
        if report.review:
            due = long_date(report.review.due_on)
            self.stdout.write(f"Internal review {report.review.reference} in progress (due {due}).")
        if report.complaint:
            self.stdout.write(
                f"ICO complaint {report.complaint.reference}: decision notice with a step to comply with."
            )
        if not report.cases_created and report.existing_cases:
            self.stdout.write(f"The register already has {report.existing_cases} cases; no demo cases added.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins:"))
        width = max(len(login.username) for login in report.logins)
        for login in report.logins:
            secret = login.password if login.password else "(password unchanged; use --password to reset)"
            extra = ", can use /admin/" if login.staff else ""
            self.stdout.write(f"  {login.username:<{width}} / {secret}  ({login.role}{extra}: {login.full_name})")
        if report.portal:
            self._requester_view(report.portal)
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000/")

    def _requester_view(self, demo: DemoPortal) -> None:
        """How to see the demo's web request as its requester does. The private link can be shown only by
        the run that made it (only its hash is stored); the reference and email address always work."""
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("The requester's view (no account needed):"))
        address = f"{settings.SITE_URL}{reverse('status:lookup')}"
        lookup = f"check a request at {address} with {demo.reference} and {demo.email}"
        if demo.status_url:
            self.stdout.write(f"  private link: {demo.status_url}")
            self.stdout.write(f"  or {lookup}")
        else:
            self.stdout.write(f"  {lookup[0].upper()}{lookup[1:]}")
            self.stdout.write("  (its private link was printed when the demo was made; only a hash of it is kept)")
        if demo.awaiting_send:
            self.stdout.write(
                f"  Its response is approved: send it (as officer, from {demo.reference}'s letter) and the "
                "requester's page lists the letter and offers an internal review."
            )
