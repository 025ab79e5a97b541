#!/usr/bin/env python
"""Performance benchmark for the requester's status page: its throughput under load, compared in the
same run with a trivial view on the same server.

    make bench-portal                    # or: .venv/bin/python bench/portal.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/foi_dev REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python bench/portal.py --duration 30

gunicorn (2 sync workers, DEBUG=0, the Redis cache) serves a PostgreSQL database of its own
(foi_bench_portal by default, on the server DATABASE_URL names, never that database itself; dropped,
re-created, migrated and seeded on every run), and wrk loads `/healthz/` and `/status/<token>/` in
turn over loopback. Needs wrk
(`apt-get install wrk`). Target: the status page serves at least half the trivial view's requests a
second, with no errors. See bench/README.md.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "portal.json"
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.cast import gaps_filled, people, the_unit  # noqa: E402 - once the project is on the path

# The issue's target: the status page by token serves at least half the trivial view's throughput.
TARGET_RATIO = 0.5
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
PASSPHRASE = "bench only"
STATIC_SOURCES = ("static", "foi_cases/static", "responses/static")

# The case behind the status page: a web request in two items, answered in part, now under review.
SUBJECT = "Misconduct hearings at the custody suite"
REQUEST = (
    "Under the Freedom of Information Act 2000, please tell me:\n"
    "1. How many misconduct hearings were held about officers at the Kempston custody suite in 2019?\n"
    "2. The names and ranks of the officers disciplined, and the sanction each received."
)
FILLED = "the details identify the officers concerned, who reasonably expect them not to be made public"
REVIEW_REASONS = (
    "I do not accept that the ranks alone would identify anyone: there are dozens of sergeants at the suite. "
    "Please review the decision to withhold them."
)


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="foi_bench_portal", help="database to use (default foi_bench_portal)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per page per round (default 15)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, alternating which page goes first (default 2)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of untimed load per page first (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    args = parser.parse_args()
    if min(args.duration, args.rounds, args.warmup, args.workers, args.threads) < 1:
        fail("--duration, --rounds, --warmup, --workers and --threads must be at least 1")
    if args.connections < args.threads:
        fail("wrk needs at least one connection per thread")
    return args


# --- the database, the cache and Django -------------------------------------------------------------


def bench_database_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL") or DEFAULT_SERVER
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql", "postgis"}:
        fail(f"DATABASE_URL must point to a PostgreSQL server (the benchmark measures production's), not {url!r}.")
    if "bench" not in name:
        fail(
            f"refusing to use {name!r}: the benchmark drops and re-creates its database, so its name must "
            "contain 'bench'."
        )
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate_database(url: str) -> None:
    """A fresh database on every run: dropped (if there) and created, then migrated from scratch, so
    that nothing left by an earlier run, or by a migration since rewritten, is measured."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    except psycopg2.OperationalError as error:
        fail(f"cannot connect to PostgreSQL at {parts.hostname}: {error}".strip())
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def redis_url() -> str:
    import redis

    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS
    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError as error:
        fail(f"cannot reach Redis at {url} (the cache production uses; set REDIS_URL): {error}")
    return url


def server_environment(database_url: str, cache_url: str, workdir: Path, port: int) -> dict:
    """Production settings, as docker-compose gives them: DEBUG off, a real secret, the Redis cache."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": database_url,
        "REDIS_URL": cache_url,
        "CELERY_BROKER_URL": cache_url,
        # Plain HTTP on loopback, straight from wrk: no TLS redirect, no proxy headers to trust.
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "BEHIND_TLS_PROXY": "0",
        "MEDIA_ROOT": str(workdir / "media"),
        "SIGNING_CERT_PATH": str(workdir / "unit.p12"),
        "SIGNING_CERT_PASSPHRASE": PASSPHRASE,
        "SIGNING_TRUSTED_CERTS": "",
        "STORAGE_BACKEND": "filesystem",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def setup_django(database_url: str, cache_url: str, workdir: Path) -> None:
    """This process seeds the data: tasks (the letters' PDFs) run in it, mail goes nowhere."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": cache_url,
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "MEDIA_ROOT": str(workdir / "media"),
            "SIGNING_CERT_PATH": str(workdir / "unit.p12"),
            "SIGNING_CERT_PASSPHRASE": PASSPHRASE,
            "SIGNING_TRUSTED_CERTS": "",
            "STORAGE_BACKEND": "filesystem",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()


# --- the case the status page shows --------------------------------------------------------------


@dataclass
class Seeded:
    reference: str
    token: str
    letters: int
    reviews: int


def seed() -> Seeded:
    """A request made on the web form, acknowledged by letter, answered with a partial refusal under
    s40(2) (both letters signed and emailed), and now under internal review: the status page lists
    two letters with their download links, the review and what the requester can do next."""
    from django.core.management import call_command

    from foi_cases import portal
    from foi_cases.models import Case
    from responses import signing

    call_command("migrate", verbosity=0)
    signing.signing_certificate_create(
        path=os.environ["SIGNING_CERT_PATH"],
        passphrase=PASSPHRASE,
        common_name="Information Rights Unit (benchmark)",
        organisation="Benchmark Constabulary",
    )
    officer, supervisor = people()
    case = web_request(officer, body=the_unit())
    letter_issue(case, officer, supervisor, kind="acknowledgement")
    letter_issue(case, officer, supervisor, kind="partial_disclosure", codes=("s40(2)",), item_codes={2: ["s40(2)"]})
    case.refresh_from_db()
    if case.status != Case.Status.RESPONDED:
        fail(f"the seeded case is {case.status}, not responded: the response was not sent")
    portal.review_request_submit(case=case, reasons=REVIEW_REASONS)
    status = portal.public_status(case)
    if (status.stage, len(status.letters), len(status.reviews)) != (portal.Stage.UNDER_REVIEW, 2, 1):
        fail(f"the seeded case is not as intended: {status.stage}, {len(status.letters)} letters")
    return Seeded(case.reference, portal.status_token_issue(case=case), len(status.letters), len(status.reviews))


def web_request(officer, body):
    from foi_cases import services
    from foi_cases.deadlines import WorkingCalendar

    received = WorkingCalendar.for_regime("foia").add_working_days(services.today(), -12)
    return services.case_create(
        actor=officer,
        regime="foia",
        received_on=received,
        channel="web",
        subject=SUBJECT,
        request_text=REQUEST,
        requester=services.RequesterDetails(name="Alex Requester", email="alex@example.org"),
        body=body,
        assigned_to=officer,
    )


def letter_issue(case, officer, supervisor, *, kind: str, codes=(), item_codes=None):
    """Drafted by the officer, approved by the supervisor (its PDF signed in this process), emailed."""
    from responses import issuing, services

    letter = services.letter_create(case=case, actor=officer, kind=kind, codes=codes, item_codes=item_codes)
    services.letter_update(
        letter=letter, actor=officer, changes=gaps_filled(letter, FILLED, answer="Four hearings were held in 2019.")
    )
    letter = services.letter_submit(letter=letter, actor=officer)
    letter = services.letter_approve(letter=letter, actor=supervisor)
    return issuing.letter_send(letter=letter, actor=officer, method="email")


def throttle_reset() -> None:
    """Earlier runs (or tests sharing the Redis database) may have counted failures for loopback;
    a throttled address would be refused even with a valid link."""
    from config import ratelimit
    from foi_cases import portal

    for key, _ in portal._throttle_keys("127.0.0.1", None):
        ratelimit.clear(key, portal._window(key))


# --- the server -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with sync workers on loopback, as the Dockerfile runs it (fewer workers)."""

    def __init__(self, env: dict, port: int, workers: int, log: Path):
        self.env, self.port, self.workers, self.log = env, port, workers, log
        self.process = None

    def __enter__(self):
        collect_static(self.env)
        command = [
            str(VENV_BIN / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            f"--error-logfile={self.log}",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail(f"gunicorn exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}")
            try:
                if fetch(self.url("/healthz/"))[0] == 200 and len(self.worker_pids()) == self.workers:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        fail("gunicorn did not answer /healthz/ within 30 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def cpu_seconds(self) -> float:
        """User and system CPU time of the workers so far (so a page's CPU per request can be read
        apart from the load generator's, which shares the machine)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except FileNotFoundError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks


def collect_static(env: dict) -> None:
    """DEBUG=0 serves collected, hashed static files (whitenoise's manifest), as production does.
    Collecting compresses every file (about a minute and a half), so it is done only when one of
    the project's own static files is newer than the manifest; installed packages' rarely change."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    sources = [path for folder in STATIC_SOURCES for path in (ROOT / folder).rglob("*") if path.is_file()]
    if manifest.exists() and all(path.stat().st_mtime <= manifest.stat().st_mtime for path in sources):
        return
    print("Collecting static files for DEBUG=0 (whitenoise compresses each: a minute or two)...")
    python = str(VENV_BIN / "python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def check_pages(server: Server, pages: dict, seeded: Seeded) -> None:
    """Load only what works: both pages answer 200, and the status page shows the case."""
    for name, path in pages.items():
        status, body = fetch(server.url(path))
        if status != 200:
            fail(f"{name} ({path}) answered HTTP {status}, not 200:\n{body[:500]}")
    body = fetch(server.url(pages["status page"]))[1]
    if seeded.reference not in body:
        fail(f"the status page answered 200 but does not show {seeded.reference}: is it built?\n{body[:500]}")


# --- wrk --------------------------------------------------------------------------------------------


@dataclass
class Load:
    page: str
    round: int
    requests: int
    seconds: float
    requests_per_second: float
    latency_avg_ms: float
    latency_p50_ms: float
    latency_p90_ms: float
    latency_p99_ms: float
    latency_max_ms: float
    non_2xx_3xx: int
    socket_errors: dict
    server_cpu_ms_per_request: float


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", text).groups()
    return float(number) * UNITS_MS[unit]


def wrk(url: str, args, seconds: int) -> str:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", url]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def parse_wrk(output: str) -> dict:
    def find(pattern: str) -> re.Match:
        found = re.search(pattern, output, re.MULTILINE)
        if found is None:
            fail(f"could not read wrk's output ({pattern!r} not found):\n{output}")
        return found

    latency = find(r"^\s+Latency\s+(\S+)\s+(\S+)\s+(\S+)")
    done = find(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m)")
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(done.group(1)),
        "seconds": _ms(done.group(2) + done.group(3)) / 1000,
        "requests_per_second": float(find(r"^Requests/sec:\s+([\d.]+)").group(1)),
        "latency_avg_ms": round(_ms(latency.group(1)), 2),
        "latency_max_ms": round(_ms(latency.group(3)), 2),
        **{f"latency_p{p}_ms": round(_ms(find(rf"^\s+{p}%\s+(\S+)").group(1)), 2) for p in (50, 90, 99)},
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True) if sockets else {}
        ),
    }


def load(server: Server, page: str, path: str, args, round_: int) -> Load:
    cpu_before = server.cpu_seconds()
    result = parse_wrk(wrk(server.url(path), args, args.duration))
    cpu_ms = (server.cpu_seconds() - cpu_before) * 1000
    per_request = cpu_ms / result["requests"] if result["requests"] else 0.0
    return Load(page=page, round=round_, **result, server_cpu_ms_per_request=round(per_request, 3))


def measure(server: Server, pages: dict, args) -> list[Load]:
    for path in pages.values():  # warm-up: imports, templates, connections, plans
        wrk(server.url(path), args, args.warmup)
    loads = []
    for round_ in range(1, args.rounds + 1):
        order = list(pages.items()) if round_ % 2 else list(reversed(pages.items()))
        for page, path in order:
            loads.append(load(server, page, path, args, round_))
            print(f"  round {round_}: {page:<12} {loads[-1].requests_per_second:>9,.1f} req/s")
    return loads


def summarise(loads: list[Load], page: str) -> dict:
    mine = [load for load in loads if load.page == page]
    requests, seconds = sum(load.requests for load in mine), sum(load.seconds for load in mine)
    return {
        "requests": requests,
        "requests_per_second": round(requests / seconds, 1),
        "latency_p50_ms": round(statistics.median(load.latency_p50_ms for load in mine), 2),
        "latency_p99_ms": round(max(load.latency_p99_ms for load in mine), 2),
        "server_cpu_ms_per_request": round(statistics.median(load.server_cpu_ms_per_request for load in mine), 2),
        "non_2xx_3xx": sum(load.non_2xx_3xx for load in mine),
        "socket_errors": sum(sum(load.socket_errors.values()) for load in mine),
    }


# --- the report -------------------------------------------------------------------------------------


def environment(database: str) -> dict:
    from importlib.metadata import version

    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = f"PostgreSQL {cursor.fetchone()[0].split()[0]} ({database})"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split(" [")[0]
    return {
        "run_at": datetime.now().isoformat(timespec="seconds"),
        "machine": platform.node(),
        "cpus": os.cpu_count(),
        "load_average": [round(n, 2) for n in os.getloadavg()],
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
        "wrk": wrk_version.strip(),
        "database": server,
    }


def print_report(results: dict) -> None:
    env, run, summary = results["environment"], results["run"], results["summary"]
    print(
        f"\nRun {env['run_at']} on {env['machine']} ({env['cpus']} CPUs, load average {env['load_average']} at the "
        f"start, {env['load_average_at_end']} at the end), Python {env['python']}, Django {env['django']}, "
        f"gunicorn {env['gunicorn']} ({run['workers']} sync workers), {env['wrk']}, {env['database']}."
    )
    print(
        f"wrk -t{run['threads']} -c{run['connections']} -d{run['duration']}s, {run['rounds']} round(s) per page after "
        f"{run['warmup']} s of warm-up; the status page shows {run['case']}.\n"
    )
    header = f"{'page':<14}{'req/s':>10}{'p50 ms':>9}{'p99 ms':>9}{'CPU ms/req':>12}{'non-2xx':>9}{'socket err':>12}"
    print(header)
    for page, row in summary.items():
        print(
            f"{page:<14}{row['requests_per_second']:>10,.1f}{row['latency_p50_ms']:>9}{row['latency_p99_ms']:>9}"
            f"{row['server_cpu_ms_per_request']:>12}{row['non_2xx_3xx']:>9}{row['socket_errors']:>12}"
        )
    verdict = "PASS" if results["passed"] else "FAIL"
    print(
        f"\nStatus page / trivial view: {results['ratio']:.2f}x the throughput (target at least {TARGET_RATIO}x, "
        f"no errors): {verdict}"
    )
    print(f"Written to {RESULTS.relative_to(ROOT)}.")


def main() -> int:
    args = parse_args()
    if shutil.which("wrk") is None:
        fail("wrk is not installed: apt-get install wrk")
    database_url = bench_database_url(args.database)
    recreate_database(database_url)
    cache_url = redis_url()
    with tempfile.TemporaryDirectory(prefix="foi-bench-portal-") as temporary:
        workdir = Path(temporary)
        setup_django(database_url, cache_url, workdir)
        started = time.perf_counter()
        seeded = seed()
        throttle_reset()
        print(
            f"Seeded {seeded.reference} in {args.database} ({seeded.letters} letters sent, "
            f"{seeded.reviews} internal review) in {time.perf_counter() - started:.1f} s."
        )
        results = {"environment": environment(args.database)}
        port = free_port()
        pages = {"trivial view": "/healthz/", "status page": f"/status/{seeded.token}/"}
        env = server_environment(database_url, cache_url, workdir, port)
        with Server(env, port, args.workers, workdir / "gunicorn.log") as server:
            check_pages(server, pages, seeded)
            print(f"gunicorn on 127.0.0.1:{port} with {args.workers} workers; loading:")
            loads = measure(server, pages, args)
            # Still served after the load: nothing throttled the valid link meanwhile.
            check_pages(server, pages, seeded)
        results["environment"]["load_average_at_end"] = [round(n, 2) for n in os.getloadavg()]
    summary = {page: summarise(loads, page) for page in pages}
    ratio = summary["status page"]["requests_per_second"] / summary["trivial view"]["requests_per_second"]
    errors = sum(row["non_2xx_3xx"] + row["socket_errors"] for row in summary.values())
    results["run"] = {
        **{name: getattr(args, name) for name in ("duration", "rounds", "warmup", "connections", "threads")},
        "workers": args.workers,
        "case": f"{seeded.reference}: under internal review, {seeded.letters} letters sent",
    }
    results.update(
        summary=summary,
        ratio=round(ratio, 3),
        target_ratio=TARGET_RATIO,
        errors=errors,
        passed=ratio >= TARGET_RATIO and errors == 0,
        loads=[asdict(load) for load in loads],
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_report(results)
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
