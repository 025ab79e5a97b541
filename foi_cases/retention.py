"""Retention: the requester's personal data on a closed case is anonymised once the case, with its
internal reviews, complaints to the commissioner and tribunal appeals, has been finished for longer
than the unit keeps it (Unit.retention_years, six by default).

A case and its reviews form one group: they are anonymised together, when the last of them
finished. The case itself stays, with its request text, letters, signed PDFs, exemptions, dates and
outcome: the statistics never change. What goes is who asked and how to reach them: the requester's
name and contact details, private status links, messages sent through the portal, the addresses
letters and chasers went to, and any of those details quoted in the audit trail, in the officers'
notes (on the clock, on complaints to the commissioner, their findings, ordered steps and tribunal
appeals) or in the reminders sent to staff. The rest of those notes stays."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import DateField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from foi_cases import services
from foi_cases.deadlines import same_date_months_later, short_date
from foi_cases.models import (
    AuditEvent,
    Case,
    ClockEvent,
    Complaint,
    ComplaintFinding,
    ComplaintStep,
    Reminder,
    Requester,
    RequesterMessage,
    RetentionRun,
    StatusToken,
    TribunalAppeal,
)
from responses.models import Dispatch

ANONYMISED_NAME = "Anonymised requester"
REMOVED = "[Removed under the retention policy]"
REMOVED_DETAIL = "[removed]"
UPCOMING_DAYS = 30
# Before any case: makes a missing date lose every comparison, on SQLite as on PostgreSQL.
_NEVER = Value(date(1900, 1, 1), output_field=DateField())


# --- the rule ----------------------------------------------------------------------------------


def retention_closed_before(on: date, years: int) -> date:
    """The same date `years` earlier (29 February becomes 28 February): a group finished before it
    has been finished for more than `years` years."""
    return same_date_months_later(on, -12 * years)


def with_group_finish(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate each case with its group's state: `group_open` (a review, complaint or appeal of the
    group is still running) and `group_finished_on` (the latest date any part of the group finished)."""
    root = OuterRef("group_root")
    members = Case.objects.filter(Q(pk=root) | Q(review_of_id=root))
    complaints = Complaint.objects.filter(Q(case_id=root) | Q(case__review_of_id=root))
    appeals = TribunalAppeal.objects.filter(Q(complaint__case_id=root) | Q(complaint__case__review_of_id=root))
    member_closed = members.annotate(finished=Coalesce(TruncDate("closed_at"), "responded_on")).order_by(
        F("finished").desc(nulls_last=True)
    )
    complaint_closed = complaints.annotate(
        finished=Greatest("closed_on", Coalesce("decision_on", "closed_on"))
    ).order_by(F("finished").desc(nulls_last=True))
    appeal_decided = appeals.order_by(F("decided_on").desc(nulls_last=True))
    return queryset.annotate(group_root=Coalesce("review_of_id", "pk")).annotate(
        group_open=(
            Exists(members.exclude(status__in=Case.FINISHED))
            | Exists(complaints.filter(closed_on__isnull=True))
            | Exists(appeals.filter(decided_on__isnull=True))
        ),
        cases_finished_on=Subquery(member_closed.values("finished")[:1]),
        group_finished_on=Greatest(
            Coalesce(Subquery(member_closed.values("finished")[:1]), _NEVER),
            Coalesce(Subquery(complaint_closed.values("finished")[:1]), _NEVER),
            Coalesce(Subquery(appeal_decided.values("decided_on")[:1]), _NEVER),
        ),
    )


def _candidates() -> QuerySet[Case]:
    """Closed cases not yet anonymised whose whole group is finished."""
    cases = Case.objects.closed().filter(anonymised_at__isnull=True)
    return with_group_finish(cases).filter(group_open=False, cases_finished_on__isnull=False)


def retention_due(*, on: date | None = None) -> QuerySet[Case]:
    """Cases due for anonymisation on `on` (today by default), by the unit's retention period."""
    on = on or services.today()
    closed_before = retention_closed_before(on, services.unit_get().retention_years)
    return _candidates().filter(group_finished_on__lt=closed_before).select_related("body")


def retention_upcoming(*, on: date | None = None, days: int = UPCOMING_DAYS) -> QuerySet[Case]:
    """Cases that become due within `days` days after `on` (if nothing in their group reopens)."""
    on = on or services.today()
    years = services.unit_get().retention_years
    return (
        _candidates()
        .filter(
            group_finished_on__gte=retention_closed_before(on, years),
            group_finished_on__lt=retention_closed_before(on + timedelta(days=days), years),
        )
        .select_related("body")
    )


def retention_due_on(case: Case, years: int) -> date:
    """The day an annotated case (from retention_due/retention_upcoming) becomes due."""
    finished = case.group_finished_on
    day = same_date_months_later(finished, 12 * years) + timedelta(days=1)
    # A 28 February finish is not yet passed on a leap year's 29 February (its "N years earlier" is
    # 28 February again).
    while retention_closed_before(day, years) <= finished:
        day += timedelta(days=1)
    return day


# --- the run -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Scrubber:
    """Replaces the requester's details wherever an audit event, a note or an email quoted them."""

    pattern: re.Pattern | None

    @classmethod
    def for_requester(cls, requester: Requester) -> "_Scrubber":
        values = [requester.name, requester.email, requester.organisation, requester.address]
        values += requester.address.splitlines()
        # Longest first, so a whole address goes before its lines; tiny values would match everywhere.
        details = sorted({v.strip() for v in values if len(v.strip()) >= 3}, key=len, reverse=True)
        if not details:
            return cls(None)
        return cls(re.compile("|".join(re.escape(detail) for detail in details), re.IGNORECASE))

    def __call__(self, value):
        if self.pattern is None:
            return value
        if isinstance(value, str):
            return self.pattern.sub(REMOVED_DETAIL, value)
        if isinstance(value, list):
            return [self(item) for item in value]
        if isinstance(value, dict):
            return {self(key): self(item) for key, item in value.items()}
        return value


def _scrub_audit_trail(case: Case, scrub: _Scrubber) -> int:
    scrubbed = 0
    for event in AuditEvent.objects.filter(case=case).only("pk", "summary", "changes"):
        summary, changes = scrub(event.summary), scrub(event.changes)
        if summary != event.summary or changes != event.changes:
            AuditEvent.objects.filter(pk=event.pk).update(summary=summary, changes=changes)
            scrubbed += 1
    return scrubbed


def _scrub_reminders(case: Case, requester: Requester, scrub: _Scrubber) -> None:
    to_requester = Q(recipient__isnull=True)
    if requester.email:
        to_requester |= Q(to_email__iexact=requester.email)
    for reminder in Reminder.objects.filter(to_requester, case=case).exclude(to_email="", body=REMOVED):
        Reminder.objects.filter(pk=reminder.pk).update(to_email="", body=REMOVED, subject=scrub(reminder.subject))


def _scrub_fields(queryset: QuerySet, fields: tuple[str, ...], scrub: _Scrubber) -> int:
    """Scrub the requester's details out of `fields` of each row, keeping the rest of the text (cut to
    a field's length: "[removed]" can be longer than what it replaces). Returns how many rows changed."""
    model = queryset.model
    lengths = {field: model._meta.get_field(field).max_length for field in fields}
    scrubbed = 0
    for row in queryset.only("pk", *fields):
        changed = {}
        for field in fields:
            value = scrub(getattr(row, field))
            if lengths[field]:
                value = value[: lengths[field]]
            if value != getattr(row, field):
                changed[field] = value
        if changed:
            model.objects.filter(pk=row.pk).update(**changed)
            scrubbed += 1
    return scrubbed


def _scrub_notes(case: Case, scrub: _Scrubber) -> int:
    """The officers' notes that may name the requester: the case's clock events, and the complaints to
    the commissioner on the case's group (the original case and its reviews, anonymised together: a
    complaint about a review may name the requester as the original had them) with their findings,
    ordered steps and tribunal appeals."""
    root = case.review_of_id or case.pk
    complaints = Complaint.objects.filter(Q(case_id=root) | Q(case__review_of_id=root))
    return (
        _scrub_fields(ClockEvent.objects.filter(case=case), ("note", "void_reason"), scrub)
        + _scrub_fields(complaints, ("notes",), scrub)
        + _scrub_fields(ComplaintFinding.objects.filter(complaint__in=complaints), ("note",), scrub)
        + _scrub_fields(ComplaintStep.objects.filter(complaint__in=complaints), ("description",), scrub)
        + _scrub_fields(TribunalAppeal.objects.filter(complaint__in=complaints), ("notes",), scrub)
    )


def _scrub_staff_reminders(case: Case, scrub: _Scrubber) -> int:
    """Reminders to staff quote a complaint's ordered step (reminders.complaint_line), which may name the
    requester: those about the case, and the daily digests (about no one case) that list it."""
    about_case = Q(case=case) | Q(case__isnull=True, swept_on__gte=case.received_on, body__contains=case.reference)
    return _scrub_fields(Reminder.objects.filter(about_case, recipient__isnull=False), ("subject", "body"), scrub)


# responses.issuing.letter_send joins the addresses a dispatch reached with ", ".
SENT_TO_SEPARATOR = ","
SENT_TO_LENGTH = Dispatch._meta.get_field("sent_to").max_length


def _remove_address(sent_to: str, address: str) -> str:
    """`sent_to` without `address` (any case), the other addresses kept in order. A dispatch to many
    addresses is cut at the field's length: a cut-off last address that begins `address` goes too."""
    address = address.strip().lower()
    entries = [entry.strip() for entry in sent_to.split(SENT_TO_SEPARATOR) if entry.strip()]
    cut = len(sent_to) >= SENT_TO_LENGTH
    kept = [
        entry
        for position, entry in enumerate(entries)
        if entry.lower() != address and not (cut and position == len(entries) - 1 and address.startswith(entry.lower()))
    ]
    return f"{SENT_TO_SEPARATOR} ".join(kept)


def _scrub_dispatches(case: Case, requester: Requester) -> None:
    """Remove the requester's address from the letters sent to them. A letter sent for linked cases
    reaches several requesters in one dispatch: the other addresses stay, as their cases are kept (and
    this address too while a kept case's requester has it). Once no case it reached is kept, the whole
    record goes: it may hold an address this requester had before."""
    dispatches = Dispatch.objects.select_for_update().filter(cases=case).exclude(sent_to="").order_by("pk")
    for dispatch in dispatches:
        kept = dispatch.cases.exclude(pk=case.pk).filter(anonymised_at__isnull=True)
        kept_emails = [email.strip().lower() for email in kept.values_list("requester__email", flat=True)]
        if not kept_emails:
            sent_to = ""
        elif requester.email and requester.email.strip().lower() not in kept_emails:
            sent_to = _remove_address(dispatch.sent_to, requester.email)
        else:
            continue
        if sent_to != dispatch.sent_to:
            Dispatch.objects.filter(pk=dispatch.pk).update(sent_to=sent_to)


def _anonymise_case(*, pk: int, on: date, actor) -> str | None:
    """Anonymise one due case. Two runs at once (two beat processes, a run from the page while the
    job runs) must not both do it: the case is locked, and a case another run holds is skipped (it
    is that run's) as is one already anonymised. Returns the reference, or None when skipped."""
    with transaction.atomic():
        case = retention_due(on=on).filter(pk=pk).select_for_update(skip_locked=True, of=("self",)).first()
        if case is None:
            return None
        requester = Requester.objects.select_for_update().get(pk=case.requester_id)
        scrub = _Scrubber.for_requester(requester)
        tokens, _ = StatusToken.objects.filter(case=case).delete()
        messages = RequesterMessage.objects.filter(case=case).exclude(text=REMOVED).update(text=REMOVED)
        _scrub_dispatches(case, requester)
        _scrub_reminders(case, requester, scrub)
        _scrub_staff_reminders(case, scrub)
        notes = _scrub_notes(case, scrub)
        events = _scrub_audit_trail(case, scrub)
        Requester.objects.filter(pk=requester.pk).update(name=ANONYMISED_NAME, email="", address="", organisation="")
        now = timezone.now()
        Case.objects.filter(pk=case.pk).update(anonymised_at=now, updated_at=now)
        services.audit(
            case=case,
            actor=actor,
            action="case_anonymised",
            summary=f"Requester's personal data removed under the retention policy: the case and its group "
            f"finished on {short_date(case.group_finished_on)}.",
            changes={
                "group_finished_on": case.group_finished_on.isoformat(),
                "status_links_deleted": tokens,
                "messages_removed": messages,
                "audit_events_scrubbed": events,
                "notes_scrubbed": notes,
            },
        )
        return case.reference


def retention_run(*, actor=None, on: date | None = None) -> RetentionRun:
    """Anonymise every case due (see retention_due) and record the run. Safe to run twice, and twice at
    once: a case is anonymised once. A run with nothing due is recorded too, so the trail shows it ran."""
    on = on or services.today()
    years = services.unit_get().retention_years
    run = RetentionRun.objects.create(
        closed_before=retention_closed_before(on, years), retention_years=years, actor=actor
    )
    due = list(retention_due(on=on).order_by("pk").values_list("pk", flat=True))
    references = [ref for pk in due if (ref := _anonymise_case(pk=pk, on=on, actor=actor))]
    run.anonymised, run.references, run.finished_at = len(references), references, timezone.now()
    run.save(update_fields=["anonymised", "references", "finished_at"])
    services.audit(
        case=None,
        actor=actor,
        action="retention_run",
        summary=f"Retention run: {len(references)} case{'s' if len(references) != 1 else ''} anonymised "
        f"(groups finished before {short_date(run.closed_before)}, kept {years} years).",
        changes={"run": run.pk, "closed_before": run.closed_before.isoformat(), "anonymised": len(references)},
    )
    return run


def retention_runs(limit: int = 20) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.select_related("actor").order_by("-started_at", "-id")[:limit]
