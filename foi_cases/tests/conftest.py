import pytest

from foi_cases import services
from foi_cases.tests.api_client import signed_in

# The letter fixtures (a case with letters drafted, submitted, approved, signed), for the tests of
# what requesters see of letters sent to them.
from responses.tests.conftest import approved, case, draft, issued, submitted  # noqa: F401


@pytest.fixture
def api(officer):
    """The API as an officer's integration sees it."""
    return signed_in(officer)


@pytest.fixture
def on_day(monkeypatch):
    """on_day(date): the services' idea of today, from now on in the test."""

    def set_day(day) -> None:
        monkeypatch.setattr(services, "today", lambda: day)

    return set_day


@pytest.fixture
def mail_server_down(settings):
    """Every email fails to send, as when the mail server is down."""
    from foi_cases.tests.mail import BACKEND

    settings.EMAIL_BACKEND = BACKEND
