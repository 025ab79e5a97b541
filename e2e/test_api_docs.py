"""The API's documentation (Swagger UI) and its public deadline calculator, seen from a browser."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE_URL = "/api/v1/deadline/?regime=foia&received=2019-12-12"


def test_the_api_docs_show_the_deadline_and_cases_operations_without_a_cdn(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/v1/docs/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Information rights case management API")
    deadline = page.get_by_role("button", name="GET /api/v1/deadline/ Work out a statutory deadline")
    expect(deadline).to_be_visible()
    expect(page.get_by_role("button", name="GET /api/v1/cases/ List cases")).to_be_visible()
    expect(page.get_by_role("button", name="POST /api/v1/cases/ Log a request")).to_be_visible()

    deadline.click()
    operation = page.locator(".opblock", has=deadline)
    parameters = operation.locator("table.parameters")
    expect(parameters).to_contain_text("regime")
    expect(parameters).to_contain_text("received")

    # Swagger UI's script and styles come from drf-spectacular-sidecar on this server: no CDN.
    server = urlsplit(base_url).netloc
    assert {urlsplit(url).netloc for url in requested if not url.startswith("data:")} == {server}
    assert any(
        re.search(r"/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle\.js$", url) for url in requested
    )


def test_the_public_deadline_endpoint_answers_with_the_due_date_in_json(page):
    # Nobody is signed in: the calculator is public.
    response = page.request.get(DEADLINE_URL)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    answer = response.json()
    assert (answer["regime"], answer["received"], answer["due"]) == ("foia", "2019-12-12", "2020-01-15")
    assert {"date": "2019-12-25", "reason": "Bank holiday (UK): Christmas Day"} in answer["skipped"]

    # Opened as a page, the same answer shows in DRF's browsable view.
    page.goto(DEADLINE_URL)
    expect(page.get_by_text('"due": "2020-01-15"')).to_be_visible()
