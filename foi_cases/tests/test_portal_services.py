"""The portal's services: requests from the public form, acknowledgements, private status links,
the public form's rate limit, internal reviews asked for through the portal, and clarifications."""

import hashlib
import re
import time
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from foi_cases import portal, services
from foi_cases.deadlines import compute_deadline
from foi_cases.models import AuditEvent, Case, RequesterMessage, StatusToken
from foi_cases.tests.factories import make_case

NAME, EMAIL = "Rosalind Pemberton", "rosalind.p@example.org"
UNIT_MAILBOX = "foi@unit.example"
TOKEN_IN_LINK = re.compile(r"/status/([A-Za-z0-9_-]{40,})/")


@pytest.fixture
def unit_mailbox(db):
    unit = services.unit_get()
    unit.email = UNIT_MAILBOX
    unit.save()
    return UNIT_MAILBOX


@pytest.fixture
def today(monkeypatch):
    """today(date) makes that date 'today' for the services (and so for the portal)."""

    def set_today(day: date) -> date:
        monkeypatch.setattr(services, "today", lambda: day)
        return day

    return set_today


def submit(body, **overrides) -> portal.WebRequest:
    arguments = {
        "name": NAME,
        "email": EMAIL,
        "address": "",
        "body": body,
        "subject": "Speed cameras",
        "request_text": "How many speed cameras are on the A6?",
        "regime_hint": portal.RegimeHint.UNSURE,
    }
    return portal.web_request_submit(**{**arguments, **overrides})


def mail_to(address: str) -> list:
    return [message for message in mail.outbox if address in message.to]


def token_in(message) -> str:
    return TOKEN_IN_LINK.search(message.body).group(1)


# --- web_request_submit ------------------------------------------------------------------------


def test_a_web_request_is_a_web_case_received_today(body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = submit(body)
    case = Case.objects.get()
    assert sent.case == case
    assert (case.channel, case.received_on, case.created_by) == (Case.Channel.WEB, services.today(), None)


def test_its_token_opens_its_case(body):
    sent = submit(body)
    assert portal.status_token_case(sent.token) == sent.case
    assert sent.status_url.endswith(f"/status/{sent.token}/")


@pytest.mark.parametrize(("hint", "regime"), [("unsure", "foia"), ("foia", "foia"), ("eir", "eir"), ("sar", "sar")])
def test_the_kind_of_information_chosen_sets_the_regime_and_leaves_it_to_be_confirmed(body, hint, regime):
    case = submit(body, regime_hint=hint).case
    assert (case.regime, case.regime_confirmed) == (regime, False)


@pytest.mark.parametrize(
    ("hint", "words"),
    [
        ("unsure", "not sure"),
        ("foia", "freedom of information"),
        ("eir", "environmental information"),
        ("sar", "subject access"),
    ],
)
def test_the_requesters_choice_is_kept_on_the_timeline_and_named_until_confirmed(body, officer, hint, words):
    case = submit(body, regime_hint=hint).case
    assert case.audit_events.get(action="regime_hint").changes == {"regime_hint": hint}
    assert portal.regime_hint_words(case) == words
    services.case_update(case=case, actor=officer, regime=case.regime)
    case.refresh_from_db()
    assert (case.regime_confirmed, portal.regime_hint_words(case)) == (True, "")


def test_an_unknown_kind_of_information_is_refused_and_nothing_is_created(body):
    with pytest.raises(ValidationError) as refusal:
        submit(body, regime_hint="foisa")
    assert "regime_hint" in refusal.value.message_dict
    assert not Case.objects.exists()


def test_the_acknowledgement_is_sent_only_once_the_case_is_saved(body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(body)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail_to(EMAIL)) == 1


def test_the_acknowledgement_names_the_reference_the_dates_and_the_link(body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = submit(body)
    case = sent.case
    (email,) = mail_to(EMAIL)
    assert email.subject == f"Your request {case.reference} has been received"
    assert f"which we received on {case.received_on:%A} {case.received_on.day} {case.received_on:%B %Y}" in email.body
    assert f"We will respond by {case.due_on:%A} {case.due_on.day} {case.due_on:%B %Y}" in email.body
    # The task issued a link of its own (no token goes through the broker); the page's still works.
    assert token_in(email) != sent.token
    assert portal.status_token_case(token_in(email)) == portal.status_token_case(sent.token) == case


def test_a_web_request_tells_the_units_mailbox_without_naming_the_requester(
    body, unit_mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(body, address="12 Mill Lane").case
    (notice,) = mail_to(unit_mailbox)
    assert case.reference in notice.subject and case.reference in notice.body
    for personal in (NAME, "Rosalind", EMAIL, "Mill Lane"):
        assert personal not in f"{notice.subject} {notice.body}"


def test_a_failed_acknowledgement_keeps_the_request_and_says_so_on_the_timeline(
    body, mail_server_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = submit(body).case
    assert Case.objects.filter(pk=case.pk).exists()
    assert case.audit_events.filter(action="acknowledgement_failed").exists()
    assert not case.audit_events.filter(action="acknowledgement_sent").exists()


# --- acknowledgement_send (requests logged by hand) --------------------------------------------


@pytest.fixture
def case(officer, body):
    """A request logged by hand (by email), with the requester's email address."""
    return make_case(actor=officer, body=body, name=NAME, email=EMAIL)


def test_an_officer_can_email_the_acknowledgement_with_a_new_link(case, officer):
    assert portal.acknowledgement_send(case=case, actor=officer) == EMAIL
    (email,) = mail_to(EMAIL)
    assert case.reference in email.subject
    assert portal.status_token_case(token_in(email)) == case
    assert StatusToken.objects.get().created_by == officer


def test_emailing_the_acknowledgement_is_on_the_timeline_without_the_address(case, officer):
    portal.acknowledgement_send(case=case, actor=officer)
    event = case.audit_events.get(action="acknowledgement_sent")
    assert event.actor == officer
    assert EMAIL not in f"{event.summary} {event.changes}"


def test_each_acknowledgement_adds_a_link_and_earlier_ones_keep_working(case, officer):
    portal.acknowledgement_send(case=case, actor=officer)
    portal.acknowledgement_send(case=case, actor=officer)
    first, second = (token_in(email) for email in mail_to(EMAIL))
    assert first != second
    assert portal.status_token_case(first) == case
    assert portal.status_token_case(second) == case


def test_the_acknowledgement_greets_a_name_logged_with_line_breaks_on_one_line(officer, body):
    case = make_case(actor=officer, body=body, name="Rosalind\n\nURGENT: pay now\r\n", email=EMAIL)
    portal.acknowledgement_send(case=case, actor=officer)
    (email,) = mail_to(EMAIL)
    assert email.body.splitlines()[:2] == ["Dear Rosalind URGENT: pay now,", ""]


def test_no_acknowledgement_without_an_email_address(officer, body):
    case = make_case(actor=officer, body=body, email="")
    with pytest.raises(ValidationError) as refusal:
        portal.acknowledgement_send(case=case, actor=officer)
    assert "gave no email address" in " ".join(refusal.value.messages)
    assert not StatusToken.objects.exists()
    assert mail.outbox == []


def test_a_mail_server_failure_issues_no_link(case, officer, mail_server_down):
    with pytest.raises(ValidationError) as refusal:
        portal.acknowledgement_send(case=case, actor=officer)
    assert "could not be sent" in " ".join(refusal.value.messages)
    assert not StatusToken.objects.exists()
    assert not case.audit_events.filter(action="acknowledgement_sent").exists()


def test_a_mail_server_failure_message_names_no_address(case, officer, mail_server_down):
    with pytest.raises(ValidationError) as refusal:
        portal.acknowledgement_send(case=case, actor=officer)
    assert EMAIL not in " ".join(refusal.value.messages)


# --- private status links ----------------------------------------------------------------------


def test_a_token_is_long_random_and_stored_only_as_its_hash(case):
    token = portal.status_token_issue(case=case)
    other = portal.status_token_issue(case=case)
    assert len(token) >= 43 and token != other
    digests = set(StatusToken.objects.values_list("digest", flat=True))
    assert hashlib.sha256(token.encode()).hexdigest() in digests
    assert token not in digests


def test_a_token_opens_only_its_own_case(case, officer, body):
    other = make_case(actor=officer, body=body, email="someone.else@example.org")
    token = portal.status_token_issue(case=case)
    portal.status_token_issue(case=other)
    assert portal.status_token_case(token) == case


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 101, "a" * 43])
def test_anything_but_a_live_token_opens_nothing(case, token):
    portal.status_token_issue(case=case)
    assert portal.status_token_case(token) is None


def test_opening_a_link_records_the_day_it_was_used(case, today):
    token = portal.status_token_issue(case=case)
    today(date(2020, 1, 6))
    portal.status_token_case(token)
    assert StatusToken.objects.get().last_used_on == date(2020, 1, 6)


def test_revoking_stops_every_link_to_the_case(case, officer):
    tokens = [portal.status_token_issue(case=case) for _ in range(3)]
    assert portal.status_tokens_revoke(case=case, actor=officer) == 3
    assert all(portal.status_token_case(token) is None for token in tokens)


def test_revoking_records_who_and_when_on_the_tokens_and_the_timeline(case, officer):
    portal.status_token_issue(case=case)
    portal.status_tokens_revoke(case=case, actor=officer)
    stored = StatusToken.objects.get()
    assert stored.revoked_by == officer and stored.revoked_at is not None
    event = case.audit_events.get(action="status_links_revoked")
    assert (event.actor, event.changes) == (officer, {"revoked": 1})


def test_revoking_leaves_other_cases_links_working(case, officer, body):
    other = make_case(actor=officer, body=body)
    kept = portal.status_token_issue(case=other)
    portal.status_token_issue(case=case)
    portal.status_tokens_revoke(case=case, actor=officer)
    assert portal.status_token_case(kept) == other


def test_revoking_when_nothing_is_live_changes_and_records_nothing(case, officer):
    portal.status_token_issue(case=case)
    portal.status_tokens_revoke(case=case, actor=officer)
    assert portal.status_tokens_revoke(case=case, actor=officer) == 0
    assert case.audit_events.filter(action="status_links_revoked").count() == 1


def test_a_link_issued_after_revoking_works(case, officer):
    portal.status_token_issue(case=case)
    portal.status_tokens_revoke(case=case, actor=officer)
    assert portal.status_token_case(portal.status_token_issue(case=case)) == case


# --- the public form's rate limit --------------------------------------------------------------


def test_an_address_may_send_the_hourly_number_of_requests_and_no_more(settings, db):
    settings.PORTAL_REQUESTS_PER_HOUR = 3
    for number in range(3):
        portal.request_rate_check(address="192.0.2.1", email=f"person{number}@example.org")
    with pytest.raises(portal.Throttled) as refusal:
        portal.request_rate_check(address="192.0.2.1", email="person9@example.org")
    assert refusal.value.retry_after == 3600
    assert "wait an hour" in refusal.value.message


def test_each_address_has_its_own_allowance(settings, db):
    settings.PORTAL_REQUESTS_PER_HOUR = 1
    portal.request_rate_check(address="192.0.2.1", email="a@example.org")
    portal.request_rate_check(address="192.0.2.2", email="b@example.org")


def test_an_email_address_may_send_the_daily_number_of_requests_whatever_its_case_or_spaces(settings, db):
    settings.PORTAL_REQUESTS_PER_EMAIL_PER_DAY = 2
    portal.request_rate_check(address="192.0.2.1", email="Rosalind@Example.org")
    portal.request_rate_check(address="192.0.2.2", email=" rosalind@example.org ")
    with pytest.raises(portal.Throttled) as refusal:
        portal.request_rate_check(address="192.0.2.3", email="ROSALIND@EXAMPLE.ORG")
    assert refusal.value.retry_after == 24 * 3600


# --- review_request_submit ---------------------------------------------------------------------


@pytest.fixture
def responded(officer, body, today, unit_mailbox):
    """respond(regime) -> an EIR (or other) request received 12 December 2019 and answered on
    Friday 10 January 2020; the review window (40 working days) runs to early March."""

    def respond(regime="eir") -> Case:
        today(date(2020, 1, 10))
        case = make_case(actor=officer, body=body, regime=regime, name=NAME, email=EMAIL)
        return services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))

    return respond


REASONS = "You withheld the costs without saying why <b>at all</b>."


def ask_review(case, on: date, today, reasons: str = REASONS) -> portal.ReviewRequested:
    today(on)
    return portal.review_request_submit(case=case, reasons=reasons)


def test_a_review_is_a_new_case_linked_to_the_one_it_reviews(responded, today):
    case = responded()
    review = ask_review(case, date(2020, 2, 3), today).review
    assert review.review_of == case
    assert list(case.reviews.all()) == [review]
    assert (review.regime, review.body, review.channel) == (case.regime, case.body, Case.Channel.WEB)
    assert review.received_on == date(2020, 2, 3)
    assert review.request_text == REASONS
    assert review.requester.email == EMAIL and review.requester != case.requester


def test_a_reviews_reference_has_the_review_prefix(responded, today):
    review = ask_review(responded(), date(2020, 2, 3), today).review
    assert review.reference == "IR2020/00001"


def test_an_eir_review_has_40_working_days_from_the_day_it_was_asked_for(responded, today):
    review = ask_review(responded("eir"), date(2020, 2, 3), today).review
    # Counted by hand: day 1 is Tuesday 4 February; Tuesday 17 March (St Patrick's Day, a bank
    # holiday in Northern Ireland) is skipped; day 40 is Tuesday 31 March 2020.
    assert review.due_on == date(2020, 3, 31)
    assert review.due_on == compute_deadline("eir", date(2020, 2, 3), review=True).due


def test_a_foi_review_has_20_working_days(responded, today):
    review = ask_review(responded("foia"), date(2020, 2, 3), today).review
    assert review.due_on == date(2020, 3, 2)
    assert review.due_on == compute_deadline("foia", date(2020, 2, 3), review=True).due


def test_a_second_review_is_refused_while_one_is_under_way(responded, today):
    case = responded()
    ask_review(case, date(2020, 2, 3), today)
    with pytest.raises(ValidationError) as refusal:
        ask_review(case, date(2020, 2, 4), today)
    assert "already under way" in " ".join(refusal.value.messages)
    assert case.reviews.count() == 1


def test_a_subject_access_request_has_no_internal_review(responded, today):
    case = responded("sar")
    with pytest.raises(ValidationError) as refusal:
        ask_review(case, date(2020, 1, 20), today)
    assert "Subject access requests have no internal review" in " ".join(refusal.value.messages)
    assert not Case.objects.filter(review_of=case).exists()


def test_a_review_cannot_be_asked_for_before_the_response(officer, body, today):
    case = make_case(actor=officer, body=body)
    with pytest.raises(ValidationError) as refusal:
        ask_review(case, date(2020, 1, 6), today)
    assert "once we have sent our response" in " ".join(refusal.value.messages)
    assert Case.objects.count() == 1


def test_a_review_needs_reasons(responded, today):
    case = responded()
    with pytest.raises(ValidationError) as refusal:
        ask_review(case, date(2020, 2, 3), today, reasons="   ")
    assert refusal.value.message_dict == {"reasons": ["Enter your message."]}
    assert not case.reviews.exists()


def test_a_review_asked_for_in_time_is_not_late(responded, today):
    assert ask_review(responded(), date(2020, 2, 3), today).late is False


def test_a_review_asked_for_after_the_window_is_logged_and_flagged_late(responded, today):
    case = responded()
    asked = ask_review(case, date(2020, 6, 1), today)
    assert asked.late is True
    event = case.audit_events.get(action="review_requested")
    assert event.changes == {"review": asked.review.reference, "late": True}
    assert "after the review window closed" in event.summary


def test_asking_for_a_review_tells_the_unit_without_naming_the_requester(
    responded, today, django_capture_on_commit_callbacks
):
    case = responded()
    with django_capture_on_commit_callbacks(execute=True):
        review = ask_review(case, date(2020, 2, 3), today).review
    (notice,) = mail_to(UNIT_MAILBOX)
    assert review.reference in notice.subject and case.reference in notice.subject
    for personal in (NAME, EMAIL):
        assert personal not in f"{notice.subject} {notice.body}"


def test_asking_for_a_review_emails_the_requester_a_link_to_follow_it(
    responded, today, django_capture_on_commit_callbacks
):
    case = responded()
    with django_capture_on_commit_callbacks(execute=True):
        asked = ask_review(case, date(2020, 2, 3), today)
    (email,) = mail_to(EMAIL)
    assert asked.review.reference in email.body
    assert "Tuesday 31 March 2020" in email.body
    assert portal.status_token_case(token_in(email)) == case
    assert token_in(email) == asked.token


def test_the_review_confirmation_greets_a_name_logged_with_line_breaks_on_one_line(
    officer, body, today, unit_mailbox, django_capture_on_commit_callbacks
):
    today(date(2020, 1, 10))
    case = make_case(actor=officer, body=body, regime="eir", name="Rosalind\n\nURGENT: pay now\n", email=EMAIL)
    case = services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    with django_capture_on_commit_callbacks(execute=True):
        ask_review(case, date(2020, 2, 3), today)
    (email,) = mail_to(EMAIL)
    assert email.body.splitlines()[:2] == ["Dear Rosalind URGENT: pay now,", ""]


def test_a_late_review_request_is_warned_it_may_be_declined(responded, today, django_capture_on_commit_callbacks):
    case = responded()
    with django_capture_on_commit_callbacks(execute=True):
        ask_review(case, date(2020, 6, 1), today)
    (email,) = mail_to(EMAIL)
    assert "we may decline to carry it out" in email.body


# --- clarification_reply_submit ----------------------------------------------------------------


@pytest.fixture
def awaiting_clarification(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    case.refresh_from_db()
    return case


def test_a_clarification_is_kept_on_the_case_as_typed(awaiting_clarification):
    text = "I mean the cameras <em>on</em> the A6 only."
    message = portal.clarification_reply_submit(case=awaiting_clarification, text=text)
    assert message.case == awaiting_clarification
    assert (message.kind, message.text) == (RequesterMessage.Kind.CLARIFICATION, text)


def test_a_clarification_changes_nothing_on_the_clock(awaiting_clarification):
    portal.clarification_reply_submit(case=awaiting_clarification, text="The A6 only.")
    awaiting_clarification.refresh_from_db()
    assert awaiting_clarification.status == Case.Status.AWAITING_CLARIFICATION


def test_a_clarification_is_on_the_timeline_and_the_unit_is_told(
    awaiting_clarification, unit_mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        portal.clarification_reply_submit(case=awaiting_clarification, text="The A6 only.")
    assert awaiting_clarification.audit_events.filter(action="clarification_sent_by_requester").exists()
    (notice,) = mail_to(unit_mailbox)
    assert awaiting_clarification.reference in notice.subject
    assert "The A6 only." not in notice.body and NAME not in notice.body


def test_a_clarification_is_refused_unless_we_are_waiting_for_one(case):
    with pytest.raises(ValidationError) as refusal:
        portal.clarification_reply_submit(case=case, text="The A6 only.")
    assert "not waiting for a clarification" in " ".join(refusal.value.messages)
    assert not RequesterMessage.objects.exists()
    assert not AuditEvent.objects.filter(action="clarification_sent_by_requester").exists()


def test_an_empty_clarification_is_refused(awaiting_clarification):
    with pytest.raises(ValidationError):
        portal.clarification_reply_submit(case=awaiting_clarification, text=" \n ")
    assert not RequesterMessage.objects.exists()


def test_a_clarification_over_the_length_limit_is_refused(awaiting_clarification):
    with pytest.raises(ValidationError) as refusal:
        portal.clarification_reply_submit(case=awaiting_clarification, text="x" * (portal.MAX_MESSAGE_CHARS + 1))
    assert "too long" in " ".join(refusal.value.messages)
    assert not RequesterMessage.objects.exists()


def answer(case, text="The A6 only.") -> RequesterMessage:
    return portal.clarification_reply_submit(case=case, text=text)


def test_a_case_takes_the_daily_number_of_clarifications_and_no_more(awaiting_clarification, settings):
    settings.PORTAL_CLARIFICATIONS_PER_DAY = 2
    answer(awaiting_clarification, "First")
    answer(awaiting_clarification, "Second")
    with pytest.raises(ValidationError) as refusal:
        answer(awaiting_clarification, "Third")
    assert refusal.value.message_dict["text"] == [
        "You have already sent us several answers today, and we have kept them all. Please wait until tomorrow "
        "to send another, or email us quoting your reference."
    ]
    assert list(RequesterMessage.objects.values_list("text", flat=True)) == ["First", "Second"]
    assert awaiting_clarification.audit_events.filter(action="clarification_sent_by_requester").count() == 2


def test_the_default_limit_is_five_clarifications_a_day(awaiting_clarification):
    for n in range(5):
        answer(awaiting_clarification, f"Answer {n}")
    with pytest.raises(ValidationError):
        answer(awaiting_clarification)
    assert RequesterMessage.objects.count() == 5


def test_clarifications_sent_more_than_a_day_ago_do_not_count_towards_the_limit(awaiting_clarification, settings):
    settings.PORTAL_CLARIFICATIONS_PER_DAY = 1
    answer(awaiting_clarification, "Yesterday")
    RequesterMessage.objects.update(received_at=timezone.now() - timedelta(hours=25))
    assert answer(awaiting_clarification, "Today").text == "Today"


def test_each_case_has_its_own_clarification_limit(awaiting_clarification, officer, body, settings):
    settings.PORTAL_CLARIFICATIONS_PER_DAY = 1
    answer(awaiting_clarification)
    other = make_case(actor=officer, body=body)
    services.clock_event_record(case=other, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    assert answer(other).case == other


def test_the_unit_is_told_of_clarifications_at_most_once_an_hour_and_every_one_is_kept(
    awaiting_clarification, unit_mailbox, django_capture_on_commit_callbacks
):
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            answer(awaiting_clarification, f"Answer {n}")
    assert len(mail_to(unit_mailbox)) == 1
    assert RequesterMessage.objects.filter(case=awaiting_clarification).count() == 3
    assert awaiting_clarification.audit_events.filter(action="clarification_sent_by_requester").count() == 3


def test_the_unit_is_told_again_once_the_hour_has_passed(
    awaiting_clarification, unit_mailbox, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(portal, "THROTTLE_WINDOW_SECONDS", 1)  # an "hour" of one second
    with django_capture_on_commit_callbacks(execute=True):
        answer(awaiting_clarification, "First")
    time.sleep(1.2)
    with django_capture_on_commit_callbacks(execute=True):
        answer(awaiting_clarification, "Second")
    assert len(mail_to(unit_mailbox)) == 2


def test_the_hourly_notice_is_per_case(
    awaiting_clarification, officer, body, unit_mailbox, django_capture_on_commit_callbacks
):
    other = make_case(actor=officer, body=body)
    services.clock_event_record(case=other, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))
    with django_capture_on_commit_callbacks(execute=True):
        answer(awaiting_clarification)
        answer(other)
    assert sorted(notice.subject for notice in mail_to(unit_mailbox)) == sorted(
        f"Clarification received through the portal: {c.reference}" for c in (awaiting_clarification, other)
    )
