"""Repeated sign-in failures and floods of anonymous calculations are slowed down."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from foi_cases.tests.factories import PASSWORD

LOGIN = reverse("login")


def sign_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_sign_in_is_refused_with_429_after_ten_failures(client, officer):
    for _ in range(10):
        assert sign_in(client, "officer", "wrong").status_code == 200
    response = sign_in(client, "officer", PASSWORD)
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_clears_earlier_failures(client, officer):
    for _ in range(9):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "officer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(9):
        assert sign_in(client, "officer", "wrong").status_code == 200


def test_failures_for_one_username_do_not_lock_out_another(client, officer, supervisor):
    for _ in range(10):
        sign_in(client, "officer", "wrong")
    assert sign_in(client, "supervisor", PASSWORD).status_code == 302


def test_the_token_endpoint_answers_429_after_ten_attempts_a_minute(db, officer):
    api = APIClient()
    for _ in range(10):
        api.post("/api/v1/auth/token/", {"username": "officer", "password": "wrong"}, format="json")
    response = api.post("/api/v1/auth/token/", {"username": "officer", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert "detail" in response.json()


def test_the_public_deadline_calculator_is_throttled(db, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"deadline": "3/minute", "auth": "10/minute"})
    api = APIClient()
    answers = [api.get("/api/v1/deadline/", {"regime": "foia", "received": "2019-12-12"}).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


@pytest.mark.parametrize("key", ["", "short", "change-me-in-production-but-long-enough-to-pass-length"])
def test_production_mode_refuses_a_missing_or_weak_secret_key(key):
    import subprocess
    import sys

    env = {"DEBUG": "0", "SECRET_KEY": key, "ALLOWED_HOSTS": "foi.example.org", "PATH": "/usr/bin:/bin"}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY must be a long random value" in result.stderr


def test_production_mode_refuses_to_start_without_the_public_address():
    """SITE_URL is printed into every signed letter, which can never be corrected."""
    import subprocess
    import sys

    key = "k" * 50
    env = {"DEBUG": "0", "SECRET_KEY": key, "ALLOWED_HOSTS": "foi.example.org", "PATH": "/usr/bin:/bin"}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_a_forged_forwarded_for_header_does_not_escape_the_api_throttle(db, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"deadline": "3/minute", "auth": "10/minute"})
    api = APIClient()
    answers = [
        api.get(
            "/api/v1/deadline/", {"regime": "foia", "received": "2019-12-12"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        ).status_code
        for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]


# --- the client's address, with and without the TLS proxy in front ---------------------------------


def address(settings, behind_proxy: bool, **meta) -> str:
    from django.test import RequestFactory

    from config.network import client_address

    settings.BEHIND_TLS_PROXY = behind_proxy
    return client_address(RequestFactory().get("/", **meta))


def test_without_a_proxy_the_forwarded_for_header_is_ignored(settings):
    assert address(settings, False, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="10.0.0.1") == "203.0.113.9"


def test_behind_the_proxy_the_address_it_appended_is_the_clients(settings):
    meta = {"REMOTE_ADDR": "172.18.0.2", "HTTP_X_FORWARDED_FOR": "10.0.0.1, 198.51.100.7"}
    assert address(settings, True, **meta) == "198.51.100.7"


def test_behind_the_proxy_without_the_header_the_remote_address_is_used(settings):
    assert address(settings, True, REMOTE_ADDR="172.18.0.2") == "172.18.0.2"
