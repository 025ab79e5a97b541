"""Who may open the letter pages and take their actions: casework roles, and the right role for each."""

import pytest
from django.urls import reverse

from foi_cases.models import AuditEvent
from responses.models import Letter

PAGES = ["letter_detail", "letter_edit", "letter_start", "approval_queue"]
ACTIONS = [
    "letter_submit",
    "letter_recall",
    "letter_approve",
    "letter_return",
    "letter_revise",
    "letter_reveal_requester",
    "letter_start",
    "case_clearance",
]
CASE_URLS = {"letter_start", "case_clearance"}


@pytest.fixture
def letter(draft):
    return draft()


def url(name: str, letter: Letter, pk: int | None = None) -> str:
    if name == "approval_queue":
        return reverse("responses:approval_queue")
    if name in CASE_URLS:
        return reverse(f"responses:{name}", kwargs={"case_pk": pk or letter.case_id})
    return reverse(f"responses:{name}", kwargs={"pk": pk or letter.pk})


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, letter, name):
    address = url(name, letter)
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={address}"


@pytest.mark.parametrize("name", PAGES)
def test_a_signed_in_user_without_a_role_is_forbidden(client, letter, stranger, name):
    client.force_login(stranger)
    assert client.get(url(name, letter)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("actor", ["officer", "officer2", "supervisor", "administrator"])
def test_every_casework_role_can_open_the_letter_pages(client, letter, request, actor, name):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(url(name, letter)).status_code == 200


@pytest.mark.parametrize("name", ACTIONS)
def test_a_user_without_a_role_cannot_take_any_letter_action(client, letter, stranger, name):
    client.force_login(stranger)
    events = AuditEvent.objects.count()
    response = client.post(url(name, letter), {"return-comment": "No", "letter-kind": "acknowledgement"})
    assert response.status_code == 403
    assert Letter.objects.get().status == Letter.Status.DRAFT
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("name", [name for name in ACTIONS if name != "letter_start"])
def test_letter_actions_refuse_get_requests(client, letter, officer, name):
    client.force_login(officer)
    assert client.get(url(name, letter)).status_code == 405


@pytest.mark.parametrize("name", [*PAGES[:3], *ACTIONS])
def test_a_letter_or_case_that_does_not_exist_is_not_found(client, letter, supervisor, name):
    client.force_login(supervisor)
    method = client.get if name in PAGES else client.post
    assert method(url(name, letter, pk=999_999)).status_code == 404


def test_a_caseworker_without_the_permission_cannot_reveal_the_requester(client, letter, blind_officer):
    client.force_login(blind_officer)
    response = client.post(url("letter_reveal_requester", letter))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="requester_revealed").exists()
