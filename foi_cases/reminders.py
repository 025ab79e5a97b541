"""The daily reminder sweep: officers' due and overdue cases, the supervisors' digest, chasers to
requesters who have not clarified or paid, and lapsing the requests they never answered.

Every email is a `Reminder` row with a unique key saying what it is about and for whom (and, for a
digest, for which day). The sweep first inserts the rows it wants (a key already there is ignored),
then claims each row with a conditional UPDATE and sends only the rows it claimed. Two sweeps at once
(two beat processes, a retried task) therefore send each email once; a claim that died mid-send is
taken over after CLAIM_TIMEOUT, and a failed send is retried by the next run, up to MAX_ATTEMPTS.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Case as Switch
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.urls import reverse
from django.utils import timezone

from foi_cases import selectors, services, workflow
from foi_cases.deadlines import EventKind, WorkingCalendar, same_date_months_later, short_date
from foi_cases.models import Case, ClockEvent, Reminder, ReminderPreference, Unit, reminder_days

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = timedelta(minutes=15)
MAX_ATTEMPTS = 5
DIGESTS = ("officer-digest", "supervisor-digest")
CHASERS = {"chase-clarification": "clarification", "chase-fee": "fee"}
APPROVE_LETTER = ("responses", "approve_letter")
VIEW_CASE = ("foi_cases", "view_case")
NO_LONGER_APPLIES = "No longer applies"
# A digest is read, not searched: past this many lines a section sends the reader to the case list.
SECTION_LIMIT = 50


# --- what is due --------------------------------------------------------------------------------


class Calendars(dict):
    """Each regime's working calendar, made once per sweep (a Scottish request counts Scottish days)."""

    def __init__(self, holidays):
        super().__init__()
        self.holidays = holidays

    def __missing__(self, regime: str) -> WorkingCalendar:
        self[regime] = WorkingCalendar.for_regime(regime, self.holidays)
        return self[regime]


@dataclass(frozen=True)
class CaseDue:
    case: Case
    working_days_left: int  # 0: due today; negative: overdue by that many working days

    @property
    def overdue(self) -> bool:
        return self.working_days_left < 0


@dataclass(frozen=True)
class Waiting:
    """A request waiting for the requester (a clarification or a fee) past the unit's time to chase."""

    case: Case
    event_id: int  # the live request for clarification or fees notice it waits on
    asked_on: date  # that event's day
    what: str  # "clarification" or "fee"
    lapse_on: date  # the day it lapses if nothing arrives

    @property
    def by_post(self) -> bool:
        return not self.case.requester.email


@dataclass
class Sweep:
    on: date
    unit: Unit
    calendars: Calendars
    days: list[int]  # reminder thresholds, largest first
    last_day: date  # the last due date a digest lists
    due: list[CaseDue]
    to_chase: list[Waiting]
    ready_to_lapse: list[Waiting]
    complaint_items: list


def cases_due(*, on: date, last_day: date, calendars: Calendars) -> list[CaseDue]:
    """Running cases (reviews included) due by `last_day`, overdue ones included, soonest first."""
    found = (
        Case.objects.running()
        .filter(due_on__lte=last_day)
        .select_related("assigned_to")
        .order_by("due_on", "reference")
    )
    return [CaseDue(case, calendars[case.regime].working_days_between(on, case.due_on)) for case in found]


WAITING_FOR = {
    Case.Status.AWAITING_CLARIFICATION: ("clarification", EventKind.CLARIFICATION_REQUESTED),
    Case.Status.AWAITING_FEE: ("fee", EventKind.FEE_NOTICE_SENT),
}


def fee_lapses_on(noticed_on: date, months: int) -> date:
    """s9(2): the fee is due within `months` months beginning with the day of the notice. That period
    ends the day before the same date `months` later, or at the end of that month when it has no such
    date (30 November: 28 February), so the request lapses the next day (1 March)."""
    return same_date_months_later(noticed_on - timedelta(days=1), months) + timedelta(days=1)


def waiting_cases() -> QuerySet[Case]:
    """Cases waiting for a clarification or a fee, each with its latest live request or notice
    (`asked_id`, `asked_on`), in one query. A clarification answered through the portal but not yet
    recorded is left out: an officer has it (the rule of selectors.with_clarification_reply)."""
    latest = ClockEvent.objects.filter(
        case=OuterRef("pk"), kind=OuterRef("waiting_for"), voided_at__isnull=True
    ).order_by("-occurred_on", "-id")
    answered = selectors.with_clarification_reply(Case.objects.all()).values("pk")
    return (
        Case.objects.filter(status__in=WAITING_FOR)
        .exclude(pk__in=answered)
        .annotate(
            waiting_for=Switch(
                *(When(status=status, then=Value(kind.value)) for status, (_, kind) in WAITING_FOR.items())
            )
        )
        .annotate(
            asked_id=Subquery(latest.values("id")[:1]),
            asked_on=Subquery(latest.values("occurred_on")[:1]),
        )
        .filter(asked_id__isnull=False)
        .select_related("requester", "assigned_to")
        .order_by("reference")
    )


def lapses_on(case: Case, *, what: str, unit: Unit, calendar: WorkingCalendar) -> date:
    """The day a request waiting (since `case.asked_on`) for a clarification or a fee lapses."""
    if what == "clarification":
        return calendar.add_working_days(case.asked_on, unit.clarification_lapse_working_days)
    return fee_lapses_on(case.asked_on, unit.fee_lapse_months)


def waiting_on_requester(*, on: date, unit: Unit, calendars: Calendars) -> tuple[list[Waiting], list[Waiting]]:
    """(to chase, due to lapse): requests whose clarification or fee has not come, by the unit's times.
    Chasing and lapsing count alike: on or after the day that many working days (or months) after the
    request, as the unit's help texts say ("Working days after ... before ...")."""
    to_chase, to_lapse = [], []
    for case in waiting_cases():
        what = WAITING_FOR[case.status][0]
        calendar = calendars[case.regime]
        lapse_on = lapses_on(case, what=what, unit=unit, calendar=calendar)
        chase_after = unit.clarification_chase_working_days if what == "clarification" else unit.fee_chase_working_days
        item = Waiting(case, case.asked_id, case.asked_on, what, lapse_on)
        if on >= lapse_on:
            to_lapse.append(item)
        elif chase_after and on >= calendar.add_working_days(case.asked_on, chase_after):
            to_chase.append(item)
    return to_chase, to_lapse


def complaint_items(*, until: date, on: date) -> list:
    """The commissioner complaints' open deadlines due by `until` (overdue included), as they stand on `on`."""
    from foi_cases.complaints import complaint_deadlines  # lazily: that module may come to use this one

    return complaint_deadlines(until=until, on=on)


def _holding(permission: tuple[str, str]) -> QuerySet:
    """The ids of the users given this permission, through a role or directly."""
    given = Permission.objects.filter(content_type__app_label=permission[0], codename=permission[1])
    return (
        get_user_model().objects.filter(Q(groups__permissions__in=given) | Q(user_permissions__in=given)).values("pk")
    )


def caseworkers() -> QuerySet:
    """Active users who can still see cases (foi_cases.view_case, or superusers): the only staff who are
    sent anything about a case. A former officer (deactivated, or no longer in a role) gets nothing."""
    return get_user_model().objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(pk__in=_holding(VIEW_CASE)))


def can_work_on_cases(user) -> bool:
    return user is not None and caseworkers().filter(pk=user.pk).exists()


def supervisors() -> QuerySet:
    """Active users who approve letters and can see cases (through a role or a direct permission, or as
    superusers), with an email address."""
    return (
        caseworkers().exclude(email="").filter(Q(is_superuser=True) | Q(pk__in=_holding(APPROVE_LETTER))).order_by("id")
    )


def orphaned_cases() -> QuerySet[Case]:
    """Open cases assigned to someone who can no longer work on cases: they need reassigning."""
    return (
        Case.objects.open()
        .filter(assigned_to__isnull=False)
        .exclude(assigned_to__in=caseworkers())
        .select_related("assigned_to")
        .order_by("due_on", "reference")
    )


def delivery_of(user) -> str:
    preference = ReminderPreference.objects.filter(user=user).values_list("delivery", flat=True).first()
    return preference or ReminderPreference.Delivery.DIGEST


# --- the sweep ------------------------------------------------------------------------------------


def reminder_sweep(*, on: date | None = None) -> int:
    """Decide what is due on `on` (today by default), lapse what the unit lapses automatically, record
    every email as a Reminder and send those not yet sent. Returns how many this run sent."""
    on = on or services.today()
    holidays = services.extra_holidays()
    # Runs on the UK-wide working days only. A Scottish case can pass one of its thresholds on a day
    # that is a working day in Scotland alone (Easter Monday): the next run sends that reminder late
    # (see reminder_threshold) rather than missing it.
    if not WorkingCalendar.for_regime("foia", holidays).is_working_day(on):
        return 0
    sweep = sweep_plan(on=on, calendars=Calendars(holidays))
    sweep.ready_to_lapse = lapse_due(sweep=sweep)
    planned = [*officer_reminders(sweep=sweep), *chasers(sweep=sweep), *supervisor_digests(sweep=sweep)]
    for reminder in planned:
        # A subject is one header line (a step's description may hold line breaks, which mail refuses).
        reminder.subject = " ".join(reminder.subject.split())[: Reminder._meta.get_field("subject").max_length]
    Reminder.objects.bulk_create(planned, ignore_conflicts=True)
    return reminders_send(on=on)


def sweep_plan(*, on: date, calendars: Calendars) -> Sweep:
    unit = services.unit_get()
    days = reminder_days(unit.reminder_working_days) or [1]
    last_day = calendars["foia"].add_working_days(on, days[0])
    # Each case counts on its own regime's calendar (Scotland's bank holidays differ): take a week's
    # margin in dates, then keep what is within the largest threshold in the case's working days.
    due = cases_due(on=on, last_day=last_day + timedelta(days=7), calendars=calendars)
    due = [item for item in due if item.working_days_left <= days[0]]
    to_chase, to_lapse = waiting_on_requester(on=on, unit=unit, calendars=calendars)
    return Sweep(on, unit, calendars, days, last_day, due, to_chase, to_lapse, complaint_items(until=last_day, on=on))


def lapse_due(*, sweep: Sweep) -> list[Waiting]:
    """Lapse what has run out of time when the unit says so; else return it for the supervisors' digest."""
    if not sweep.unit.lapse_automatically:
        return sweep.ready_to_lapse
    for item in sweep.ready_to_lapse:
        case_lapse_automatically(item=item, on=sweep.on)
    return []


def case_lapse_automatically(*, item: Waiting, on: date) -> bool:
    """Lapse the case as the system (no actor). False when it no longer waits (answered, or another
    sweep lapsed it first): lapsing is idempotent by the case's status."""
    if item.what == "clarification":
        why = f"no clarification received in answer to the request of {short_date(item.asked_on)}"
    else:
        why = f"the fee in the fees notice of {short_date(item.asked_on)} was not paid"
    note = f"Lapsed automatically under the unit's policy: {why}."
    try:
        services.case_lapse(case=item.case, actor=None, on=on, note=note)
    except workflow.TransitionNotAllowed:
        return False
    except ValidationError as error:  # e.g. a sweep asked to run for a day still to come
        logger.warning("Case %s not lapsed: %s", item.case.pk, error.messages)
        return False
    return True


# --- the emails ---------------------------------------------------------------------------------


def case_link(case: Case) -> str:
    return f"{settings.SITE_URL}{reverse('foi_cases:case_detail', args=[case.pk])}"


def reminder_threshold(left: int, days: list[int]) -> int | None:
    """The reminder owed to a deadline `left` working days away: the nearest threshold not yet passed
    (the smallest at or above `left`), each sent once by its key. A threshold reached on a day the sweep
    does not run (Easter Monday is a working day in Scotland, not in England) is sent on the next run
    rather than lost, and a case already nearer its deadline is not sent the farther ones as well. A
    deadline due today still gets the last one if it has not had it; an overdue one gets its own email."""
    if left < 0:
        return None
    return min((n for n in days if n >= left), default=None)


def _days_from(left: int) -> str:
    return "due today" if left == 0 else f"{left} working day{'s' if left != 1 else ''} from its deadline"


def _when(left: int) -> str:
    if left < 0:
        return f"overdue by {-left} working day{'s' if left != -1 else ''}"
    if left == 0:
        return "due today"
    return f"{left} working day{'s' if left != 1 else ''} left"


def case_line(item: CaseDue, *, with_officer: bool = False) -> str:
    case = item.case
    officer = ""
    if with_officer:
        officer = f"\n  Officer: {_name(case.assigned_to) if case.assigned_to else 'nobody (unassigned)'}"
    return (
        f"- {case.reference}: {case.subject}\n"
        f"  Due {short_date(case.due_on)} ({_when(item.working_days_left)}){officer}\n"
        f"  {case_link(case)}"
    )


def complaint_line(item, on: date, calendars: Calendars) -> str:
    when = _when(calendars["foia"].working_days_between(on, item.due_on))
    return (
        f"- {item.complaint.reference} (case {item.complaint.case.reference}): {item.what}\n"
        f"  Due {short_date(item.due_on)} ({when})\n  {case_link(item.complaint.case)}"
    )


def waiting_line(item: Waiting, *, lapse: bool = False) -> str:
    asked = "clarification requested" if item.what == "clarification" else "fees notice sent"
    end = f"lapses from {short_date(item.lapse_on)}" if not lapse else f"could lapse since {short_date(item.lapse_on)}"
    return (
        f"- {item.case.reference}: {item.case.subject}\n  {asked.capitalize()} {short_date(item.asked_on)}; "
        f"{end}\n  {case_link(item.case)}"
    )


def _section(title: str, lines: list[str]) -> str:
    if not lines:
        return ""
    shown = lines[:SECTION_LIMIT]
    more = f"\n\n... and {len(lines) - len(shown)} more: see the case list." if len(lines) > len(shown) else ""
    return f"{title} ({len(lines)})\n\n" + "\n\n".join(shown) + more


def _digest_body(greeting_to, sections: list[str]) -> str:
    text = "\n\n\n".join(section for section in sections if section)
    return f"Dear {_name(greeting_to)},\n\n{text}\n\n-- \nThe case register's daily reminders."


def officer_reminders(*, sweep: Sweep) -> list[Reminder]:
    """For each officer who can still work on cases: one digest, or one email per event, as they chose."""
    able = set(caseworkers().values_list("pk", flat=True))
    cases_by_officer: dict = {}
    for item in sweep.due:
        if item.case.assigned_to_id in able:
            cases_by_officer.setdefault(item.case.assigned_to, []).append(item)
    complaints_by_officer: dict = {}
    for item in sweep.complaint_items:
        if item.responsible is not None and item.responsible.pk in able:
            complaints_by_officer.setdefault(item.responsible, []).append(item)
    post_by_officer: dict = {}
    for item in sweep.to_chase:
        if item.by_post and item.case.assigned_to_id in able:
            post_by_officer.setdefault(item.case.assigned_to, []).append(item)
    planned = []
    for officer in sorted({*cases_by_officer, *complaints_by_officer, *post_by_officer}, key=lambda user: user.pk):
        if not officer.email:
            continue
        cases, complaints = cases_by_officer.get(officer, []), complaints_by_officer.get(officer, [])
        post = post_by_officer.get(officer, [])
        if delivery_of(officer) == ReminderPreference.Delivery.IMMEDIATE:
            planned += immediate_reminders(sweep=sweep, officer=officer, cases=cases, complaints=complaints, post=post)
        else:
            planned += officer_digest(sweep=sweep, officer=officer, cases=cases, complaints=complaints, post=post)
    return planned


def officer_digest(*, sweep: Sweep, officer, cases, complaints, post) -> list[Reminder]:
    overdue = [case_line(item) for item in cases if item.overdue]
    soon = [case_line(item) for item in cases if not item.overdue]
    sections = [
        _section("Overdue", overdue),
        _section(f"Due in the next {sweep.days[0]} working days", soon),
        _section("Commissioner complaints", [complaint_line(item, sweep.on, sweep.calendars) for item in complaints]),
        _section("Chase by post (no email address)", [waiting_line(item) for item in post]),
    ]
    count = len(cases) + len(complaints) + len(post)
    return [
        Reminder(
            key=f"officer-digest:{officer.pk}:{sweep.on.isoformat()}",
            kind="officer-digest",
            swept_on=sweep.on,
            recipient=officer,
            to_email=officer.email,
            subject=f"Your reminders for {short_date(sweep.on)}: {count} item{'s' if count != 1 else ''}",
            body=_digest_body(officer, sections),
        )
    ]


def immediate_reminders(*, sweep: Sweep, officer, cases, complaints, post) -> list[Reminder]:
    planned = []

    def add(key: str, kind: str, subject: str, line: str, case: Case) -> None:
        planned.append(
            Reminder(
                key=key,
                kind=kind,
                swept_on=sweep.on,
                recipient=officer,
                to_email=officer.email,
                case=case,
                subject=subject,
                body=_digest_body(officer, [line]),
            )
        )

    for item in cases:
        case, left = item.case, item.working_days_left
        if item.overdue:
            add(
                f"overdue:{case.pk}:{case.due_on}:{officer.pk}",
                "overdue",
                f"{case.reference} is now overdue",
                case_line(item),
                case,
            )
        elif (threshold := reminder_threshold(left, sweep.days)) is not None:
            add(
                f"due:{case.pk}:{case.due_on}:{threshold}:{officer.pk}",
                "due",
                f"{case.reference} is {_days_from(left)}",
                case_line(item),
                case,
            )
    for item in complaints:
        left = sweep.calendars["foia"].working_days_between(sweep.on, item.due_on)
        line, case = complaint_line(item, sweep.on, sweep.calendars), item.complaint.case
        if left < 0:
            add(
                f"complaint-overdue:{item.key}:{officer.pk}",
                "complaint-overdue",
                f"{item.complaint.reference}: {item.what} is overdue",
                line,
                case,
            )
        elif (threshold := reminder_threshold(left, sweep.days)) is not None:
            due = "due today" if left == 0 else f"due in {left} working day{'s' if left != 1 else ''}"
            add(
                f"complaint-due:{item.key}:{threshold}:{officer.pk}",
                "complaint-due",
                f"{item.complaint.reference}: {item.what} is {due}",
                line,
                case,
            )
    for item in post:
        add(
            f"post-chase:{item.event_id}:{officer.pk}",
            "chase-by-post",
            f"{item.case.reference}: chase the requester by post",
            waiting_line(item),
            item.case,
        )
    return planned


def supervisor_digests(*, sweep: Sweep) -> list[Reminder]:
    """The same digest for every supervisor: what needs someone to step in."""
    from responses.models import Letter

    unassigned = Case.objects.unassigned().order_by("due_on", "reference")
    letters = Letter.objects.awaiting_approval().select_related("case").order_by("submitted_at", "id")
    chase_by_post = [item for item in sweep.to_chase if item.by_post]
    sections = [
        _section("Overdue cases", [case_line(item, with_officer=True) for item in sweep.due if item.overdue]),
        _section(
            "Unassigned cases",
            [f"- {case.reference}: {case.subject}\n  {_due_text(case)}\n  {case_link(case)}" for case in unassigned],
        ),
        _section(
            "Assigned to someone who can no longer work on cases (reassign them)",
            [
                f"- {case.reference}: {case.subject}\n  Assigned to {_name(case.assigned_to)}; {_due_text(case)}\n"
                f"  {case_link(case)}"
                for case in orphaned_cases()
            ],
        ),
        _section(
            "Letters awaiting approval",
            [
                f"- {letter.case.reference}: {letter.get_kind_display()} (version {letter.version})\n"
                f"  {case_link(letter.case)}"
                for letter in letters
            ],
        ),
        _section(
            "Commissioner complaints",
            [complaint_line(item, sweep.on, sweep.calendars) for item in sweep.complaint_items],
        ),
        _section("Ready to lapse", [waiting_line(item, lapse=True) for item in sweep.ready_to_lapse]),
        _section("Chase by post (no email address)", [waiting_line(item) for item in chase_by_post]),
    ]
    if not any(sections):
        return []
    return [
        Reminder(
            key=f"supervisor-digest:{supervisor.pk}:{sweep.on.isoformat()}",
            kind="supervisor-digest",
            swept_on=sweep.on,
            recipient=supervisor,
            to_email=supervisor.email,
            subject=f"The unit's reminders for {short_date(sweep.on)}",
            body=_digest_body(supervisor, sections),
        )
        for supervisor in supervisors()
    ]


def _due_text(case: Case) -> str:
    return f"Due {short_date(case.due_on)}" if case.due_on else "The clock is stopped"


def chasers(*, sweep: Sweep) -> list[Reminder]:
    """One polite chaser per request for clarification or fees notice, to a requester with an email address."""
    return [
        Reminder(
            key=f"chase-{item.what}:{item.event_id}",
            kind=f"chase-{item.what}",
            swept_on=sweep.on,
            to_email=item.case.requester.email,
            case=item.case,
            subject=f"Your request {item.case.reference}: we are waiting to hear from you",
            body=chaser_body(item, sweep.unit),
        )
        for item in sweep.to_chase
        if not item.by_post
    ]


def fee_noticed(case: Case, noticed_on: date):
    """The fee asked for in the fees notice letter sent on `noticed_on`, when the letter says it."""
    from responses.models import Letter

    letter = (
        Letter.objects.filter(
            case=case, kind=Letter.Kind.FEES_NOTICE, fee_amount__isnull=False, dispatches__sent_on=noticed_on
        )
        .order_by("-id")
        .first()
    )
    return letter.fee_amount if letter else None


def chaser_body(item: Waiting, unit: Unit) -> str:
    """The chaser's text. It carries no status link: a link in a reminder could reach the wrong inbox.
    Nor the case's subject: that is the staff's own summary, not the requester's words."""
    case, asked_on = item.case, short_date(item.asked_on)
    name = " ".join(case.requester.name.split())
    request = f"your request of {short_date(case.received_on)} (our reference {case.reference})"
    if item.what == "clarification":
        asked = (
            f"On {asked_on} we asked you to clarify {request}, so that we can identify and find the information "
            "you want. We have not yet received your reply."
        )
        need = "your clarification"
    else:
        amount = fee_noticed(case, item.asked_on)
        fee = f"the fee of £{amount:,.2f}" if amount is not None else f"the fee in our fees notice of {asked_on}"
        asked = f"On {asked_on} we sent you a fees notice for {request}. We have not yet received {fee}."
        need = "the fee"
    return (
        f"Dear {name},\n\nOur reference: {case.reference}\n\n{asked}\n\n"
        f"If we have not received {need} before {short_date(item.lapse_on)}, we will close your request on that "
        "day. You are welcome to make a new request at any time.\n\n"
        "If you have already replied, thank you, and please ignore this email.\n\n"
        f"{unit.name}" + (f"\n{unit.email}" if unit.email else "")
    )


# --- sending once ---------------------------------------------------------------------------------


def _claimable(now) -> Q:
    return Q(state=Reminder.State.PENDING) | Q(state=Reminder.State.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT)


def reminders_send(*, on: date) -> int:
    """Send every reminder not yet sent (today's, and earlier events' retries); returns how many this run sent."""
    now = timezone.now()
    # A claim that died mid-send on the last attempt is never claimed again: say it failed.
    Reminder.objects.filter(
        state=Reminder.State.SENDING, claimed_at__lt=now - CLAIM_TIMEOUT, attempts__gte=MAX_ATTEMPTS
    ).update(state=Reminder.State.FAILED, error="Gave up: the last attempt never finished.")
    # Yesterday's digest that never went is out of date: today's says everything it said.
    Reminder.objects.filter(kind__in=DIGESTS, swept_on__lt=on).filter(_claimable(now)).update(
        state=Reminder.State.FAILED, error="Superseded by a later digest."
    )
    candidates = (
        Reminder.objects.filter(swept_on__lte=on, attempts__lt=MAX_ATTEMPTS)
        .filter(_claimable(now))
        .order_by("id")
        .values_list("pk", flat=True)
    )
    return sum(reminder_send(reminder_id=pk) for pk in list(candidates))


def reminder_claim(*, reminder_id: int) -> Reminder | None:
    """Take the row for this run with one conditional UPDATE: of two runs, only one sees a row count of 1."""
    now = timezone.now()
    claimed = (
        Reminder.objects.filter(pk=reminder_id, attempts__lt=MAX_ATTEMPTS)
        .filter(_claimable(now))
        .update(state=Reminder.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    )
    if claimed != 1:
        return None
    return Reminder.objects.select_related("case__requester", "recipient").get(pk=reminder_id)


def reminder_still_applies(reminder: Reminder) -> bool:
    """Checked again whenever a row is claimed, as a failed send is retried on later days: the case may
    have moved on (answered, lapsed, reassigned, its deadline changed) or the requester's address changed
    since the email was written. A digest is only ever retried on its own day, so it stands as written."""
    if reminder.kind in DIGESTS:
        return True
    if reminder.recipient_id is not None and not can_work_on_cases(reminder.recipient):
        return False
    case = reminder.case
    if reminder.kind in CHASERS:
        waiting = _still_waiting(reminder, event_id=int(reminder.key.rsplit(":", 1)[1]))
        if waiting is None or reminder.to_email != waiting.requester.email:
            return False
        # A chaser says the request closes on its lapse date: once that has come, it would mislead.
        calendar = WorkingCalendar.for_regime(waiting.regime, services.extra_holidays())
        what = WAITING_FOR[waiting.status][0]
        return services.today() < lapses_on(waiting, what=what, unit=services.unit_get(), calendar=calendar)
    if reminder.kind == "chase-by-post":
        waiting = _still_waiting(reminder, event_id=int(reminder.key.split(":")[1]))
        return waiting is not None and waiting.assigned_to_id == reminder.recipient_id
    if reminder.kind in ("complaint-due", "complaint-overdue"):
        return _complaint_deadline_still_open(reminder)
    if reminder.kind in ("due", "overdue"):
        due_on = reminder.key.split(":")[2]
        return (
            case is not None
            and case.status in Case.RUNNING
            and case.assigned_to_id == reminder.recipient_id
            and case.due_on is not None
            and case.due_on.isoformat() == due_on
        )
    return True


def _complaint_deadline_still_open(reminder: Reminder) -> bool:
    """The step, submission or appeal window is still open, on the same date, and still the recipient's."""
    tail = 1 if reminder.kind == "complaint-overdue" else 2  # ":<officer>" or ":<threshold>:<officer>"
    deadline_key = reminder.key.split(":", 1)[1].rsplit(":", tail)[0]
    today = services.today()
    return any(
        item.key == deadline_key and getattr(item.responsible, "pk", None) == reminder.recipient_id
        for item in complaint_items(until=today + timedelta(days=366), on=today)
    )


def _still_waiting(reminder: Reminder, *, event_id: int) -> Case | None:
    """The case, if it still waits for the requester on that very request or notice (the latest live one)."""
    case = waiting_cases().filter(pk=reminder.case_id, asked_id=event_id).first()
    if case is None:
        return None
    what = WAITING_FOR[case.status][0]
    if reminder.kind in CHASERS and CHASERS[reminder.kind] != what:
        return None
    return case


def reminder_dropped(*, reminder: Reminder) -> None:
    Reminder.objects.filter(pk=reminder.pk, claimed_at=reminder.claimed_at).update(
        state=Reminder.State.FAILED, error=NO_LONGER_APPLIES
    )


def reminder_send(*, reminder_id: int) -> bool:
    reminder = reminder_claim(reminder_id=reminder_id)
    if reminder is None:
        return False
    if not reminder_still_applies(reminder):
        reminder_dropped(reminder=reminder)
        return False
    try:
        EmailMessage(
            subject=reminder.subject,
            body=reminder.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[reminder.to_email],
            reply_to=_reply_to(reminder),
        ).send()
    except Exception as error:  # noqa: BLE001 - any failure is recorded and retried by the next run
        reminder_failed(reminder=reminder, error=error)
        return False
    reminder_sent(reminder=reminder)
    return True


def _reply_to(reminder: Reminder) -> list[str] | None:
    """A requester answering a chaser reaches the unit's mailbox, not the robot that sent it."""
    unit_email = services.unit_get().email if reminder.kind in CHASERS else ""
    return [unit_email] if unit_email else None


@transaction.atomic
def reminder_sent(*, reminder: Reminder) -> None:
    updated = Reminder.objects.filter(pk=reminder.pk, claimed_at=reminder.claimed_at).update(
        state=Reminder.State.SENT, sent_at=timezone.now(), error=""
    )
    # 0 rows: another run took the claim over and records (and audits) the send itself.
    if updated == 1 and reminder.kind in CHASERS and reminder.case is not None:
        what = CHASERS[reminder.kind]
        asked = "request for clarification" if what == "clarification" else "fees notice"
        services.audit(
            case=reminder.case,
            actor=None,
            action="chaser_sent",
            summary=f"Chaser emailed to the requester: no answer yet to the {asked}.",
            changes={"reminder": reminder.key},
        )


def reminder_failed(*, reminder: Reminder, error: Exception) -> None:
    # Only the error's name: a mail server's message often repeats the recipient's address.
    gave_up = reminder.attempts >= MAX_ATTEMPTS
    logger.warning("Reminder %s not sent (attempt %s): %s", reminder.pk, reminder.attempts, type(error).__name__)
    Reminder.objects.filter(pk=reminder.pk, claimed_at=reminder.claimed_at).update(
        state=Reminder.State.FAILED if gave_up else Reminder.State.PENDING,
        error=type(error).__name__,
    )


# --- the officer's own settings -----------------------------------------------------------------


def reminder_preference_set(*, user, delivery: str) -> ReminderPreference:
    if delivery not in ReminderPreference.Delivery.values:
        raise ValidationError({"delivery": "Choose how you want your reminders."})
    # Two first saves at once (two tabs, a double click): both find no row, one insert wins and the
    # other's fails on the unique user; that one starts again and finds the winner's row to update.
    for attempt in range(2):
        try:
            return _preference_save(user=user, delivery=delivery)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _preference_save(*, user, delivery: str) -> ReminderPreference:
    preference = ReminderPreference.objects.select_for_update().filter(user=user).first()
    if preference is None:
        before = ReminderPreference._meta.get_field("delivery").get_default()
        preference = ReminderPreference.objects.create(user=user, delivery=delivery)
    else:
        before = preference.delivery
        preference.delivery = delivery
        preference.save(update_fields=["delivery"])
    if before != delivery:
        services.audit(
            case=None,
            actor=user,
            action="reminder_preference_changed",
            summary=f"Reminders: {preference.get_delivery_display().lower()}.",
            changes={"delivery": [before, delivery]},
        )
    return preference


def reminders_sent_to(user, *, days: int = 30) -> QuerySet[Reminder]:
    since = timezone.now() - timedelta(days=days)
    return Reminder.objects.filter(recipient=user, state=Reminder.State.SENT, sent_at__gte=since).order_by(
        "-sent_at", "-id"
    )


def _name(user) -> str:
    return user.get_full_name() or user.get_username()
