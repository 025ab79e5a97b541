"""Who may use the case API: tokens, sessions, roles."""

import pytest
from django.contrib.auth.models import Permission
from rest_framework.test import APIClient

from foi_cases.tests.factories import PASSWORD, UserFactory, make_case

pytestmark = pytest.mark.django_db


TOKEN_URL = "/api/v1/auth/token/"
CASES_URL = "/api/v1/cases/"


def test_a_user_gets_a_token_for_their_username_and_password(officer):
    response = APIClient().post(TOKEN_URL, {"username": "officer", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert set(response.json()) == {"token"}


def test_the_token_opens_the_case_list(officer, body):
    make_case(actor=officer, body=body)
    client = APIClient()
    token = client.post(TOKEN_URL, {"username": "officer", "password": PASSWORD}, format="json").json()["token"]

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get(CASES_URL)

    assert response.status_code == 200
    assert response.json()["results"][0]["reference"] == "FOI2019/00001"


def test_wrong_credentials_get_400_with_a_clear_message(officer):
    response = APIClient().post(TOKEN_URL, {"username": "officer", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}


def test_an_anonymous_request_gets_401_with_a_message(db):
    response = APIClient().get(CASES_URL)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_an_unknown_token_gets_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    assert client.get(CASES_URL).status_code == 401


def test_a_signed_in_session_also_works(officer):
    client = APIClient()
    client.login(username="officer", password=PASSWORD)

    assert client.get(CASES_URL).status_code == 200


def test_a_session_write_needs_the_csrf_token(officer, body):
    client = APIClient(enforce_csrf_checks=True)
    client.login(username="officer", password=PASSWORD)
    case = make_case(actor=officer, body=body)

    response = client.patch(f"{CASES_URL}{case.pk}/", {"subject": "Changed"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_user_without_a_casework_role_gets_403_on_the_list(stranger):
    response = signed_in(stranger).get(CASES_URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "You need an information rights officer, supervisor or administrator role."}


def test_a_user_without_a_casework_role_cannot_see_a_case(stranger, officer, body):
    case = make_case(actor=officer, body=body)

    assert signed_in(stranger).get(f"{CASES_URL}{case.pk}/").status_code == 403


def test_a_user_without_a_casework_role_cannot_log_a_case(stranger, body):
    response = signed_in(stranger).post(CASES_URL, {"regime": "foia"}, format="json")

    assert response.status_code == 403


def test_a_user_without_a_casework_role_cannot_act_on_a_case(stranger, officer, body):
    case = make_case(actor=officer, body=body)

    response = signed_in(stranger).post(f"{CASES_URL}{case.pk}/assign/", {"officer": None}, format="json")

    assert response.status_code == 403


def test_a_user_who_may_only_view_cases_cannot_change_one(officer, body):
    viewer = UserFactory(username="auditor", role=None)
    viewer.user_permissions.add(Permission.objects.get(codename="view_case"))
    case = make_case(actor=officer, body=body)

    response = signed_in(viewer).patch(f"{CASES_URL}{case.pk}/", {"subject": "Changed"}, format="json")

    assert response.status_code == 403
    assert response.json() == {"detail": "You need an information rights officer role to change cases."}


def test_a_user_who_may_only_view_cases_cannot_close_one(officer, body):
    viewer = UserFactory(username="auditor", role=None)
    viewer.user_permissions.add(Permission.objects.get(codename="view_case"))
    case = make_case(actor=officer, body=body)

    response = signed_in(viewer).post(
        f"{CASES_URL}{case.pk}/close/", {"outcome": "granted", "responded_on": "2020-01-10"}, format="json"
    )

    assert response.status_code == 403
