"""Who may open the staff screens: casework roles only, and the nav shows what each may use."""

import re

import pytest
from django.urls import reverse

from foi_cases.tests.factories import PASSWORD, make_case


def page_urls(case):
    return [
        reverse("foi_cases:dashboard"),
        reverse("foi_cases:case_list"),
        reverse("foi_cases:case_new"),
        reverse("foi_cases:deadline_calculator"),
        reverse("foi_cases:case_detail", args=[case.pk]),
        reverse("foi_cases:case_edit", args=[case.pk]),
    ]


@pytest.fixture
def case(officer, body):
    return make_case(actor=officer, body=body)


@pytest.mark.parametrize("index", range(6))
def test_anonymous_visitors_are_sent_to_log_in(client, case, index):
    url = page_urls(case)[index]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("index", range(6))
def test_a_signed_in_user_without_a_role_is_forbidden(client, case, stranger, index):
    client.force_login(stranger)
    assert client.get(page_urls(case)[index]).status_code == 403


def test_the_forbidden_page_explains_what_access_is_missing(client, case, stranger):
    client.force_login(stranger)
    assert "You do not have access to this page" in client.get(reverse("foi_cases:dashboard")).content.decode()


def test_a_user_without_a_role_cannot_record_a_clock_event(client, case, stranger):
    client.force_login(stranger)
    url = reverse("foi_cases:clock_event_record", args=[case.pk, "clarification_requested"])
    assert client.post(url, {"clarification_requested-on": "2019-12-16"}).status_code == 403
    assert not case.clock_events.exists()


def test_actions_refuse_get_requests(client, case, officer):
    client.force_login(officer)
    assert client.get(reverse("foi_cases:case_close", args=[case.pk])).status_code == 405


def test_the_login_page_has_labelled_username_and_password_fields(client, db):
    html = client.get(reverse("login")).content.decode()
    assert re.search(r'<label\s+for="id_username"[^>]*>\s*Username', html)
    assert re.search(r'<label\s+for="id_password"[^>]*>\s*Password', html)
    assert re.search(r'<button type="submit"[^>]*>Log in</button>', html)


def test_an_officer_can_log_in_and_lands_on_the_dashboard(client, officer):
    response = client.post(reverse("login"), {"username": "officer", "password": PASSWORD}, follow=True)
    assert response.resolver_match.url_name == "dashboard"


def test_the_nav_offers_unit_administration_only_to_administrators(client, officer, administrator):
    client.force_login(officer)
    assert "Unit administration" not in client.get(reverse("foi_cases:dashboard")).content.decode()
    client.force_login(administrator)
    assert "Unit administration" in client.get(reverse("foi_cases:dashboard")).content.decode()


def test_the_nav_shows_who_is_signed_in_and_logs_out_with_a_post_form(client, officer):
    client.force_login(officer)
    html = client.get(reverse("foi_cases:dashboard")).content.decode()
    assert "Signed in as <strong>officer</strong>" in html
    assert f'<form method="post" action="{reverse("logout")}"' in html


def test_every_page_starts_with_a_skip_link_to_the_main_content(client, officer):
    client.force_login(officer)
    html = client.get(reverse("foi_cases:case_list")).content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert '<main id="main"' in html
