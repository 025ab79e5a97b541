"""The edit page for a caseworker who may change cases but not see who asked: the case's details
without the requester's, nothing revealed and nothing recorded as a reveal."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from foi_cases import services
from foi_cases.forms import REQUESTER_FIELD_MAP
from foi_cases.models import AuditEvent, Case
from foi_cases.tests.factories import UserFactory, make_case

NAME, EMAIL = "Zebedee Quillfeather", "zebedee.q@example.org"
ADDRESS, ORGANISATION = "7 Lantern Yard, Bedford", "The Daily Example"
HIDDEN_NOTE = "The requester's details are not shown: requests are handled applicant blind."
REQUESTER_FIELDS = tuple(REQUESTER_FIELD_MAP.values())


@pytest.fixture
def case(officer, body):
    case = make_case(actor=officer, body=body, assigned_to=officer, name=NAME, email=EMAIL)
    requester = case.requester
    requester.address, requester.organisation, requester.requester_type = ADDRESS, ORGANISATION, "journalist"
    requester.save()
    return case


@pytest.fixture
def signed_in(client, blind_officer):
    client.force_login(blind_officer)
    return client


def edit_url(case) -> str:
    return reverse("foi_cases:case_edit", args=[case.pk])


def details(case, **overrides) -> dict:
    """The case's details as the blind edit page posts them: no requester fields."""
    data = {
        "regime": case.regime,
        "received_on": case.received_on.isoformat(),
        "channel": case.channel,
        "subject": case.subject,
        "request_text": case.request_text,
        "body": case.body_id,
        "items": "\n\n".join(item.text for item in case.items.all()),
    }
    return {**data, **overrides}


def requester_as_stored(case) -> tuple:
    requester = Case.objects.get(pk=case.pk).requester
    return (requester.name, requester.email, requester.address, requester.organisation, requester.requester_type)


STORED = (NAME, EMAIL, ADDRESS, ORGANISATION, "journalist")


def shows_identity(html: str) -> bool:
    return any(text in html for text in ("Zebedee", "Quillfeather", EMAIL, "Lantern Yard", ORGANISATION, "Journalist"))


def reveals(case):
    return AuditEvent.objects.filter(case=case, action="requester_revealed")


# --- opening the page --------------------------------------------------------------------------


def test_a_blind_caseworker_can_open_the_edit_page(signed_in, case):
    assert signed_in.get(edit_url(case)).status_code == 200


def test_the_edit_page_shows_a_blind_caseworker_nothing_about_who_asked(signed_in, case):
    html = signed_in.get(edit_url(case)).content.decode()
    assert not shows_identity(html)


def test_the_edit_page_has_no_requester_fields_for_a_blind_caseworker(signed_in, case):
    response = signed_in.get(edit_url(case))
    html = response.content.decode()
    assert not set(REQUESTER_FIELDS) & set(response.context["form"].fields)
    assert not any(f'name="{field}"' in html for field in REQUESTER_FIELDS)


def test_the_edit_page_tells_a_blind_caseworker_why_the_requester_is_missing(signed_in, case):
    assert HIDDEN_NOTE in signed_in.get(edit_url(case)).content.decode()


def test_the_edit_page_still_offers_a_blind_caseworker_the_cases_details(signed_in, case):
    form = signed_in.get(edit_url(case)).context["form"]
    assert (form["subject"].value(), form["received_on"].value()) == ("Facial recognition", date(2019, 12, 12))


def test_opening_the_edit_page_as_a_blind_caseworker_records_no_reveal(signed_in, case):
    signed_in.get(edit_url(case))
    assert not reveals(case).exists()


def test_users_allowed_to_see_who_asked_still_get_the_requester_fields_and_no_hidden_note(client, officer, case):
    client.force_login(officer)
    response = client.get(edit_url(case))
    assert set(REQUESTER_FIELDS) <= set(response.context["form"].fields)
    assert HIDDEN_NOTE not in response.content.decode()
    assert reveals(case).count() == 1


# --- saving --------------------------------------------------------------------------------------


def test_a_blind_caseworker_can_correct_the_subject(signed_in, case):
    response = signed_in.post(edit_url(case), details(case, subject="Facial recognition trials"))
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).subject == "Facial recognition trials"


def test_a_blind_caseworkers_correction_is_recorded_as_theirs(signed_in, case, blind_officer):
    signed_in.post(edit_url(case), details(case, subject="Facial recognition trials"))
    event = case.audit_events.get(action="case_updated")
    assert (event.actor, event.summary) == (blind_officer, "Edited subject.")


def test_a_blind_caseworker_can_correct_the_date_of_receipt(signed_in, case):
    signed_in.post(edit_url(case), details(case, received_on="2019-12-13"))
    assert Case.objects.get(pk=case.pk).due_on == date(2020, 1, 16)


def test_a_blind_caseworkers_save_leaves_the_requester_as_it_was(signed_in, case):
    signed_in.post(edit_url(case), details(case, subject="Facial recognition trials"))
    assert requester_as_stored(case) == STORED
    assert not case.audit_events.filter(action="requester_updated").exists()


def test_a_blind_caseworkers_save_records_no_reveal(signed_in, case):
    signed_in.post(edit_url(case), details(case, subject="Facial recognition trials"))
    assert not reveals(case).exists()


def test_requester_fields_posted_by_a_blind_caseworker_change_nothing_about_the_requester(signed_in, case):
    posted = {
        "requester_name": "Someone Else",
        "requester_email": "someone@example.org",
        "requester_address": "1 Other Street",
        "requester_organisation": "Another Paper",
        "requester_type": "public",
    }
    response = signed_in.post(edit_url(case), details(case, subject="Facial recognition trials", **posted))
    assert response.status_code == 302
    assert requester_as_stored(case) == STORED
    assert not case.audit_events.filter(action="requester_updated").exists()


def test_posting_only_requester_fields_as_a_blind_caseworker_saves_nothing(signed_in, case):
    before = case.audit_events.count()
    signed_in.post(edit_url(case), details(case, requester_name="Someone Else", requester_email="x@example.org"))
    assert requester_as_stored(case) == STORED
    assert case.audit_events.count() == before


def test_a_blind_caseworkers_refused_edit_shows_the_error_and_still_nothing_about_who_asked(signed_in, case):
    response = signed_in.post(edit_url(case), details(case, received_on="2999-01-01", subject="Changed"))
    html = response.content.decode()
    assert response.context["form"].errors["received_on"] == ["The date of receipt cannot be in the future."]
    assert not shows_identity(html)
    assert Case.objects.get(pk=case.pk).subject == "Facial recognition"


def test_a_blind_caseworker_cannot_edit_a_closed_case(signed_in, case, officer):
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    response = signed_in.get(edit_url(case), follow=True)
    assert "This case is closed; reopen it first." in response.content.decode()
    assert not shows_identity(response.content.decode())


def test_a_view_only_user_still_gets_403_on_the_edit_page(client, case):
    reader = UserFactory(username="reader", role=None)
    reader.user_permissions.add(Permission.objects.get(codename="view_case", content_type__app_label="foi_cases"))
    client.force_login(reader)
    assert client.get(edit_url(case)).status_code == 403
    assert client.post(edit_url(case), details(case, subject="Changed")).status_code == 403
    assert Case.objects.get(pk=case.pk).subject == "Facial recognition"
