"""Writes to the case register. Views, the API, commands and tasks all call these.

Every service runs in one transaction, validates before writing, and records an AuditEvent with
who, what, and the values before and after. Status changes go through `workflow.transition`.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from foi_cases import workflow
from foi_cases.deadlines import (
    REGIME_CODES,
    DeadlineError,
    EventKind,
    ExtraHoliday,
    Nation,
    Regime,
    compute_deadline,
    short_date,
    working_days_used,
)
from foi_cases.deadlines import ClockEvent as EngineEvent
from foi_cases.models import AuditEvent, Case, ClockEvent, ExtraBankHoliday, PublicBody, Requester, RequestItem, Unit
from foi_cases.references import format_reference, next_number
from foi_cases.request_items import split_request_items

# FOIA came into force on 1 January 2005; nothing earlier is a plausible receipt date.
EARLIEST_RECEIPT = date(2005, 1, 1)


def today() -> date:
    return timezone.localdate()


def unit_get() -> Unit:
    unit, _ = Unit.objects.get_or_create(pk=1)
    return unit


def audit(*, case: Case | None, actor, action: str, summary: str, changes: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(case=case, actor=actor, action=action, summary=summary, changes=changes or {})


# --- deadlines ---------------------------------------------------------------------------------


def extra_holidays() -> list[ExtraHoliday]:
    return [ExtraHoliday(h.date, h.name, Nation(h.nation)) for h in ExtraBankHoliday.objects.all()]


def engine_events(case: Case) -> list[EngineEvent]:
    return [
        EngineEvent(EventKind(e.kind), e.occurred_on, e.days) for e in case.clock_events.all() if e.voided_at is None
    ]


def case_deadline(case: Case, *, events: list[EngineEvent] | None = None, holidays=None, unit: Unit | None = None):
    """The case's deadline, recomputed from its receipt date and clock events."""
    return compute_deadline(
        case.regime,
        case.received_on,
        engine_events(case) if events is None else events,
        extra_holidays=extra_holidays() if holidays is None else holidays,
        internal_target_day=(unit or unit_get()).internal_target_day,
        review=case.review_of_id is not None,
    )


def case_refresh_deadline(*, case: Case, holidays=None, unit: Unit | None = None) -> bool:
    """Store the recomputed dates on the case (for lists and filters). Returns True if any changed."""
    deadline = case_deadline(case, holidays=holidays, unit=unit)
    new = {
        "due_on": deadline.due,
        "statutory_due_on": deadline.statutory_due,
        "internal_target_on": deadline.internal_target,
        "extension_days": deadline.extension_days,
    }
    if case.is_closed and case.responded_on and case.outcome not in _NOT_TIMED:
        new["answered_in_time"] = deadline.due is not None and case.responded_on <= deadline.due
    changed = {field: value for field, value in new.items() if getattr(case, field) != value}
    if changed:
        # updated_at too: the requester's status page is cached until the case changes.
        Case.objects.filter(pk=case.pk).update(**changed, updated_at=timezone.now())
        for field, value in changed.items():
            setattr(case, field, value)
    return bool(changed)


# --- creating and editing cases ------------------------------------------------------------


@dataclass(frozen=True)
class RequesterDetails:
    name: str
    email: str = ""
    address: str = ""
    organisation: str = ""
    requester_type: str = Requester.Type.PUBLIC


def validate_received_on(received_on: date) -> None:
    if received_on > today():
        raise ValidationError({"received_on": "The date of receipt cannot be in the future."})
    if received_on < EARLIEST_RECEIPT:
        raise ValidationError({"received_on": "The date of receipt must be on or after 1 January 2005."})


def validate_request_text(text: str) -> None:
    if not text.strip():
        raise ValidationError({"request_text": "Enter the text of the request."})
    if len(text) > settings.MAX_REQUEST_TEXT_CHARS:
        raise ValidationError(
            {
                "request_text": f"The request text is too long ({len(text):,} characters; the limit is "
                f"{settings.MAX_REQUEST_TEXT_CHARS:,}). Attach long documents to the case instead."
            }
        )


def reference_allocate(*, unit: Unit, regime: str, received_on: date, review: bool = False) -> str:
    prefix = unit.review_reference_prefix if review else unit.prefix_for(regime)
    series = prefix if unit.sequence_per_prefix else ""
    # A reference can already be taken when the unit changed its format or sequences mid-year
    # (the new counter starts again at 1): claim past those numbers instead of failing every save.
    for _ in range(100_000):
        number = next_number(series=series, year=received_on.year)
        reference = format_reference(unit.reference_format, prefix=prefix, year=received_on.year, number=number)
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise ValidationError({"regime": "No free reference number is left in this year's sequence."})


@transaction.atomic
def case_create(
    *,
    actor,
    regime: str,
    received_on: date,
    channel: str,
    subject: str,
    request_text: str,
    requester: RequesterDetails,
    body: PublicBody,
    assigned_to=None,
    items: list[str] | None = None,
    regime_confirmed: bool = True,
    review_of: Case | None = None,
) -> Case:
    """Log a request; with `review_of`, an internal review of that case (its own reference and clock)."""
    if regime not in REGIME_CODES:
        raise ValidationError({"regime": f"Unknown regime; use one of {', '.join(Regime)}."})
    validate_received_on(received_on)
    validate_request_text(request_text)
    _validate_officer(assigned_to)
    if not body.is_active:
        raise ValidationError({"body": f"{body} is no longer served by the unit."})
    items = _clean_items(items) if items else split_request_items(request_text)
    unit = unit_get()
    person = Requester(**requester.__dict__)
    person.full_clean()
    person.save()
    case = Case(
        reference=reference_allocate(unit=unit, regime=regime, received_on=received_on, review=review_of is not None),
        regime=regime,
        regime_confirmed=regime_confirmed,
        review_of=review_of,
        channel=channel,
        received_on=received_on,
        subject=subject.strip(),
        request_text=request_text,
        requester=person,
        body=body,
        assigned_to=assigned_to,
        created_by=actor,
    )
    case.full_clean(exclude=["requester", "body", "assigned_to", "created_by"])
    case.save()
    _store_items(case, items)
    case_refresh_deadline(case=case, unit=unit)
    audit(
        case=case,
        actor=actor,
        action="case_created",
        summary=f"Logged {case.get_regime_display()} {'internal review' if review_of else 'request'} received "
        f"{_date(received_on)}; due {_date(case.due_on)}.",
        changes={"reference": case.reference, "due_on": _iso(case.due_on)},
    )
    return case


def _store_items(case: Case, items: list[str]) -> None:
    case.items.all().delete()
    RequestItem.objects.bulk_create(
        RequestItem(case=case, position=position, text=text) for position, text in enumerate(items, start=1)
    )


EDITABLE_FIELDS = ("regime", "received_on", "channel", "subject", "request_text", "body")


@transaction.atomic
def case_update(*, case: Case, actor, **changes) -> Case:
    """Edit a case's details. Changing the receipt date or regime recomputes the deadline."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError({field: "This field cannot be changed here." for field in unknown})
    if "received_on" in changes:
        validate_received_on(changes["received_on"])
        _check_events_after(case, changes["received_on"])
    if "request_text" in changes:
        validate_request_text(changes["request_text"])
    if "regime" in changes and changes["regime"] not in REGIME_CODES:
        raise ValidationError({"regime": "Unknown regime."})
    if "regime" in changes and (changes["regime"] == Regime.SAR) != (case.regime == Regime.SAR):
        if case.clock_events.filter(kind=EventKind.EXTENSION, voided_at__isnull=True).exists():
            # A SAR extension counts months, the others working days: the event would change meaning.
            raise ValidationError(
                {"regime": "Void the extension before moving a case between subject access and FOI/EIR."}
            )
    before = {field: plain_value(getattr(case, field)) for field in changes}
    for field, value in changes.items():
        setattr(case, field, value)
    after = {field: plain_value(getattr(case, field)) for field in changes}
    diff = {field: [before[field], after[field]] for field in changes if before[field] != after[field]}
    if "regime" in changes and not case.regime_confirmed:
        # A web request: the requester's choice was only a hint, and saving the regime settles it.
        case.regime_confirmed = True
        diff["regime_confirmed"] = [False, True]
    if not diff:
        return case
    case.full_clean(exclude=["requester", "body", "assigned_to", "created_by"])
    try:
        case_deadline(case)
    except DeadlineError as error:
        # e.g. FOIA with an extension changed to FOISA, which allows none.
        field = "regime" if "regime" in diff else "received_on"
        raise ValidationError({field: error.message}) from None
    case.save()
    if "request_text" in diff:
        _store_items(case, split_request_items(case.request_text))
    case_refresh_deadline(case=case)
    audit(case=case, actor=actor, action="case_updated", summary=f"Edited {', '.join(diff)}.", changes=diff)
    return case


MAX_ITEMS, MAX_ITEM_CHARS = 200, 20_000


@transaction.atomic
def case_set_items(*, case: Case, actor, items: list[str]) -> None:
    """Correct how the request is split into numbered items (letters quote and answer each)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    cleaned = _clean_items(items)
    before = list(case.items.values_list("text", flat=True))
    if before == cleaned:
        return
    _store_items(case, cleaned)
    audit(
        case=case,
        actor=actor,
        action="items_updated",
        summary=f"Request items corrected: now {len(cleaned)} item(s).",
        changes={"items": [before, cleaned]},
    )


def _clean_items(items: list[str]) -> list[str]:
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise ValidationError({"items": "Keep at least one item: the request itself."})
    if len(cleaned) > MAX_ITEMS or any(len(item) > MAX_ITEM_CHARS for item in cleaned):
        raise ValidationError({"items": f"At most {MAX_ITEMS} items of up to {MAX_ITEM_CHARS:,} characters each."})
    return cleaned


def _check_events_after(case: Case, received_on: date) -> None:
    first = case.clock_events.filter(voided_at__isnull=True).order_by("occurred_on").first()
    if first and first.occurred_on < received_on:
        raise ValidationError({"received_on": "The date of receipt cannot be after the case's clock events."})


@transaction.atomic
def case_update_requester(*, case: Case, actor, details: RequesterDetails) -> Requester:
    person = case.requester
    before = {field: getattr(person, field) for field in details.__dict__}
    for field, value in details.__dict__.items():
        setattr(person, field, value)
    person.full_clean()
    person.save()
    diff = {f: [before[f], getattr(person, f)] for f in before if before[f] != getattr(person, f)}
    if diff:
        # The values are the requester's personal data: the audit records which fields changed only.
        audit(
            case=case,
            actor=actor,
            action="requester_updated",
            summary=f"Edited requester {', '.join(diff)}.",
            changes={"fields": sorted(diff)},
        )
    return person


REVEAL_REQUESTER = "responses.reveal_requester"


def case_reveal_requester(
    *, case: Case, actor, where: str = "on the case page", changes: dict | None = None
) -> Requester:
    """Cases are handled applicant blind: who asked is shown only to those allowed, and always recorded.

    `where` says where it was shown ("to edit the case", "while drafting a letter").
    """
    if not actor.has_perm(REVEAL_REQUESTER):
        raise PermissionDenied("You do not have permission to see the requester's identity.")
    # Who looked and where is enough; the details themselves are personal data and are not copied here.
    audit(
        case=case,
        actor=actor,
        action="requester_revealed",
        summary=f"Requester's identity revealed {where}.",
        changes=changes,
    )
    return case.requester


@transaction.atomic
def case_assign(*, case: Case, actor, officer) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    _validate_officer(officer)
    before = case.assigned_to
    if before == officer:
        return case
    # An internal review goes to someone not involved in the decision under review.
    from foi_cases import reviews

    refusal = reviews.reviewer_refusal(case, officer, doing="be assigned the review")
    if refusal:
        raise ValidationError({"officer": refusal})
    case.assigned_to = officer
    case.save(update_fields=["assigned_to", "updated_at"])
    audit(
        case=case,
        actor=actor,
        action="case_assigned",
        summary=f"Assigned to {_name(officer)}." if officer else "Unassigned.",
        # Ids too: who held a case is asked again later (an internal review's independence), and a
        # name can change or be shared.
        changes={
            "assigned_to": [_name(before), _name(officer)],
            "assigned_to_id": [getattr(before, "pk", None), getattr(officer, "pk", None)],
        },
    )
    return case


def _validate_officer(officer) -> None:
    if officer is not None and not officer.has_perm("foi_cases.change_case"):
        raise ValidationError({"assigned_to": "Choose an information rights officer, supervisor or administrator."})


# --- the clock -----------------------------------------------------------------------------

_EVENT_TRANSITIONS = {
    EventKind.CLARIFICATION_REQUESTED: "request_clarification",
    EventKind.CLARIFICATION_RECEIVED: "receive_clarification",
    EventKind.FEE_NOTICE_SENT: "send_fee_notice",
    EventKind.FEE_RECEIVED: "receive_fee",
    EventKind.EXTENSION: "extend",
}


@transaction.atomic
def clock_event_record(*, case: Case, actor, kind: str, on: date, days: int = 0, note: str = "") -> ClockEvent:
    """Record a clock event and recompute the deadline; refuses events the law does not allow."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    try:
        kind = EventKind(kind)
    except ValueError:
        raise ValidationError({"kind": "Unknown clock event."}) from None
    if kind is not EventKind.EXTENSION:
        days = 0
    target = workflow.transition(case, _EVENT_TRANSITIONS[kind])
    if on > today():
        raise ValidationError({"on": "The date cannot be in the future."})
    latest = _latest_event(case)
    if latest and on < latest.occurred_on:
        # The clock is replayed in date order, so an event dated before the last one would
        # rewrite history (e.g. a clarification "received" before it was asked for).
        raise ValidationError(
            {"on": f"The date cannot be before the last clock event ({latest}); void that first if it is wrong."}
        )
    if kind is EventKind.EXTENSION and case.due_on and on > case.due_on:
        raise ValidationError(
            {"on": f"An extension must be notified by the current deadline ({_date(case.due_on)}); this is too late."}
        )
    events = engine_events(case) + [EngineEvent(kind, on, days)]
    try:
        deadline = case_deadline(case, events=events)
    except DeadlineError as error:
        field = {"extension_days": "days"}.get(error.field, "on")
        raise ValidationError({field: error.message}) from None
    if kind is EventKind.EXTENSION and deadline.extension_days == case.extension_days:
        late = next((w for w in deadline.warnings if "late" in w), "This extension would not move the deadline.")
        raise ValidationError({"on": late})
    if _STATE_STATUS.get(deadline.state, Case.Status.OPEN) != target:
        raise ValidationError({"on": "This event does not fit the case's clock; check its date."})
    event = ClockEvent.objects.create(case=case, kind=kind, occurred_on=on, days=days, note=note, recorded_by=actor)
    before_status, before_due = case.status, case.due_on
    case.status = target
    case.save(update_fields=["status", "updated_at"])
    case_refresh_deadline(case=case)
    audit(
        case=case,
        actor=actor,
        action=f"clock_{kind.value}",
        summary=_clock_summary(event, deadline) + (f" Note: {note.strip()}" if note.strip() else ""),
        changes={"status": [before_status, case.status], "due_on": [_iso(before_due), _iso(case.due_on)]},
    )
    return event


def _clock_summary(event: ClockEvent, deadline) -> str:
    text = f"{event.get_kind_display()} on {_date(event.occurred_on)}"
    if event.kind == EventKind.EXTENSION:
        unit = "month(s)" if deadline.regime is Regime.SAR else "working days"
        text += f": extended by {event.days} {unit} (total {deadline.extension_days})"
    if deadline.due:
        text += f"; now due {_date(deadline.due)}"
    else:
        text += "; the clock is stopped"
    return text + "."


@transaction.atomic
def clock_event_void(*, case: Case, actor, event: ClockEvent, reason: str) -> ClockEvent:
    """Void a clock event recorded by mistake: only the latest one, so the history stays coherent."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require_open(case)
    if not reason.strip():
        raise ValidationError({"reason": "Say why this event is being voided."})
    latest = _latest_event(case)
    if event.case_id != case.pk or event.voided_at is not None or latest is None or latest.pk != event.pk:
        raise ValidationError({"event": "Only the most recent clock event can be voided."})
    event.voided_at, event.voided_by, event.void_reason = timezone.now(), actor, reason.strip()
    event.save(update_fields=["voided_at", "voided_by", "void_reason"])
    before_status, before_due = case.status, case.due_on
    case.status = _status_from_events(case)
    case.save(update_fields=["status", "updated_at"])
    case_refresh_deadline(case=case)
    audit(
        case=case,
        actor=actor,
        action="clock_event_voided",
        summary=f"Voided: {event}. Reason: {event.void_reason}",
        changes={"status": [before_status, case.status], "due_on": [_iso(before_due), _iso(case.due_on)]},
    )
    return event


_STATE_STATUS = {
    "awaiting_clarification": Case.Status.AWAITING_CLARIFICATION,
    "awaiting_fee": Case.Status.AWAITING_FEE,
}


def _status_from_events(case: Case) -> str:
    return _STATE_STATUS.get(case_deadline(case).state, Case.Status.OPEN)


def _latest_event(case: Case) -> ClockEvent | None:
    return case.clock_events.filter(voided_at__isnull=True).order_by("-occurred_on", "-id").first()


# --- closing ------------------------------------------------------------------------------


def working_days_taken(case: Case, responded_on: date) -> int:
    """Working days the response took on the case's statutory clock (from its last start, fee pauses
    left out): what the reports' medians are taken over."""
    return working_days_used(
        case.regime, case.received_on, engine_events(case), responded_on, extra_holidays=extra_holidays()
    )


# Outcomes where "answered in time" does not apply: nothing was answered.
_NOT_TIMED = {Case.Outcome.WITHDRAWN, Case.Outcome.LAPSED}
# Outcomes recorded through their own actions, with their own rules.
_SPECIAL_OUTCOMES = {Case.Outcome.WITHDRAWN: "withdraw", Case.Outcome.LAPSED: "lapse"}


@transaction.atomic
def case_close(*, case: Case, actor, outcome: str, responded_on: date, note: str = "") -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if outcome not in Case.Outcome.values:
        raise ValidationError({"outcome": "Choose an outcome from the list."})
    _check_outcome_fits(case, outcome)
    _check_review_decided_independently(case, outcome, actor)
    transition_name = _SPECIAL_OUTCOMES.get(outcome, "close")
    target = workflow.transition(case, transition_name)
    if responded_on > today():
        raise ValidationError({"responded_on": "The date cannot be in the future."})
    if responded_on < case.received_on:
        raise ValidationError({"responded_on": "The date cannot be before the request was received."})
    latest_event = _latest_event(case)
    if latest_event and responded_on < latest_event.occurred_on:
        raise ValidationError({"responded_on": "The date cannot be before the latest clock event."})
    # Judge timeliness on the deadline as the engine has it now, not a stored date a pending
    # background refresh (e.g. after a new bank holiday) has yet to update.
    case_refresh_deadline(case=case)
    before_status = case.status
    case.status, case.outcome, case.responded_on, case.closed_at = target, outcome, responded_on, timezone.now()
    if outcome in _NOT_TIMED:
        case.answered_in_time, case.working_days_taken = None, None
    else:
        case.answered_in_time = case.due_on is not None and responded_on <= case.due_on
        case.working_days_taken = working_days_taken(case, responded_on)
    case.save(
        update_fields=[
            "status",
            "outcome",
            "responded_on",
            "closed_at",
            "answered_in_time",
            "working_days_taken",
            "updated_at",
        ]
    )
    timing = ""
    if case.answered_in_time is not None:
        timing = " In time." if case.answered_in_time else f" Late: the deadline was {_date(case.due_on)}."
    audit(
        case=case,
        actor=actor,
        action=f"case_{transition_name}",
        summary=f"Closed: {case.get_outcome_display()} on {_date(responded_on)}.{timing}"
        + (f" {note}" if note else ""),
        changes={"status": [before_status, target], "outcome": outcome, "responded_on": responded_on.isoformat()},
    )
    return case


def _check_outcome_fits(case: Case, outcome: str) -> None:
    """An internal review ends with what it decided about the original response (or is withdrawn or
    lapses); a request never ends with a review's outcome. Keeps the reports' outcome groups whole."""
    if outcome in _NOT_TIMED:
        return
    if case.is_review and outcome not in Case.REVIEW_OUTCOMES:
        raise ValidationError(
            {"outcome": "An internal review closes with its outcome: upheld, upheld in part or overturned."}
        )
    if not case.is_review and outcome in Case.REVIEW_OUTCOMES:
        raise ValidationError({"outcome": "Only an internal review can close with a review outcome."})


def _check_review_decided_independently(case: Case, outcome: str, actor) -> None:
    """Closing a review with its outcome decides it, unless an approved outcome letter decided it
    already (sending that letter is clerical): the decision is then the letter's, and anyone else
    deciding it must not have been involved in the decision under review."""
    if not case.is_review or outcome not in Case.REVIEW_OUTCOMES:
        return
    if case.status == Case.Status.READY_TO_SEND and case.outcome in Case.REVIEW_OUTCOMES:
        if outcome != case.outcome:
            decided = case.get_outcome_display().removeprefix("Review: ")
            raise ValidationError(
                {
                    "outcome": f"The approved outcome letter records: {decided}. Send it, or start a new version "
                    "of the letter for approval."
                }
            )
        return
    from foi_cases import reviews

    refusal = reviews.reviewer_refusal(case, actor, doing="decide the review")
    if refusal:
        raise ValidationError({"outcome": refusal})


def case_withdraw(*, case: Case, actor, on: date, note: str = "") -> Case:
    return case_close(case=case, actor=actor, outcome=Case.Outcome.WITHDRAWN, responded_on=on, note=note)


def case_lapse(*, case: Case, actor, on: date, note: str = "") -> Case:
    return case_close(case=case, actor=actor, outcome=Case.Outcome.LAPSED, responded_on=on, note=note)


@transaction.atomic
def case_reopen(*, case: Case, actor, reason: str) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not actor.has_perm("foi_cases.reopen_case"):
        raise workflow.TransitionNotAllowed("Only a supervisor can reopen a closed case.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the case is being reopened."})
    workflow.transition(case, "reopen")
    before = {"outcome": case.outcome, "responded_on": _iso(case.responded_on)}
    case.status = _status_from_events(case)
    case.outcome, case.responded_on, case.answered_in_time, case.closed_at = "", None, None, None
    case.working_days_taken = None
    case.save(
        update_fields=[
            "status",
            "outcome",
            "responded_on",
            "answered_in_time",
            "closed_at",
            "working_days_taken",
            "updated_at",
        ]
    )
    case_refresh_deadline(case=case)
    audit(
        case=case,
        actor=actor,
        action="case_reopened",
        summary=f"Reopened. Reason: {reason.strip()}",
        changes={"before": before},
    )
    return case


# --- internal reviews ------------------------------------------------------------------------

# A review that ended without being carried out does not stand in the way of another request for one.
_REVIEW_NOT_CARRIED_OUT = (Case.Outcome.WITHDRAWN, Case.Outcome.LAPSED)


class ReviewObstacle:
    """Why a case cannot have an internal review now. Officers and requesters are told in their own words."""

    IS_REVIEW, SUBJECT_ACCESS, NOT_ANSWERED = "is_review", "subject_access", "not_answered"
    CLOSED_UNANSWERED, TRANSFERRED, REVIEWED = "closed_unanswered", "transferred", "reviewed"


def review_obstacle(case: Case, reviews=None) -> tuple[str, Case | None] | None:
    """What stands in the way of an internal review of `case` (and the review already standing, if
    that is it), or None. `reviews`: the case's reviews, when the caller has them already."""
    if case.is_review:
        return ReviewObstacle.IS_REVIEW, None
    if case.regime == Regime.SAR:
        return ReviewObstacle.SUBJECT_ACCESS, None
    if case.status == Case.Status.CLOSED:
        return ReviewObstacle.CLOSED_UNANSWERED, None
    if case.status != Case.Status.RESPONDED:
        return ReviewObstacle.NOT_ANSWERED, None
    if case.outcome == Case.Outcome.TRANSFERRED:
        return ReviewObstacle.TRANSFERRED, None
    reviews = case.reviews.order_by("pk") if reviews is None else reviews
    standing = next((r for r in reviews if r.outcome not in _REVIEW_NOT_CARRIED_OUT), None)
    return (ReviewObstacle.REVIEWED, standing) if standing is not None else None


def review_refusal(case: Case) -> str | None:
    """Why an internal review of `case` cannot be logged, or None when it can."""
    obstacle = review_obstacle(case)
    if obstacle is None:
        return None
    code, standing = obstacle
    if code == ReviewObstacle.REVIEWED:
        return (
            f"An internal review of {case.reference} is already logged ({standing.reference}). A second one "
            "can be logged only if that one is withdrawn."
        )
    return {
        ReviewObstacle.IS_REVIEW: "This case is itself an internal review: a requester still unhappy can complain "
        "to the commissioner.",
        ReviewObstacle.SUBJECT_ACCESS: "A subject access request has no internal review: the requester can "
        "complain to the ICO.",
        ReviewObstacle.TRANSFERRED: "The request was transferred to another authority: a review of its response "
        "is theirs.",
    }.get(code, "An internal review can be logged only once the response has been sent.")


def review_case_create(*, case: Case, actor, received_on: date, channel: str, reasons: str) -> Case:
    """The internal review of `case` as a case of its own: the same requester, body and regime, its
    own reference and clock, the requester's reasons as its request. Callers check it may be made."""
    reasons = reasons.strip()
    person = case.requester
    return case_create(
        actor=actor,
        regime=case.regime,
        received_on=received_on,
        channel=channel,
        subject=f"Internal review of {case.reference}: {case.subject}"[:300],
        request_text=reasons,
        requester=RequesterDetails(
            name=person.name,
            email=person.email,
            address=person.address,
            organisation=person.organisation,
            requester_type=person.requester_type,
        ),
        body=case.body,
        items=[reasons] if reasons else None,
        review_of=case,
    )


@transaction.atomic
def review_log(*, case: Case, actor, received_on: date, channel: str, reasons: str) -> Case:
    """Log a request for an internal review that arrived by email, post or phone: a linked case with its
    own reference and clock, for the same requester, body and regime, audited on the original too.
    Raises ValidationError (under "review_of" when the case cannot be reviewed)."""
    # Locked: two officers logging the same email at once must not make two reviews.
    case = Case.objects.select_for_update(of=("self",)).select_related("requester", "body").get(pk=case.pk)
    refusal = review_refusal(case)
    if refusal:
        raise ValidationError({"review_of": refusal})
    if case.responded_on and received_on < case.responded_on:
        raise ValidationError(
            {"received_on": f"The date cannot be before the response was sent ({_date(case.responded_on)})."}
        )
    review = review_case_create(case=case, actor=actor, received_on=received_on, channel=channel, reasons=reasons)
    audit(
        case=case,
        actor=actor,
        action="review_logged",
        summary=f"Internal review requested by {review.get_channel_display().lower()} on {_date(received_on)}: "
        f"logged as {review.reference}, due {_date(review.due_on)}.",
        changes={"review": review.reference, "received_on": received_on.isoformat(), "channel": channel},
    )
    return review


# --- links ---------------------------------------------------------------------------------

LINK_KINDS = {"answered_with": "answered together with", "related_to": "related to"}


@transaction.atomic
def case_link(*, case: Case, actor, other: Case, kind: str) -> None:
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": "Choose 'answered_with' or 'related_to'."})
    if other.pk == case.pk:
        raise ValidationError({"other": "A case cannot be linked to itself."})
    if kind == "answered_with" and (case.is_review or other.is_review):
        raise ValidationError(
            {"other": "An internal review is answered on its own: it cannot be answered together with another case."}
        )
    manager = getattr(case, kind)
    if manager.filter(pk=other.pk).exists():
        raise ValidationError({"other": f"{other.reference} is already {LINK_KINDS[kind]} this case."})
    manager.add(other)
    if kind == "answered_with":
        # Cases answered together share one letter and one "Our Ref" line: keep the group closed,
        # so linking B to A when C is already with A puts A, B and C all together.
        group = {case, other, *case.answered_with.all(), *other.answered_with.all()}
        for member in group:
            member.answered_with.add(*(peer for peer in group if peer.pk != member.pk))
    for one, two in ((case, other), (other, case)):
        audit(
            case=one,
            actor=actor,
            action="case_linked",
            summary=f"Marked as {LINK_KINDS[kind]} {two.reference}.",
            changes={kind: two.reference},
        )


@transaction.atomic
def case_unlink(*, case: Case, actor, other: Case, kind: str) -> None:
    if kind not in LINK_KINDS:
        raise ValidationError({"kind": "Choose 'answered_with' or 'related_to'."})
    manager = getattr(case, kind)
    if not manager.filter(pk=other.pk).exists():
        raise ValidationError({"other": f"{other.reference} is not {LINK_KINDS[kind]} this case."})
    if kind == "answered_with":
        other.answered_with.clear()  # `other` leaves the whole group
    else:
        manager.remove(other)
    for one, two in ((case, other), (other, case)):
        audit(
            case=one,
            actor=actor,
            action="case_unlinked",
            summary=f"No longer {LINK_KINDS[kind]} {two.reference}.",
            changes={kind: two.reference},
        )


# --- bank holidays -------------------------------------------------------------------------


@dataclass(frozen=True)
class HolidayImport:
    added: list[ExtraBankHoliday]
    already_known: int


@transaction.atomic
def bank_holidays_import(*, data: dict, actor) -> HolidayImport:
    """Add days from a gov.uk bank-holidays.json document that the installed data does not know."""
    from foi_cases.deadlines import WorkingCalendar

    if not isinstance(data, dict) or not set(data) & {nation.value for nation in Nation}:
        raise ValidationError(
            {"file": "This is not a gov.uk bank-holidays.json file (no division such as 'scotland')."}
        )
    added, known, seen = [], 0, set()
    for division, content in data.items():
        if division not in {nation.value for nation in Nation}:
            continue
        events = content.get("events") if isinstance(content, dict) else None
        if not isinstance(events, list):
            raise ValidationError({"file": f"'{division}' has no list of events: is this gov.uk's bank-holidays.json?"})
        nation = Nation(division)
        calendar = WorkingCalendar([nation], extra_holidays())
        for entry in events:
            try:
                day, name = date.fromisoformat(entry["date"]), str(entry["title"]).strip()[:200]
            except (KeyError, TypeError, ValueError):
                raise ValidationError({"file": f"Unreadable event in {division}: {entry!r:.80}"}) from None
            if day.weekday() >= 5 or not calendar.is_working_day(day) or (day, nation) in seen:
                known += 1
                continue
            seen.add((day, nation))
            added.append(ExtraBankHoliday.objects.create(date=day, name=name, nation=nation.value))
    if added:
        audit(
            case=None,
            actor=actor,
            action="bank_holidays_imported",
            summary=f"Imported {len(added)} bank holiday(s).",
            changes={"added": [f"{h.date.isoformat()} {h.nation}: {h.name}" for h in added]},
        )
        transaction.on_commit(deadline_refresh_enqueue)
    return HolidayImport(added=added, already_known=known)


def deadline_refresh_enqueue() -> None:
    """Recompute open cases' deadlines in the background (call after the change commits)."""
    from foi_cases.tasks import refresh_open_case_deadlines

    try:
        refresh_open_case_deadlines.delay()
    except Exception:  # noqa: BLE001 - a broker outage must not undo the import; the nightly run catches up.
        import logging

        logging.getLogger(__name__).exception("Could not enqueue the deadline refresh; the nightly run will do it.")


def open_cases_refresh_deadlines() -> int:
    """Recompute every open case's dates (after bank holidays change). Returns how many changed."""
    holidays, unit, changed = extra_holidays(), unit_get(), 0
    for case_id in Case.objects.open().values_list("pk", flat=True).iterator(chunk_size=2000):
        with transaction.atomic():
            # Lock and re-read: a clock event recorded meanwhile must not be overwritten by stale dates.
            case = Case.objects.select_for_update().prefetch_related("clock_events").get(pk=case_id)
            before = case.due_on
            if case_refresh_deadline(case=case, holidays=holidays, unit=unit):
                changed += 1
                audit(
                    case=case,
                    actor=None,
                    action="deadline_recomputed",
                    summary=f"Deadline recomputed after the bank holidays changed: due {_date(case.due_on)} "
                    f"(was {_date(before)}).",
                    changes={"due_on": [_iso(before), _iso(case.due_on)]},
                )
    return changed


# --- small helpers -------------------------------------------------------------------------


def _require_open(case: Case) -> None:
    if case.is_closed:
        raise workflow.TransitionNotAllowed("This case is closed; reopen it first.")


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _date(day: date | None) -> str:
    return short_date(day) if day else "not set (clock stopped)"


def plain_value(value):
    """A value as the audit trail stores it (JSON): dates as ISO strings, objects by name."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value
