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
