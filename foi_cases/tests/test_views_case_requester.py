"""Applicant blind case pages: who asked is hidden until an audited reveal, and editing is audited too."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from foi_cases import services
from foi_cases.models import AuditEvent
from foi_cases.tests.factories import make_case

NAME, EMAIL = "Zebedee Quillfeather", "zebedee.q@example.org"
HIDDEN = "Hidden: requests are handled applicant blind."
BUTTON = "Show requester details</button>"


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body, assigned_to=officer, name=NAME, email=EMAIL)


def detail_url(case) -> str:
    return reverse("foi_cases:case_detail", args=[case.pk])


def reveal_url(case) -> str:
    return reverse("foi_cases:case_reveal_requester", args=[case.pk])


def edit_url(case) -> str:
    return reverse("foi_cases:case_edit", args=[case.pk])


def as_user(client, user):
    client.force_login(user)
    return client


def reveals(case):
    return AuditEvent.objects.filter(case=case, action="requester_revealed")


def shows_identity(html: str) -> bool:
    return any(text in html for text in (NAME, "Zebedee", "Quillfeather", EMAIL))


# --- hidden by default -------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["officer", "supervisor", "administrator", "case_reader"])
def test_the_case_page_hides_the_requesters_identity_from_everyone_by_default(client, request, case, actor):
    html = as_user(client, request.getfixturevalue(actor)).get(detail_url(case)).content.decode()
    assert HIDDEN in html
    assert not shows_identity(html)


def test_the_hidden_requester_section_shows_no_organisation_or_type(client, officer, body):
    case = make_case(actor=officer, body=body, name=NAME, email=EMAIL)
    case.requester.organisation, case.requester.requester_type = "The Daily Example", "journalist"
    case.requester.save()
    html = as_user(client, officer).get(detail_url(case)).content.decode()
    assert "The Daily Example" not in html and "Journalist" not in html


def test_opening_the_case_page_writes_no_reveal(client, officer, case):
    as_user(client, officer).get(detail_url(case))
    assert not reveals(case).exists()


def test_the_case_list_and_dashboard_never_show_the_requester(client, supervisor, case):
    as_user(client, supervisor)
    for name in ("foi_cases:dashboard", "foi_cases:case_list"):
        assert not shows_identity(client.get(reverse(name)).content.decode())


def test_the_case_list_search_does_not_find_cases_by_the_requesters_name(client, officer, case):
    response = as_user(client, officer).get(reverse("foi_cases:case_list"), {"q": "Quillfeather"})
    assert case.reference not in response.content.decode()


# --- the reveal button -------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ["officer", "supervisor", "administrator"])
def test_users_allowed_to_see_who_asked_are_offered_the_reveal(client, request, case, actor):
    html = as_user(client, request.getfixturevalue(actor)).get(detail_url(case)).content.decode()
    assert f'<form method="post" action="{reveal_url(case)}">' in html
    assert BUTTON in html


def test_a_user_without_the_permission_is_not_offered_the_reveal(client, case_reader, case):
    html = as_user(client, case_reader).get(detail_url(case)).content.decode()
    assert BUTTON not in html
    assert reveal_url(case) not in html


def test_the_reveal_button_says_the_reveal_is_recorded(client, officer, case):
    html = as_user(client, officer).get(detail_url(case)).content.decode()
    assert 'aria-describedby="reveal-requester-help"' in html
    assert "records that you looked on the case timeline" in html


# --- revealing ---------------------------------------------------------------------------------


def test_revealing_shows_the_requesters_details(client, officer, body):
    case = make_case(actor=officer, body=body, name=NAME, email=EMAIL)
    case.requester.address, case.requester.organisation = "1 High Street\nBedford", "The Daily Example"
    case.requester.requester_type = "journalist"
    case.requester.save()
    response = as_user(client, officer).post(reveal_url(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert NAME in html
    assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in html
    assert "1 High Street<br>Bedford" in html
    assert "The Daily Example" in html and "Journalist" in html
    assert HIDDEN not in html and BUTTON not in html


def test_revealing_writes_exactly_one_audit_event_naming_who_looked(client, officer2, case):
    as_user(client, officer2).post(reveal_url(case))
    event = reveals(case).get()
    assert (event.actor, event.summary) == (officer2, "Requester's identity revealed on the case page.")


def test_the_reveal_appears_on_the_timeline_of_the_revealed_page(client, supervisor, case):
    html = as_user(client, supervisor).post(reveal_url(case)).content.decode()
    assert "Requester&#x27;s identity revealed on the case page." in html


def test_the_revealed_page_is_not_cached(client, officer, case):
    response = as_user(client, officer).post(reveal_url(case))
    assert "no-store" in response["Cache-Control"]


def test_the_revealed_identity_is_shown_in_that_response_only(client, officer, case):
    as_user(client, officer).post(reveal_url(case))
    html = client.get(detail_url(case)).content.decode()
    assert HIDDEN in html and not shows_identity(html)


def test_html_in_the_requesters_details_shows_as_text(client, officer, body):
    case = make_case(actor=officer, body=body, name="<script>alert(1)</script>")
    html = as_user(client, officer).post(reveal_url(case)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_the_reveal_refuses_get_requests(client, officer, case):
    assert as_user(client, officer).get(reveal_url(case)).status_code == 405
    assert not reveals(case).exists()


def test_a_user_without_the_permission_gets_403_on_the_reveal_and_nothing_is_recorded(client, case_reader, case):
    response = as_user(client, case_reader).post(reveal_url(case))
    assert response.status_code == 403
    assert not shows_identity(response.content.decode())
    assert not reveals(case).exists()


def test_a_user_without_a_role_gets_403_on_the_reveal(client, stranger, case):
    assert as_user(client, stranger).post(reveal_url(case)).status_code == 403


def test_an_anonymous_reveal_is_sent_to_log_in(client, case):
    response = client.post(reveal_url(case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not reveals(case).exists()


def test_revealing_an_unknown_case_is_not_found(client, officer, db):
    assert as_user(client, officer).post(reverse("foi_cases:case_reveal_requester", args=[999_999])).status_code == 404


def test_the_reveal_needs_a_csrf_token(officer, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reveal_url(case)).status_code == 403
    assert not reveals(case).exists()


# --- the edit page -----------------------------------------------------------------------------


def test_opening_the_edit_page_is_recorded_as_a_reveal(client, officer, case):
    response = as_user(client, officer).get(edit_url(case))
    assert response.status_code == 200
    assert EMAIL in response.content.decode()
    event = reveals(case).get()
    assert (event.actor, event.summary) == (officer, "Requester's identity revealed to edit the case.")


def test_the_edit_page_is_not_cached(client, officer, case):
    assert "no-store" in as_user(client, officer).get(edit_url(case))["Cache-Control"]


def test_saving_the_edit_page_writes_no_reveal_of_its_own(client, officer, case):
    data = {
        "regime": case.regime,
        "received_on": case.received_on.isoformat(),
        "channel": case.channel,
        "subject": "Facial recognition trials",
        "request_text": case.request_text,
        "body": case.body_id,
        "requester_name": NAME,
        "requester_email": EMAIL,
        "requester_address": "",
        "requester_organisation": "",
        "requester_type": "public",
    }
    as_user(client, officer).post(edit_url(case), data)
    assert not reveals(case).exists()
    assert case.audit_events.filter(action="case_updated").exists()


def test_a_view_only_user_gets_403_on_the_edit_page_and_nothing_is_recorded(client, case_reader, case):
    assert as_user(client, case_reader).get(edit_url(case)).status_code == 403
    assert not reveals(case).exists()


def test_a_user_who_may_change_cases_but_not_see_who_asked_gets_the_edit_page_without_the_requester(
    client, editor_without_reveal, case
):
    # The rest of that page is in test_views_case_edit_blind.py.
    response = as_user(client, editor_without_reveal).get(edit_url(case))
    assert response.status_code == 200
    assert not shows_identity(response.content.decode())
    assert not reveals(case).exists()


def test_a_user_who_may_not_see_who_asked_is_still_offered_the_edit_page(client, editor_without_reveal, case):
    html = as_user(client, editor_without_reveal).get(detail_url(case)).content.decode()
    assert edit_url(case) in html


def test_opening_the_edit_page_of_a_closed_case_writes_no_reveal(client, officer, case):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    as_user(client, officer).get(edit_url(case))
    assert not reveals(case).exists()
