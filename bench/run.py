#!/usr/bin/env python
"""Performance benchmark: a 100,000-case register on PostgreSQL, and the staff pages over it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/foi_dev .venv/bin/python bench/run.py

Uses its own database on that server (foi_bench by default; created if missing, emptied before
seeding), never the one DATABASE_URL names. See bench/README.md.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "latest.md"
TARGET_MS = 150
SEED_TARGET_S = 120
sys.path.insert(0, str(ROOT))


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000, help="cases to seed (default 100,000)")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page (default 20)")
    parser.add_argument("--database", default="foi_bench", help="database to use on the server (default foi_bench)")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded bench database")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE every page's slowest query")
    parser.add_argument("--seed", type=int, default=2019, help="random seed (default 2019)")
    return parser.parse_args()


# --- the database ----------------------------------------------------------------------------


def bench_database_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        fail(
            "set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/foi_dev "
            "(the benchmark creates and uses its own database there, foi_bench)."
        )
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        fail(
            "SQLite is not supported: the benchmark measures PostgreSQL (trigram search indexes, planner). "
            "Set DATABASE_URL to a PostgreSQL server."
        )
    if parts.scheme not in {"postgres", "postgresql", "pgsql", "postgis"}:
        fail(f"DATABASE_URL must point to PostgreSQL, not {parts.scheme!r}.")
    if "bench" not in name:
        fail(f"refusing to use {name!r}: the benchmark empties its database, so its name must contain 'bench'.")
    return urlunsplit(parts._replace(path=f"/{name}"))


def ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    try:
        connection = psycopg2.connect(maintenance)
    except psycopg2.OperationalError as error:
        fail(f"cannot connect to PostgreSQL at {parts.hostname}: {error}".strip())
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.")
    connection.close()


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.pop("CELERY_BROKER_URL", None)  # nothing here enqueues work; never reach a real broker
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # as in production: no query log outside the measured blocks
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]


# --- seeding ---------------------------------------------------------------------------------


def seed(args) -> dict[str, float] | None:
    from django.core.management import call_command

    from bench.seed import BulkSeeder
    from foi_cases.models import Case

    call_command("migrate", verbosity=0)
    existing = Case.objects.count()
    if args.reuse and existing >= args.cases:
        print(f"Reusing {existing:,} cases already in the bench database.")
        return None
    if existing:
        print(f"Emptying the bench database ({existing:,} cases).")
        call_command("flush", interactive=False, verbosity=0)
    print(f"Seeding {args.cases:,} cases:")
    started = time.perf_counter()
    timings = BulkSeeder(args.cases, random.Random(args.seed)).run()
    timings["total"] = time.perf_counter() - started
    print(f"Seeded in {timings['total']:.1f} s.")
    check_seeded_deadlines()
    return timings


def check_seeded_deadlines(sample: int = 300) -> None:
    """The bulk load computed dates itself; they must be exactly what the services compute."""
    from foi_cases import services
    from foi_cases.models import Case

    holidays, unit = services.extra_holidays(), services.unit_get()
    cases = Case.objects.prefetch_related("clock_events").order_by("?")[:sample]
    wrong = [
        case.reference
        for case in cases
        if (deadline := services.case_deadline(case, holidays=holidays, unit=unit)).due != case.due_on
        or deadline.internal_target != case.internal_target_on
    ]
    if wrong:
        fail(f"seeded due dates differ from services.case_deadline for {', '.join(wrong[:10])}")
    print(f"Checked {sample} random cases' stored dates against services.case_deadline: all match.")


@dataclass
class Fixtures:
    officer: object
    light_case: object
    heavy_case: object
    reference: str


HEAVY_SUBJECT = "Benchmark: a case with a long history"
LIGHT_SUBJECT = "Benchmark: a case with a short history"


def fixtures() -> Fixtures:
    """The measuring officer and two cases for the case page: one with a short history, one with
    a long one, both made through the services like any other case."""
    from django.contrib.auth import get_user_model

    from foi_cases.models import Case

    officer = get_user_model().objects.get(username="bench-officer1")
    light = Case.objects.filter(subject=LIGHT_SUBJECT).first() or _light_case(officer)
    heavy = Case.objects.filter(subject=HEAVY_SUBJECT).first() or _heavy_case(officer, light)
    middle = Case.objects.order_by("received_on", "id")[Case.objects.count() // 2]
    return Fixtures(officer, light, heavy, middle.reference)


def _log(officer, subject: str, received_on):
    from foi_cases import services
    from foi_cases.models import PublicBody

    return services.case_create(
        actor=officer,
        regime="foia",
        received_on=received_on,
        channel="email",
        subject=subject,
        request_text="1. How many drones does the force operate?\n2. What did they cost?",
        requester=services.RequesterDetails(name="Bench Requester", email="bench@example.org"),
        body=PublicBody.objects.first(),
        assigned_to=officer,
    )


def _light_case(officer):
    from foi_cases import services
    from foi_cases.deadlines import WorkingCalendar

    calendar = WorkingCalendar.for_regime("foia")
    received = calendar.add_working_days(services.today(), -10)
    case = _log(officer, LIGHT_SUBJECT, received)
    services.clock_event_record(
        case=case, actor=officer, kind="extension", on=calendar.add_working_days(received, 5), days=20
    )
    return case


def _heavy_case(officer, light):
    """15 rounds of clarification, an extension, 100 reassignments and links: 130+ timeline entries."""
    from django.contrib.auth import get_user_model

    from foi_cases import services
    from foi_cases.deadlines import WorkingCalendar

    calendar = WorkingCalendar.for_regime("foia")
    received = calendar.add_working_days(services.today(), -90)
    case = _log(officer, HEAVY_SUBJECT, received)
    day = received
    for _ in range(15):
        asked, answered = calendar.add_working_days(day, 2), calendar.add_working_days(day, 4)
        services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=asked)
        services.clock_event_record(case=case, actor=officer, kind="clarification_received", on=answered)
        day = answered
    services.clock_event_record(
        case=case, actor=officer, kind="extension", on=calendar.add_working_days(day, 5), days=20
    )
    colleague = get_user_model().objects.get(username="bench-officer2")
    for n in range(100):
        services.case_assign(case=case, actor=officer, officer=colleague if n % 2 == 0 else officer)
    services.case_link(case=case, actor=officer, other=light, kind="related_to")
    return case


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Measurement:
    name: str
    url: str
    shown: str
    times_ms: list[float]
    cpu_ms: float
    queries: int
    db_ms: float
    slowest_sql: str
    slowest_ms: float
    explain: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.times_ms, n=20, method="inclusive")[18]


def measure(client, name: str, url: str, runs: int) -> Measurement:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment

    for _ in range(2):  # warm-up: caches, prepared plans, template loading
        _get(client, url)
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        _get(client, url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    # One more request, instrumented: its queries, and the template context for the "shown" column.
    setup_test_environment()
    try:
        with CaptureQueriesContext(connection) as captured:
            response = _get(client, url)
    finally:
        teardown_test_environment()
    queries = captured.captured_queries
    slowest = max(queries, key=lambda q: float(q["time"]))
    return Measurement(
        name=name,
        url=url,
        shown=_shown(response),
        times_ms=times,
        cpu_ms=statistics.median(cpu),
        queries=len(queries),
        db_ms=sum(float(q["time"]) for q in queries) * 1000,
        slowest_sql=slowest["sql"],
        slowest_ms=float(slowest["time"]) * 1000,
    )


def _get(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        fail(f"GET {url} answered {response.status_code}")
    return response


def _shown(response) -> str:
    context = response.context
    if context is not None and "page" in context:
        page = context["page"]
        return f"{len(page.object_list)} of {page.paginator.count:,}"
    if context is not None and "timeline" in context:
        case = context["case"]
        return f"{len(context['timeline'])} audit, {len(case.clock_events.all())} clock events"
    if context is not None and "panels" in context:
        return ", ".join(f"{panel.count:,} {panel.key}" for panel in context["panels"])
    data = response.json() if response.get("Content-Type", "").startswith("application/json") else {}
    if "results" in data:
        return f"{len(data['results'])} of {data['count']:,}"
    return ""


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def run_pages(fx: Fixtures, runs: int) -> tuple[list[Measurement], list[Measurement]]:
    from django.test import Client

    from bench.seed import RARE_WORD
    from foi_cases import views

    client = Client()
    client.force_login(fx.officer)
    pages = [
        ("Dashboard", "/cases/"),
        ("Case list, first page", "/cases/list/"),
        ("Case list, filtered: open, FOIA, overdue", "/cases/list/?status=open&regime=foia&overdue=true"),
        (f"Case list, text search '{RARE_WORD}' (~1% of cases)", f"/cases/list/?q={RARE_WORD}"),
        ("Case list, reference search", f"/cases/list/?q={fx.reference}"),
        ("Case list, page 2,000 (deep OFFSET)", "/cases/list/?page=2000"),
        ("Case page, long history", f"/cases/{fx.heavy_case.pk}/"),
        ("API case list, first page", "/api/v1/cases/"),
        (f"API case list, text search '{RARE_WORD}'", f"/api/v1/cases/?q={RARE_WORD}"),
    ]
    timed = [measure(client, name, url, runs) for name, url in pages]

    # The same pages showing more or fewer rows or events: the query count must not follow.
    scaling = [
        measure(client, "Case list, one result", f"/cases/list/?q={fx.reference}", 1),
        measure(client, "Case list, 25 per page", "/cases/list/", 1),
    ]
    default_size, views.CASES_PER_PAGE = views.CASES_PER_PAGE, 100
    try:
        scaling.append(measure(client, "Case list, 100 per page", "/cases/list/", 1))
    finally:
        views.CASES_PER_PAGE = default_size
    scaling += [
        measure(client, "Case page, short history", f"/cases/{fx.light_case.pk}/", 1),
        measure(client, "Case page, long history", f"/cases/{fx.heavy_case.pk}/", 1),
        measure(client, "API case list, one result", f"/api/v1/cases/?q={fx.reference}", 1),
        measure(client, "API case list, 25 per page", "/api/v1/cases/", 1),
    ]
    return timed, scaling


# --- the report ------------------------------------------------------------------------------


def report(args, seeding, timed: list[Measurement], scaling: list[Measurement]) -> str:
    from django.db import connection

    from foi_cases.models import AuditEvent, Case, ClockEvent, RequestItem

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    counts = (
        f"{Case.objects.count():,} cases, {RequestItem.objects.count():,} request items, "
        f"{ClockEvent.objects.count():,} clock events, {AuditEvent.objects.count():,} audit events"
    )
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()} ({os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, PostgreSQL {server.split()[0]}). Register: {counts}.",
        "",
    ]
    if seeding:
        verdict = "met" if seeding["total"] < SEED_TARGET_S else "MISSED"
        lines += [f"## Seeding (target under {SEED_TARGET_S} s: {verdict})", "", "| step | seconds |", "|---|---:|"]
        lines += [f"| {step} | {seconds:.1f} |" for step, seconds in seeding.items()]
        lines.append("")
    lines += [
        f"## Pages ({args.runs} timed requests each after 2 warm-ups; target median under {TARGET_MS} ms)",
        "",
        "Server time through Django's test client (no network, no instrumentation), logged in as an "
        "officer. Python CPU ms: the median CPU time this process spent per request (the view and "
        "templates); DB ms: the summed query time of one request. Wall times include waiting for a "
        f"CPU: load average {LOAD_AT_START} at the start and {_load()} at the end on {os.cpu_count()} CPUs.",
        "",
        "| page | shown | median ms | p95 ms | Python CPU ms | queries | DB ms | target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for m in timed:
        verdict = "met" if m.median < TARGET_MS else "**MISSED**"
        lines.append(
            f"| {m.name} | {m.shown} | {m.median:.1f} | {m.p95:.1f} | {m.cpu_ms:.1f} | {m.queries} "
            f"| {m.db_ms:.1f} | {verdict} |"
        )
    lines += [
        "",
        "## Query counts do not grow with what a page shows",
        "",
        "| page | shown | queries |",
        "|---|---|---:|",
    ]
    lines += [f"| {m.name} | {m.shown} | {m.queries} |" for m in scaling]
    lines += ["", "## Slowest query of each page", ""]
    for m in timed:
        lines += [f"### {m.name}: {m.slowest_ms:.1f} ms", "", "```sql", m.slowest_sql, "```", ""]
        if m.explain:
            lines += ["```", m.explain, "```", ""]
    return "\n".join(lines)


def _load() -> str:
    return "/".join(f"{n:.1f}" for n in os.getloadavg())


LOAD_AT_START = _load()


def main() -> None:
    args = parse_args()
    url = bench_database_url(args.database)
    ensure_database(url)
    setup_django(url)
    seeding = seed(args)
    fx = fixtures()
    print(f"Measuring {args.runs} requests per page...")
    timed, scaling = run_pages(fx, args.runs)
    for m in timed:
        if args.explain or m.median >= TARGET_MS:
            m.explain = explain(m.slowest_sql)
    text = report(args, seeding, timed, scaling)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    print()
    print(text)
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
