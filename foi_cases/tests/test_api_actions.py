"""Actions on a case: the clock, assignment, links, closing, reopening, its timeline and deadline."""

from datetime import date, timedelta

import pytest
from rest_framework.test import APIClient

from foi_cases import services
from foi_cases.models import Case, ClockEvent
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body)


def act(client, case, action, data):
    return client.post(f"/api/v1/cases/{case.pk}/{action}/", data, format="json")


def record(client, case, kind, on, **more):
    return act(client, case, "clock-events", {"kind": kind, "on": on, **more})


def void(client, case, event, reason="Wrong case."):
    return client.post(f"/api/v1/cases/{case.pk}/clock-events/{event.pk}/void/", {"reason": reason}, format="json")


def wait_for_clarification(case, officer):
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 16))


def close(case, officer):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


def tomorrow() -> str:
    return (services.today() + timedelta(days=1)).isoformat()


# --- the clock --------------------------------------------------------------------------


def test_asking_for_clarification_stops_the_clock(api, case):
    response = record(api, case, "clarification_requested", "2019-12-16")

    assert response.status_code == 201
    assert response.json()["status"] == "awaiting_clarification"
    assert response.json()["due"] is None


def test_a_recorded_event_is_listed_on_the_case(api, case):
    events = record(api, case, "clarification_requested", "2019-12-16", note="Which years?").json()["clock_events"]

    assert len(events) == 1
    assert events[0]["kind"] == "clarification_requested"
    assert events[0]["on"] == "2019-12-16"
    assert events[0]["note"] == "Which years?"
    assert events[0]["recorded_by"] == "Olivia Officer"
    assert events[0]["voided_at"] is None


def test_clarification_received_restarts_the_count(api, case, officer):
    wait_for_clarification(case, officer)

    response = record(api, case, "clarification_received", "2020-01-06")

    assert response.json()["status"] == "open"
    assert response.json()["due"] == "2020-02-03"


def test_an_extension_moves_the_deadline(api, case):
    response = record(api, case, "extension", "2020-01-10", days=20)

    assert response.json()["due"] == "2020-02-12"
    assert response.json()["extension_days"] == 20


def test_an_extension_of_no_days_gets_400_on_days(api, case):
    response = record(api, case, "extension", "2020-01-10")

    assert response.status_code == 400
    assert response.json() == {"days": ["An extension must add at least one day."]}


def test_an_eir_extension_beyond_40_days_in_all_gets_400_on_days(api, officer, body):
    case = make_case(actor=officer, body=body, regime="eir")

    response = record(api, case, "extension", "2020-01-10", days=25)

    assert response.status_code == 400
    assert list(response.json()) == ["days"]


def test_a_clock_event_in_the_future_gets_400(api, case):
    response = record(api, case, "clarification_requested", tomorrow())

    assert response.status_code == 400
    assert response.json() == {"on": ["The date cannot be in the future."]}


def test_an_unknown_kind_of_clock_event_gets_400(api, case):
    response = record(api, case, "holiday", "2019-12-16")

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_receiving_clarification_never_asked_for_gets_409(api, case):
    response = record(api, case, "clarification_received", "2019-12-16")

    assert response.status_code == 409
    assert response.json() == {"detail": "Record the clarification request before its receipt."}


def test_the_latest_clock_event_can_be_voided(api, case, officer):
    wait_for_clarification(case, officer)
    event = ClockEvent.objects.get()

    response = void(api, case, event, reason="Wrong case.")

    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert response.json()["due"] == "2020-01-15"
    assert response.json()["clock_events"][0]["void_reason"] == "Wrong case."


def test_an_earlier_clock_event_cannot_be_voided(api, case, officer):
    wait_for_clarification(case, officer)
    services.clock_event_record(case=case, actor=officer, kind="clarification_received", on=date(2019, 12, 18))

    response = void(api, case, ClockEvent.objects.get(kind="clarification_requested"))

    assert response.status_code == 400
    assert response.json() == {"event": ["Only the most recent clock event can be voided."]}


def test_voiding_needs_a_reason(api, case, officer):
    wait_for_clarification(case, officer)

    response = void(api, case, ClockEvent.objects.get(), reason="")

    assert response.status_code == 400
    assert list(response.json()) == ["reason"]


def test_voiding_another_cases_event_gets_404(api, case, officer, body):
    other = make_case(actor=officer, body=body)
    wait_for_clarification(other, officer)

    assert void(api, case, ClockEvent.objects.get()).status_code == 404


def test_voiding_on_a_closed_case_gets_409(api, case, officer):
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2020, 1, 6), days=5)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))

    response = void(api, case, ClockEvent.objects.get())

    assert response.status_code == 409
    assert response.json() == {"detail": "This case is closed; reopen it first."}


# --- assignment and links ---------------------------------------------------------------


def test_a_case_can_be_assigned_to_an_officer(api, case, officer2):
    response = act(api, case, "assign", {"officer": officer2.pk})

    assert response.status_code == 200
    assert response.json()["assigned_to"] == officer2.pk
    assert response.json()["assigned_to_name"] == "Owen Other"


def test_a_case_can_be_unassigned(api, officer, body):
    case = make_case(actor=officer, body=body, assigned_to=officer)

    assert act(api, case, "assign", {"officer": None}).json()["assigned_to"] is None


def test_a_case_cannot_be_assigned_to_a_user_without_a_casework_role(api, case, stranger):
    response = act(api, case, "assign", {"officer": stranger.pk})

    assert response.status_code == 400
    assert response.json() == {"officer": ["Choose an information rights officer, supervisor or administrator."]}


def test_assigning_to_an_unknown_user_gets_400(api, case):
    response = act(api, case, "assign", {"officer": 999999})

    assert response.status_code == 400
    assert list(response.json()) == ["officer"]


def test_cases_answered_together_are_linked_both_ways(api, case, officer, body):
    other = make_case(actor=officer, body=body)

    response = act(api, case, "link", {"reference": other.reference, "kind": "answered_with"})

    assert response.status_code == 200
    assert response.json()["answered_with"] == ["FOI2019/00002"]
    assert api.get(f"/api/v1/cases/{other.pk}/").json()["answered_with"] == ["FOI2019/00001"]


def test_linking_an_unknown_reference_gets_400(api, case):
    response = act(api, case, "link", {"reference": "FOI2019/99999", "kind": "related_to"})

    assert response.status_code == 400
    assert response.json() == {"reference": ["No case has the reference FOI2019/99999."]}


def test_a_case_cannot_be_linked_to_itself(api, case):
    response = act(api, case, "link", {"reference": case.reference, "kind": "related_to"})

    assert response.status_code == 400
    assert response.json() == {"reference": ["A case cannot be linked to itself."]}


def test_an_unknown_kind_of_link_gets_400(api, case, officer, body):
    other = make_case(actor=officer, body=body)

    response = act(api, case, "link", {"reference": other.reference, "kind": "duplicate_of"})

    assert response.status_code == 400
    assert list(response.json()) == ["kind"]


def test_linked_cases_can_be_unlinked(api, case, officer, body):
    other = make_case(actor=officer, body=body)
    services.case_link(case=case, actor=officer, other=other, kind="related_to")

    response = act(api, case, "unlink", {"reference": other.reference, "kind": "related_to"})

    assert response.status_code == 200
    assert response.json()["related_to"] == []


# --- closing and reopening --------------------------------------------------------------


def test_closing_with_a_response_records_the_outcome_and_timeliness(api, case):
    response = act(api, case, "close", {"outcome": "granted", "responded_on": "2020-01-14"})

    assert response.status_code == 200
    assert response.json()["status"] == "responded"
    assert response.json()["outcome"] == "granted"
    assert response.json()["responded_on"] == "2020-01-14"
    assert response.json()["answered_in_time"] is True


def test_closing_with_a_future_response_date_gets_400(api, case):
    response = act(api, case, "close", {"outcome": "granted", "responded_on": tomorrow()})

    assert response.status_code == 400
    assert response.json() == {"responded_on": ["The date cannot be in the future."]}


def test_closing_an_unknown_outcome_gets_400(api, case):
    response = act(api, case, "close", {"outcome": "shredded", "responded_on": "2020-01-14"})

    assert response.status_code == 400
    assert list(response.json()) == ["outcome"]


def test_closing_while_waiting_for_clarification_gets_409(api, case, officer):
    wait_for_clarification(case, officer)

    response = act(api, case, "close", {"outcome": "granted", "responded_on": "2020-01-14"})

    assert response.status_code == 409
    assert response.json() == {"detail": "Only a case whose clock is running can be closed with a response."}


def test_a_withdrawn_request_is_closed_as_withdrawn(api, case):
    response = act(api, case, "withdraw", {"on": "2019-12-20", "note": "By email."})

    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["outcome"] == "withdrawn"
    assert response.json()["answered_in_time"] is None


def test_withdrawing_with_a_future_date_gets_400_on_the_date(api, case):
    response = act(api, case, "withdraw", {"on": tomorrow()})

    assert response.status_code == 400
    assert response.json() == {"on": ["The date cannot be in the future."]}


def test_withdrawing_a_closed_case_gets_409(api, case, officer):
    close(case, officer)

    response = act(api, case, "withdraw", {"on": "2020-01-12"})

    assert response.status_code == 409
    assert response.json() == {"detail": "The case is already closed."}


def test_a_request_never_clarified_lapses(api, case, officer):
    wait_for_clarification(case, officer)

    response = act(api, case, "lapse", {"on": "2020-03-16"})

    assert response.status_code == 200
    assert response.json()["outcome"] == "lapsed"


def test_a_running_case_cannot_lapse(api, case):
    response = act(api, case, "lapse", {"on": "2020-03-16"})

    assert response.status_code == 409
    assert response.json() == {"detail": "Only a case waiting for clarification or a fee can lapse."}


def test_a_supervisor_can_reopen_a_closed_case(case, officer, supervisor):
    close(case, officer)

    response = act(signed_in(supervisor), case, "reopen", {"reason": "Question 2 was not answered."})

    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert response.json()["outcome"] == ""


def test_an_officer_cannot_reopen_a_case(api, case, officer):
    close(case, officer)

    response = act(api, case, "reopen", {"reason": "Question 2 was not answered."})

    assert response.status_code == 403
    assert response.json() == {"detail": "Only a supervisor can reopen a closed case."}


def test_reopening_an_open_case_gets_409(case, supervisor):
    response = act(signed_in(supervisor), case, "reopen", {"reason": "Just because."})

    assert response.status_code == 409
    assert response.json() == {"detail": "Only a closed case can be reopened."}


def test_reopening_needs_a_reason(case, officer, supervisor):
    close(case, officer)

    response = act(signed_in(supervisor), case, "reopen", {"reason": ""})

    assert response.status_code == 400
    assert list(response.json()) == ["reason"]


def test_an_action_on_an_unknown_case_gets_404(api, body):
    response = api.post("/api/v1/cases/999999/assign/", {"officer": None}, format="json")

    assert response.status_code == 404


def test_a_list_filter_in_the_address_does_not_hide_the_case_from_an_action(api, case, officer2):
    response = api.post(f"/api/v1/cases/{case.pk}/assign/?status=closed", {"officer": officer2.pk}, format="json")

    assert response.status_code == 200


# --- timeline and deadline --------------------------------------------------------------


def test_the_timeline_lists_the_audit_events_in_order(api, case, officer2):
    act(api, case, "assign", {"officer": officer2.pk})

    timeline = api.get(f"/api/v1/cases/{case.pk}/timeline/").json()

    assert [event["action"] for event in timeline] == ["case_created", "case_assigned"]
    assert timeline[1]["actor"] == "Olivia Officer"
    assert timeline[1]["summary"] == "Assigned to Owen Other."
    assert timeline[1]["changes"] == {"assigned_to": ["", "Owen Other"], "assigned_to_id": [None, officer2.pk]}
    assert "at" in timeline[1]


def test_the_case_deadline_shows_the_working(api, case):
    working = api.get(f"/api/v1/cases/{case.pk}/deadline/").json()

    assert working["due"] == "2020-01-15"
    assert {"date": "2020-01-02", "reason": "Bank holiday (Scotland): New Year Holiday"} in working["skipped"]


def test_the_case_deadline_has_the_same_shape_as_the_calculator(api, case):
    working = api.get(f"/api/v1/cases/{case.pk}/deadline/").json()
    calculated = APIClient().get("/api/v1/deadline/", {"regime": "foia", "received": "2019-12-12"}).json()

    assert working == calculated


def test_the_case_deadline_follows_its_clock_events(api, case, officer):
    wait_for_clarification(case, officer)

    working = api.get(f"/api/v1/cases/{case.pk}/deadline/").json()

    assert working["state"] == "awaiting_clarification"
    assert working["due"] is None
    assert Case.objects.get().due_on is None
