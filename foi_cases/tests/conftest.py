import pytest

from foi_cases.tests.api_client import signed_in


@pytest.fixture
def api(officer):
    """The API as an officer's integration sees it."""
    return signed_in(officer)
