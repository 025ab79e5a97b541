"""case_create: what a newly logged case stores, and that a refused one leaves nothing behind.

Expected dates were counted by hand. FOIA request received Thursday 12 December 2019 (the worked
example in ../shared/domain/uk-foi.md): day 1 is Fri 13 Dec; not working days are 25, 26 Dec,
1 Jan and 2 Jan 2020 (Scotland, counted for FOIA under s10(6)) and weekends; day 10 is Mon 30 Dec,
day 15 is Wed 8 Jan, day 20 is Wed 15 Jan 2020. A SAR received the same day is due Mon 13 Jan 2020
(12 Jan is a Sunday).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from foi_cases import services
from foi_cases.models import AuditEvent, Case, ReferenceCounter, Requester, RequestItem
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def attempt(actor, body, **overrides) -> Case:
    arguments = {
        "actor": actor,
        "regime": "foia",
        "received_on": date(2019, 12, 12),
        "channel": "email",
        "subject": "Facial recognition",
        "request_text": "1. When did you start?\n2. How much did it cost?",
        "requester": services.RequesterDetails(name="Alex Requester", email="alex@example.org"),
        "body": body,
    }
    arguments.update(overrides)
    return services.case_create(**arguments)


def register() -> dict:
    """Everything case_create may write, to compare before and after a refused attempt."""
    return {
        "cases": list(Case.objects.values_list("reference", flat=True)),
        "requesters": Requester.objects.count(),
        "counters": list(ReferenceCounter.objects.values_list("series", "year", "last_number")),
        "items": RequestItem.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def existing(officer, body):
    """One case already logged, so an unchanged counter is a real counter at 1, not an empty table."""
    return attempt(officer, body)


def assert_refused_without_writing(actor, body, field: str, **overrides) -> None:
    before = register()
    with pytest.raises(ValidationError) as refused:
        attempt(actor, body, **overrides)
    assert field in refused.value.message_dict
    assert register() == before
    # The refused attempt must not have burned a number: the next case takes the one after the existing case.
    assert attempt(actor, body).reference == "FOI2019/00002"


# --- what a logged case stores ---------------------------------------------------------------


def test_a_logged_case_stores_its_details(officer, body):
    case = attempt(officer, body, subject="  Facial recognition  ")
    case.refresh_from_db()
    assert (case.reference, case.regime, case.channel, case.subject, case.status, case.created_by) == (
        "FOI2019/00001",
        "foia",
        "email",
        "Facial recognition",
        Case.Status.OPEN,
        officer,
    )


def test_a_logged_case_stores_its_requester(officer, body):
    case = attempt(officer, body)
    assert (case.requester.name, case.requester.email) == ("Alex Requester", "alex@example.org")


def test_a_logged_case_stores_the_questions_split_from_the_numbered_request(officer, body):
    case = attempt(officer, body)
    assert list(case.items.values_list("position", "text")) == [
        (1, "When did you start?"),
        (2, "How much did it cost?"),
    ]


def test_items_given_explicitly_are_stored_instead_of_splitting_the_text(officer, body):
    case = attempt(officer, body, items=["The policy", "The budget", "The contract"])
    assert list(case.items.values_list("text", flat=True)) == ["The policy", "The budget", "The contract"]


def test_a_request_without_numbering_is_stored_as_one_item(officer, body):
    case = attempt(officer, body, request_text="Please send me your CCTV policy.")
    assert list(case.items.values_list("text", flat=True)) == ["Please send me your CCTV policy."]


def test_a_foia_case_is_due_on_the_twentieth_working_day_counting_scottish_holidays(officer, body):
    case = attempt(officer, body)
    case.refresh_from_db()
    assert (case.due_on, case.statutory_due_on, case.extension_days) == (date(2020, 1, 15), date(2020, 1, 15), 0)


def test_the_internal_target_is_the_fifteenth_working_day(officer, body):
    case = attempt(officer, body)
    case.refresh_from_db()
    assert case.internal_target_on == date(2020, 1, 8)


def test_the_internal_target_follows_the_units_chosen_working_day(officer, body):
    unit = services.unit_get()
    unit.internal_target_day = 10
    unit.save()
    assert attempt(officer, body).internal_target_on == date(2019, 12, 30)


def test_a_subject_access_request_is_due_a_calendar_month_later_on_a_working_day(officer, body):
    case = attempt(officer, body, regime="sar")
    assert case.due_on == date(2020, 1, 13)


def test_logging_a_case_writes_an_audit_event_saying_who_and_what(officer, body):
    case = attempt(officer, body)
    event = AuditEvent.objects.get(case=case)
    assert (event.actor, event.action, event.summary) == (
        officer,
        "case_created",
        "Logged Freedom of Information Act 2000 request received 12 December 2019; due 15 January 2020.",
    )


def test_the_creation_audit_event_records_the_reference_and_due_date(officer, body):
    case = attempt(officer, body)
    assert AuditEvent.objects.get(case=case).changes == {"reference": "FOI2019/00001", "due_on": "2020-01-15"}


def test_a_case_received_today_is_accepted(officer, body):
    assert attempt(officer, body, received_on=services.today()).received_on == services.today()


def test_a_case_received_on_the_day_foia_came_into_force_is_accepted(officer, body):
    assert attempt(officer, body, received_on=date(2005, 1, 1)).reference == "FOI2005/00001"


def test_a_case_can_be_assigned_to_an_officer_as_it_is_logged(officer, body):
    assert attempt(officer, body, assigned_to=officer).assigned_to == officer


@override_settings(MAX_REQUEST_TEXT_CHARS=50)
def test_a_request_text_exactly_at_the_limit_is_accepted(officer, body):
    assert attempt(officer, body, request_text="x" * 50).request_text == "x" * 50


def test_the_make_case_factory_logs_through_the_service(officer, body):
    case = make_case(actor=officer, body=body)
    assert (case.reference, case.due_on) == ("FOI2019/00001", date(2020, 1, 15))


# --- refusals: a field error, and nothing written --------------------------------------------


def test_a_receipt_date_in_the_future_is_refused_and_nothing_is_written(officer, body, existing):
    tomorrow = services.today() + timedelta(days=1)
    assert_refused_without_writing(officer, body, "received_on", received_on=tomorrow)


def test_a_receipt_date_before_2005_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "received_on", received_on=date(2004, 12, 31))


def test_an_unknown_regime_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "regime", regime="gdpr")


def test_an_empty_request_text_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "request_text", request_text=" \n ")


@override_settings(MAX_REQUEST_TEXT_CHARS=50)
def test_a_request_text_over_the_configured_limit_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "request_text", request_text="x" * 51)


def test_a_two_megabyte_request_text_is_refused_and_nothing_is_written(officer, body, existing):
    two_megabytes = ("1. Please provide every email about the contract.\n" * 42_000)[: 2 * 1024 * 1024]
    assert_refused_without_writing(officer, body, "request_text", request_text=two_megabytes)


def test_a_bad_requester_email_is_refused_and_nothing_is_written(officer, body, existing):
    requester = services.RequesterDetails(name="Alex Requester", email="not-an-email")
    assert_refused_without_writing(officer, body, "email", requester=requester)


def test_a_requester_without_a_name_is_refused_and_nothing_is_written(officer, body, existing):
    requester = services.RequesterDetails(name="", email="alex@example.org")
    assert_refused_without_writing(officer, body, "name", requester=requester)


def test_a_blank_subject_is_refused_and_nothing_is_written(officer, body, existing):
    # Checked after the reference is claimed: the rollback must give the number back.
    assert_refused_without_writing(officer, body, "subject", subject="   ")


def test_an_over_long_subject_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "subject", subject="s" * 301)


def test_an_unknown_channel_is_refused_and_nothing_is_written(officer, body, existing):
    assert_refused_without_writing(officer, body, "channel", channel="pigeon")


def test_assigning_a_new_case_to_a_user_without_a_casework_role_is_refused_and_nothing_is_written(
    officer, body, existing, stranger
):
    assert_refused_without_writing(officer, body, "assigned_to", assigned_to=stranger)
