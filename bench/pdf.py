#!/usr/bin/env python
"""Performance benchmark for signed PDF letters: what signing adds to rendering, and a worker's memory.

    .venv/bin/python bench/pdf.py                       # SQLite, in memory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/foi_dev .venv/bin/python bench/pdf.py

Everything it makes is thrown away: a test database (in memory for SQLite; `<name>_pdfbench` on
the PostgreSQL server, created and dropped, never the database DATABASE_URL names), a self-signed
signing certificate and the stored PDFs in a temporary directory. See bench/README.md.
"""

import argparse
import json
import os
import platform
import re
import resource
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "pdf.json"
sys.path.insert(0, str(ROOT))

from bench.cast import gaps_filled, people, the_unit  # noqa: E402 - once the project is on the path

# The targets: signing costs at most a fifth of rendering; a worker's memory stays flat.
TARGET_RATIO = 1.2
TARGET_GROWTH_SHARE = 0.10
TARGET_GROWTH_MB = 30
PASSPHRASE = "bench only"

# A typical refusal: personal data of third parties (s40(2)), two request items, the rights text.
# With the gaps filled as below it lays out on two A4 pages (checked on every run).
KIND, CODES = "refusal", ("s40(2)",)
REQUEST = (
    "Under the Freedom of Information Act 2000, please tell me:\n"
    "1. The names and ranks of the officers disciplined for misconduct at the Kempston custody suite "
    "in 2019, and the sanction each received.\n"
    "2. The total overtime paid to each of those officers in the 2019/20 financial year."
)
GAP_WORDS = (
    "the names, ranks and sanctions identify the officers concerned, who reasonably expect that the details "
    "of internal misconduct proceedings and of their pay are not made public"
)


def fail(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr)
    raise SystemExit(2)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=30, help="timed renders of each kind (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed renders of each kind first (default 3)")
    parser.add_argument("--letters", type=int, default=200, help="letters the worker renders (default 200)")
    parser.add_argument("--warm-letters", type=int, default=10, help="letters before the first reading (default 10)")
    args = parser.parse_args()
    if args.runs < 2 or args.letters <= args.warm_letters or args.warm_letters < 1:
        fail("need --runs 2 or more and --letters greater than --warm-letters (at least 1)")
    return args


# --- a throwaway world ---------------------------------------------------------------------------


def setup_django(workdir: Path) -> None:
    """Stored PDFs and the signing certificate go to the temporary directory, before settings load."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["SIGNING_CERT_PATH"] = str(workdir / "unit.p12")
    os.environ["SIGNING_CERT_PASSPHRASE"] = PASSPHRASE
    os.environ["SIGNING_TRUSTED_CERTS"] = ""
    os.environ["STORAGE_BACKEND"] = "filesystem"
    import django

    django.setup()
    from django.conf import settings

    # As in production: with DEBUG on, Django keeps every query in memory, which would show as growth.
    settings.DEBUG = False
    # Approval enqueues the PDF task after commit. Publish it to an in-memory broker nobody consumes:
    # the letters stay queued, as in a deployment whose worker has not reached them, and this process
    # then does the worker's job itself, where it can be timed and its memory read.
    from config.celery import app as celery_app

    celery_app.conf.update(task_always_eager=False, broker_url="memory://localhost/")


@contextmanager
def throwaway_database():
    """Django's test database machinery: a fresh, migrated database, dropped afterwards."""
    from django.db import connection

    settings_dict = connection.settings_dict
    if connection.vendor != "sqlite":
        settings_dict.setdefault("TEST", {})["NAME"] = f"{settings_dict['NAME']}_pdfbench"
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield "in memory" if connection.vendor == "sqlite" else connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)


def signing_certificate() -> str:
    from django.conf import settings

    from responses import signing

    return signing.signing_certificate_create(
        path=settings.SIGNING_CERT_PATH,
        passphrase=PASSPHRASE,
        common_name="Information Rights Unit (benchmark)",
        organisation="Benchmark Constabulary",
    )


def approved_letter(officer, supervisor, body):
    """One letter the way the unit makes it: a case logged, a refusal drafted from the library, its
    gaps filled, submitted, approved by the supervisor (which queues its PDF)."""
    from foi_cases import services as case_services
    from foi_cases.deadlines import WorkingCalendar
    from responses import services

    received = WorkingCalendar.for_regime("foia").add_working_days(case_services.today(), -8)
    case = case_services.case_create(
        actor=officer,
        regime="foia",
        received_on=received,
        channel="email",
        subject="Misconduct hearings at the custody suite",
        request_text=REQUEST,
        requester=case_services.RequesterDetails(name="Alex Requester", email="alex@example.org"),
        body=body,
        assigned_to=officer,
    )
    letter = services.letter_create(case=case, actor=officer, kind=KIND, codes=CODES)
    services.letter_update(letter=letter, actor=officer, changes=gaps_filled(letter, GAP_WORDS))
    letter = services.letter_submit(letter=letter, actor=officer)
    return services.letter_approve(letter=letter, actor=supervisor)


# --- measuring -----------------------------------------------------------------------------------


def page_count(pdf: bytes) -> int:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return int(PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Count"])


def sign(pdf: bytes, letter, unit) -> bytes:
    """Signed with the arguments the worker passes (responses.issuing)."""
    from responses import signing

    return signing.pdf_sign(
        pdf,
        reason=f"Issued by {unit.name}: {letter.references}",
        location=unit.name,
        contact=unit.email,
        name=letter.signatory_name,
    )


def summary(times_ms: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times_ms), 1),
        "p90_ms": round(statistics.quantiles(times_ms, n=10, method="inclusive")[8], 1),
        "min_ms": round(min(times_ms), 1),
        "max_ms": round(max(times_ms), 1),
    }


def measure_signing_cost(letter, runs: int, warmup: int) -> dict:
    """The same HTML, laid out alone and laid out then signed, in alternating order so that drift in
    the machine's load falls on both alike."""
    from foi_cases import services as case_services
    from responses import pdf as rendering
    from responses import signing

    unit = case_services.unit_get()
    html = rendering.letter_html(letter)

    def render_only() -> bytes:
        return rendering.render_pdf(html)

    def render_and_sign() -> bytes:
        return sign(rendering.render_pdf(html), letter, unit)

    sample = render_and_sign()
    if not signing.pdf_verify(sample).genuine:
        fail("the signed letter does not verify: the benchmark would time something broken")
    for _ in range(warmup):
        render_only(), render_and_sign()
    wall, cpu = {"render": [], "render_and_sign": []}, {"render": [], "render_and_sign": []}
    for run in range(runs):
        order = [("render", render_only), ("render_and_sign", render_and_sign)]
        for name, work in order if run % 2 == 0 else reversed(order):
            wall_ms, cpu_ms = timed(work)
            wall[name].append(wall_ms)
            cpu[name].append(cpu_ms)
    unsigned = render_only()
    # Signing alone, for the record: the difference the ratio is about.
    sign_wall = [timed(lambda: sign(unsigned, letter, unit))[0] for _ in range(runs)]
    render, signed = summary(wall["render"]), summary(wall["render_and_sign"])
    ratio = signed["median_ms"] / render["median_ms"]
    cpu_ratio = statistics.median(cpu["render_and_sign"]) / statistics.median(cpu["render"])
    return {
        "letter": f"{letter.get_kind_display()} under {', '.join(CODES)}",
        "pages": page_count(sample),
        "html_kb": round(len(html.encode()) / 1024, 1),
        "pdf_kb": round(len(unsigned) / 1024, 1),
        "signed_pdf_kb": round(len(sample) / 1024, 1),
        "runs": runs,
        "warmup": warmup,
        "render": render,
        "render_and_sign": signed,
        "sign_only": summary(sign_wall),
        "ratio_of_medians": round(ratio, 3),
        "cpu_median_ms": {name: round(statistics.median(times), 1) for name, times in cpu.items()},
        "cpu_ratio_of_medians": round(cpu_ratio, 3),
        "target_ratio": TARGET_RATIO,
        "passed": ratio <= TARGET_RATIO,
    }


def timed(work) -> tuple[float, float]:
    """Wall-clock and CPU milliseconds of one call. CPU time counts only this process's work, so other
    load on the machine moves it less than the wall clock."""
    started, started_cpu = time.perf_counter(), time.process_time()
    work()
    return (time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000


def rss_mb() -> float:
    """Resident memory now (VmRSS), in MB."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE).group(1)) / 1024


def peak_rss_mb() -> float:
    """The most this process has ever held (ru_maxrss is in kB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_worker_memory(letter_ids: list[int], warm: int) -> dict:
    """What a worker does per task (responses.tasks.render_letter_pdf): claim, render, sign, store."""
    from responses import issuing
    from responses.models import LetterPdf

    before = {"letters": 0, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1)}
    readings, times = [], []
    for done, letter_id in enumerate(letter_ids, start=1):
        started = time.perf_counter()
        if issuing.letter_render_pdf(letter_id=letter_id) is None:
            fail(f"letter {letter_id} was not rendered (not queued?)")
        times.append((time.perf_counter() - started) * 1000)
        if done == warm or done % 10 == 0 or done == len(letter_ids):
            readings.append({"letters": done, "rss_mb": round(rss_mb(), 1), "peak_rss_mb": round(peak_rss_mb(), 1)})
    ready = LetterPdf.objects.filter(letter_id__in=letter_ids, state=LetterPdf.State.READY).count()
    if ready != len(letter_ids):
        fail(f"only {ready} of {len(letter_ids)} PDFs are ready")
    start = next(r for r in readings if r["letters"] == warm)
    end = readings[-1]
    growth = end["peak_rss_mb"] - start["peak_rss_mb"]
    allowed = max(start["peak_rss_mb"] * TARGET_GROWTH_SHARE, TARGET_GROWTH_MB)
    return {
        "letters": len(letter_ids),
        "warm_after": warm,
        "per_letter": summary(times),
        "before_first": before,
        "start": start,
        "end": end,
        "peak_growth_mb": round(growth, 1),
        "rss_growth_mb": round(end["rss_mb"] - start["rss_mb"], 1),
        "allowed_growth_mb": round(allowed, 1),
        "readings": readings,
        "passed": growth <= allowed,
    }


# --- the report ----------------------------------------------------------------------------------


def environment(database: str) -> dict:
    from importlib.metadata import version

    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0].split()[0]} ({database})"
    else:
        import sqlite3

        server = f"SQLite {sqlite3.sqlite_version} (in memory)"
    return {
        "run_at": datetime.now().isoformat(timespec="seconds"),
        "machine": platform.node(),
        "cpus": os.cpu_count(),
        "load_average": [round(n, 2) for n in os.getloadavg()],
        "python": platform.python_version(),
        "weasyprint": version("weasyprint"),
        "pyhanko": version("pyHanko"),
        "database": server,
    }


def verdict(passed: bool) -> str:
    return "PASS" if passed else "FAIL"


def print_report(results: dict) -> None:
    env, cost, memory = results["environment"], results["signing_cost"], results["worker_memory"]
    print(
        f"\nRun {env['run_at']} on {env['machine']} ({env['cpus']} CPUs, load average {env['load_average']} at the "
        f"start, {env['load_average_at_end']} at the end), "
        f"Python {env['python']}, WeasyPrint {env['weasyprint']}, pyHanko {env['pyhanko']}, {env['database']}."
    )
    print(
        f"\n1. Render vs render and sign: {cost['letter']}, {cost['pages']} pages "
        f"({cost['signed_pdf_kb']} KB signed), {cost['runs']} runs each after {cost['warmup']} warm-ups, interleaved"
    )
    print(f"   {'':18}{'median ms':>10}{'p90 ms':>10}{'min ms':>10}{'max ms':>10}")
    for label, key in (("render only", "render"), ("render and sign", "render_and_sign"), ("sign only", "sign_only")):
        row = cost[key]
        print(f"   {label:18}{row['median_ms']:>10}{row['p90_ms']:>10}{row['min_ms']:>10}{row['max_ms']:>10}")
    cpu = cost["cpu_median_ms"]
    print(
        f"   CPU time medians: render only {cpu['render']} ms, render and sign {cpu['render_and_sign']} ms "
        f"({cost['cpu_ratio_of_medians']:.2f}x; less moved by other load on the machine)"
    )
    print(
        f"   ratio of medians {cost['ratio_of_medians']:.2f}x (target at most {TARGET_RATIO}x): "
        f"{verdict(cost['passed'])}"
    )
    before, start, end = memory["before_first"], memory["start"], memory["end"]
    print(
        f"\n2. Worker memory: {memory['letters']} approved letters rendered, signed and stored in one process "
        f"(median {memory['per_letter']['median_ms']} ms a letter)"
    )
    print(f"   before the first:   peak RSS {before['peak_rss_mb']} MB, RSS {before['rss_mb']} MB")
    print(f"   after {start['letters']:>3} letters: peak RSS {start['peak_rss_mb']} MB, RSS {start['rss_mb']} MB")
    print(f"   after {end['letters']:>3} letters: peak RSS {end['peak_rss_mb']} MB, RSS {end['rss_mb']} MB")
    print(
        f"   peak growth {memory['peak_growth_mb']} MB, RSS growth {memory['rss_growth_mb']} MB "
        f"(target at most {memory['allowed_growth_mb']} MB): {verdict(memory['passed'])}"
    )
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}.")


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="foi-bench-pdf-") as temporary:
        workdir = Path(temporary)
        setup_django(workdir)
        with throwaway_database() as database:
            print(f"Throwaway database: {database}; files in {workdir}.")
            signing_certificate()
            officer, supervisor = people()
            body = the_unit()
            started = time.perf_counter()
            letters = [approved_letter(officer, supervisor, body) for _ in range(args.letters + 1)]
            print(
                f"Made {len(letters)} approved letters through the services in {time.perf_counter() - started:.1f} s."
            )
            results = {"environment": environment(database)}
            # Memory first, while this process has rendered nothing, like a worker just started; the
            # extra letter is then timed alone.
            results["worker_memory"] = measure_worker_memory([letter.pk for letter in letters[1:]], args.warm_letters)
            results["signing_cost"] = measure_signing_cost(letters[0], args.runs, args.warmup)
            results["environment"]["load_average_at_end"] = [round(n, 2) for n in os.getloadavg()]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_report(results)
    if results["signing_cost"]["pages"] != 2:
        print(f"Note: the letter has {results['signing_cost']['pages']} pages, not the typical 2.")
    return 0 if results["signing_cost"]["passed"] and results["worker_memory"]["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
