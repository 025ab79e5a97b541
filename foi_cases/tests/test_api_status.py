"""The status API for requesters' own tools: POST /api/v1/status/ with a reference and email address."""

import threading
from datetime import date

import pytest
from django.conf import settings as django_settings
from rest_framework.test import APIClient

from foi_cases import portal, services
from foi_cases.tests.factories import make_case
from responses import issuing

pytestmark = pytest.mark.django_db

URL = "/api/v1/status/"


@pytest.fixture
def api():
    return APIClient(enforce_csrf_checks=True)


@pytest.fixture
def requested(officer, body):
    """A FOIA request received on 12 December 2019, due 15 January 2020."""
    return make_case(actor=officer, body=body)


def ask(api, reference, email, address="192.0.2.10"):
    return api.post(URL, {"reference": reference, "email": email}, format="json", REMOTE_ADDR=address)


@pytest.fixture
def answered(issued, supervisor, case):
    """The response emailed on 10 January 2020 (a review may be asked for until 6 March 2020)."""
    issuing.letter_send(letter=issued, actor=supervisor, method="email")
    case.refresh_from_db()
    return case


def test_the_right_pair_gets_the_status(api, requested):
    response = ask(api, requested.reference, "alex@example.org")
    assert response.status_code == 200
    assert response.json() == {
        "reference": requested.reference,
        "status": "received",
        "status_label": "Received",
        "explanation": "We have received your request and logged it.",
        "received": "2019-12-12",
        "due": "2020-01-15",
        "extended": False,
        "letters": [],
        "review_of": None,
        "statutory_due": "2020-01-15",
        "review_by": None,
        "can_request_review": False,
        "review_window_open": False,
        "can_answer_clarification": False,
        "commissioner": None,
        "reviews": [],
    }


def test_the_email_and_reference_are_compared_without_regard_to_case(api, requested):
    assert ask(api, requested.reference.lower(), "ALEX@Example.ORG").status_code == 200


def test_an_extension_gives_the_new_date_and_the_reason(api, requested, officer):
    services.clock_event_record(case=requested, actor=officer, kind="extension", on=date(2020, 1, 10), days=20)
    body = ask(api, requested.reference, "alex@example.org").json()
    assert (body["status"], body["due"], body["statutory_due"], body["extended"]) == (
        "extended",
        "2020-02-12",
        "2020-01-15",
        True,
    )
    assert "because we need more time to consider the public interest" in body["explanation"]


def test_a_paused_clock_has_no_due_date(api, requested, officer):
    services.clock_event_record(case=requested, actor=officer, kind="fee_notice_sent", on=date(2019, 12, 16))
    body = ask(api, requested.reference, "alex@example.org").json()
    assert (body["status"], body["due"]) == ("fee_due", None)


def test_sent_letters_come_with_absolute_download_links_that_work(api, answered, client):
    body = ask(api, answered.reference, "alex@example.org").json()
    (letter,) = body["letters"]
    assert {key: value for key, value in letter.items() if key != "download_url"} == {
        "title": "Response to your request: Freedom of Information Act 2000",
        "reference": answered.reference,
        "sent_on": "2020-01-10",
        "signatory": "Olivia Officer",
    }
    assert letter["download_url"].startswith(f"{django_settings.SITE_URL}/status/letters/")
    response = client.get(letter["download_url"].removeprefix(django_settings.SITE_URL))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")


def test_after_a_response_it_gives_the_review_date_and_the_commissioner(api, answered):
    body = ask(api, answered.reference, "alex@example.org").json()
    assert (body["status"], body["review_by"], body["can_request_review"], body["review_window_open"]) == (
        "responded",
        "2020-03-06",
        True,
        True,
    )
    assert body["commissioner"] == {
        "name": "Information Commissioner's Office (ICO)",
        "website": "https://ico.org.uk/make-a-complaint/foi-and-eir-complaints/",
        "helpline": "0303 123 1113",
    }


def test_internal_reviews_are_listed_with_their_own_status_and_dates(api, answered, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 20))
    review = portal.review_request_submit(case=answered, reasons="Please look again.").review
    body = ask(api, answered.reference, "alex@example.org").json()
    assert (body["status"], body["status_label"]) == ("under_review", "Under internal review")
    assert body["reviews"] == [
        {
            "reference": review.reference,
            "status": "received",
            "status_label": "Received",
            "explanation": "We have received your request for an internal review and logged it.",
            "received": "2020-01-20",
            "due": "2020-02-17",
            "extended": False,
            "letters": [],
        }
    ]


def test_a_review_found_by_its_own_reference_names_the_request_it_reviews(api, answered, monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2020, 1, 20))
    review = portal.review_request_submit(case=answered, reasons="Please look again.").review
    assert ask(api, review.reference, "alex@example.org").json()["review_of"] == answered.reference


def test_it_never_gives_internal_details(api, requested, officer2):
    services.case_assign(case=requested, actor=officer2, officer=officer2)
    services.clock_event_record(
        case=requested,
        actor=officer2,
        kind="clarification_requested",
        on=date(2019, 12, 16),
        note="Internal: requester is a journalist",
    )
    text = ask(api, requested.reference, "alex@example.org").content.decode()
    for secret in ("journalist", "Owen", "officer2", "Facial recognition", "Alex Requester"):
        assert secret not in text


def test_a_wrong_reference_and_a_wrong_email_get_the_identical_404(api, requested):
    wrong_reference = ask(api, "FOI2019/99999", "alex@example.org")
    wrong_email = ask(api, requested.reference, "someone@example.org")
    assert wrong_reference.status_code == wrong_email.status_code == 404
    assert wrong_reference.content == wrong_email.content
    assert wrong_email.json() == {"detail": portal.NOT_FOUND_MESSAGE}


def test_one_requesters_email_does_not_open_another_requesters_case(api, requested, officer, body):
    other = make_case(actor=officer, body=body, email="bea@example.net")
    assert ask(api, other.reference, "alex@example.org").status_code == 404


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({}, {"reference": ["This field is required."], "email": ["This field is required."]}),
        (
            {"reference": "  ", "email": ""},
            {"reference": ["This field may not be blank."], "email": ["This field may not be blank."]},
        ),
        ({"reference": "FOI2019/00001", "email": "not an address"}, {"email": ["Enter a valid email address."]}),
    ],
    ids=["missing", "blank", "invalid email"],
)
def test_missing_blank_or_invalid_fields_get_400_with_field_errors(api, requested, payload, errors):
    response = api.post(URL, payload, format="json")
    assert (response.status_code, response.json()) == (400, errors)


def test_it_needs_no_csrf_token_or_session_and_ignores_credentials(api, requested, officer):
    api.force_login(officer)  # a staff session in the same client changes nothing
    response = api.post(
        URL,
        {"reference": requested.reference, "email": "alex@example.org"},
        format="json",
        HTTP_AUTHORIZATION="Token x",
    )
    assert response.status_code == 200


def test_repeated_failures_from_an_address_get_429_even_for_the_right_pair(api, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        assert ask(api, f"FOI2019/9999{number}", "alex@example.org").status_code == 404

    response = ask(api, requested.reference, "alex@example.org")
    assert (response.status_code, response.json()) == (429, {"detail": portal.THROTTLED_MESSAGE})
    assert response["Retry-After"] == str(portal.THROTTLE_WINDOW_SECONDS)


def test_repeated_failures_for_a_reference_get_429_from_any_address(api, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 3
    for number in range(3):
        ask(api, requested.reference, f"guess{number}@example.org", address=f"198.51.100.{number}")
    assert ask(api, requested.reference, "alex@example.org", address="203.0.113.50").status_code == 429


def test_the_web_page_and_the_api_share_one_count_of_failures(api, client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 2
    client.post("/status/", {"reference": "FOI2019/99999", "email": "alex@example.org"}, REMOTE_ADDR="192.0.2.10")
    ask(api, "FOI2019/99998", "alex@example.org")
    assert ask(api, requested.reference, "alex@example.org").status_code == 429


def test_one_email_address_tried_against_many_references_gets_429_for_a_day(api, requested, settings):
    """Sweeping references with a victim's email, a few from each of many addresses, is bounded."""
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 3
    for number in range(3):
        response = ask(api, f"FOI2019/9999{number}", "alex@example.org", address=f"198.51.100.{number}")
        assert response.status_code == 404

    response = ask(api, requested.reference, "alex@example.org", address="203.0.113.50")
    assert response.status_code == 429
    assert response.json() == {"detail": portal.THROTTLED_EMAIL_MESSAGE}
    assert response["Retry-After"] == str(24 * portal.THROTTLE_WINDOW_SECONDS)


def test_the_email_address_is_counted_without_regard_to_case_or_spaces(api, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 2
    ask(api, "FOI2019/99990", " ALEX@example.ORG ", address="198.51.100.1")
    ask(api, "FOI2019/99991", "Alex@Example.org", address="198.51.100.2")
    assert ask(api, requested.reference, "alex@example.org", address="203.0.113.50").status_code == 429


def test_failures_with_one_email_address_leave_other_email_addresses_alone(api, requested, officer, body, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 2
    other = make_case(actor=officer, body=body, email="bea@example.net")
    for number in range(2):
        ask(api, f"FOI2019/9999{number}", "alex@example.org", address=f"198.51.100.{number}")
    assert ask(api, other.reference, "bea@example.net", address="203.0.113.50").status_code == 200


def test_successful_lookups_are_not_counted_against_any_limit(api, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 2
    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 2
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 2
    for _ in range(5):
        assert ask(api, requested.reference, "alex@example.org").status_code == 200
    assert ask(api, requested.reference, "wrong@example.org").status_code == 404
    assert ask(api, requested.reference, "alex@example.org").status_code == 200


def test_retrying_while_an_address_is_throttled_does_not_lock_the_reference_or_email(api, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 1
    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 2
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 2
    ask(api, "FOI2019/99990", "someone@example.org", address="192.0.2.66")
    for _ in range(5):
        assert ask(api, requested.reference, "alex@example.org", address="192.0.2.66").status_code == 429
    assert ask(api, requested.reference, "alex@example.org", address="192.0.2.77").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_concurrent_guesses_at_one_reference_are_checked_no_more_often_than_the_limit(requested, settings):
    """Every guess is counted before it is checked: a burst cannot all pass the throttle together.
    The counters are in the shared cache (Redis when REDIS_URL is set), as in production."""
    from django.db import connection

    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 3
    guesses = 24
    start = threading.Barrier(guesses)
    codes = []

    def guess(number):
        try:
            start.wait()
            codes.append(ask(APIClient(), requested.reference, f"guess{number}@example.org", f"198.51.100.{number}"))
        finally:
            connection.close()  # each thread's own connection, so the test database can be flushed

    threads = [threading.Thread(target=guess, args=(number,)) for number in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    answers = sorted(response.status_code for response in codes)
    assert answers == [404] * 3 + [429] * (guesses - 3)


def test_answers_are_never_cached(api, requested):
    for response in (ask(api, requested.reference, "alex@example.org"), ask(api, "x", "alex@example.org")):
        assert "no-store" in response["Cache-Control"]
