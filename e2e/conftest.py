"""Fixtures for browser tests: pytest-playwright driving Debian's Chromium against
pytest-django's ``live_server``.

Every test in e2e/ is marked ``e2e`` automatically (``pytest -m "not e2e"`` skips them).
Without /usr/bin/chromium the tests are skipped, unless E2E_REQUIRE_BROWSER=1 (set by
.ci/run), in which case they fail. Screenshots of failing tests go to test-results/.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread, so Django's ORM
# would raise SynchronousOnlyOperation from test code; the tests really are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = f"Chromium not installed at {CHROMIUM} (apt-get install chromium)"
E2E_DIR = Path(__file__).parent


def pytest_configure(config):
    # pytest-playwright's default is "off"; keep an explicit --screenshot=on as given.
    if config.getoption("--screenshot", default=None) == "off":
        config.option.screenshot = "only-on-failure"


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items, not just e2e/'s.
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium():
    """Skip (or, with E2E_REQUIRE_BROWSER=1, fail) every e2e test without Chromium."""
    if not CHROMIUM.exists():
        if os.environ.get("E2E_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{CHROMIUM_MISSING}; E2E_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(CHROMIUM_MISSING)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use the system Chromium: Playwright's own browser download is not available."""
    return {
        "headless": True,  # --headed (which sets headless=False) still wins
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
            "--disable-gpu",
            # No network beyond localhost: stop Chromium's own background traffic.
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_server):
    """Let tests write ``page.goto("/cases/")``: pytest-playwright gives base_url to each
    browser context. (Overriding it also avoids pytest-playwright's fallback fixture,
    which pytest 9 warns about.)"""
    return live_server.url


@pytest.fixture
def login(page, live_server):
    """``login(username, password)`` signs in through /accounts/login/ and returns the page."""

    def _login(username, password):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        # Wait for the POST's response page (the redirect on success, the form on failure).
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        return page

    return _login


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A British browser, as the unit's staff use: date inputs read dd/mm/yyyy."""
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "Europe/London"}
