"""POST /api/v1/cases/ with `review_of`: an internal review asked for by email, post or phone,
logged through the same service as the case page's "Log an internal review".

The request: FOIA, received 12 December 2019, answered 10 January 2020; today is 3 February 2020,
so a review received today is due 2 March 2020.
"""

from datetime import date

import pytest

from foi_cases import services
from foi_cases.models import Case, Requester
from foi_cases.tests.api_client import signed_in
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

CASES_URL = "/api/v1/cases/"
TODAY = date(2020, 2, 3)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


@pytest.fixture
def case(officer, body):
    case = make_case(actor=officer, body=body)
    return services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


def review(api, case, **changes):
    data = {
        "review_of": case.reference,
        "received": "2020-02-03",
        "channel": "email",
        "request_text": "You did not search the 2018 files.",
    }
    return api.post(CASES_URL, {**data, **changes}, format="json")


@pytest.mark.parametrize("name_it_by", ["reference", "id", "id as text", "reference in lower case"])
def test_a_review_is_logged_for_the_case_named_by_reference_or_id(api, case, name_it_by):
    given = {
        "reference": case.reference,
        "id": case.pk,
        "id as text": str(case.pk),
        "reference in lower case": case.reference.lower(),
    }[name_it_by]
    response = review(api, case, review_of=given)
    assert response.status_code == 201
    created = response.json()
    assert created["review_of"] == case.pk
    assert created["reference"].startswith("IR")
    assert (created["regime"], created["body"], created["received"], created["due"]) == (
        "foia",
        case.body_id,
        "2020-02-03",
        "2020-03-02",
    )
    assert created["subject"] == f"Internal review of {case.reference}: Facial recognition"
    assert created["items"] == ["You did not search the 2018 files."]
    assert response["Location"] == created["url"]


def test_the_review_copies_the_requester_and_is_audited_on_the_original(api, case, officer):
    created = review(api, case).json()
    assert created["requester"]["name"] == "Alex Requester"
    assert case.audit_events.get(action="review_logged").actor == officer


def test_a_request_shows_no_case_reviewed(api, case):
    assert api.get(f"{CASES_URL}{case.pk}/").json()["review_of"] is None


def test_an_unknown_case_gets_400_under_review_of(api, case):
    response = review(api, case, review_of="FOI2019/99999")
    assert (response.status_code, response.json()) == (
        400,
        {"review_of": ["No case has the id or reference FOI2019/99999."]},
    )


def test_a_huge_id_is_an_unknown_case_not_an_error(api, case):
    assert review(api, case, review_of="9" * 40).status_code == 400


def test_a_second_review_gets_400_under_review_of_and_writes_nothing(api, case):
    first = review(api, case).json()
    response = review(api, case)
    assert response.status_code == 400
    assert response.json() == {
        "review_of": [
            f"An internal review of {case.reference} is already logged ({first['reference']}). A second one can "
            "be logged only if that one is withdrawn."
        ]
    }
    assert case.reviews.count() == 1


def test_a_case_not_yet_responded_gets_400(api, officer, body):
    open_case = make_case(actor=officer, body=body)
    response = review(api, open_case)
    assert response.status_code == 400
    assert "once the response has been sent" in response.json()["review_of"][0]


def test_a_date_before_the_response_gets_400_under_received(api, case):
    response = review(api, case, received="2020-01-09")
    assert (response.status_code, list(response.json())) == (400, ["received"])
    assert not case.reviews.exists()


def test_empty_reasons_get_400_under_request_text(api, case):
    response = review(api, case, request_text="  ")
    assert (response.status_code, list(response.json())) == (400, ["request_text"])


def test_what_comes_from_the_original_is_refused_not_ignored(api, case):
    cases, people = Case.objects.count(), Requester.objects.count()
    response = review(api, case, regime="eir", requester={"name": "Someone Else"})
    assert response.status_code == 400
    assert set(response.json()) == {"regime", "requester"}
    assert (Case.objects.count(), Requester.objects.count()) == (cases, people)


def test_logging_a_review_needs_the_role_that_logs_cases(case, case_reader):
    assert review(signed_in(case_reader), case).status_code == 403
    assert not case.reviews.exists()


def test_the_list_can_show_only_reviews_or_only_requests(api, case):
    created = review(api, case).json()
    only_reviews = api.get(CASES_URL, {"kind": "review"}).json()["results"]
    only_requests = api.get(CASES_URL, {"kind": "request"}).json()["results"]
    assert [found["reference"] for found in only_reviews] == [created["reference"]]
    assert [found["reference"] for found in only_requests] == [case.reference]
