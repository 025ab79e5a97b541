"""Complaints to the Information Commissioner (or the Scottish Information Commissioner): the
decision notice, the steps it orders, and any appeal against it.

Services (writes) are `complaint_<action>`; selectors read. Every write is audited on the case.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q

from foi_cases import services
from foi_cases.deadlines import ExtraHoliday, Regime, WorkingCalendar, short_date
from foi_cases.models import Case, Complaint, ComplaintFinding, ComplaintStep, Finding, TribunalAppeal

# The decision notice's steps are usually to be taken within 35 calendar days (ICO practice).
STEP_DAYS = 35
# An appeal against a decision notice: the First-tier Tribunal within 28 days of the notice being sent
# (FOIA s57, tribunal rules); from the Scottish Commissioner, the Court of Session on a point of law
# within 42 days (FOISA s56).
APPEAL_DAYS = {Complaint.Regulator.ICO: 28, Complaint.Regulator.SIC: 42}
APPEAL_BODY = {Complaint.Regulator.ICO: "First-tier Tribunal", Complaint.Regulator.SIC: "Court of Session"}
REGULATOR_SHORT = {Complaint.Regulator.ICO: "ICO", Complaint.Regulator.SIC: "Scottish Information Commissioner"}


@dataclass(frozen=True)
class ComplaintDeadline:
    complaint: Complaint
    what: str
    due_on: date
    key: str
    responsible: AbstractBaseUser | None


def appeal_calendar(regulator: str, holidays: list[ExtraHoliday] | None = None) -> WorkingCalendar:
    """The working days of the court appealed to: the First-tier Tribunal sits across the UK (the FOIA
    calendar), the Court of Session in Scotland. `holidays`: the unit's extra bank holidays, read when None."""
    regime = Regime.FOISA if regulator == Complaint.Regulator.SIC else Regime.FOIA
    return WorkingCalendar.for_regime(regime, services.extra_holidays() if holidays is None else holidays)


def appeal_window_closes(complaint: Complaint, *, holidays: list[ExtraHoliday] | None = None) -> date | None:
    """The last day to appeal against the decision notice, or None before a decision. A time limit
    ending on a day the court's office is closed (a weekend or bank holiday) runs to the next working
    day (First-tier Tribunal (GRC) Rules 2009 r12(2); likewise for the Court of Session)."""
    if complaint.decision_on is None:
        return None
    regulator = Complaint.Regulator(complaint.regulator)
    day = complaint.decision_on + timedelta(days=APPEAL_DAYS[regulator])
    calendar = appeal_calendar(regulator, holidays)
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def appeal_body(complaint: Complaint) -> str:
    return APPEAL_BODY[Complaint.Regulator(complaint.regulator)]


def responsible_for(complaint: Complaint):
    return complaint.handled_by or complaint.case.assigned_to


def complaint_deadlines(*, until: date, on: date | None = None) -> list[ComplaintDeadline]:
    """Open complaint deadlines due on or before `until` (overdue ones included), earliest first:
    submissions not yet made, steps not complied with, and the appeal window (decision_on + 28 days,
    42 for the Scottish Commissioner, for the authority's own appeal, run on to the next working day)
    while no appeal is lodged and it has not passed by `on` (today by default). Closed complaints have none."""
    today = on or services.today()
    holidays = services.extra_holidays()
    open_steps = ComplaintStep.objects.filter(complied_on__isnull=True, comply_by__lte=until)
    complaints = (
        Complaint.objects.filter(closed_on__isnull=True)
        .filter(
            Q(submitted_on__isnull=True, decision_on__isnull=True, submission_due_on__lte=until)
            | Q(steps__in=open_steps)
            | Q(decision_on__isnull=False, decision_on__lte=until, appeals__isnull=True)
        )
        .distinct()
        .select_related("case__assigned_to", "handled_by")
        .prefetch_related(Prefetch("steps", queryset=open_steps, to_attr="open_steps"), "appeals")
    )
    deadlines = []
    for complaint in complaints:
        deadlines.extend(_deadlines_of(complaint, complaint.open_steps, until=until, today=today, holidays=holidays))
    return sorted(deadlines, key=lambda deadline: (deadline.due_on, deadline.key))


def _deadlines_of(
    complaint: Complaint, open_steps, *, until: date, today: date, holidays: list[ExtraHoliday] | None = None
) -> list[ComplaintDeadline]:
    person = responsible_for(complaint)
    found = []
    if complaint.submitted_on is None and complaint.decision_on is None and complaint.submission_due_on:
        if complaint.submission_due_on <= until:
            found.append(
                ComplaintDeadline(
                    complaint=complaint,
                    what=f"Submissions due to the {REGULATOR_SHORT[Complaint.Regulator(complaint.regulator)]}",
                    due_on=complaint.submission_due_on,
                    key=f"complaint:{complaint.pk}:submissions:{complaint.submission_due_on.isoformat()}",
                    responsible=person,
                )
            )
    for step in open_steps:
        found.append(
            ComplaintDeadline(
                complaint=complaint,
                what=f"Step ordered: {step.description[:80]}",
                due_on=step.comply_by,
                key=f"complaint:{complaint.pk}:step:{step.pk}:{step.comply_by.isoformat()}",
                responsible=person,
            )
        )
    closes = appeal_window_closes(complaint, holidays=holidays)
    if closes and today <= closes <= until and not complaint.appeals.all():
        found.append(
            ComplaintDeadline(
                complaint=complaint,
                what=f"{_appeal_name(complaint)} appeal window closes",
                due_on=closes,
                key=f"complaint:{complaint.pk}:appeal:{closes.isoformat()}",
                responsible=person,
            )
        )
    return found


def _appeal_name(complaint: Complaint) -> str:
    return "Tribunal" if complaint.regulator == Complaint.Regulator.ICO else "Court of Session"


# --- references and rules ----------------------------------------------------------------------

# The ICO's case references: IC-123456-A1B2 (the older FS50123456 style is still quoted on old cases).
ICO_REFERENCE = re.compile(r"^(IC-\d{5,7}-[A-Z0-9]{4}|FS5\d{7})$")
# The Scottish Commissioner's references are numbers, sometimes written with dashes: 202100123, 2021-00123.
SIC_REFERENCE = re.compile(r"^\d[\d-]{4,10}\d$")
REFERENCE_HELP = {
    Complaint.Regulator.ICO: "An ICO reference looks like IC-123456-A1B2 (or FS50123456 on older cases).",
    Complaint.Regulator.SIC: "A Scottish Information Commissioner reference is 6 to 12 digits, dashes allowed: "
    "202100123 or 2021-00123.",
}
SCOTTISH_REGIMES = (Regime.FOISA, Regime.EISR)
DECISION_OUTCOMES = (Complaint.Outcome.UPHELD, Complaint.Outcome.PARTLY_UPHELD, Complaint.Outcome.NOT_UPHELD)
EARLY_OUTCOMES = (Complaint.Outcome.INFORMALLY_RESOLVED, Complaint.Outcome.WITHDRAWN)


def normalise_reference(text: str) -> str:
    return "".join(text.split()).upper()


def reference_problem(regulator: str, reference: str) -> str | None:
    """Why `reference` (normalised) is not a reference of `regulator`, or None when it is."""
    pattern = ICO_REFERENCE if regulator == Complaint.Regulator.ICO else SIC_REFERENCE
    if pattern.match(reference):
        return None
    return REFERENCE_HELP[Complaint.Regulator(regulator)]


def default_regulator(case: Case) -> str:
    """Scottish public authorities answer to the Scottish Information Commissioner."""
    return Complaint.Regulator.SIC if case.regime in SCOTTISH_REGIMES else Complaint.Regulator.ICO


def complaint_case(case: Case) -> Case:
    """A complaint always hangs on the original request, even when logged from its review."""
    return case.review_of if case.review_of_id else case


def complaint_refusal(case: Case) -> str | None:
    """Why a complaint cannot be logged from `case` (the request or its review), or None when it can.

    The commissioner takes complaints about a response (after the review) and about a response never
    sent: a running case past its deadline qualifies too."""
    if case.status in Case.FINISHED:
        if case.status == Case.Status.CLOSED and not case.is_review:
            return "The request was closed without a response (withdrawn or lapsed): there is nothing to complain of."
        return None
    if case.status in Case.RUNNING and case.due_on and case.due_on < services.today():
        return None
    what = "review" if case.is_review else "request"
    return (
        f"A complaint can be logged once the {what} has been answered, or once it is overdue (a complaint that "
        "no response was sent)."
    )


def _earliest_received(case: Case) -> tuple[date, str]:
    """The commissioner cannot have had a complaint before the response it is about (or, for a
    response never sent, before the request)."""
    if case.responded_on:
        return case.responded_on, "the response was sent"
    return case.received_on, "the request was received"


def _not_future(day: date, field: str) -> None:
    if day > services.today():
        raise ValidationError({field: "The date cannot be in the future."})


def _not_before(day: date, earliest: date, field: str, what: str) -> None:
    if day < earliest:
        raise ValidationError({field: f"The date cannot be before {what} ({short_date(earliest)})."})


def _require_open(complaint: Complaint) -> None:
    if complaint.closed_on:
        raise ValidationError(f"The complaint {complaint.reference} is closed: nothing more can be recorded on it.")


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().select_related("case").get(pk=complaint.pk)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "nobody"


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def complaint_log(
    *,
    case: Case,
    actor,
    regulator: str,
    reference: str,
    received_on: date,
    submission_due_on: date | None = None,
    handled_by=None,
    notes: str = "",
) -> Complaint:
    """Log the commissioner's notice of a complaint about `case` (the request, or its review: the
    complaint then hangs on the request). Raises ValidationError with field keys."""
    if regulator not in Complaint.Regulator.values:
        raise ValidationError({"regulator": "Choose the commissioner from the list."})
    refusal = complaint_refusal(case)
    if refusal:
        raise ValidationError({"case": refusal})
    reference = normalise_reference(reference)
    problem = reference_problem(regulator, reference)
    if problem:
        raise ValidationError({"reference": problem})
    _not_future(received_on, "received_on")
    earliest, what = _earliest_received(case)
    _not_before(received_on, earliest, "received_on", what)
    if submission_due_on and submission_due_on < received_on:
        raise ValidationError({"submission_due_on": "Submissions cannot be due before the complaint was received."})
    if Complaint.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": f"A complaint with the reference {reference} is already logged."})
    original = complaint_case(case)
    try:
        # The unique constraint settles a race between two officers logging the same notice.
        with transaction.atomic():
            complaint = Complaint.objects.create(
                case=original,
                regulator=regulator,
                reference=reference,
                received_on=received_on,
                submission_due_on=submission_due_on,
                handled_by=handled_by,
                notes=notes.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ValidationError({"reference": f"A complaint with the reference {reference} is already logged."}) from None
    via = f" (about its review {case.reference})" if case.pk != original.pk else ""
    due = f" Submissions due {short_date(submission_due_on)}." if submission_due_on else ""
    services.audit(
        case=original,
        actor=actor,
        action="complaint_logged",
        summary=f"Complaint to the {complaint.get_regulator_display()} logged: {reference}{via}, received "
        f"{short_date(received_on)}.{due}",
        changes={
            "complaint": complaint.pk,
            "regulator": regulator,
            "reference": reference,
            "received_on": received_on.isoformat(),
            "submission_due_on": submission_due_on.isoformat() if submission_due_on else None,
            "handled_by": _name(handled_by),
        },
    )
    return complaint


@transaction.atomic
def complaint_record_submissions(*, complaint: Complaint, actor, submitted_on: date) -> Complaint:
    complaint = _locked(complaint)
    _require_open(complaint)
    if complaint.submitted_on:
        raise ValidationError({"submitted_on": "Submissions were recorded already."})
    _not_future(submitted_on, "submitted_on")
    _not_before(submitted_on, complaint.received_on, "submitted_on", "the complaint was received")
    complaint.submitted_on = submitted_on
    complaint.save(update_fields=["submitted_on", "updated_at"])
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_submissions",
        summary=f"Submissions sent to the commissioner on {short_date(submitted_on)} ({complaint.reference}).",
        changes={"complaint": complaint.pk, "submitted_on": submitted_on.isoformat()},
    )
    return complaint


@dataclass(frozen=True)
class FindingInput:
    code: str
    finding: str
    note: str = ""


@dataclass(frozen=True)
class StepInput:
    description: str
    comply_by: date | None = None  # None: the usual 35 calendar days after the decision


def exemption_codes(case: Case) -> list[tuple[str, str]]:
    """(code, section) of each exemption the response relied on, then those its reviews relied on."""
    from responses.models import CaseExemption

    rows = CaseExemption.objects.filter(Q(case=case) | Q(case__review_of=case)).order_by("case_id", "code")
    seen, codes = set(), []
    for row in rows:
        if row.code not in seen:
            seen.add(row.code)
            codes.append((row.code, row.section))
    return codes


@transaction.atomic
def complaint_record_decision(
    *,
    complaint: Complaint,
    actor,
    decision_notice_reference: str,
    decision_on: date,
    outcome: str,
    findings: list[FindingInput],
    steps: list[StepInput],
) -> Complaint:
    """The decision notice: its outcome, a finding per exemption, and the steps it orders."""
    complaint = _locked(complaint)
    _require_open(complaint)
    if complaint.decision_on:
        raise ValidationError("The decision notice was recorded already.")
    if outcome not in DECISION_OUTCOMES:
        raise ValidationError({"outcome": "Choose the decision notice's outcome from the list."})
    _not_future(decision_on, "decision_on")
    _not_before(decision_on, complaint.received_on, "decision_on", "the complaint was received")
    codes = [finding.code.strip() for finding in findings]
    if len(set(codes)) != len(codes):
        raise ValidationError({"findings": "Give each exemption's finding once."})
    for finding in findings:
        if not finding.code.strip():
            raise ValidationError({"findings": "Give the exemption or point each finding is about."})
        if finding.finding not in Finding.values:
            raise ValidationError({"findings": f"Choose a finding for {finding.code}."})
    for step in steps:
        if not step.description.strip():
            raise ValidationError({"steps": "Describe each step ordered."})
        if step.comply_by and step.comply_by < decision_on:
            raise ValidationError({"steps": "A step cannot be due before the decision notice."})
    complaint.decision_notice_reference = decision_notice_reference.strip()
    complaint.decision_on, complaint.outcome = decision_on, outcome
    complaint.save(update_fields=["decision_notice_reference", "decision_on", "outcome", "updated_at"])
    sections = dict(exemption_codes(complaint.case))
    ComplaintFinding.objects.bulk_create(
        ComplaintFinding(
            complaint=complaint,
            code=finding.code.strip(),
            section=sections.get(finding.code.strip(), ""),
            finding=finding.finding,
            note=finding.note.strip(),
        )
        for finding in findings
    )
    made = ComplaintStep.objects.bulk_create(
        ComplaintStep(
            complaint=complaint,
            description=step.description.strip(),
            comply_by=step.comply_by or decision_on + timedelta(days=STEP_DAYS),
        )
        for step in steps
    )
    found = "; ".join(f"{f.code}: {Finding(f.finding).label.lower()}" for f in findings)
    ordered = "; ".join(f"{s.description[:80]} by {short_date(s.comply_by)}" for s in made)
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_decision",
        summary=f"Decision notice {complaint.decision_notice_reference or complaint.reference} of "
        f"{short_date(decision_on)}: {complaint.get_outcome_display()}."
        + (f" Findings: {found}." if found else "")
        + (f" Steps: {ordered}." if ordered else "")
        + f" Appeal by {short_date(appeal_window_closes(complaint))}.",
        changes={
            "complaint": complaint.pk,
            "decision_on": decision_on.isoformat(),
            "outcome": outcome,
            "findings": {f.code.strip(): f.finding for f in findings},
            "steps": [[s.description, s.comply_by.isoformat()] for s in made],
        },
    )
    return complaint


@transaction.atomic
def complaint_step_comply(*, step: ComplaintStep, actor, complied_on: date) -> ComplaintStep:
    complaint = _locked(step.complaint)
    step = ComplaintStep.objects.select_for_update().get(pk=step.pk)
    _require_open(complaint)
    if step.complied_on:
        raise ValidationError({"complied_on": "This step was marked complied with already."})
    _not_future(complied_on, "complied_on")
    _not_before(complied_on, complaint.decision_on, "complied_on", "the decision notice")
    step.complied_on = complied_on
    step.save(update_fields=["complied_on"])
    late = f" Late: it was due {short_date(step.comply_by)}." if complied_on > step.comply_by else ""
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_step_complied",
        summary=f"Step ordered by {complaint.reference} complied with on {short_date(complied_on)}: "
        f"{step.description[:80]}.{late}",
        changes={"complaint": complaint.pk, "step": step.pk, "complied_on": complied_on.isoformat()},
    )
    return step


@dataclass(frozen=True)
class AppealRecorded:
    appeal: TribunalAppeal
    warning: str | None  # a requester's appeal lodged after the window: recorded, but say so


@transaction.atomic
def complaint_appeal_record(
    *, complaint: Complaint, actor, appellant: str, reference: str, lodged_on: date, notes: str = ""
) -> AppealRecorded:
    """An appeal against the decision notice. The authority's own appeal must be lodged within the
    window; a requester's late appeal may have been admitted by the tribunal, so it is recorded with a warning."""
    complaint = _locked(complaint)
    _require_open(complaint)
    if not complaint.decision_on:
        raise ValidationError("An appeal can be recorded only once the decision notice is recorded.")
    if appellant not in TribunalAppeal.Appellant.values:
        raise ValidationError({"appellant": "Choose who appealed."})
    if complaint.appeals.filter(appellant=appellant).exists():
        raise ValidationError({"appellant": "An appeal by this party is recorded already."})
    _not_future(lodged_on, "lodged_on")
    _not_before(lodged_on, complaint.decision_on, "lodged_on", "the decision notice")
    closes, warning = appeal_window_closes(complaint), None
    if lodged_on > closes:
        late = f"The appeal window closed on {short_date(closes)}"
        if appellant == TribunalAppeal.Appellant.AUTHORITY:
            raise ValidationError({"lodged_on": f"{late}: the authority's appeal must be lodged by then."})
        warning = f"{late}: this appeal was lodged late, so the {appeal_body(complaint)} may refuse to admit it."
    appeal = TribunalAppeal.objects.create(
        complaint=complaint,
        appellant=appellant,
        reference=reference.strip(),
        lodged_on=lodged_on,
        notes=notes.strip(),
        created_by=actor,
    )
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_appeal",
        summary=f"Appeal to the {appeal_body(complaint)} against {complaint.reference} lodged by "
        f"{appeal.get_appellant_display().lower()} on {short_date(lodged_on)}"
        + (f" ({appeal.reference})" if appeal.reference else "")
        + "."
        + (" Lodged after the window closed." if warning else ""),
        changes={
            "complaint": complaint.pk,
            "appeal": appeal.pk,
            "appellant": appellant,
            "lodged_on": lodged_on.isoformat(),
        },
    )
    return AppealRecorded(appeal, warning)


@transaction.atomic
def complaint_appeal_decide(*, appeal: TribunalAppeal, actor, outcome: str, decided_on: date) -> TribunalAppeal:
    complaint = _locked(appeal.complaint)
    appeal = TribunalAppeal.objects.select_for_update().get(pk=appeal.pk)
    _require_open(complaint)
    if appeal.outcome:
        raise ValidationError({"outcome": "The appeal's outcome was recorded already."})
    if outcome not in TribunalAppeal.Outcome.values:
        raise ValidationError({"outcome": "Choose the appeal's outcome from the list."})
    _not_future(decided_on, "decided_on")
    _not_before(decided_on, appeal.lodged_on, "decided_on", "the appeal was lodged")
    appeal.outcome, appeal.decided_on = outcome, decided_on
    appeal.save(update_fields=["outcome", "decided_on"])
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_appeal_decided",
        summary=f"Appeal against {complaint.reference} by {appeal.get_appellant_display().lower()}: "
        f"{appeal.get_outcome_display()} on {short_date(decided_on)}.",
        changes={
            "complaint": complaint.pk,
            "appeal": appeal.pk,
            "outcome": outcome,
            "decided_on": decided_on.isoformat(),
        },
    )
    return appeal


@transaction.atomic
def complaint_close(*, complaint: Complaint, actor, closed_on: date, outcome: str = "", note: str = "") -> Complaint:
    """Close the complaint: after the decision (its outcome stands), or before one when it was
    resolved informally or withdrawn. Steps still to be taken keep it open unless an appeal is lodged."""
    complaint = _locked(complaint)
    _require_open(complaint)
    if complaint.decision_on:
        if outcome and outcome != complaint.outcome:
            raise ValidationError({"outcome": "The decision notice's outcome stands: leave the outcome as it is."})
        outcome = complaint.outcome
        earliest, what = complaint.decision_on, "the decision notice"
        if complaint.appeals.filter(outcome="").exists():
            raise ValidationError(
                f"An appeal to the {appeal_body(complaint)} is still undecided: record its outcome before closing "
                "the complaint."
            )
        if complaint.steps.filter(complied_on__isnull=True).exists() and not complaint.appeals.exists():
            raise ValidationError("Mark the steps ordered as complied with (or record an appeal) before closing.")
    else:
        if outcome not in EARLY_OUTCOMES:
            raise ValidationError(
                {"outcome": "Before a decision notice, a complaint closes as resolved informally or withdrawn."}
            )
        earliest, what = complaint.received_on, "the complaint was received"
    _not_future(closed_on, "closed_on")
    _not_before(closed_on, earliest, "closed_on", what)
    complaint.closed_on, complaint.outcome = closed_on, outcome
    if note.strip():
        complaint.notes = f"{complaint.notes}\n\n{note.strip()}".strip()
    complaint.save(update_fields=["closed_on", "outcome", "notes", "updated_at"])
    services.audit(
        case=complaint.case,
        actor=actor,
        action="complaint_closed",
        summary=f"Complaint {complaint.reference} closed on {short_date(closed_on)}: "
        f"{complaint.get_outcome_display()}." + (f" {note.strip()}" if note.strip() else ""),
        changes={"complaint": complaint.pk, "closed_on": closed_on.isoformat(), "outcome": outcome},
    )
    return complaint


# --- selectors ---------------------------------------------------------------------------------


def complaint_stage(complaint: Complaint) -> str:
    if complaint.closed_on:
        return "Closed"
    appeals = list(complaint.appeals.all())
    if any(not appeal.outcome for appeal in appeals):
        return f"Appeal to the {appeal_body(complaint)}"
    if complaint.decision_on:
        return "Decision notice received"
    if complaint.submitted_on:
        return "Submissions sent, awaiting decision"
    return "Awaiting our submissions"


def complaint_next_deadline(
    complaint: Complaint, *, holidays: list[ExtraHoliday] | None = None
) -> ComplaintDeadline | None:
    """The complaint's earliest open deadline, overdue ones included. `holidays`: the unit's extra bank
    holidays, when the caller has read them once for many complaints."""
    if complaint.closed_on:
        return None
    open_steps = [step for step in complaint.steps.all() if step.complied_on is None]
    found = _deadlines_of(complaint, open_steps, until=date.max, today=services.today(), holidays=holidays)
    return min(found, key=lambda deadline: (deadline.due_on, deadline.key), default=None)


def complaint_queryset():
    return Complaint.objects.select_related("case__assigned_to", "handled_by").prefetch_related(
        "steps", "appeals", "findings"
    )


def open_complaints() -> list[Complaint]:
    return list(complaint_queryset().filter(closed_on__isnull=True).order_by("received_on", "pk"))


def case_complaints(case: Case) -> list[Complaint]:
    return list(complaint_queryset().filter(case=complaint_case(case)).order_by("received_on", "pk"))


@dataclass(frozen=True)
class AppealWindow:
    body: str
    closes_on: date
    days_left: int  # negative once it has passed


def appeal_window(complaint: Complaint) -> AppealWindow | None:
    closes = appeal_window_closes(complaint)
    if closes is None:
        return None
    return AppealWindow(appeal_body(complaint), closes, (closes - services.today()).days)
