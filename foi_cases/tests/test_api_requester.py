"""Who asked, through the API: shown only to users allowed to see it, and changed only by them."""

import pytest

from foi_cases.models import AuditEvent
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

CASES_URL = "/api/v1/cases/"
REQUESTER = {
    "name": "Zebedee Quillfeather",
    "email": "zebedee.q@example.org",
    "address": "",
    "organisation": "",
    "requester_type": "public",
}


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body, name=REQUESTER["name"], email=REQUESTER["email"])


def case_url(case) -> str:
    return f"{CASES_URL}{case.pk}/"


# --- reading -----------------------------------------------------------------------------------


def test_a_user_without_the_permission_gets_a_null_requester(case_reader, case):
    response = signed_in(case_reader).get(case_url(case))
    assert response.status_code == 200
    assert response.json()["requester"] is None
    assert "Quillfeather" not in response.content.decode()


def test_a_user_without_the_permission_gets_null_requesters_in_the_list(case_reader, case):
    response = signed_in(case_reader).get(CASES_URL)
    assert [row["requester"] for row in response.json()["results"]] == [None]
    assert "Quillfeather" not in response.content.decode()


@pytest.mark.parametrize("actor", ["officer", "supervisor", "administrator"])
def test_users_allowed_to_see_who_asked_get_the_requester(request, case, actor):
    response = signed_in(request.getfixturevalue(actor)).get(case_url(case))
    assert response.json()["requester"] == REQUESTER


def test_reading_the_requester_through_the_api_is_not_audited(officer, case):
    signed_in(officer).get(case_url(case))
    assert not AuditEvent.objects.filter(action="requester_revealed").exists()


def test_an_officer_still_logs_a_case_with_requester_details_and_sees_them(officer, body):
    request = {
        "regime": "foia",
        "received": "2019-12-12",
        "channel": "email",
        "subject": "Facial recognition",
        "request_text": "1. When did you start?",
        "requester": {"name": "Zebedee Quillfeather", "email": "zebedee.q@example.org"},
    }
    response = signed_in(officer).post(CASES_URL, request, format="json")
    assert response.status_code == 201
    assert response.json()["requester"] == REQUESTER


def test_the_schema_says_the_requester_may_be_null_and_why(officer):
    schema = signed_in(officer).get("/api/v1/schema/?format=json").json()
    field = schema["components"]["schemas"]["Case"]["properties"]["requester"]
    assert field.get("nullable") is True or {"type": "null"} in field.get("oneOf", [])
    assert "applicant blind" in field["description"]
    assert "not audited per request" in field["description"]


# --- changing ----------------------------------------------------------------------------------


def test_an_officer_can_correct_the_requesters_details(officer, case):
    response = signed_in(officer).patch(case_url(case), {"requester": {"email": "z@new.example"}}, format="json")
    assert response.status_code == 200
    case.requester.refresh_from_db()
    assert case.requester.email == "z@new.example"


def test_changing_the_requester_without_the_permission_gets_403_and_changes_nothing(editor_without_reveal, case):
    response = signed_in(editor_without_reveal).patch(
        case_url(case), {"subject": "Changed", "requester": {"email": "z@new.example"}}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "You need permission to see the requester's identity to change their details."}
    case.refresh_from_db()
    case.requester.refresh_from_db()
    assert (case.subject, case.requester.email) == ("Facial recognition", "zebedee.q@example.org")


def test_other_fields_can_be_changed_without_the_permission_to_see_who_asked(editor_without_reveal, case):
    response = signed_in(editor_without_reveal).patch(case_url(case), {"subject": "Changed"}, format="json")
    assert response.status_code == 200
    assert response.json()["subject"] == "Changed"
    assert response.json()["requester"] is None


def test_a_view_only_user_cannot_change_the_requester(case_reader, case):
    response = signed_in(case_reader).patch(case_url(case), {"requester": {"email": "z@new.example"}}, format="json")
    assert response.status_code == 403
    case.requester.refresh_from_db()
    assert case.requester.email == "zebedee.q@example.org"
