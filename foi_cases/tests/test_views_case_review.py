"""Logging an internal review from the case page, for one asked for by email, post or phone; and
how a review case's page points to the original's status link.

The request: FOIA, received 12 December 2019, answered 10 January 2020; today is 3 February 2020.
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from foi_cases import portal, services
from foi_cases.models import Case
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

TODAY = date(2020, 2, 3)
REASONS = "You did not search the <b>2018</b> files."


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: TODAY)


def responded(officer, body, **kwargs) -> Case:
    case = make_case(actor=officer, body=body, **kwargs)
    return services.case_close(case=case, actor=officer, outcome="granted", responded_on=date(2020, 1, 10))


@pytest.fixture
def case(officer, body):
    return responded(officer, body)


def page(client, case) -> str:
    return client.get(reverse("foi_cases:case_detail", args=[case.pk])).content.decode()


def log(client, case, **overrides):
    data = {"review-received_on": "2020-02-03", "review-channel": "post", "review-reasons": REASONS}
    return client.post(reverse("foi_cases:case_review_log", args=[case.pk]), {**data, **overrides})


def test_a_responded_case_offers_to_log_an_internal_review(client, officer, case):
    client.force_login(officer)
    card = re.search(r'<section class="card mb-4 case-reviews".*?</section>', page(client, case), re.S).group(0)
    assert "<summary>Log an internal review</summary>" in card
    assert 'name="review-received_on"' in card and 'name="review-reasons"' in card
    assert reverse("foi_cases:case_review_log", args=[case.pk]) in card


def test_the_channels_offered_are_those_a_review_reaches_an_officer_by(client, officer, case):
    client.force_login(officer)
    select = re.search(r'<select name="review-channel".*?</select>', page(client, case), re.S).group(0)
    assert re.findall(r'value="(\w+)"', select) == ["email", "post", "phone"]


def test_logging_a_review_creates_the_linked_case_and_says_so(client, officer, case):
    client.force_login(officer)
    response = log(client, case)
    review = case.reviews.get()
    assert (response.status_code, response["Location"]) == (302, reverse("foi_cases:case_detail", args=[case.pk]))
    assert (review.received_on, review.channel, review.request_text) == (TODAY, "post", REASONS)
    html = client.get(response["Location"]).content.decode()
    assert f"Logged the internal review {review.reference}, due 2 March 2020." in html
    assert f'<a href="{reverse("foi_cases:case_detail", args=[review.pk])}">{review.reference}</a>' in html


def test_the_reasons_are_shown_escaped_on_the_reviews_page(client, officer, case):
    client.force_login(officer)
    log(client, case)
    html = page(client, case.reviews.get())
    assert "&lt;b&gt;2018&lt;/b&gt;" in html and "<b>2018</b>" not in html


def test_a_date_before_the_response_is_marked_on_the_form_and_nothing_is_logged(client, officer, case):
    client.force_login(officer)
    response = log(client, case, **{"review-received_on": "2020-01-09"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be before the response was sent (10 January 2020)." in html
    assert '<details class="case-action" id="action-review" open>' in html
    assert not case.reviews.exists()


def test_reasons_are_required(client, officer, case):
    client.force_login(officer)
    response = log(client, case, **{"review-reasons": ""})
    assert response.status_code == 200
    assert not case.reviews.exists()


def test_a_case_with_a_review_standing_no_longer_offers_another(client, officer, case):
    client.force_login(officer)
    log(client, case)
    assert "Log an internal review" not in page(client, case)


def test_a_second_review_posted_anyway_is_refused_with_a_clear_message(client, officer, case):
    client.force_login(officer)
    log(client, case)
    first = case.reviews.get()
    response = log(client, case)
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert (
        f"The change was not saved. An internal review of {case.reference} is already logged ({first.reference})."
        in html
    )
    assert case.reviews.count() == 1


@pytest.mark.parametrize("which", ["open", "subject access", "review"])
def test_cases_that_cannot_be_reviewed_do_not_offer_it(client, officer, body, case, which):
    if which == "open":
        shown = make_case(actor=officer, body=body)
    elif which == "subject access":
        shown = responded(officer, body, regime="sar")
    else:
        shown = services.review_log(case=case, actor=officer, received_on=TODAY, channel="email", reasons="Why?")
    client.force_login(officer)
    assert "Log an internal review" not in page(client, shown)


def test_a_reader_who_may_not_change_cases_is_neither_offered_it_nor_allowed(client, case_reader, case):
    client.force_login(case_reader)
    assert "Log an internal review" not in page(client, case)
    assert log(client, case).status_code == 403
    assert not case.reviews.exists()


def test_logging_needs_a_post(client, officer, case):
    client.force_login(officer)
    assert client.get(reverse("foi_cases:case_review_log", args=[case.pk])).status_code == 405


# --- the status link card of a review case ---------------------------------------------------------


def test_a_review_cases_status_card_says_the_requester_follows_it_through_the_originals_link(client, officer, case):
    review = services.review_log(case=case, actor=officer, received_on=TODAY, channel="email", reasons="Why?")
    client.force_login(officer)
    card = re.search(r'<section class="card mb-4 status-links".*?</section>', page(client, review), re.S).group(0)
    assert "the requester follows it through the status link of the original request" in card
    assert f'<a href="{reverse("foi_cases:case_detail", args=[case.pk])}">{case.reference}</a>' in card
    assert "Email a status link" not in card


def test_a_request_from_the_portal_asked_for_on_its_status_page_points_there_too(client, officer, case):
    review = portal.review_request_submit(case=case, reasons="Please look again.").review
    client.force_login(officer)
    assert "status link of the original request" in page(client, review)
