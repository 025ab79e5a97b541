#!/usr/bin/env python
"""Performance benchmark: the quarterly report over a 100,000-case register on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/foi_dev .venv/bin/python bench/reports.py

Seeds with bench/seed.py's BulkSeeder into its own database (foi_bench_reports by default; created if
missing, emptied before seeding), then adds what the reports count that the register seeder leaves
out: working days taken, exemptions relied on, internal reviews and complaints to the commissioner.
It times the report's figures (`foi_cases.reports.report_build`) for the last full quarter, all
bodies and one body, and the reports page and its CSV through the test client. Target: median under
1 second of server time. Results go to bench/results/reports.json. See bench/README.md.
"""

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database_url, ensure_database, setup_django  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "reports.json"
TARGET_MS = 1000
REVIEW_SHARE, COMPLAINT_SHARE = 0.04, 0.01


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="cases to seed (default 100,000)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each measurement (default 10)")
    parser.add_argument(
        "--database", default="foi_bench_reports", help="database on the server (default foi_bench_reports)"
    )
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded bench database")
    parser.add_argument("--seed", type=int, default=2019, help="random seed (default 2019)")
    return parser.parse_args()


# --- seeding ---------------------------------------------------------------------------------


def seed(args) -> float | None:
    from django.core.management import call_command

    from bench.seed import BulkSeeder
    from foi_cases.models import Case

    call_command("migrate", verbosity=0)
    existing = Case.objects.filter(review_of__isnull=True).count()
    if args.reuse and existing >= args.cases:
        print(f"Reusing {existing:,} cases already in the bench database.")
        return None
    if Case.objects.exists():
        print("Emptying the bench database.")
        call_command("flush", interactive=False, verbosity=0)
    print(f"Seeding {args.cases:,} cases:")
    started = time.perf_counter()
    rng = random.Random(args.seed)
    BulkSeeder(args.cases, rng).run()
    add_report_data(rng)
    return time.perf_counter() - started


def add_report_data(rng: random.Random) -> None:
    """What the reports count beyond the register: set in bulk, as closing cases would have set it."""
    from django.db import connection, transaction

    with transaction.atomic():
        _working_days_taken()
        _exemptions(rng)
        _reviews(rng)
        _complaints(rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _working_days_taken() -> None:
    # Weekdays between receipt and response: close enough for a measurement (bank holidays aside).
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE foi_cases_case SET working_days_taken = (
                SELECT count(*) FROM generate_series(received_on + 1, responded_on, interval '1 day') AS day
                WHERE extract(isodow FROM day) < 6)
            WHERE responded_on IS NOT NULL AND outcome NOT IN ('withdrawn', 'lapsed')
            """
        )
    print(f"  working days taken: {time.perf_counter() - started:.1f} s")


def _exemptions(rng: random.Random) -> None:
    from foi_cases.models import Case
    from responses.models import CaseExemption, Letter

    started = time.perf_counter()
    withheld = list(
        Case.objects.filter(outcome__in=["partially_withheld", "fully_withheld", "ncnd"]).values_list(
            "pk", "reference", "regime", "created_by_id"
        )
    )
    letters = Letter.objects.bulk_create(
        (
            Letter(case_id=pk, kind="refusal", status="approved", references=ref, heading="Refusal", created_by_id=by)
            for pk, ref, _, by in withheld
        ),
        batch_size=5000,
    )
    foia = [("s40(2)", "40"), ("s31(1)", "31"), ("s43(2)", "43"), ("s24(1)", "24"), ("s30(1)", "30"), ("s42", "42")]
    eir = [("reg12(5)(b)", "12(5)(b)"), ("reg13", "13"), ("reg12(4)(d)", "12(4)(d)")]
    rows = []
    for (pk, _, regime, _), letter in zip(withheld, letters, strict=True):
        family, choices = ("eir", eir) if regime in ("eir", "eisr") else ("foia", foia)
        for code, section in rng.sample(choices, rng.choice((1, 1, 2))):
            rows.append(CaseExemption(case_id=pk, letter=letter, code=code, section=section, family=family))
    CaseExemption.objects.bulk_create(rows, batch_size=5000)
    print(f"  exemptions: {len(rows):,} on {len(withheld):,} cases, {time.perf_counter() - started:.1f} s")


def _reviews(rng: random.Random) -> None:
    from datetime import timedelta

    from foi_cases.models import Case

    started = time.perf_counter()
    answered = list(Case.objects.filter(status="responded").values_list("pk", "responded_on", "regime"))
    sample = rng.sample(answered, int(len(answered) * REVIEW_SHARE))
    first = Case.objects.get(pk=sample[0][0])
    outcomes = ["review_upheld"] * 6 + ["review_upheld_in_part"] * 2 + ["review_overturned"] * 2
    rows = []
    for n, (pk, responded_on, regime) in enumerate(sample, start=1):
        received = responded_on + timedelta(days=rng.randint(1, 50))
        decided = received + timedelta(days=rng.randint(10, 45))
        done = decided <= date.today()
        rows.append(
            Case(
                reference=f"IRBENCH/{n:06d}",
                regime=regime,
                received_on=received,
                subject="Internal review",
                request_text="Please review the response.",
                requester_id=first.requester_id,
                body_id=first.body_id,
                review_of_id=pk,
                status="responded" if done else "open",
                outcome=rng.choice(outcomes) if done else "",
                responded_on=decided if done else None,
                answered_in_time=(decided - received).days <= 28 if done else None,
                due_on=received + timedelta(days=28),
                statutory_due_on=received + timedelta(days=28),
                working_days_taken=(decided - received).days * 5 // 7 if done else None,
            )
        )
    Case.objects.bulk_create(rows, batch_size=5000)
    print(f"  internal reviews: {len(rows):,}, {time.perf_counter() - started:.1f} s")


def _complaints(rng: random.Random) -> None:
    from datetime import timedelta

    from foi_cases.models import Case, Complaint, ComplaintFinding

    started = time.perf_counter()
    answered = list(Case.objects.filter(status="responded", review_of__isnull=True).values_list("pk", "responded_on"))
    outcomes = [value for value, _ in Complaint.Outcome.choices]
    complaints = []
    for n, (pk, responded_on) in enumerate(rng.sample(answered, int(len(answered) * COMPLAINT_SHARE)), start=1):
        received = responded_on + timedelta(days=rng.randint(30, 120))
        decided = received + timedelta(days=rng.randint(60, 300))
        done = decided <= date.today()
        complaints.append(
            Complaint(
                case_id=pk,
                reference=f"IC-{n:06d}-BNCH",
                received_on=received,
                decision_on=decided if done else None,
                outcome=rng.choice(outcomes) if done else "",
            )
        )
    complaints = Complaint.objects.bulk_create(complaints, batch_size=5000)
    findings = [
        ComplaintFinding(complaint=c, code="s40(2)", section="40", finding=rng.choice(["upheld", "overturned"]))
        for c in complaints
        if c.decision_on
    ]
    ComplaintFinding.objects.bulk_create(findings, batch_size=5000)
    print(f"  complaints: {len(complaints):,}, {time.perf_counter() - started:.1f} s")


# --- measuring -------------------------------------------------------------------------------


def timed(fn, runs: int) -> dict:
    from django.db import connection, reset_queries

    fn()  # warm-up
    wall, cpu, queries = [], [], 0
    for _ in range(runs):
        reset_queries()
        started, started_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(connection.queries)
    return {
        "median_ms": round(statistics.median(wall), 1),
        "max_ms": round(max(wall), 1),
        "python_cpu_ms": round(statistics.median(cpu), 1),
        "queries": queries,
    }


def measure(runs: int) -> dict:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from foi_cases import reports, services
    from foi_cases.models import Case, PublicBody
    from foi_cases.roles import SUPERVISOR, ensure_roles

    ensure_roles()
    today = services.today()
    period = reports.last_quarter(today)
    body = PublicBody.objects.order_by("name").first()
    in_quarter = Case.objects.filter(received_on__range=(period.start, period.end)).count()
    supervisor, _ = get_user_model().objects.get_or_create(username="bench-supervisor")
    supervisor.groups.add(Group.objects.get(name=SUPERVISOR))
    client = Client()
    client.force_login(supervisor)
    query = {"period": "last_quarter"}

    settings.DEBUG = True  # count queries inside the timed blocks
    try:
        results = {
            "report, all bodies": timed(lambda: reports.report_build(period=period, body=None, today=today), runs),
            "report, one body": timed(lambda: reports.report_build(period=period, body=body, today=today), runs),
            "report, last 12 months": timed(
                lambda: reports.report_build(period=reports.last_12_months(today), body=None, today=today), runs
            ),
            "reports page": timed(lambda: _ok(client.get("/cases/reports/", query)), runs),
            "CSV": timed(lambda: _ok(client.get("/cases/reports/report.csv", query)), runs),
        }
    finally:
        settings.DEBUG = False
    return {"period": period.label, "cases_in_quarter": in_quarter, "cases": Case.objects.count(), "results": results}


def _ok(response):
    if response.status_code != 200:
        raise SystemExit(f"bench: the reports page answered {response.status_code}")
    return response


def main() -> None:
    args = parse_args()
    url = bench_database_url(args.database)
    ensure_database(url)
    setup_django(url)
    seeding = seed(args)
    measured = measure(args.runs)
    measured["seeding_s"] = None if seeding is None else round(seeding, 1)
    print(
        f"\n{measured['cases']:,} cases (with reviews); "
        f"{measured['cases_in_quarter']:,} received in {measured['period']}."
    )
    print(f"{'measurement':26} {'median ms':>10} {'max ms':>8} {'CPU ms':>8} {'queries':>8}")
    for name, result in measured["results"].items():
        print(
            f"{name:26} {result['median_ms']:>10} {result['max_ms']:>8} "
            f"{result['python_cpu_ms']:>8} {result['queries']:>8}"
        )
    worst = max(result["median_ms"] for result in measured["results"].values())
    verdict = "met" if worst < TARGET_MS else "MISSED"
    print(f"Target: median under {TARGET_MS} ms for every measurement: {verdict} (slowest median {worst} ms).")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(measured, indent=2))
    raise SystemExit(0 if worst < TARGET_MS else 1)


if __name__ == "__main__":
    main()
