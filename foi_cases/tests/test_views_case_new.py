"""Logging a new request through the form: it writes through case_create, or writes nothing."""

import pytest
from django.urls import reverse

from foi_cases.models import Case, Requester
from foi_cases.tests.factories import BodyFactory

URL = reverse("foi_cases:case_new")


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def request_form(body, **overrides):
    data = {
        "regime": "foia",
        "received_on": "2019-12-12",
        "channel": "email",
        "subject": "Facial recognition",
        "request_text": "1. When did you start?\n2. How much did it cost?",
        "body": body.pk,
        "requester_name": "Alex Requester",
        "requester_email": "alex@example.org",
        "requester_address": "",
        "requester_organisation": "",
        "requester_type": "public",
        "assigned_to": "",
    }
    return {**data, **overrides}


def nothing_written():
    return not Case.objects.exists() and not Requester.objects.exists()


def test_an_officer_logs_a_request_and_sees_its_reference_and_due_date(signed_in, body):
    response = signed_in.post(URL, request_form(body), follow=True)
    html = response.content.decode()
    assert response.resolver_match.url_name == "case_detail"
    assert "Logged FOI2019/00001, due 15 January 2020" in html
    assert '<h1 class="mb-1">FOI2019/00001</h1>' in html
    assert "Due Wednesday 15 January 2020" in html


def test_the_numbered_questions_become_separate_items(signed_in, body):
    signed_in.post(URL, request_form(body))
    case = Case.objects.get()
    assert [item.text for item in case.items.all()] == ["When did you start?", "How much did it cost?"]


def test_the_requester_is_stored_with_the_case(signed_in, body):
    signed_in.post(URL, request_form(body, requester_organisation="The Daily Example", requester_type="journalist"))
    requester = Case.objects.get().requester
    assert (requester.name, requester.organisation, requester.requester_type) == (
        "Alex Requester",
        "The Daily Example",
        "journalist",
    )


def test_an_officer_can_be_assigned_when_logging(signed_in, body, officer2):
    signed_in.post(URL, request_form(body, assigned_to=officer2.pk))
    assert Case.objects.get().assigned_to == officer2


def test_a_user_without_a_casework_role_cannot_be_assigned(signed_in, body, stranger):
    response = signed_in.post(URL, request_form(body, assigned_to=stranger.pk))
    assert "assigned_to" in response.context["form"].errors
    assert nothing_written()


def test_the_form_defaults_to_today_and_to_the_only_active_body(signed_in, body):
    form = signed_in.get(URL).context["form"]
    html = signed_in.get(URL).content.decode()
    assert form["body"].value() == body.pk
    assert 'type="date"' in html
    assert form["received_on"].value() is not None


def test_the_body_has_no_default_when_several_are_active(signed_in, body, other_body):
    assert signed_in.get(URL).context["form"]["body"].value() is None


def test_inactive_bodies_are_not_offered(signed_in, body):
    BodyFactory(name="Disbanded Authority", is_active=False)
    assert "Disbanded Authority" not in signed_in.get(URL).content.decode()


def test_a_future_date_of_receipt_is_a_field_error(signed_in, body):
    response = signed_in.post(URL, request_form(body, received_on="2999-01-01"))
    assert response.context["form"].errors["received_on"] == ["The date of receipt cannot be in the future."]
    assert nothing_written()


def test_an_impossible_date_is_a_field_error(signed_in, body):
    response = signed_in.post(URL, request_form(body, received_on="2019-02-30"))
    assert response.context["form"].errors["received_on"] == ["Enter a valid date."]
    assert nothing_written()


def test_two_megabytes_of_request_text_is_a_field_error(signed_in, body):
    response = signed_in.post(URL, request_form(body, request_text="x" * 2_000_000))
    assert "too long" in response.context["form"].errors["request_text"][0]
    assert nothing_written()


def test_a_bad_email_address_is_a_field_error(signed_in, body):
    response = signed_in.post(URL, request_form(body, requester_email="alex@"))
    assert response.context["form"].errors["requester_email"] == ["Enter a valid email address."]
    assert nothing_written()


def test_an_unknown_regime_is_a_field_error(signed_in, body):
    response = signed_in.post(URL, request_form(body, regime="gdpr99"))
    assert "regime" in response.context["form"].errors
    assert nothing_written()


def test_a_refused_form_says_nothing_was_saved(signed_in, body):
    html = signed_in.post(URL, request_form(body, received_on="2999-01-01")).content.decode()
    assert "Nothing has been saved" in html


@pytest.mark.parametrize("field", ["subject", "request_text"])
def test_html_typed_into_the_request_shows_as_text(signed_in, body, field):
    attack = "<script>alert(1)</script>"
    response = signed_in.post(URL, request_form(body, **{field: attack}), follow=True)
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert attack not in html


def test_html_typed_as_the_requesters_name_shows_as_text_once_revealed(signed_in, body):
    # The case page is applicant blind: the name shows only in the response to a reveal.
    attack = "<script>alert(1)</script>"
    signed_in.post(URL, request_form(body, requester_name=attack))
    reveal = reverse("foi_cases:case_reveal_requester", args=[Case.objects.get().pk])
    html = signed_in.post(reveal).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert attack not in html
