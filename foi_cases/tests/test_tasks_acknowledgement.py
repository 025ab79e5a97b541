"""A web request's acknowledgement, emailed by a Celery task once the request is saved: a link of its
own (no token through the broker), once only, retried with backoff when the mail server fails, and
shown on the case page when every attempt failed."""

import re
import time

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import transaction
from django.urls import reverse

from config.celery import app as celery_app
from foi_cases import portal
from foi_cases.models import Case, StatusToken
from foi_cases.tasks import ACKNOWLEDGEMENT_ATTEMPTS, acknowledge_web_request
from foi_cases.tests.mail import BACKEND as MAIL_SERVER_DOWN

NAME, EMAIL = "Rosalind Pemberton", "rosalind.p@example.org"
TOKEN_IN_LINK = re.compile(r"/status/([A-Za-z0-9_-]{40,})/")
WARNING = "The acknowledgement could not be emailed: send a status link."


def submit(body) -> portal.WebRequest:
    return portal.web_request_submit(
        name=NAME,
        email=EMAIL,
        address="",
        body=body,
        subject="Speed cameras",
        request_text="How many speed cameras are on the A6?",
        regime_hint=portal.RegimeHint.UNSURE,
    )


@pytest.fixture
def web_case(body, django_capture_on_commit_callbacks) -> Case:
    """A web request whose acknowledgement has not been sent yet (its on-commit work did not run)."""
    with django_capture_on_commit_callbacks(execute=False):
        return submit(body).case


def acknowledgements() -> list:
    return [message for message in mail.outbox if EMAIL in message.to]


def actions(case) -> list[str]:
    return list(case.audit_events.filter(action__startswith="acknowledgement").values_list("action", flat=True))


@pytest.fixture
def retries(monkeypatch):
    """The countdowns the task asks for when it retries (the retry itself is Celery's job)."""
    asked = []

    def retry(*, exc, countdown):
        asked.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(acknowledge_web_request, "retry", retry)
    return asked


def on_a_worker(case_id: int, attempt: int):
    """The task's body as a worker runs attempt number `attempt` (1 for the first try)."""
    acknowledge_web_request.push_request(id="test", is_eager=False, retries=attempt - 1, called_directly=False)
    try:
        return acknowledge_web_request.run(case_id)
    finally:
        acknowledge_web_request.pop_request()


# --- what the task does ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_task_emails_the_acknowledgement_with_a_link_of_its_own(web_case):
    assert acknowledge_web_request.apply(args=[web_case.pk]).get() is True
    (email,) = acknowledgements()
    token = TOKEN_IN_LINK.search(email.body).group(1)
    assert portal.status_token_case(token) == web_case
    assert StatusToken.objects.filter(case=web_case).count() == 2  # the confirmation page's and this one
    assert actions(web_case) == ["acknowledgement_sent"]


@pytest.mark.django_db
def test_the_task_is_enqueued_with_the_case_id_only_after_the_request_is_saved(
    body, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(acknowledge_web_request, "delay", lambda *args: queued.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = submit(body).case
    assert queued == []
    for callback in callbacks:
        callback()
    assert queued == [(case.pk,)]  # an id, never a token


@pytest.mark.django_db
def test_running_the_task_twice_emails_once(web_case):
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    assert acknowledge_web_request.apply(args=[web_case.pk]).get() is False
    assert len(acknowledgements()) == 1
    assert actions(web_case) == ["acknowledgement_sent"]
    assert StatusToken.objects.filter(case=web_case).count() == 2


@pytest.mark.django_db
def test_in_process_a_failed_send_is_recorded_at_once_and_keeps_no_link(web_case, mail_server_down):
    assert acknowledge_web_request.apply(args=[web_case.pk]).get() is False
    assert actions(web_case) == ["acknowledgement_failed"]
    assert StatusToken.objects.filter(case=web_case).count() == 1  # only the confirmation page's


@pytest.mark.django_db
def test_the_failure_on_the_timeline_never_quotes_the_mail_servers_words(web_case, mail_server_down):
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    event = web_case.audit_events.get(action="acknowledgement_failed")
    assert EMAIL not in f"{event.summary} {event.changes}"
    assert "SMTPServerDisconnected" in event.summary


@pytest.mark.django_db
def test_on_a_worker_a_failed_send_is_retried_with_a_growing_wait(web_case, mail_server_down, retries):
    for attempt in range(1, ACKNOWLEDGEMENT_ATTEMPTS):
        with pytest.raises(Retry):
            on_a_worker(web_case.pk, attempt)
    assert retries == [60, 120, 240, 480]
    assert actions(web_case) == []  # not given up yet: nothing to warn about


@pytest.mark.django_db
def test_on_a_worker_the_last_failed_attempt_gives_up_and_says_so(web_case, mail_server_down, retries):
    assert on_a_worker(web_case.pk, ACKNOWLEDGEMENT_ATTEMPTS) is False
    assert retries == []
    assert actions(web_case) == ["acknowledgement_failed"]


@pytest.mark.django_db
def test_on_a_worker_a_retry_that_succeeds_sends_one_email(web_case, settings, retries):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    with pytest.raises(Retry):
        on_a_worker(web_case.pk, 1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert on_a_worker(web_case.pk, 2) is True
    assert len(acknowledgements()) == 1
    assert actions(web_case) == ["acknowledgement_sent"]


@pytest.mark.django_db
def test_when_the_broker_is_down_the_acknowledgement_is_tried_once_at_once(
    body, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379")

    monkeypatch.setattr(acknowledge_web_request, "delay", broker_down)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(body).case
    assert len(acknowledgements()) == 1
    assert actions(case) == ["acknowledgement_sent"]


# --- the case page -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_case_page_warns_when_the_acknowledgement_could_not_be_emailed(client, officer, web_case, mail_server_down):
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    client.force_login(officer)
    html = client.get(reverse("foi_cases:case_detail", args=[web_case.pk])).content.decode()
    assert WARNING in html
    assert 'href="#status-links-heading">Email a status link</a>' in html


@pytest.mark.django_db
def test_the_warning_goes_once_an_officer_emails_a_status_link(client, officer, web_case, settings):
    settings.EMAIL_BACKEND = MAIL_SERVER_DOWN
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.force_login(officer)
    client.post(reverse("foi_cases:case_status_link_email", args=[web_case.pk]))
    html = client.get(reverse("foi_cases:case_detail", args=[web_case.pk])).content.decode()
    assert WARNING not in html


@pytest.mark.django_db
def test_an_acknowledged_request_shows_no_warning(client, officer, web_case):
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    client.force_login(officer)
    assert WARNING not in client.get(reverse("foi_cases:case_detail", args=[web_case.pk])).content.decode()


# --- through a real worker on Redis ----------------------------------------------------------------


def wait_for(case: Case, action: str, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if case.audit_events.filter(action=action).exists():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_emails_the_acknowledgement_after_the_request_commits(body, celery_worker_on_redis):
    assert not celery_app.conf.task_always_eager, "the task would run in-process, not on the worker"
    with transaction.atomic():
        sent = submit(body)
    assert wait_for(sent.case, "acknowledgement_sent")
    (email,) = acknowledgements()
    token = TOKEN_IN_LINK.search(email.body).group(1)
    assert token != sent.token
    assert portal.status_token_case(token) == portal.status_token_case(sent.token) == sent.case


@pytest.mark.django_db
def test_an_error_nobody_foresaw_still_asks_an_officer_to_send_a_link(web_case, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(portal, "web_request_acknowledge", broken)
    acknowledge_web_request.apply(args=[web_case.pk], throw=False)
    assert portal.acknowledgement_failed(web_case)
    assert web_case.audit_events.get(action="acknowledgement_failed").changes == {"reason": "RuntimeError"}


@pytest.mark.django_db
def test_a_database_error_is_retried_like_a_mail_server_failure(web_case, monkeypatch):
    from django.db import OperationalError

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(portal, "web_request_acknowledge", database_gone)
    # In-process there is no worker to retry later: recorded at once, by the error's name only.
    assert acknowledge_web_request.apply(args=[web_case.pk]).get() is False
    assert web_case.audit_events.get(action="acknowledgement_failed").changes == {"reason": "OperationalError"}
