"""Issuing approved letters: the signed PDF made in the background, and sending it.

The request was received on 12 December 2019 (due 15 January 2020: 2 January was a bank holiday in
Scotland, and a UK body counts every nation's); "today" is fixed per test where timeliness matters.
"""

import hashlib
import smtplib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from foi_cases import services as case_services
from foi_cases.models import AuditEvent, Case
from foi_cases.workflow import TransitionNotAllowed
from responses import issuing, services, signing
from responses.models import Dispatch, Letter, LetterPdf
from responses.tasks import render_letter_pdf, sweep_letter_pdfs
from responses.tests.conftest import ready
from responses.tests.documents import flat, pdf_text

pytestmark = pytest.mark.django_db

RECEIVED = date(2019, 12, 12)


@pytest.fixture
def on_day(monkeypatch):
    def set_today(day: date) -> None:
        monkeypatch.setattr(case_services, "today", lambda: day)

    return set_today


def stored_pdfs(media_root) -> list:
    return sorted(p for p in media_root.rglob("*.pdf"))


def pdf_of(letter: Letter) -> LetterPdf:
    return LetterPdf.objects.get(letter=letter)


# --- queued after approval ---------------------------------------------------------------------


def test_approving_a_letter_queues_its_pdf_once_the_approval_commits(
    submitted, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.letter_approve(letter=submitted, actor=supervisor)
    assert (pdf_of(submitted).state, len(callbacks)) == ("queued", 1)


def test_a_letter_awaiting_a_further_stage_has_no_pdf_yet(submitted, supervisor, stages, case):
    services.case_set_clearance(case=case, actor=supervisor, stages=list(stages))
    services.letter_approve(letter=submitted, actor=supervisor)
    assert not LetterPdf.objects.filter(letter=submitted).exists()


def test_approval_stands_when_the_broker_is_down(
    submitted, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(render_letter_pdf, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        services.letter_approve(letter=submitted, actor=supervisor)
    submitted.refresh_from_db()
    assert (submitted.status, pdf_of(submitted).state) == ("approved", "queued")


# --- rendering, signing, storing ---------------------------------------------------------------


def test_the_task_stores_a_signed_pdf_with_its_digest(approved, media_root):
    render_letter_pdf.apply(args=[approved.pk]).get()
    pdf = pdf_of(approved)
    stored = default_storage.open(pdf.file.name).read()
    assert (pdf.state, pdf.sha256, pdf.size) == ("ready", hashlib.sha256(stored).hexdigest(), len(stored))


def test_the_stored_pdf_carries_a_valid_signature_of_the_unit(issued):
    check = signing.pdf_verify(default_storage.open(pdf_of(issued).file.name).read())
    assert (check.genuine, check.fingerprint) == (True, pdf_of(issued).certificate_fingerprint)


def test_running_the_task_twice_leaves_one_stored_pdf(approved, media_root):
    render_letter_pdf.apply(args=[approved.pk]).get()
    first = pdf_of(approved).sha256
    render_letter_pdf.apply(args=[approved.pk]).get()
    assert (len(stored_pdfs(media_root)), pdf_of(approved).sha256, pdf_of(approved).attempts) == (1, first, 1)


def test_a_pdf_being_rendered_by_a_live_worker_is_left_to_it(approved):
    LetterPdf.objects.filter(letter=approved).update(state="rendering", started_at=timezone.now())
    assert issuing.letter_render_pdf(letter_id=approved.pk) is None
    assert (pdf_of(approved).state, pdf_of(approved).attempts) == ("rendering", 0)


def test_a_render_whose_worker_died_is_taken_over(approved):
    LetterPdf.objects.filter(letter=approved).update(
        state="rendering", started_at=timezone.now() - issuing.STALE_AFTER - timedelta(seconds=1)
    )
    issuing.letter_render_pdf(letter_id=approved.pk)
    assert pdf_of(approved).state == "ready"


def test_the_ready_pdf_is_recorded_on_the_case_timeline(issued, case):
    event = AuditEvent.objects.filter(case=case, action="letter_pdf_ready").get()
    assert event.changes == {"sha256": pdf_of(issued).sha256}


def test_a_superseded_letter_keeps_its_pdf(issued, officer):
    services.letter_revise(letter=issued, actor=officer)
    issued.refresh_from_db()
    assert (issued.status, pdf_of(issued).state) == ("superseded", "ready")


# --- failure and retry -------------------------------------------------------------------------


@pytest.fixture
def no_certificate(settings, tmp_path):
    settings.SIGNING_CERT_PATH = str(tmp_path / "missing.p12")


def test_a_failure_is_recorded_with_its_reason(approved, no_certificate):
    with pytest.raises(issuing.RenderFailed):
        issuing.letter_render_pdf(letter_id=approved.pk)
    pdf = pdf_of(approved)
    assert (pdf.state, "create_signing_certificate" in pdf.error) == ("failed", True)


class RetryAsked(Exception):
    pass


@pytest.fixture
def retries(monkeypatch):
    """What the task asks Celery's retry for, as a worker would run it (not in-process)."""
    asked = []

    def retry(**options):
        asked.append(options)
        return RetryAsked()

    monkeypatch.setattr(render_letter_pdf, "retry", retry)
    return asked


def test_a_worker_retries_a_failed_render_with_a_growing_pause(approved, no_certificate, retries):
    render_letter_pdf.push_request(retries=2, is_eager=False)
    try:
        with pytest.raises(RetryAsked):
            render_letter_pdf.run(approved.pk)
    finally:
        render_letter_pdf.pop_request()
    assert (retries[0]["countdown"], type(retries[0]["exc"])) == (120, issuing.RenderFailed)


def test_run_in_process_a_failed_render_is_not_retried(approved, no_certificate, retries):
    result = render_letter_pdf.apply(args=[approved.pk], throw=False)
    assert (result.failed(), retries, pdf_of(approved).state, pdf_of(approved).attempts) == (True, [], "failed", 1)


def test_a_failed_pdf_can_be_tried_again_once_the_cause_is_fixed(
    approved, officer, settings, django_capture_on_commit_callbacks
):
    good_path = settings.SIGNING_CERT_PATH
    settings.SIGNING_CERT_PATH = good_path + ".missing"
    render_letter_pdf.apply(args=[approved.pk], throw=False)
    settings.SIGNING_CERT_PATH = good_path
    with django_capture_on_commit_callbacks(execute=True):
        issuing.letter_pdf_retry(letter=approved, actor=officer)
    assert pdf_of(approved).state == "ready"


def test_trying_again_starts_the_count_of_attempts_afresh(approved, officer, no_certificate):
    render_letter_pdf.apply(args=[approved.pk], throw=False)
    LetterPdf.objects.filter(letter=approved).update(attempts=issuing.MAX_ATTEMPTS)
    issuing.letter_pdf_retry(letter=approved, actor=officer)
    assert (pdf_of(approved).state, pdf_of(approved).attempts) == ("queued", 0)


def test_only_a_failed_pdf_can_be_tried_again(issued, officer):
    with pytest.raises(TransitionNotAllowed, match="failed"):
        issuing.letter_pdf_retry(letter=issued, actor=officer)


# --- the periodic sweep ------------------------------------------------------------------------


@pytest.fixture
def enqueued(monkeypatch):
    letter_ids = []
    monkeypatch.setattr(issuing, "_enqueue", letter_ids.append)
    return letter_ids


def test_the_sweep_enqueues_a_pdf_queued_too_long_ago(approved, enqueued):
    LetterPdf.objects.filter(letter=approved).update(queued_at=timezone.now() - timedelta(minutes=11))
    assert (sweep_letter_pdfs.apply().get(), enqueued) == (1, [approved.pk])


def test_the_sweep_leaves_a_freshly_queued_pdf_to_its_task(approved, enqueued):
    assert (sweep_letter_pdfs.apply().get(), enqueued) == (0, [])


def test_the_sweep_gives_an_approved_letter_without_a_pdf_one(approved, enqueued):
    LetterPdf.objects.filter(letter=approved).delete()
    sweep_letter_pdfs.apply().get()
    assert (pdf_of(approved).state, enqueued) == ("queued", [approved.pk])


def test_the_sweep_leaves_ready_pdfs_alone(issued, enqueued):
    LetterPdf.objects.filter(letter=issued).update(queued_at=timezone.now() - timedelta(days=1))
    assert sweep_letter_pdfs.apply().get() == 0


# --- sending -----------------------------------------------------------------------------------


def send(letter, actor, method="email", sent_on=None):
    return issuing.letter_send(letter=letter, actor=actor, method=method, sent_on=sent_on)


def test_emailing_sends_the_signed_pdf_to_the_requester(issued, officer):
    send(issued, officer)
    message = mail.outbox[0]
    name, content, mimetype = message.attachments[0]
    assert (message.to, mimetype, hashlib.sha256(content).hexdigest()) == (
        ["alex@example.org"],
        "application/pdf",
        pdf_of(issued).sha256,
    )


def test_the_email_names_the_reference(issued, officer, case):
    send(issued, officer)
    assert case.reference in mail.outbox[0].subject


def test_emailing_a_final_response_records_the_case_as_responded_in_time(issued, officer, case):
    send(issued, officer)
    case.refresh_from_db()
    assert (case.status, case.responded_on, case.answered_in_time, case.outcome) == (
        "responded",
        date(2020, 1, 10),
        True,
        "ncnd",
    )


def test_a_response_sent_after_the_deadline_is_late(issued, officer, case, on_day):
    on_day(date(2020, 1, 20))
    send(issued, officer, "post", date(2020, 1, 16))
    case.refresh_from_db()
    assert (case.status, case.responded_on, case.answered_in_time) == ("responded", date(2020, 1, 16), False)


def test_recording_a_posted_letter_sends_no_email(issued, officer):
    send(issued, officer, "post", date(2020, 1, 10))
    dispatch = Dispatch.objects.get(letter=issued)
    assert (mail.outbox, dispatch.method, dispatch.sha256) == ([], "post", pdf_of(issued).sha256)


def test_a_posted_letter_needs_its_date(issued, officer):
    with pytest.raises(ValidationError) as error:
        send(issued, officer, "post")
    assert "sent_on" in error.value.message_dict


def test_a_posted_date_cannot_be_in_the_future(issued, officer):
    with pytest.raises(ValidationError, match="future"):
        send(issued, officer, "post", date(2020, 1, 11))


def test_a_letter_cannot_be_posted_before_the_date_it_bears(issued, officer):
    with pytest.raises(ValidationError, match="before the date it bears"):
        send(issued, officer, "post", date(2020, 1, 9))


def test_a_letter_cannot_be_sent_before_its_pdf_is_ready(approved, officer):
    with pytest.raises(TransitionNotAllowed, match="not ready"):
        send(approved, officer)
    assert not Dispatch.objects.exists()


def test_a_draft_cannot_be_sent(draft, officer):
    with pytest.raises(TransitionNotAllowed, match="approved"):
        send(draft(), officer)


def test_a_requester_without_an_email_address_gets_a_posted_letter(issued, officer, case):
    case.requester.email = ""
    case.requester.save()
    with pytest.raises(ValidationError, match="post the letter"):
        send(issued, officer)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient whose address starts with 'alex'."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("alex"):
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"Mailbox unavailable")})
            mail.outbox.append(message)
        return len(messages)


def test_when_the_mail_server_refuses_nothing_is_recorded(issued, officer, case, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(ValidationError, match="could not be sent"):
        send(issued, officer)
    case.refresh_from_db()
    assert (Dispatch.objects.count(), case.status) == (0, "ready_to_send")


def test_sending_again_records_a_second_dispatch_and_leaves_the_case_as_it_was(issued, officer, case, on_day):
    send(issued, officer, "post", date(2020, 1, 10))
    on_day(date(2020, 1, 20))
    send(issued, officer)
    case.refresh_from_db()
    assert (Dispatch.objects.filter(letter=issued).count(), case.responded_on) == (2, date(2020, 1, 10))


def test_sending_an_acknowledgement_leaves_the_case_open(draft, officer, supervisor, on_day):
    on_day(date(2019, 12, 13))
    letter = services.letter_submit(letter=ready(draft("acknowledgement", ()), officer), actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    send(letter, officer)
    assert Case.objects.get(pk=letter.case_id).status == "open"


@pytest.fixture
def joint(case, body, officer, supervisor, draft, on_day):
    """The NCND letter answering two cases linked before it was drafted, from different requesters,
    approved on 10 January 2020 and its signed PDF made."""
    from foi_cases.tests.factories import make_case
    from responses.tests.conftest import complete

    other = make_case(actor=officer, body=body, received_on=RECEIVED, name="Sam Other", email="sam@example.net")
    case_services.case_link(case=case, actor=officer, other=other, kind="answered_with")
    letter = services.letter_submit(letter=complete(draft(), officer), actor=officer)
    on_day(date(2020, 1, 10))
    services.letter_approve(letter=letter, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    return letter, other


def test_sending_a_joint_response_responds_to_every_case_answered(joint, officer):
    letter, other = joint
    send(letter, officer)
    other.refresh_from_db()
    assert (other.status, other.responded_on, other.answered_in_time) == ("responded", date(2020, 1, 10), True)


def test_a_joint_response_is_emailed_to_each_requester_separately(joint, officer):
    send(joint[0], officer)
    assert sorted(message.to for message in mail.outbox) == [["alex@example.org"], ["sam@example.net"]]


def test_a_joint_response_is_posted_when_one_requester_gave_no_email_address(joint, officer):
    letter, other = joint
    other.requester.email = ""
    other.requester.save()
    with pytest.raises(ValidationError, match=f"The requester of {other.reference} gave no email address"):
        send(letter, officer)
    assert mail.outbox == []


def test_a_response_cannot_be_sent_once_its_case_is_withdrawn(issued, officer, case):
    case_services.case_withdraw(case=case, actor=officer, on=date(2020, 1, 10))
    with pytest.raises(TransitionNotAllowed, match="closed: this letter can no longer be sent"):
        send(issued, officer)
    assert (mail.outbox, Dispatch.objects.count()) == ([], 0)


def test_a_second_click_does_not_email_the_requester_twice(issued, officer):
    send(issued, officer)
    with pytest.raises(ValidationError, match="was emailed at"):
        send(issued, officer)
    assert len(mail.outbox) == 1


def test_sending_a_response_needs_the_right_to_close_cases(issued, editor_without_reveal, case):
    with pytest.raises(issuing.SendRefused, match="right to close cases"):
        send(issued, editor_without_reveal)
    case.refresh_from_db()
    assert (case.status, mail.outbox) == ("ready_to_send", [])


def test_sending_is_recorded_on_the_case_timeline(issued, officer, case):
    send(issued, officer, "post", date(2020, 1, 10))
    assert AuditEvent.objects.filter(case=case, action="letter_sent", actor=officer).exists()


def test_an_unknown_method_is_refused(issued, officer):
    with pytest.raises(ValidationError, match="email or post"):
        send(issued, officer, "pigeon")


# --- through a real worker on Redis ------------------------------------------------------------


def wait_for_state(letter: Letter, wanted: str, timeout: float = 60.0) -> str:
    import time

    deadline = time.monotonic() + timeout
    state = ""
    while time.monotonic() < deadline:
        state = LetterPdf.objects.filter(letter=letter).values_list("state", flat=True).first() or ""
        if state == wanted:
            break
        time.sleep(0.2)
    return state


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_signs_the_letter_after_the_approval_commits(submitted, supervisor, celery_worker_on_redis):
    services.letter_approve(letter=submitted, actor=supervisor)
    assert wait_for_state(submitted, "ready") == "ready"


def test_a_sent_letter_cannot_be_revised(officer, draft, supervisor, on_day):
    on_day(date(2019, 12, 13))
    letter = services.letter_submit(letter=ready(draft("acknowledgement", ()), officer), actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    send(letter, officer)
    with pytest.raises(TransitionNotAllowed, match="has been sent"):
        services.letter_revise(letter=letter, actor=officer)


def test_the_email_says_where_to_check_the_letter(issued, officer, settings):
    send(issued, officer)
    assert f"{settings.SITE_URL}/verify/" in mail.outbox[0].body


def test_the_letter_says_where_to_check_it(issued, settings):
    data = default_storage.open(pdf_of(issued).file.name).read()
    assert f"{settings.SITE_URL}/verify/" in flat(pdf_text(data))


def test_the_mail_servers_refusal_never_shows_the_requesters_address(issued, officer, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(ValidationError) as error:
        send(issued, officer)
    message = " ".join(error.value.messages)
    assert ("refused the requester's address" in message, "alex@example.org" in message) == (True, False)


def test_when_one_requester_of_a_joint_response_is_refused_the_others_case_alone_is_responded(
    joint, officer, settings, case
):
    letter, other = joint
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    sent = send(letter, officer)
    case.refresh_from_db()
    other.refresh_from_db()
    assert (case.status, other.status, sent.not_reached) == ("ready_to_send", "responded", [case])
    assert sent.dispatch.sent_to == "sam@example.net"


def test_a_joint_response_is_not_emailed_to_the_requester_of_a_withdrawn_case(joint, officer):
    letter, other = joint
    case_services.case_withdraw(case=other, actor=officer, on=date(2020, 1, 10))
    send(letter, officer)
    assert [message.to for message in mail.outbox] == [["alex@example.org"]]


def test_a_heading_with_a_line_break_still_makes_a_one_line_subject(issued, officer):
    Letter.objects.filter(pk=issued.pk).update(heading="Your request\nBcc: someone@example.com")
    send(issued, officer)
    assert "\n" not in mail.outbox[0].subject


def test_a_sent_fees_notice_prompts_the_fee_pause_on_the_date_it_went(draft, officer, supervisor, on_day):
    on_day(date(2019, 12, 16))
    letter = services.letter_submit(letter=ready(draft("fees_notice", ()), officer), actor=officer)
    services.letter_approve(letter=letter, actor=supervisor)
    issuing.letter_render_pdf(letter_id=letter.pk)
    assert issuing.clock_prompt(letter) is None  # not sent yet
    send(letter, officer, "post", date(2019, 12, 16))
    prompt = issuing.clock_prompt(letter)
    assert (prompt.kind, prompt.on) == ("fee_notice_sent", date(2019, 12, 16))
