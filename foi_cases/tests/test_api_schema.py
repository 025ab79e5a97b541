"""The OpenAPI schema and its browsable docs: accurate, public, and served without a CDN."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
ENDPOINTS = [
    "/api/v1/auth/token/",
    "/api/v1/deadline/",
    "/api/v1/cases/",
    "/api/v1/cases/{id}/",
    "/api/v1/cases/{id}/clock-events/",
    "/api/v1/cases/{id}/clock-events/{event_id}/void/",
    "/api/v1/cases/{id}/assign/",
    "/api/v1/cases/{id}/link/",
    "/api/v1/cases/{id}/unlink/",
    "/api/v1/cases/{id}/close/",
    "/api/v1/cases/{id}/withdraw/",
    "/api/v1/cases/{id}/lapse/",
    "/api/v1/cases/{id}/reopen/",
    "/api/v1/cases/{id}/timeline/",
    "/api/v1/cases/{id}/deadline/",
    # Letters and the exemption library (responses/api).
    "/api/v1/exemptions/",
    "/api/v1/cases/{id}/letters/",
    "/api/v1/letters/",
    "/api/v1/letters/{id}/",
    "/api/v1/letters/{id}/submit/",
    "/api/v1/letters/{id}/approve/",
    "/api/v1/letters/{id}/return/",
    "/api/v1/letters/{id}/pdf/",
    "/api/v1/letters/{id}/recall/",
    "/api/v1/letters/{id}/send/",
    "/api/v1/letters/{id}/revise/",
    # The requester's status lookup (foi_cases/api/status.py).
    "/api/v1/status/",
    "/api/v1/reports/",
]


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning or error of drf-spectacular into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_the_schema_is_public_and_lists_every_endpoint():
    response = APIClient().get("/api/v1/schema/")

    assert response.status_code == 200
    assert sorted(yaml.safe_load(response.content)["paths"]) == sorted(ENDPOINTS)


def test_the_schema_offers_no_delete_or_put_on_a_case():
    paths = yaml.safe_load(APIClient().get("/api/v1/schema/").content)["paths"]

    assert set(paths["/api/v1/cases/{id}/"]) - {"parameters"} == {"get", "patch"}


def test_the_schema_shows_the_worked_example_for_the_calculator():
    paths = yaml.safe_load(APIClient().get("/api/v1/schema/").content)["paths"]
    examples = paths["/api/v1/deadline/"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]

    assert [example["value"]["due"] for example in examples.values()] == ["2020-01-15"]


def test_the_docs_page_is_public_and_loads_swagger_ui_from_our_own_static_files():
    response = APIClient().get("/api/v1/docs/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "/api/v1/schema/" in html


def test_the_docs_page_references_no_outside_address():
    html = APIClient().get("/api/v1/docs/").content.decode()

    assert re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html) == []
    assert "cdn" not in html.lower()


def test_the_swagger_ui_assets_are_installed():
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"), asset
