"""What the status page says about going to the commissioner after a response (uk-foi.md, section 4):
in Scotland a review comes first and there are 6 months from its outcome to apply to the Scottish
Information Commissioner; elsewhere the ICO generally expects a complaint within 6 weeks of the
review's outcome. And what the public request form says the requester's choice of law does."""

from datetime import date

import pytest
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

SCOTTISH_FIRST = "You must ask us for a review before you can apply to the Scottish Information Commissioner."
SCOTTISH_MONTHS = "you can apply to the commissioner for a decision within 6 months of getting its outcome."
SCOTTISH_AFTER_REVIEW = "You must apply within 6 months of getting the outcome of the review."
ICO_WEEKS = "to complain within 6 weeks of getting its outcome."
ICO_AFTER_REVIEW = "The ICO generally expects you to complain within 6 weeks of getting the outcome of the review."


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 20))


def responded(officer, body, regime):
    case = make_case(actor=officer, body=body, regime=regime)
    return services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


def status_page(client, case) -> str:
    html = client.get(reverse("status:page", args=[portal.status_token_issue(case=case)])).content.decode()
    return " ".join(html.split())


@pytest.mark.parametrize("regime", ["foisa", "eisr"])
def test_a_scottish_response_says_a_review_comes_first_then_6_months_to_apply(client, officer, body, regime):
    html = status_page(client, responded(officer, body, regime))
    assert "Apply to the Scottish Information Commissioner</h3>" in html
    assert SCOTTISH_FIRST in html and SCOTTISH_MONTHS in html
    assert "6 weeks" not in html


@pytest.mark.parametrize("regime", ["foisa", "eisr"])
def test_after_a_scottish_review_the_6_months_run_from_its_outcome(client, officer, body, regime, officer2):
    case = responded(officer, body, regime)
    review = portal.review_request_submit(case=case, reasons="Please look again.").review
    assert SCOTTISH_AFTER_REVIEW in status_page(client, case)
    services.case_close(case=review, actor=officer2, outcome="review_upheld", responded_on=date(2020, 1, 20))
    assert SCOTTISH_AFTER_REVIEW in status_page(client, review)


@pytest.mark.parametrize("regime", ["foia", "eir"])
def test_an_foi_or_eir_response_mentions_the_icos_6_weeks(client, officer, body, regime):
    html = status_page(client, responded(officer, body, regime))
    assert "Complain to the Information Commissioner&#x27;s Office (ICO)</h3>" in html
    assert "The ICO usually expects you to ask us for an internal review first, and " + ICO_WEEKS in html
    assert "6 months" not in html


def test_after_an_foi_review_the_6_weeks_run_from_its_outcome(client, officer, body):
    case = responded(officer, body, "foia")
    portal.review_request_submit(case=case, reasons="Please look again.")
    assert ICO_AFTER_REVIEW in status_page(client, case)


def test_a_subject_access_request_mentions_neither_time_limit(client, officer, body):
    html = status_page(client, responded(officer, body, "sar"))
    assert "complain to the Information Commissioner&#x27;s Office (ICO) directly" in html
    assert "6 weeks" not in html and "6 months" not in html


# --- the public request form -------------------------------------------------------------------


def test_the_form_says_we_check_which_law_applies_whatever_is_chosen(client, body):
    html = " ".join(client.get(reverse("request:new")).content.decode().split())
    assert "we check which law applies to every request" in html
    assert "does not change how we handle your request" not in html
