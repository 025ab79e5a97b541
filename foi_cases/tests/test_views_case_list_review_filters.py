"""The case list's filters for internal reviews, regimes to be confirmed and clarification replies
(the staff list and GET /api/v1/cases/ share them)."""

from datetime import date

import pytest
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

URL = reverse("foi_cases:case_list")


@pytest.fixture
def cases(officer, body, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 2, 3))
    original = make_case(actor=officer, body=body, subject="Original")
    services.case_close(case=original, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))
    review = services.review_log(
        case=original, actor=officer, received_on=date(2020, 2, 3), channel="email", reasons="Look again."
    )
    web = portal.web_request_submit(
        name="Rosalind Pemberton",
        email="rosalind.p@example.org",
        address="",
        body=body,
        subject="From the web",
        request_text="Air quality readings.",
        regime_hint=portal.RegimeHint.EIR,
    ).case
    return {"original": original, "review": review, "web": web}


def listed(client, officer, **query) -> set[str]:
    client.force_login(officer)
    return {case.reference for case, _ in client.get(URL, query).context["rows"]}


def refs(cases, *names) -> set[str]:
    return {cases[name].reference for name in names}


def test_the_list_can_show_internal_reviews_only(client, officer, cases):
    assert listed(client, officer, kind="review") == refs(cases, "review")


def test_the_list_can_show_requests_only(client, officer, cases):
    assert listed(client, officer, kind="request") == refs(cases, "original", "web")


def test_without_the_filter_requests_and_reviews_are_both_listed(client, officer, cases):
    assert listed(client, officer) == refs(cases, "original", "review", "web")


def test_the_list_can_show_regimes_to_be_confirmed_only(client, officer, cases):
    assert listed(client, officer, regime_unconfirmed="on") == refs(cases, "web")


def test_a_confirmed_regime_leaves_that_list(client, officer, cases):
    services.case_update(case=cases["web"], actor=officer, regime="eir")
    assert listed(client, officer, regime_unconfirmed="on") == set()


def test_the_filter_panel_offers_the_new_filters_with_labels(client, officer, cases):
    client.force_login(officer)
    html = client.get(URL).content.decode()
    for label in ("Requests or reviews", "Internal reviews only", "Regime to be confirmed", "Clarification reply"):
        assert label in html
    assert 'name="regime_unconfirmed"' in html and 'type="checkbox"' in html


def test_the_api_list_filters_the_same_way(api, cases):
    found = api.get("/api/v1/cases/", {"regime_unconfirmed": "true"}).json()["results"]
    assert [case["reference"] for case in found] == [cases["web"].reference]


def test_an_unknown_kind_gets_400_from_the_api(api, cases):
    assert api.get("/api/v1/cases/", {"kind": "appeal"}).status_code == 400
