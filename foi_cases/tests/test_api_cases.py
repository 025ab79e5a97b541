"""Logging, listing, showing and editing cases through /api/v1/cases/."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from foi_cases import services
from foi_cases.filters import CaseFilter
from foi_cases.models import Case, PublicBody, Requester
from foi_cases.tests.factories import BodyFactory, make_case

pytestmark = pytest.mark.django_db


CASES_URL = "/api/v1/cases/"
NEW_REQUEST = {
    "regime": "foia",
    "received": "2019-12-12",
    "channel": "email",
    "subject": "Facial recognition",
    "request_text": "1. When did you start?\n2. How much did it cost?",
    "requester": {"name": "Alex Requester", "email": "alex@example.org"},
}


def log(api, **changes):
    return api.post(CASES_URL, {**NEW_REQUEST, **changes}, format="json")


def case_url(case) -> str:
    return f"{CASES_URL}{case.pk}/"


def references(response) -> list[str]:
    return [case["reference"] for case in response.json()["results"]]


# --- creating ---------------------------------------------------------------------------


def test_logging_a_request_returns_its_reference_due_date_status_and_address(api, body):
    response = log(api)

    assert response.status_code == 201
    case = Case.objects.get()
    assert response.json()["reference"] == "FOI2019/00001"
    assert response.json()["due"] == "2020-01-15"
    assert response.json()["status"] == "open"
    assert response.json()["url"] == f"http://testserver/api/v1/cases/{case.pk}/"
    assert response["Location"] == response.json()["url"]


def test_a_logged_case_has_the_documented_shape(api, body, officer):
    created = log(api).json()

    assert created["received"] == "2019-12-12"
    assert created["regime"] == "foia"
    assert created["channel"] == "email"
    assert created["subject"] == "Facial recognition"
    assert created["items"] == ["When did you start?", "How much did it cost?"]
    assert created["requester"] == {
        "name": "Alex Requester",
        "email": "alex@example.org",
        "address": "",
        "organisation": "",
        "requester_type": "public",
    }
    assert created["body"] == body.pk
    assert created["assigned_to"] is None
    assert created["statutory_due"] == "2020-01-15"
    assert created["internal_target"] == "2020-01-08"
    assert created["extension_days"] == 0
    assert created["outcome"] == ""
    assert created["responded_on"] is None
    assert created["answered_in_time"] is None
    assert created["answered_with"] == [] and created["related_to"] == []
    assert created["clock_events"] == []
    assert "created_at" in created


def test_the_case_is_logged_by_the_signed_in_user(api, body, officer):
    log(api)

    assert Case.objects.get().created_by == officer


def test_the_body_defaults_to_the_only_active_one(api, body):
    BodyFactory(name="Closed force", is_active=False)

    assert log(api).json()["body"] == body.pk


def test_the_body_is_required_when_the_unit_serves_several(api, body, other_body):
    response = log(api)

    assert response.status_code == 400
    assert response.json() == {"body": ["body is required: give the id of the public body this request is for."]}


def test_a_case_can_be_logged_for_a_named_body_officer_items_and_requester_details(api, body, other_body, officer):
    response = log(
        api,
        body=other_body.pk,
        assigned_to=officer.pk,
        items=["Everything about drones"],
        requester={
            "name": "Jo Reporter",
            "email": "jo@paper.example",
            "address": "1 Fleet Street",
            "organisation": "The Paper",
            "requester_type": "journalist",
        },
    )

    created = response.json()
    assert response.status_code == 201
    assert created["body"] == other_body.pk
    assert created["assigned_to"] == officer.pk
    assert created["assigned_to_name"] == "Olivia Officer"
    assert created["items"] == ["Everything about drones"]
    assert created["requester"]["organisation"] == "The Paper"
    assert created["requester"]["requester_type"] == "journalist"


def test_a_case_cannot_be_assigned_to_someone_without_a_casework_role(api, body, stranger):
    response = log(api, assigned_to=stranger.pk)

    assert response.status_code == 400
    assert response.json() == {"assigned_to": ["Choose an information rights officer, supervisor or administrator."]}


def test_html_in_the_request_text_comes_back_verbatim_as_a_json_string(api, body):
    text = "<script>alert('x')</script>\n<b>Bold</b> &amp; <i>italic</i>"

    response = log(api, request_text=text)

    assert response["Content-Type"] == "application/json"
    assert response.json()["request_text"] == text
    assert api.get(response.json()["url"]).json()["request_text"] == text


def test_the_browsable_api_shows_html_in_the_request_text_escaped(officer, body):
    case = make_case(actor=officer, body=body, request_text="<script>alert('x')</script>")
    client = APIClient()
    client.force_authenticate(officer)

    page = client.get(case_url(case), HTTP_ACCEPT="text/html").content.decode()

    assert "<script>alert(" not in page
    assert "&lt;script&gt;alert(" in page


def test_the_request_text_keeps_its_spacing(api, body):
    text = "  Please provide:\n\n1. the budget  \n"

    assert log(api, request_text=text).json()["request_text"] == text


def _future():
    return (services.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"received": _future()}, {"received": ["The date of receipt cannot be in the future."]}),
        ({"received": "2019-02-30"}, {"received": ["2019-02-30 is not a real date."]}),
        ({"regime": "foi"}, {"regime": ['Unknown regime "foi"; use one of foia, eir, foisa, eisr, sar.']}),
        (
            {"request_text": "x" * 2_000_000},
            {
                "request_text": [
                    "The request text is too long (2,000,000 characters; the limit is 100,000). "
                    "Attach long documents to the case instead."
                ]
            },
        ),
        (
            {"requester": {"name": "Alex", "email": "not-an-email"}},
            {"requester": {"email": ["Enter a valid email address."]}},
        ),
        ({"requester": None}, {"requester": ["This field may not be null."]}),
        ({"channel": "pigeon"}, {"channel": ['"pigeon" is not a valid choice.']}),
        ({"subject": ""}, {"subject": ["This field may not be blank."]}),
    ],
    ids=[
        "received in the future",
        "impossible date",
        "unknown regime",
        "2 MB request text",
        "bad email",
        "null requester",
        "unknown channel",
        "blank subject",
    ],
)
def test_bad_input_gets_400_and_writes_nothing(api, body, changes, errors):
    response = log(api, **changes)

    assert response.status_code == 400
    assert response.json() == errors
    assert Case.objects.count() == 0
    assert Requester.objects.count() == 0


def test_a_missing_requester_gets_400(api, body):
    request = {key: value for key, value in NEW_REQUEST.items() if key != "requester"}

    response = api.post(CASES_URL, request, format="json")

    assert response.status_code == 400
    assert response.json() == {"requester": ["This field is required."]}
    assert Requester.objects.count() == 0


def test_a_refused_request_does_not_use_up_a_reference_number(api, body):
    log(api, received=_future())

    assert log(api).json()["reference"] == "FOI2019/00001"


# --- listing ----------------------------------------------------------------------------


def test_the_list_is_paginated(api, officer, body):
    for day in (10, 11, 12):
        make_case(actor=officer, body=body, received_on=date(2019, 12, day))

    response = api.get(CASES_URL, {"page_size": 2})

    assert response.json()["count"] == 3
    assert references(response) == ["FOI2019/00003", "FOI2019/00002"]
    assert response.json()["next"] == "http://testserver/api/v1/cases/?page=2&page_size=2"
    assert response.json()["previous"] is None


def test_the_list_filters_by_regime(api, officer, body):
    make_case(actor=officer, body=body, regime="foia")
    make_case(actor=officer, body=body, regime="eir")

    assert references(api.get(CASES_URL, {"regime": "eir"})) == ["FOI2019/00002"]


def test_the_list_filters_by_status(api, officer, body):
    make_case(actor=officer, body=body)
    closed = make_case(actor=officer, body=body)
    services.case_close(case=closed, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))

    assert references(api.get(CASES_URL, {"status": "responded"})) == ["FOI2019/00002"]


def test_the_list_filters_by_body(api, officer, body, other_body):
    make_case(actor=officer, body=body)
    make_case(actor=officer, body=other_body)

    assert references(api.get(CASES_URL, {"body": other_body.pk})) == ["FOI2019/00002"]


def test_the_list_filters_by_officer(api, officer, officer2, body):
    make_case(actor=officer, body=body, assigned_to=officer)
    make_case(actor=officer, body=body, assigned_to=officer2)

    assert references(api.get(CASES_URL, {"officer": officer2.pk})) == ["FOI2019/00002"]


def test_the_list_shows_only_unassigned_cases_when_asked(api, officer, body):
    make_case(actor=officer, body=body, assigned_to=officer)
    make_case(actor=officer, body=body)

    assert references(api.get(CASES_URL, {"unassigned": "true"})) == ["FOI2019/00002"]


def test_the_list_shows_only_overdue_cases_when_asked(api, officer, body):
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    make_case(actor=officer, body=body, received_on=services.today())

    assert references(api.get(CASES_URL, {"overdue": "true"})) == ["FOI2019/00001"]


def test_the_list_filters_by_received_dates(api, officer, body):
    for day in (2, 12, 20):
        make_case(actor=officer, body=body, received_on=date(2019, 12, day))

    response = api.get(CASES_URL, {"received_after": "2019-12-10", "received_before": "2019-12-15"})

    assert references(response) == ["FOI2019/00002"]


def test_the_list_filters_by_due_dates(api, officer, body):
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))  # due 15 January 2020
    make_case(actor=officer, body=body, received_on=date(2019, 11, 1))  # due 29 November 2019

    response = api.get(CASES_URL, {"due_after": "2020-01-01", "due_before": "2020-01-31"})

    assert references(response) == ["FOI2019/00001"]


@pytest.mark.parametrize("query", ["00002", "DRONES", "helicopter"], ids=["reference", "subject", "request text"])
def test_the_search_looks_in_reference_subject_and_request_text(api, officer, body, query):
    make_case(actor=officer, body=body, subject="Speed cameras", request_text="How many cameras?")
    make_case(actor=officer, body=body, subject="Police drones", request_text="Do you hire a helicopter?")

    assert references(api.get(CASES_URL, {"q": query})) == ["FOI2019/00002"]


def test_the_list_sorts_by_due_date(api, officer, body):
    make_case(actor=officer, body=body, received_on=date(2019, 12, 12))
    make_case(actor=officer, body=body, received_on=date(2019, 11, 1))

    assert references(api.get(CASES_URL, {"sort": "due"})) == ["FOI2019/00002", "FOI2019/00001"]


def test_the_list_agrees_with_the_staff_case_filter(api, officer, officer2, body, other_body):
    for day, regime, who, where in [
        (2, "foia", officer, body),
        (5, "eir", None, body),
        (9, "foia", officer2, other_body),
        (12, "foia", None, body),
    ]:
        make_case(actor=officer, body=where, regime=regime, assigned_to=who, received_on=date(2019, 12, day))
    query = f"regime=foia&body={body.pk}&received_after=2019-12-01&sort=received"

    staff = CaseFilter(QueryDict(query), queryset=Case.objects.all()).qs
    assert staff.count() == 2

    assert references(api.get(f"{CASES_URL}?{query}")) == [case.reference for case in staff]


def test_a_bad_filter_value_gets_400(api, body):
    response = api.get(CASES_URL, {"status": "lost"})

    assert response.status_code == 400
    assert "status" in response.json()


def _busy_case(actor, body, other):
    case = make_case(actor=actor, body=body, assigned_to=actor)
    services.clock_event_record(case=case, actor=actor, kind="extension", on=date(2019, 12, 20), days=5)
    services.case_link(case=case, actor=actor, other=other, kind="related_to")
    return case


def _queries(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_for_the_list_does_not_grow_with_the_page(api, officer, body):
    anchor = make_case(actor=officer, body=body)
    _busy_case(officer, body, anchor)
    few = _queries(api, CASES_URL)
    for _ in range(5):
        _busy_case(officer, body, anchor)

    assert _queries(api, CASES_URL) == few


def test_the_number_of_queries_for_a_case_does_not_grow_with_its_events(api, officer, body):
    case = make_case(actor=officer, body=body)
    quiet = _queries(api, case_url(case))
    services.clock_event_record(case=case, actor=officer, kind="clarification_requested", on=date(2019, 12, 13))
    services.clock_event_record(case=case, actor=officer, kind="clarification_received", on=date(2019, 12, 16))
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2019, 12, 20), days=5)
    for _ in range(3):
        services.case_link(case=case, actor=officer, other=make_case(actor=officer, body=body), kind="answered_with")

    assert _queries(api, case_url(case)) == quiet


# --- showing and editing ----------------------------------------------------------------


def test_a_case_is_shown_at_its_url(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.get(case_url(case))

    assert response.status_code == 200
    assert response.json()["reference"] == "FOI2019/00001"


def test_an_unknown_case_gets_404(api, body):
    assert api.get(f"{CASES_URL}999999/").status_code == 404


def test_editing_the_subject_changes_only_the_subject(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"subject": "Facial recognition trials"}, format="json")

    assert response.status_code == 200
    assert response.json()["subject"] == "Facial recognition trials"
    assert response.json()["request_text"] == case.request_text


def test_editing_the_receipt_date_recomputes_the_deadline(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"received": "2019-12-13"}, format="json")

    assert response.json()["received"] == "2019-12-13"
    assert response.json()["due"] == "2020-01-16"


def test_a_case_can_be_moved_to_another_body(api, officer, body, other_body):
    case = make_case(actor=officer, body=body)

    assert api.patch(case_url(case), {"body": other_body.pk}, format="json").json()["body"] == other_body.pk


def test_editing_the_request_text_resplits_the_items(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"request_text": "a) Drones\nb) Helicopters"}, format="json")

    assert response.json()["items"] == ["Drones", "Helicopters"]


def test_an_edit_with_a_future_receipt_date_gets_400_under_the_api_name(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"received": _future()}, format="json")

    assert response.status_code == 400
    assert response.json() == {"received": ["The date of receipt cannot be in the future."]}


def test_a_regime_that_forbids_the_cases_extension_gets_400_on_the_regime(api, officer, body):
    case = make_case(actor=officer, body=body)
    services.clock_event_record(case=case, actor=officer, kind="extension", on=date(2020, 1, 6), days=5)

    response = api.patch(case_url(case), {"regime": "foisa"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"regime": ["FOISA has no extension of the 20 working days."]}
    assert Case.objects.get().regime == "foia"


def test_fields_that_cannot_be_edited_are_refused_not_ignored(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"status": "closed", "due": "2030-01-01"}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "due": ["This field cannot be changed here."],
        "status": ["This field cannot be changed here."],
    }


def test_an_inactive_body_cannot_be_chosen(api, officer, body):
    case = make_case(actor=officer, body=body)
    gone = PublicBody.objects.create(name="Merged force", is_active=False)

    response = api.patch(case_url(case), {"body": gone.pk}, format="json")

    assert response.status_code == 400
    assert "body" in response.json()


def test_a_closed_case_cannot_be_edited(api, officer, body):
    case = make_case(actor=officer, body=body)
    services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))

    response = api.patch(case_url(case), {"subject": "Too late"}, format="json")

    assert response.status_code == 409
    assert response.json() == {"detail": "This case is closed; reopen it first."}


def test_a_case_cannot_be_deleted(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.delete(case_url(case))

    assert response.status_code == 405
    assert Case.objects.filter(pk=case.pk).exists()


def test_a_case_cannot_be_replaced_wholesale(api, officer, body):
    case = make_case(actor=officer, body=body)

    assert api.put(case_url(case), NEW_REQUEST, format="json").status_code == 405


def test_the_items_can_be_corrected_with_patch(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"items": ["Start date?", "Cost?", "Approver?"]}, format="json")

    assert response.status_code == 200
    assert response.json()["items"] == ["Start date?", "Cost?", "Approver?"]


def test_patching_empty_items_gets_400_and_keeps_the_items(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"items": [" "]}, format="json")

    assert response.status_code == 400
    assert "items" in response.json()
    assert case.items.count() == 2


def test_the_requesters_details_can_be_corrected_with_patch(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"requester": {"email": "alex@new.example"}}, format="json")

    assert response.status_code == 200
    case.requester.refresh_from_db()
    assert (case.requester.name, case.requester.email) == ("Alex Requester", "alex@new.example")


def test_a_bad_requester_email_in_a_patch_gets_400_and_changes_nothing(api, officer, body):
    case = make_case(actor=officer, body=body)

    response = api.patch(case_url(case), {"requester": {"email": "not-an-email"}}, format="json")

    assert response.status_code == 400
    case.requester.refresh_from_db()
    assert case.requester.email == "alex@example.org"
