from django.core.management.base import BaseCommand, CommandError

from foi_cases.demo import demo_seed


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
        if not report.cases_created and report.existing_cases:
            self.stdout.write(f"The register already has {report.existing_cases} cases; no demo cases added.")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo logins:"))
        width = max(len(login.username) for login in report.logins)
        for login in report.logins:
            secret = login.password if login.password else "(password unchanged; use --password to reset)"
            extra = ", can use /admin/" if login.staff else ""
            self.stdout.write(f"  {login.username:<{width}} / {secret}  ({login.role}{extra}: {login.full_name})")
        self.stdout.write("")
        self.stdout.write("Open http://127.0.0.1:8000/")
