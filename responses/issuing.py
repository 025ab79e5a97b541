"""Issuing approved letters: the signed PDF (rendered in the background) and sending it.

Every approved letter gets one LetterPdf. A Celery task renders and signs it after the approval
commits; the task claims the row with a conditional UPDATE, so two workers (a retry racing a
redelivery, two beat sweeps) never both render, and a letter already rendered is left alone.
A broker that is down loses nothing: the row stays queued and the periodic sweep enqueues it again.

Sending (by email with the PDF attached, or recording that it was posted) records a Dispatch and,
for a final response, closes every case the letter answers as responded, in time or late.
"""

import hashlib
import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from foi_cases import services as case_services
from foi_cases.deadlines import EventKind, ordinal_date
from foi_cases.models import Case
from foi_cases.workflow import TransitionNotAllowed
from responses import signing
from responses.kinds import KIND_RULES
from responses.models import Dispatch, Letter, LetterPdf

logger = logging.getLogger(__name__)

State = LetterPdf.State
# Attempts the task makes before it gives up (the first try and its retries).
MAX_ATTEMPTS = 6
# A render claimed longer ago than this died with its worker (the hard time limit kills a stuck
# one first), so another worker may take it over.
STALE_AFTER = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
# A queued PDF that no worker has picked up after this long was probably never enqueued (the
# broker was down when the letter was approved): the sweep enqueues it again.
QUEUED_TOO_LONG = timedelta(minutes=10)


class RenderFailed(Exception):
    """Rendering or signing failed; the task retries. The message is shown on the letter page."""


# --- the signed PDF ----------------------------------------------------------------------------


def letter_pdf_enqueue(*, letter: Letter) -> LetterPdf:
    """Queue the signed PDF of an approved letter, once the approval commits."""
    pdf, _ = LetterPdf.objects.get_or_create(letter=letter)
    if pdf.state != State.READY:
        transaction.on_commit(lambda: _enqueue(letter.pk))
    return pdf


def _enqueue(letter_id: int) -> None:
    from responses.tasks import render_letter_pdf

    try:
        render_letter_pdf.delay(letter_id)
    except RenderFailed:  # run in-process (make run): already recorded as failed, with its reason
        logger.warning("The PDF of letter %s failed; 'Try again' on the letter page makes it again", letter_id)
    except Exception:  # the broker is down: the approval stands, and the sweep enqueues it later
        logger.exception("Could not enqueue the PDF of letter %s; the periodic sweep will retry", letter_id)


def letter_render_pdf(*, letter_id: int) -> LetterPdf | None:
    """Render, sign and store the PDF of an approved letter. Returns None when there is nothing to do:
    the PDF is ready, or another worker is rendering it. Raises RenderFailed (state failed, with the
    reason) when rendering or signing fails."""
    claimed_at = timezone.now()
    # The claim: only one worker moves a row to rendering; a ready PDF is never rendered again.
    claimable = Q(state__in=[State.QUEUED, State.FAILED]) | Q(
        state=State.RENDERING, started_at__lt=claimed_at - STALE_AFTER
    )
    claimed = LetterPdf.objects.filter(claimable, letter_id=letter_id).update(
        state=State.RENDERING, started_at=claimed_at, attempts=F("attempts") + 1, error=""
    )
    if not claimed:
        return None
    pdf = LetterPdf.objects.select_related("letter").get(letter_id=letter_id)
    try:
        signed, fingerprint = _render_and_sign(pdf.letter)
        name = default_storage.save(_file_name(pdf), ContentFile(signed))
    except Exception as error:
        reason = _reason(error)
        logger.exception("Rendering the PDF of letter %s failed: %s", letter_id, reason)
        _release(pdf, claimed_at, state=State.FAILED, error=reason)
        raise RenderFailed(reason) from error
    ready = LetterPdf.objects.filter(pk=pdf.pk, state=State.RENDERING, started_at=claimed_at).update(
        state=State.READY,
        file=name,
        sha256=hashlib.sha256(signed).hexdigest(),
        size=len(signed),
        certificate_fingerprint=fingerprint,
        ready_at=timezone.now(),
    )
    if not ready:  # our claim went stale and another worker took over: its file is the one kept
        default_storage.delete(name)
        return None
    pdf.refresh_from_db()
    case_services.audit(
        case=pdf.letter.case,
        actor=None,
        action="letter_pdf_ready",
        summary=f"Signed PDF of the {pdf.letter.get_kind_display().lower()} letter (version "
        f"{pdf.letter.version}) ready.",
        changes={"sha256": pdf.sha256},
    )
    return pdf


def _render_and_sign(letter: Letter) -> tuple[bytes, str]:
    # Imported here: both import responses.services, which enqueues through this module.
    from responses import pdf as rendering
    from responses import selectors

    letter = selectors.letter_detail_queryset().get(pk=letter.pk)
    if letter.status not in (Letter.Status.APPROVED, Letter.Status.SUPERSEDED):
        raise RenderFailed("Only an approved letter is issued as a signed PDF.")
    unit = case_services.unit_get()
    signed = signing.pdf_sign(
        rendering.letter_render(letter),
        reason=f"Issued by {unit.name}: {letter.references}",
        location=unit.name,
        contact=unit.email,
        name=letter.signatory_name,
    )
    # Check what is about to be stored, as a requester's copy will be checked: never keep a PDF that
    # would not verify, and record the certificate that really signed it (the file may be replaced).
    check = signing.pdf_verify(signed)
    if not check.genuine:
        raise RenderFailed(f"The signed PDF did not verify: {check.problem}")
    return signed, check.fingerprint


def _file_name(pdf: LetterPdf) -> str:
    """Unique per attempt, so a stale worker finishing late can never overwrite the kept file."""
    letter = pdf.letter
    reference = _file_safe(letter.references.split(" ")[0])
    return f"letters/{letter.created_at:%Y}/{reference}-{letter.kind}-v{letter.version}-{letter.pk}-{pdf.attempts}.pdf"


def _file_safe(text: str) -> str:
    """'FOI2019/07799 & FOI2019/07795' -> 'FOI2019-07799-FOI2019-07795': safe in a path or a download."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "letter"


def _reason(error: Exception) -> str:
    text = str(error).strip() or error.__class__.__name__
    return text[:1000]


def _release(pdf: LetterPdf, claimed_at, *, state: str, error: str) -> None:
    LetterPdf.objects.filter(pk=pdf.pk, state=State.RENDERING, started_at=claimed_at).update(state=state, error=error)


def letter_pdf_retry(*, letter: Letter, actor) -> LetterPdf:
    """After the automatic retries gave up: queue the PDF again (e.g. once the certificate is fixed)."""
    with transaction.atomic():
        # A fresh start: the worker's retries count again from the first attempt.
        updated = LetterPdf.objects.filter(letter=letter, state=State.FAILED).update(
            state=State.QUEUED, error="", attempts=0, queued_at=timezone.now()
        )
        if not updated:
            raise TransitionNotAllowed("Only a PDF whose rendering failed can be tried again.")
        case_services.audit(
            case=letter.case,
            actor=actor,
            action="letter_pdf_retry",
            summary=f"Asked for the signed PDF of the {letter.get_kind_display().lower()} letter to be made again.",
        )
        return letter_pdf_enqueue(letter=letter)


def letter_pdfs_sweep(*, now=None) -> int:
    """Enqueue what should be rendering but is not: approved letters without a PDF, PDFs queued for
    too long (the broker was down), and renders whose worker died. Returns how many were enqueued."""
    now = now or timezone.now()
    missing = list(Letter.objects.filter(status=Letter.Status.APPROVED, pdf__isnull=True).values_list("pk", flat=True))
    for letter_id in missing:
        LetterPdf.objects.get_or_create(letter_id=letter_id)
    stuck = LetterPdf.objects.filter(
        Q(state=State.QUEUED, queued_at__lt=now - QUEUED_TOO_LONG)
        | Q(state=State.RENDERING, started_at__lt=now - STALE_AFTER)
        | Q(letter_id__in=missing)
    )
    letter_ids = list(stuck.values_list("letter_id", flat=True))
    for letter_id in letter_ids:
        _enqueue(letter_id)
    return len(letter_ids)


def pdf_open(pdf: LetterPdf):
    """The stored file, opened for reading."""
    return default_storage.open(pdf.file.name, "rb")


# --- sending -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    dispatch: Dispatch
    responded: list[Case]  # the cases this dispatch closed as responded
    not_reached: list[Case]  # cases whose requester the email could not reach: post it to them


# Two clicks on "Email it" (or a retried request) must not email the requester twice.
RESEND_PAUSE = timedelta(minutes=10)


class SendRefused(PermissionDenied):
    """This person may not send the letter; the message says why."""


def send_permission(letter: Letter) -> str:
    """Sending a final response closes the case, so it needs the right to close cases."""
    return "foi_cases.close_case" if KIND_RULES[letter.kind].final else "foi_cases.change_case"


def send_refusal(letter: Letter, actor) -> str:
    """Why this person cannot send the letter now, in plain words ('' when they can)."""
    if letter.status != Letter.Status.APPROVED:
        return "Only an approved letter (the current version) can be sent."
    pdf = LetterPdf.objects.filter(letter=letter).first()
    if pdf is None or pdf.state != State.READY:
        state = pdf.get_state_display().lower() if pdf else "not started"
        return f"The signed PDF is not ready yet ({state}): send the letter once it is."
    if not actor.has_perm(send_permission(letter)):
        return "Sending a response closes the case: you need the right to close cases."
    if not _addressees(letter):
        case = letter.case
        return f"{case.reference} is {case.get_status_display().lower()}: this letter can no longer be sent."
    return ""


def _addressees(letter: Letter) -> list[Case]:
    """The cases the letter is sent for: its own and those answered together with it, but not one
    closed without an answer (withdrawn, lapsed). A response goes out while its cases wait for it,
    and again (a copy) once they are responded; other letters while their case runs."""
    answered = [letter.case_id, *letter.case.answered_with.values_list("pk", flat=True)]
    cases = Case.objects.filter(pk__in=answered).select_related("requester").order_by("pk")
    if KIND_RULES[letter.kind].final:
        return list(cases.filter(status__in=[Case.Status.READY_TO_SEND, Case.Status.RESPONDED]))
    return list(cases.exclude(status__in=Case.FINISHED))


@transaction.atomic
def letter_send(*, letter: Letter, actor, method: str, sent_on: date | None = None) -> Sent:
    """Issue an approved letter: email it with the signed PDF attached (today) to the requester of
    each case it is sent for, or record that it was posted (on `sent_on`). Sending a final response
    closes, as responded on that date, each case it reached that was waiting for it."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    refusal = send_refusal(letter, actor)
    if refusal:
        raise SendRefused(refusal) if not actor.has_perm(send_permission(letter)) else TransitionNotAllowed(refusal)
    pdf = LetterPdf.objects.get(letter=letter)
    cases, today = _addressees(letter), case_services.today()
    if method == Dispatch.Method.EMAIL:
        sent_on = today
        _check_not_just_emailed(letter)
        by_address = _by_address(cases)
        # First, so that a refusal by the mail server records nothing. Once one requester has it,
        # it is sent: what reached whom is recorded, whatever happens to the rest.
        reached_addresses = _email(letter, pdf, by_address)
        reached = [case for address in reached_addresses for case in by_address[address]]
    elif method == Dispatch.Method.POST:
        _check_posted_on(letter, sent_on, today)
        reached_addresses, reached = [], cases
    else:
        raise ValidationError({"method": "Choose email or post."})
    dispatch = Dispatch.objects.create(
        letter=letter,
        method=method,
        sent_on=sent_on,
        sent_to=", ".join(reached_addresses)[:300],
        sha256=pdf.sha256,
        recorded_by=actor,
    )
    dispatch.cases.add(*reached)
    # Their requesters' status pages now list the letter (they are cached until the case changes).
    Case.objects.filter(pk__in=[case.pk for case in reached]).update(updated_at=timezone.now())
    how = "emailed to the requester" if method == Dispatch.Method.EMAIL else f"posted on {ordinal_date(sent_on)}"
    case_services.audit(
        case=letter.case,
        actor=actor,
        action="letter_sent",
        summary=f"{letter.get_kind_display()} letter (version {letter.version}) {how}.",
        changes={"method": method, "sent_on": sent_on.isoformat(), "sha256": pdf.sha256},
    )
    responded = _respond(letter, actor, sent_on, reached) if KIND_RULES[letter.kind].final else []
    return Sent(dispatch, responded, [case for case in cases if case not in reached])


def _by_address(cases: list[Case]) -> dict[str, list[Case]]:
    """Each requester's address, once, with the cases it answers: cases answered together may come
    from different requesters."""
    by_address: dict[str, list[Case]] = {}
    for case in cases:
        if not case.requester.email:
            raise ValidationError(
                {"method": f"The requester of {case.reference} gave no email address: post the letter instead."}
            )
        key = next((known for known in by_address if known.lower() == case.requester.email.lower()), None)
        by_address.setdefault(key or case.requester.email, []).append(case)
    return by_address


def can_email(letter: Letter) -> bool:
    """Every requester the letter is sent to gave an email address."""
    try:
        _by_address(_addressees(letter))
    except ValidationError:
        return False
    return True


def _check_not_just_emailed(letter: Letter) -> None:
    recent = letter.dispatches.filter(
        method=Dispatch.Method.EMAIL, recorded_at__gte=timezone.now() - RESEND_PAUSE
    ).first()
    if recent is not None:
        minutes = int(RESEND_PAUSE.total_seconds() // 60)
        raise ValidationError(
            {
                "method": f"This letter was emailed at {timezone.localtime(recent.recorded_at):%H:%M}: to send it "
                f"again, wait {minutes} minutes (a second click sends nothing twice)."
            }
        )


def _check_posted_on(letter: Letter, sent_on: date | None, today: date) -> None:
    if sent_on is None:
        raise ValidationError({"sent_on": "Give the date the letter was posted."})
    if sent_on > today:
        raise ValidationError({"sent_on": "The date cannot be in the future."})
    if sent_on < letter.letter_date:
        raise ValidationError({"sent_on": "The letter cannot have been posted before the date it bears."})


def _respond(letter: Letter, actor, sent_on: date, reached: list[Case]) -> list[Case]:
    """The response reached these requesters: each case still waiting for it is responded."""
    note = f"Response sent: {letter.get_kind_display().lower()} letter, version {letter.version}."
    return [
        case_services.case_close(case=case, actor=actor, outcome=case.outcome, responded_on=sent_on, note=note)
        for case in reached
        if case.status == Case.Status.READY_TO_SEND
    ]


def _email(letter: Letter, pdf: LetterPdf, by_address: dict[str, list[Case]]) -> list[str]:
    """One message per requester, so that no requester sees another's address. Returns the
    addresses the mail server accepted; raises, recording nothing, when it accepted none."""
    unit = case_services.unit_get()
    with pdf_open(pdf) as stored:
        content = stored.read()
    body = (
        f"Please find attached our letter about your request, reference {letter.references}, dated "
        f"{ordinal_date(letter.letter_date)}.\n\n"
        "The letter is a PDF with a digital signature: you can check that it is genuine and unaltered "
        f"at {settings.SITE_URL}{reverse('verify:letter')}\n\n{unit.name}" + (f"\n{unit.email}" if unit.email else "")
    )
    # A subject is one line: a heading with a line break in it must not stop the letter going out.
    subject = " ".join(f"{letter.heading} ({letter.references})".split())
    accepted, refused = [], []
    with get_connection() as connection:
        for address in by_address:
            message = EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[address],
                reply_to=[unit.email] if unit.email else None,
                connection=connection,
            )
            message.attach(attachment_name(letter), content, "application/pdf")
            try:
                message.send()
            except Exception as error:
                # Logged here, never shown: the error names the address, and drafting is applicant blind.
                logger.warning("Emailing letter %s failed: %r", letter.pk, error)
                refused.append(error)
            else:
                accepted.append(address)
    if not accepted:
        raise ValidationError(
            {"method": f"The email could not be sent ({_mail_failure(refused[0])}): nothing was recorded."}
        )
    return accepted


def _mail_failure(error: Exception) -> str:
    """What went wrong, without the address (a refused recipient's error names it)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "the mail server refused the requester's address"
    if isinstance(error, smtplib.SMTPException | OSError):
        return f"the mail server could not be reached or refused the message: {error.__class__.__name__}"
    return error.__class__.__name__


# Letters whose sending moves the statutory clock, and the event that records it.
CLOCK_EVENTS = {
    Letter.Kind.CLARIFICATION: EventKind.CLARIFICATION_REQUESTED,
    Letter.Kind.FEES_NOTICE: EventKind.FEE_NOTICE_SENT,
}


@dataclass(frozen=True)
class ClockPrompt:
    kind: EventKind
    on: date
    note: str


def clock_prompt(letter: Letter) -> ClockPrompt | None:
    """A clarification request or fees notice has been sent, but the clock does not know yet: the
    event to record (the officer confirms it; the clock's own rules then apply as ever)."""
    kind = CLOCK_EVENTS.get(letter.kind)
    first = letter.dispatches.order_by("sent_on", "id").first()
    if kind is None or first is None or letter.case.status != Case.Status.OPEN:
        return None
    recorded = letter.case.clock_events.filter(kind=kind, voided_at__isnull=True, occurred_on__gte=first.sent_on)
    if recorded.exists():
        return None
    note = f"{letter.get_kind_display()} letter (version {letter.version}) sent."
    return ClockPrompt(kind, first.sent_on, note)


def attachment_name(letter: Letter) -> str:
    reference = _file_safe(letter.references)
    return f"{reference}-{letter.kind.replace('_', '-')}-v{letter.version}.pdf"
