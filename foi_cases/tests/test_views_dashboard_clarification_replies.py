"""The dashboard's panel of clarifications sent through the portal and not yet recorded on the clock,
so that a requester's answer never sits unnoticed while the clock is stopped."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from foi_cases import portal, selectors, services
from foi_cases.models import RequesterMessage
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

URL = reverse("foi_cases:dashboard")


def panel(response):
    return next(p for p in response.context["panels"] if p.key == "clarification_replies")


def references(found) -> list[str]:
    return [case.reference for case in found.cases]


def asked(case, officer, on=date(2019, 12, 13)):
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=on)
    return case


def received_on(message: RequesterMessage, day: date) -> None:
    at = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    RequesterMessage.objects.filter(pk=message.pk).update(received_at=at)


@pytest.fixture
def waiting(officer, body):
    """Awaiting clarification since 13 December 2019; no answer yet."""
    return asked(make_case(actor=officer, body=body, subject="Waiting"), officer)


@pytest.fixture
def answered(officer, body):
    """Awaiting clarification since 13 December 2019, and answered through the portal."""
    case = asked(make_case(actor=officer, body=body, subject="Answered"), officer)
    portal.clarification_reply_submit(case=case, text="I mean the A6 only.")
    return case


def test_a_case_whose_requester_answered_through_the_portal_is_listed(client, officer, answered, waiting):
    client.force_login(officer)
    found = panel(client.get(URL))
    assert (found.count, references(found)) == (1, [answered.reference])
    assert found.title == "Clarification replies to record"


def test_the_panel_comes_right_after_my_cases(client, officer, db):
    client.force_login(officer)
    assert [p.key for p in client.get(URL).context["panels"]][:2] == ["mine", "clarification_replies"]


def test_once_the_clarification_is_recorded_on_the_clock_the_case_leaves_the_panel(officer, answered):
    services.clock_event_record(case=answered, actor=officer, kind="clarification_received", on=date(2019, 12, 16))
    assert selectors.clarification_replies_to_record() == (0, [])


def test_an_answer_to_an_earlier_request_for_clarification_does_not_count(officer, answered):
    (message,) = answered.requester_messages.all()
    received_on(message, date(2019, 12, 16))
    services.clock_event_record(case=answered, actor=officer, kind="clarification_received", on=date(2019, 12, 16))
    asked(answered, officer, on=date(2019, 12, 18))
    assert selectors.clarification_replies_to_record() == (0, [])


def test_an_answer_on_the_day_we_asked_counts(officer, answered):
    (message,) = answered.requester_messages.all()
    received_on(message, date(2019, 12, 13))
    assert selectors.clarification_replies_to_record()[0] == 1


def test_a_voided_request_for_clarification_is_not_the_one_that_counts(officer, answered):
    (message,) = answered.requester_messages.all()
    received_on(message, date(2019, 12, 16))
    services.clock_event_record(case=answered, actor=officer, kind="clarification_received", on=date(2019, 12, 16))
    asked(answered, officer, on=date(2019, 12, 18))
    latest = answered.clock_events.get(occurred_on=date(2019, 12, 18))
    services.clock_event_void(case=answered, actor=officer, event=latest, reason="Recorded by mistake")
    services.clock_event_void(
        case=answered,
        actor=officer,
        event=answered.clock_events.get(kind="clarification_received"),
        reason="Not an answer",
    )
    assert selectors.clarification_replies_to_record()[0] == 1


def test_the_panel_links_to_the_case_list_showing_the_same_cases(client, officer, answered, waiting):
    client.force_login(officer)
    shown = panel(client.get(URL))
    listed = client.get(f"{reverse('foi_cases:case_list')}?{shown.query}")
    assert [case.reference for case, _ in listed.context["rows"]] == references(shown) == [answered.reference]


def test_an_empty_panel_says_so(client, officer, waiting):
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert "No clarification sent through the portal is waiting to be recorded." in html
