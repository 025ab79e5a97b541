"""Finding a request by its reference and the email address it was made from (/status/), and the
throttling of guesses: per client address, per reference from anywhere, and per email address."""

import re

import pytest
from django.urls import reverse

from config import ratelimit
from foi_cases import portal
from foi_cases.status_views import SESSION_CASE
from foi_cases.tests.factories import make_case

pytestmark = pytest.mark.django_db

URL = "/status/"


@pytest.fixture
def requested(officer, body):
    return make_case(actor=officer, body=body, email="Alex@Example.org")


def find(client, reference, email, address="192.0.2.10"):
    return client.post(URL, {"reference": reference, "email": email}, REMOTE_ADDR=address)


def without_csrf_token(response) -> str:
    # The CSRF token is masked afresh on every page: the only part that may differ between two answers.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_the_lookup_is_status_lookup():
    assert reverse("status:lookup") == URL


def test_the_page_has_a_labelled_form_for_the_reference_and_email(client):
    html = client.get(URL).content.decode()
    assert re.search(r'<label\s+for="id_reference"', html)
    assert re.search(r'<label\s+for="id_email"', html)
    assert html.count("<h1") == 1


def test_the_right_pair_opens_the_case_in_this_browser(client, requested):
    response = find(client, requested.reference, "alex@example.org")
    assert (response.status_code, response["Location"]) == (302, reverse("status:case"))
    assert requested.reference in client.get(reverse("status:case")).content.decode()


def test_the_email_and_reference_are_compared_without_regard_to_case_or_spaces(client, requested):
    response = find(client, f"  {requested.reference.lower()} ", "ALEX@EXAMPLE.ORG")
    assert response.status_code == 302


def test_a_successful_lookup_gives_the_browser_a_new_session_key(client, requested):
    planted = client.session.session_key  # a session the browser already had (or was given by someone)
    find(client, requested.reference, "alex@example.org")
    assert client.session.session_key not in (None, planted)
    assert client.session[SESSION_CASE] == requested.pk


def test_a_wrong_reference_and_a_wrong_email_get_the_same_page(client, requested):
    wrong_reference = find(client, "FOI2019/99999", "alex@example.org")
    wrong_email = find(client, requested.reference, "someone@example.org")

    assert wrong_reference.status_code == wrong_email.status_code == 200
    assert without_csrf_token(wrong_reference) == without_csrf_token(wrong_email)
    assert portal.NOT_FOUND_MESSAGE in wrong_email.content.decode()


def test_a_failed_lookup_does_not_repeat_what_was_typed(client, requested):
    html = find(client, requested.reference, "someone@example.org").content.decode()
    assert requested.reference not in html
    assert "someone@example.org" not in html


def test_the_not_found_message_is_linked_to_the_reference_field(client, requested):
    html = find(client, "FOI2019/99999", "alex@example.org").content.decode()
    assert f'<a class="alert-link" href="#id_reference">{portal.NOT_FOUND_MESSAGE}</a>' in html


def test_blank_or_malformed_fields_get_errors_linked_to_them(client):
    html = find(client, "", "not an address").content.decode()
    assert '<a class="alert-link" href="#id_reference">Enter the reference of your request.</a>' in html
    assert '<a class="alert-link" href="#id_email">Enter an email address in the correct format' in html


def test_html_typed_into_the_form_is_escaped(client):
    html = find(client, "<script>alert(1)</script>", "x").content.decode()
    assert "<script>alert(1)</script>" not in html


# --- throttling ---------------------------------------------------------------------------------


def test_an_address_is_throttled_after_repeated_failures(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        assert find(client, f"FOI2019/9999{number}", "alex@example.org").status_code == 200

    response = find(client, "FOI2019/99990", "alex@example.org")
    assert response.status_code == 429
    assert portal.THROTTLED_MESSAGE in response.content.decode()
    assert response["Retry-After"] == str(portal.THROTTLE_WINDOW_SECONDS)


def test_the_right_pair_is_refused_while_the_address_is_throttled(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        find(client, f"FOI2019/9999{number}", "alex@example.org")
    assert find(client, requested.reference, "alex@example.org").status_code == 429
    assert client.get(reverse("status:case")).status_code == 302  # nothing remembered


def test_a_reference_is_throttled_after_failures_from_many_addresses(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 3
    for number in range(3):
        find(client, requested.reference, f"guess{number}@example.org", address=f"198.51.100.{number}")

    response = find(client, requested.reference, "alex@example.org", address="203.0.113.50")
    assert response.status_code == 429
    assert response["Retry-After"] == str(portal.THROTTLE_WINDOW_SECONDS)


def test_a_throttled_reference_leaves_other_references_alone(client, requested, officer, body, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_REFERENCE = 3
    other = make_case(actor=officer, body=body, email="bea@example.net")
    for number in range(3):
        find(client, requested.reference, f"guess{number}@example.org", address=f"198.51.100.{number}")
    assert find(client, other.reference, "bea@example.net", address="203.0.113.50").status_code == 302


def test_an_email_address_is_throttled_for_a_day_after_failures_from_many_addresses(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_EMAIL = 3
    for number in range(3):
        find(client, f"FOI2019/9999{number}", "alex@example.org", address=f"198.51.100.{number}")

    response = find(client, requested.reference, "Alex@Example.org", address="203.0.113.50")
    assert response.status_code == 429
    assert portal.THROTTLED_EMAIL_MESSAGE in response.content.decode()
    assert response["Retry-After"] == str(24 * portal.THROTTLE_WINDOW_SECONDS)


def test_another_address_is_not_throttled_by_one_addresses_failures(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    for number in range(3):
        find(client, f"FOI2019/9999{number}", "alex@example.org", address="192.0.2.66")
    assert find(client, requested.reference, "alex@example.org", address="192.0.2.77").status_code == 302


def test_invalid_forms_are_not_counted_as_guesses(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 2
    for _ in range(3):
        find(client, "", "")
    assert find(client, requested.reference, "alex@example.org").status_code == 302


def test_the_throttled_page_is_private(client, requested, settings):
    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 1
    find(client, "FOI2019/99999", "alex@example.org")
    response = find(client, "FOI2019/99999", "alex@example.org")
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_a_counter_that_lost_its_expiry_stops_counting_when_its_window_ends(settings, monkeypatch):
    """Redis's incr on a key expiring that very instant makes one afresh without an expiry: each
    window has its own counter, so such a key cannot lock an address for good."""
    from django.core.cache import cache

    settings.PORTAL_LOOKUP_FAILURES_PER_ADDRESS = 3
    now = 1_800_000_000.0
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)
    key, _ = portal._throttle_keys("203.0.113.9", None)[0]
    cache.set(ratelimit._bucket(key, portal.THROTTLE_WINDOW_SECONDS), 99, None)  # no expiry at all
    with pytest.raises(portal.Throttled):
        portal.lookup_throttle_check(address="203.0.113.9")

    monkeypatch.setattr(ratelimit.time, "time", lambda: now + portal.THROTTLE_WINDOW_SECONDS)
    portal.lookup_throttle_check(address="203.0.113.9")  # a new window: not throttled
