"""The letter API in the OpenAPI schema: every endpoint, its examples and its refusals."""

import pytest
import yaml
from django.core.management import call_command
from rest_framework.test import APIClient

from responses.api.serializers import LetterSerializer

pytestmark = pytest.mark.django_db

# Which endpoints the schema lists, letters' included, is checked exactly, in one place:
# foi_cases/tests/test_api_schema.py (ENDPOINTS).


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return yaml.safe_load(APIClient().get("/api/v1/schema/").content)


@pytest.fixture
def paths(schema):
    return schema["paths"]


def request_examples(operation) -> list:
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    return [example["value"] for example in examples.values()]


def test_the_schema_generates_with_the_letter_api_and_no_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


def test_drafting_documents_the_issues_ncnd_example(paths):
    examples = request_examples(paths["/api/v1/cases/{id}/letters/"]["post"])

    assert {"kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"]} in examples
    assert {"kind": "ncnd", "exemptions": ["s24(2)", "s31(3)"], "items": {"1": ["s24(2)"]}} in examples


def test_drafting_documents_201_and_every_refusal(paths):
    responses = paths["/api/v1/cases/{id}/letters/"]["post"]["responses"]

    assert set(responses) == {"201", "400", "401", "403", "404", "409"}


def test_a_letter_offers_reading_and_partial_editing_only(paths):
    assert set(paths["/api/v1/letters/{id}/"]) - {"parameters"} == {"get", "patch"}


def test_editing_documents_the_conflicts_of_an_approved_or_submitted_letter(paths):
    conflicts = paths["/api/v1/letters/{id}/"]["patch"]["responses"]["409"]["content"]["application/json"]["examples"]

    details = [example["value"]["detail"] for example in conflicts.values()]
    assert "The letter is awaiting approval: recall it before editing." in details
    assert any("approved" in detail for detail in details)


def test_approving_documents_the_four_eyes_refusal(paths):
    refusals = paths["/api/v1/letters/{id}/approve/"]["post"]["responses"]["403"]["content"]["application/json"]

    details = [example["value"]["detail"] for example in refusals["examples"].values()]
    assert "You drafted or edited this letter, so you cannot approve it: another person must." in details
    assert "Only a supervisor can approve letters." in details


def test_returning_requires_a_comment_in_the_schema(schema):
    assert schema["components"]["schemas"]["ReturnRequest"]["required"] == ["comment"]


def test_revising_answers_201(paths):
    assert "201" in paths["/api/v1/letters/{id}/revise/"]["post"]["responses"]


def test_the_letter_list_documents_the_approval_queue_filter(paths):
    parameters = {parameter["name"] for parameter in paths["/api/v1/letters/"]["get"]["parameters"]}

    assert {"awaiting", "status", "case", "page", "page_size"} <= parameters


def test_the_documented_letter_example_has_the_letters_shape(paths):
    examples = paths["/api/v1/letters/{id}/"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]
    example = next(iter(examples.values()))["value"]

    assert list(example) == LetterSerializer.Meta.fields
    assert list(example["blocks"]) == ["opening", "items", "response", "exemptions", "closing", "rights"]
