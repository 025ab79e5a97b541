"""Bulk-load a large, realistic register for the benchmark: requesters, cases, request items,
clock events and audit events, inserted with bulk_create in batches.

Dates come from the real deadline engine, computed once per (regime, date of receipt, clock
story) and with one working calendar per regime, so the stored due dates are exactly what the
services would have stored. References are numbered per year of receipt in order of receipt, and
the reference counters are left at each year's last number, so cases logged afterwards through
`services.case_create` continue the sequences without a clash.
"""

import importlib
import random
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction

from foi_cases import deadlines, services
from foi_cases.deadlines import ClockEvent as EngineEvent
from foi_cases.deadlines import EventKind, Regime, WorkingCalendar, compute_deadline
from foi_cases.models import (
    AuditEvent,
    Case,
    ClockEvent,
    PublicBody,
    ReferenceCounter,
    Requester,
    RequestItem,
)
from foi_cases.references import format_reference
from foi_cases.roles import OFFICER, ensure_roles

BATCH = 5000
YEARS_OF_HISTORY = 5
# A word placed in about 1% of request texts, for the text-search measurement.
RARE_WORD = "hovercraft"
RARE_SHARE = 0.01

REGIME_WEIGHTS = {"foia": 70, "eir": 10, "foisa": 6, "eisr": 2, "sar": 12}
CHANNELS = ["email"] * 6 + ["web"] * 3 + ["post", "phone"]
OUTCOMES = (
    ["granted"] * 8
    + ["partially_withheld"] * 5
    + ["not_held"] * 4
    + [
        "fully_withheld",
        "ncnd",
        "s12",
        "s12",
        "s14_1",
        "withdrawn",
        "lapsed",
        "transferred",
    ]
)
SUBJECTS = [
    "Facial recognition technology",
    "Police vehicle fleet costs",
    "Overtime payments",
    "FOI statistics",
    "Taser deployments",
    "Stop and search",
    "Drone use",
    "Body-worn video",
    "101 call waiting times",
    "Police dogs",
    "Knife crime",
    "Misconduct hearings",
    "Sickness absence",
    "Mobile phone extraction",
    "ANPR cameras",
    "Front counter opening hours",
    "Vehicle pursuits",
    "Match day policing costs",
    "Covert surveillance equipment",
    "Chief officer expenses",
    "Hare coursing",
    "Agency staff spending",
    "Energy use of the estate",
    "Electric vehicle charging",
    "Custody deaths",
    "Domestic abuse orders",
    "Hate crime figures",
    "Recruitment and leavers",
    "Speed camera offences",
    "Cyber crime reports",
]
QUESTIONS = [
    "How many incidents were recorded in each of the last three years?",
    "What was the total cost in the last financial year?",
    "Please provide the policy or procedure that governs this.",
    "How many officers and staff work in this area, by rank or grade?",
    "Please break the figures down by month.",
    "How many complaints were received about this, and how many were upheld?",
    "Which suppliers were used, and what was paid to each?",
    "How many arrests resulted, and how many charges?",
    "Please provide any internal review or audit of this work.",
    "What training do officers receive, and how long does it last?",
]
FIRST_NAMES = ["Amelia", "Oliver", "Grace", "Harry", "Sophie", "Mohammed", "Emily", "Jack", "Aisha", "Daniel"]
LAST_NAMES = ["Patel", "Hughes", "Walker", "Khan", "Robinson", "Evans", "Wright", "Thompson", "Ali", "Green"]
REQUESTER_TYPES = [t.value for t in Requester.Type]

# Clock stories: (event kind, working days after receipt, extension length), with the status
# they leave the case in. Extensions are not allowed under FOISA; a SAR's are in months.
STORIES = {
    "none": ((), Case.Status.OPEN),
    "extended": (((EventKind.EXTENSION, 10, 20),), Case.Status.OPEN),
    "clarified": (
        ((EventKind.CLARIFICATION_REQUESTED, 2, 0), (EventKind.CLARIFICATION_RECEIVED, 6, 0)),
        Case.Status.OPEN,
    ),
    "fee_paid": (((EventKind.FEE_NOTICE_SENT, 3, 0), (EventKind.FEE_RECEIVED, 8, 0)), Case.Status.OPEN),
    "awaiting_clarification": (((EventKind.CLARIFICATION_REQUESTED, 2, 0),), Case.Status.AWAITING_CLARIFICATION),
    "awaiting_fee": (((EventKind.FEE_NOTICE_SENT, 3, 0),), Case.Status.AWAITING_FEE),
}
CLOSABLE_STORIES = ["none"] * 17 + ["extended", "clarified", "fee_paid"]


@dataclass
class Planned:
    regime: str
    received_on: date
    story: str
    closed: bool
    events: tuple  # (kind, date, days)
    deadline: object = None


@contextmanager
def one_calendar_per_regime():
    """compute_deadline builds a fresh calendar each call; share one per regime while seeding."""
    calendars = {}
    build = WorkingCalendar.for_regime.__func__

    def cached(cls, regime, extra_holidays=()):
        key = deadlines.Regime(regime)
        if key not in calendars:
            calendars[key] = build(cls, key, extra_holidays)
        return calendars[key]

    with mock.patch.object(WorkingCalendar, "for_regime", classmethod(cached)):
        yield calendars


class BulkSeeder:
    def __init__(self, count: int, rng: random.Random, log=print):
        self.count, self.rng, self.log = count, rng, log
        self.today = services.today()
        self.unit = services.unit_get()
        self.timings: dict[str, float] = {}

    @contextmanager
    def step(self, name: str):
        started = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - started
        self.log(f"  {name}: {self.timings[name]:.1f} s")

    def run(self) -> dict[str, float]:
        ensure_roles()
        self.officers = self._officers()
        self.bodies = self._bodies()
        with one_calendar_per_regime() as calendars:
            self.calendars = calendars
            with self.step("plan cases and compute deadlines"):
                plans = self._plan()
        with transaction.atomic():
            with self.step("drop search indexes"):
                _search_indexes(drop=True)
            with self.step("requesters"):
                requesters = self._requesters(len(plans))
            with self.step("cases"):
                cases = self._cases(plans, requesters)
            with self.step("request items"):
                self._items(cases)
            with self.step("clock events"):
                self._clock_events(cases, plans)
            with self.step("audit events"):
                self._audit_events(cases, plans)
            with self.step("rebuild search indexes"):
                _search_indexes(drop=False)
        with self.step("ANALYZE"), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return self.timings

    # --- people and bodies ---------------------------------------------------------------------

    def _officers(self):
        User = get_user_model()
        group = Group.objects.get(name=OFFICER)
        officers = []
        for n in range(1, 13):
            user, _ = User.objects.get_or_create(username=f"bench-officer{n}", defaults={"first_name": f"Officer {n}"})
            user.groups.add(group)
            officers.append(user)
        return officers

    def _bodies(self):
        names = ["Bedfordshire Police", "Hertfordshire Constabulary", "Cambridgeshire Constabulary"]
        return [PublicBody.objects.get_or_create(name=name)[0] for name in names]

    # --- planning ------------------------------------------------------------------------------

    def _plan(self) -> list[Planned]:
        rng, days = self.rng, YEARS_OF_HISTORY * 365
        regimes, weights = list(REGIME_WEIGHTS), list(REGIME_WEIGHTS.values())
        plans, cache = [], {}
        for _ in range(self.count):
            regime = rng.choices(regimes, weights)[0]
            received_on = self.today - timedelta(days=int(days * rng.random() ** 1.3))  # more recent cases
            if received_on.weekday() >= 5 and rng.random() < 0.8:
                received_on -= timedelta(days=received_on.weekday() - 4)
            plan = self._story(regime, received_on)
            key = (regime, received_on, plan.events)
            if key not in cache:
                engine_events = [EngineEvent(kind, on, n) for kind, on, n in plan.events]
                cache[key] = compute_deadline(
                    regime, received_on, engine_events, internal_target_day=self.unit.internal_target_day
                )
            plan.deadline = cache[key]
            plans.append(plan)
        self.log(f"  {len(cache):,} distinct deadlines computed for {len(plans):,} cases")
        # References run in order of receipt, as they would have been allocated.
        plans.sort(key=lambda p: p.received_on)
        return plans

    def _story(self, regime: str, received_on: date) -> Planned:
        rng = self.rng
        age = (self.today - received_on).days
        closed = rng.random() < (0.985 if age > 90 else 0.35 if age > 10 else 0.05)
        if closed:
            story = rng.choice(CLOSABLE_STORIES)
        else:
            story = rng.choice(
                ["none"] * 12 + ["extended", "clarified", "fee_paid", "awaiting_clarification", "awaiting_fee"]
            )
        if regime == "foisa" and story == "extended":
            story = "none"
        calendar = WorkingCalendar.for_regime(regime)  # shared per regime while planning
        events = []
        for kind, offset, length in STORIES[story][0]:
            on = calendar.add_working_days(received_on, offset)
            if on > self.today:
                return Planned(regime, received_on, "none", closed, ())
            events.append((kind, on, 2 if (regime == "sar" and kind is EventKind.EXTENSION) else length))
        return Planned(regime, received_on, story, closed, tuple(events))

    # --- inserts -------------------------------------------------------------------------------

    def _requesters(self, count: int) -> list[Requester]:
        rng = self.rng
        rows = []
        for n in range(count):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            rows.append(
                Requester(
                    name=f"{first} {last}",
                    email=f"{first}.{last}{n}@example.org".lower(),
                    requester_type=rng.choice(REQUESTER_TYPES),
                )
            )
        return Requester.objects.bulk_create(rows, batch_size=BATCH)

    def _cases(self, plans: list[Planned], requesters: list[Requester]) -> list[Case]:
        rng, numbers, rows = self.rng, Counter(), []
        for plan, requester in zip(plans, requesters, strict=True):
            year = plan.received_on.year
            numbers[year] += 1
            prefix = self.unit.prefix_for(plan.regime)
            case = Case(
                reference=format_reference(self.unit.reference_format, prefix=prefix, year=year, number=numbers[year]),
                regime=plan.regime,
                channel=rng.choice(CHANNELS),
                received_on=plan.received_on,
                subject=rng.choice(SUBJECTS),
                request_text="",
                requester=requester,
                body=rng.choice(self.bodies),
                assigned_to=rng.choice(self.officers) if plan.closed or rng.random() < 0.85 else None,
                created_by=rng.choice(self.officers),
            )
            case.item_texts = rng.sample(QUESTIONS, rng.choice((2, 2, 3)))
            if rng.random() < RARE_SHARE:
                case.item_texts[-1] = f"How many {RARE_WORD} patrols were carried out on the river?"
            numbered = "\n".join(f"{n}. {text}" for n, text in enumerate(case.item_texts, start=1))
            case.request_text = f"Under the Freedom of Information Act 2000, please tell me:\n{numbered}"
            self._apply_dates(case, plan)
            rows.append(case)
        if self.unit.sequence_per_prefix:
            raise SystemExit("The benchmark numbers one sequence per year; turn off 'sequence per prefix'.")
        ReferenceCounter.objects.filter(series="").delete()
        ReferenceCounter.objects.bulk_create(
            ReferenceCounter(series="", year=year, last_number=last) for year, last in numbers.items()
        )
        created = Case.objects.bulk_create(rows, batch_size=BATCH)
        for case, original in zip(created, rows, strict=True):
            case.item_texts = original.item_texts
        return created

    def _apply_dates(self, case: Case, plan: Planned) -> None:
        deadline = plan.deadline
        case.due_on, case.statutory_due_on = deadline.due, deadline.statutory_due
        case.internal_target_on, case.extension_days = deadline.internal_target, deadline.extension_days
        case.status = STORIES[plan.story][1]
        if not plan.closed:
            return
        last_event = max((on for _, on, _ in plan.events), default=plan.received_on)
        calendar = self.calendars[Regime(plan.regime)]
        responded = min(calendar.add_working_days(last_event, self.rng.randint(3, 25)), self.today)
        case.status, case.outcome, case.responded_on = Case.Status.CLOSED, self.rng.choice(OUTCOMES), responded
        if case.outcome not in ("withdrawn", "lapsed"):
            case.status = Case.Status.RESPONDED
            case.answered_in_time = deadline.due is not None and responded <= deadline.due

    def _items(self, cases: list[Case]) -> None:
        rows = (
            RequestItem(case_id=case.pk, position=position, text=text)
            for case in cases
            for position, text in enumerate(case.item_texts, start=1)
        )
        _bulk(RequestItem, rows)

    def _clock_events(self, cases: list[Case], plans: list[Planned]) -> None:
        rows = (
            ClockEvent(case_id=case.pk, kind=kind.value, occurred_on=on, days=days, recorded_by_id=case.assigned_to_id)
            for case, plan in zip(cases, plans, strict=True)
            for kind, on, days in plan.events
        )
        _bulk(ClockEvent, rows)

    def _audit_events(self, cases: list[Case], plans: list[Planned]) -> None:
        def events():
            for case, plan in zip(cases, plans, strict=True):
                yield AuditEvent(
                    case_id=case.pk,
                    actor_id=case.created_by_id,
                    action="case_created",
                    summary=f"Logged request; due {case.due_on}.",
                    changes={"reference": case.reference},
                )
                for kind, on, _ in plan.events:
                    yield AuditEvent(
                        case_id=case.pk,
                        actor_id=case.assigned_to_id,
                        action=f"clock_{kind.value}",
                        summary=f"{kind.value} on {on}.",
                    )
                if case.is_closed:
                    yield AuditEvent(
                        case_id=case.pk,
                        actor_id=case.assigned_to_id,
                        action="case_close",
                        summary=f"Closed: {case.outcome} on {case.responded_on}.",
                    )

        _bulk(AuditEvent, events())


def _search_indexes(*, drop: bool) -> None:
    """Updating three trigram GIN indexes row by row is most of a bulk insert's cost; building
    them once afterwards is far cheaper. The definitions are the migration's own."""
    migration = importlib.import_module("foi_cases.migrations.0002_search_indexes")
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at commit; CREATE INDEX refuses to run while those
        # checks are pending, so run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        (migration.drop if drop else migration.create)(None, editor)


def _bulk(model, rows) -> int:
    """bulk_create from a generator, BATCH rows at a time, without holding every row in memory."""
    total, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            total, batch = total + len(batch), []
    if batch:
        model.objects.bulk_create(batch)
        total += len(batch)
    return total
