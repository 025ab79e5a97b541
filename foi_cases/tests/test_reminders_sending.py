"""Each reminder is sent once: two sweeps at once, a claim that died mid-send, a mail server that was
down, and the sweep run by a real Celery worker on Redis."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection
from django.utils import timezone

from config.celery import app as celery_app
from foi_cases.models import Reminder, ReminderPreference
from foi_cases.reminders import MAX_ATTEMPTS, reminder_sweep
from foi_cases.tasks import send_reminders
from foi_cases.tests.mail import BACKEND as MAIL_SERVER_DOWN
from foi_cases.tests.test_reminders_support import (
    MONDAY,
    TUESDAY,
    case_due,
    emails_to,
)

OFFICER = "officer@unit.example"
SLOW_BACKEND = f"{__name__}.SlowMailServer"


@pytest.fixture(autouse=True)
def on_monday(on_day):
    """The sweep runs on Monday 9 March 2026 unless a test says otherwise."""
    on_day(MONDAY)


class SlowMailServer(EmailBackend):
    """A mail server that takes a moment per message, so two sweeps overlap while sending."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


@pytest.fixture
def busy_officers(officer, officer2, supervisor, body):
    """Three digests and, for the second officer (immediate), three separate emails."""
    ReminderPreference.objects.create(user=officer2, delivery=ReminderPreference.Delivery.IMMEDIATE)
    for who in (officer, officer2):
        for days in (5, 1, -1):
            case_due(officer=who, body=body, in_working_days=days)


# --- two sweeps at once -------------------------------------------------------------------------------


def run_in_threads(count: int, target) -> list:
    results, barrier = [None] * count, threading.Barrier(count)

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = target()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_email_once(busy_officers, settings):
    settings.EMAIL_BACKEND = SLOW_BACKEND
    sent = run_in_threads(2, lambda: reminder_sweep(on=MONDAY))
    # The officer's digest, the second officer's three emails and the supervisor's digest.
    assert Reminder.objects.filter(state=Reminder.State.SENT).count() == 5
    assert sum(sent) == len(mail.outbox) == 5
    assert len({(email.to[0], email.subject) for email in mail.outbox}) == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_lapse_a_request_once(officer, body):
    from foi_cases import services
    from foi_cases.models import AuditEvent
    from foi_cases.tests.factories import make_case
    from foi_cases.tests.test_reminders_support import set_unit, working_days_from

    set_unit(lapse_automatically=True)
    asked_on = working_days_from(MONDAY, -61)
    case = make_case(actor=officer, body=body, assigned_to=officer, received_on=working_days_from(asked_on, -3))
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=asked_on)
    run_in_threads(2, lambda: reminder_sweep(on=MONDAY))
    assert AuditEvent.objects.filter(case=case, action="case_lapse").count() == 1


# --- claims and retries --------------------------------------------------------------------------------


def one_reminder(officer, body) -> Reminder:
    case_due(officer=officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    mail.outbox.clear()
    return Reminder.objects.get()


@pytest.mark.django_db
def test_a_claim_that_died_mid_send_is_sent_by_a_later_run(officer, body):
    reminder = one_reminder(officer, body)
    Reminder.objects.filter(pk=reminder.pk).update(
        state=Reminder.State.SENDING, sent_at=None, claimed_at=timezone.now() - timedelta(minutes=16)
    )
    assert reminder_sweep(on=MONDAY) == 1
    (email,) = emails_to(OFFICER)
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENT and reminder.attempts == 2


@pytest.mark.django_db
def test_a_claim_still_being_sent_is_left_alone(officer, body):
    reminder = one_reminder(officer, body)
    Reminder.objects.filter(pk=reminder.pk).update(
        state=Reminder.State.SENDING, sent_at=None, claimed_at=timezone.now() - timedelta(minutes=5)
    )
    assert reminder_sweep(on=MONDAY) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_send_that_failed_is_kept_with_the_errors_name_only(officer, body, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    case_due(officer=officer, body=body, in_working_days=1)
    assert reminder_sweep(on=MONDAY) == 0
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.attempts, reminder.error) == ("pending", 1, "SMTPServerDisconnected")


@pytest.mark.django_db
def test_a_failed_digest_is_sent_when_the_sweep_runs_again(officer, body, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    case_due(officer=officer, body=body, in_working_days=1)
    reminder_sweep(on=MONDAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert reminder_sweep(on=MONDAY) == 1
    assert Reminder.objects.get().state == Reminder.State.SENT


@pytest.mark.django_db
def test_a_failed_immediate_reminder_is_retried_the_next_working_day(officer, body, on_day, settings):
    ReminderPreference.objects.create(user=officer, delivery=ReminderPreference.Delivery.IMMEDIATE)
    case = case_due(officer=officer, body=body, in_working_days=-1)
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    reminder_sweep(on=MONDAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    (email,) = emails_to(OFFICER)
    assert email.subject == f"{case.reference} is now overdue"


@pytest.mark.django_db
def test_yesterdays_failed_digest_is_not_sent_after_todays(officer, body, on_day, settings):
    case_due(officer=officer, body=body, in_working_days=-1)
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    reminder_sweep(on=MONDAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    on_day(TUESDAY)
    reminder_sweep(on=TUESDAY)
    (email,) = emails_to(OFFICER)
    assert email.subject.startswith("Your reminders for 10 March 2026")


@pytest.mark.django_db
def test_the_sweep_gives_up_on_an_email_after_five_attempts(officer, body, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    case_due(officer=officer, body=body, in_working_days=1)
    for _ in range(MAX_ATTEMPTS + 1):
        reminder_sweep(on=MONDAY)
    reminder = Reminder.objects.get()
    assert (reminder.state, reminder.attempts) == (Reminder.State.FAILED, MAX_ATTEMPTS)


# --- through a real worker on Redis ------------------------------------------------------------------


def wait_for_sent(count: int, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if Reminder.objects.filter(state=Reminder.State.SENT).count() >= count:
            return True
        time.sleep(0.2)
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_runs_the_sweep_and_sends_the_reminders(busy_officers, celery_worker_on_redis):
    assert not celery_app.conf.task_always_eager, "the task would run in-process, not on the worker"
    send_reminders.delay(on=MONDAY.isoformat())
    assert wait_for_sent(5)
    assert Reminder.objects.exclude(state=Reminder.State.SENT).count() == 0
    assert len(emails_to(OFFICER)) == 1 and len(emails_to("officer2@unit.example")) == 3


@pytest.mark.django_db
def test_a_claim_that_died_on_the_last_attempt_is_marked_failed(officer, body):
    reminder = one_reminder(officer, body)
    Reminder.objects.filter(pk=reminder.pk).update(
        state=Reminder.State.SENDING,
        sent_at=None,
        attempts=MAX_ATTEMPTS,
        claimed_at=timezone.now() - timedelta(minutes=16),
    )
    reminder_sweep(on=MONDAY)
    reminder.refresh_from_db()
    assert (reminder.state, reminder.error) == (Reminder.State.FAILED, "Gave up: the last attempt never finished.")


@pytest.mark.django_db
def test_a_claim_on_the_last_attempt_still_being_sent_is_left_alone(officer, body):
    reminder = one_reminder(officer, body)
    Reminder.objects.filter(pk=reminder.pk).update(
        state=Reminder.State.SENDING, attempts=MAX_ATTEMPTS, claimed_at=timezone.now() - timedelta(minutes=5)
    )
    reminder_sweep(on=MONDAY)
    reminder.refresh_from_db()
    assert reminder.state == Reminder.State.SENDING


@pytest.mark.django_db
def test_a_chaser_whose_claim_was_taken_over_is_not_audited_by_the_run_that_lost_it(officer, body):
    from foi_cases.models import AuditEvent
    from foi_cases.reminders import reminder_claim, reminder_sent
    from foi_cases.tests.factories import make_case

    case = make_case(actor=officer, body=body, assigned_to=officer)
    chaser = Reminder.objects.create(
        key="chase-fee:1", kind="chase-fee", swept_on=MONDAY, to_email="alex@example.org", case=case, subject="Chaser"
    )
    stale = reminder_claim(reminder_id=chaser.pk)
    # A later run took the claim over (the first looked dead) and sent it.
    Reminder.objects.filter(pk=chaser.pk).update(claimed_at=timezone.now(), state=Reminder.State.SENT)
    reminder_sent(reminder=stale)
    assert not AuditEvent.objects.filter(case=case, action="chaser_sent").exists()


@pytest.mark.django_db
def test_the_half_hourly_retry_sends_a_digest_the_morning_sweep_could_not(officer, body, settings, on_day):
    from foi_cases.tasks import send_pending_reminders

    on_day(MONDAY)
    case_due(officer=officer, body=body, in_working_days=1)
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    reminder_sweep(on=MONDAY)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending_reminders.apply().get() == 1
    assert len(emails_to(OFFICER)) == 1
    assert send_pending_reminders.apply().get() == 0
