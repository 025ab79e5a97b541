from celery import Task, shared_task
from django.db import DatabaseError

from foi_cases import portal
from foi_cases.services import open_cases_refresh_deadlines

# Attempts at a web request's acknowledgement (the first try and its retries) before the case page
# asks an officer to email a status link.
ACKNOWLEDGEMENT_ATTEMPTS = 5


@shared_task(autoretry_for=(Exception,), retry_backoff=30, max_retries=5)
def refresh_open_case_deadlines() -> int:
    """Recompute open cases' due dates, e.g. after a bank holiday is proclaimed. Safe to run twice."""
    return open_cases_refresh_deadlines()


class AcknowledgementTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Whatever ended it (the time limit, an error nobody foresaw): the case page must still ask
        an officer to email a status link."""
        portal.web_request_acknowledgement_failed(case_id=args[0], reason=exc.__class__.__name__)


@shared_task(base=AcknowledgementTask, bind=True, acks_late=True, max_retries=ACKNOWLEDGEMENT_ATTEMPTS - 1)
def acknowledge_web_request(self, case_id: int) -> bool:
    """Email a web request's acknowledgement with a fresh private link (never a token through the
    broker). Safe to run twice: the second run finds it sent. Returns whether this run sent it."""
    try:
        return portal.web_request_acknowledge(case_id=case_id)
    except (portal.AcknowledgementNotSent, DatabaseError) as failure:  # the mail server, or the database
        if self.request.is_eager or self.request.retries >= self.max_retries:
            # In-process (make run) there is no worker to retry later; after the last retry, give up.
            # Either way the case page now asks an officer to email a status link.
            reason = str(failure) if isinstance(failure, portal.AcknowledgementNotSent) else type(failure).__name__
            portal.web_request_acknowledgement_failed(case_id=case_id, reason=reason)
            return False
        # 1, 2, 4, 8 minutes: long enough for a mail server to restart or a network fault to clear.
        raise self.retry(exc=failure, countdown=60 * 2**self.request.retries) from failure


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def send_reminders(on: str | None = None) -> int:
    """The daily reminder sweep (officers' due and overdue cases, supervisors' digest, chasers and
    lapses). Returns how many emails this run sent; a second run on the same day sends none."""
    from datetime import date

    from foi_cases import reminders

    return reminders.reminder_sweep(on=date.fromisoformat(on) if on else None)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def send_pending_reminders() -> int:
    """Retry today's reminders whose send failed (the mail server was down at the morning sweep), so a
    digest still arrives the same day. Decides nothing new: only the daily sweep does."""
    from foi_cases import reminders
    from foi_cases.services import today

    return reminders.reminders_send(on=today())


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=60, max_retries=5)
def anonymise_expired_cases() -> int:
    """The retention job: anonymise requester data on cases closed longer ago than the unit keeps it."""
    from foi_cases import retention

    return retention.retention_run(actor=None).anonymised
