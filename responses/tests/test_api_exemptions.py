"""GET /api/v1/exemptions/: the kinds of letter and every code a letter can cite."""

import pytest
from rest_framework.test import APIClient

from foi_cases.tests.api_client import signed_in
from responses import services
from responses.models import Letter, LibraryEntry

pytestmark = pytest.mark.django_db

URL = "/api/v1/exemptions/"


@pytest.fixture
def api(officer):
    return signed_in(officer)


def codes(response) -> dict[str, dict]:
    return {row["code"]: row for row in response.json()["exemptions"]}


def kinds(response) -> dict[str, dict]:
    return {row["code"]: row for row in response.json()["kinds"]}


def test_the_library_lists_the_codes_the_issue_names(api):
    listed = codes(api.get(URL))

    assert {"s24(2)", "s31(3)", "s40(5B)", "reg12(5)(b)", "s12(1)", "s14(1)"} <= set(listed)


def test_a_code_shows_how_a_letter_cites_it(api):
    national_security = codes(api.get(URL))["s24(2)"]

    assert national_security == {
        "code": "s24(2)",
        "citation": "Section 24(2)",
        "provision": "24(2)",
        "title": national_security["title"],
        "family": "foia",
        "section": "24",
        "absolute": False,
        "basis": national_security["basis"],
        "ncnd": True,
        "library_entry": "s24",
        "library_version": 1,
    }
    assert "national security" in national_security["title"].lower()


def test_the_withholding_provision_is_listed_apart_from_the_ncnd_one(api):
    listed = codes(api.get(URL))

    assert listed["s24(1)"]["ncnd"] is False
    assert listed["s24(1)"]["library_entry"] == listed["s24(2)"]["library_entry"]


def test_an_eir_exception_is_cited_as_a_regulation(api):
    course_of_justice = codes(api.get(URL))["reg12(5)(b)"]

    assert course_of_justice["citation"] == "Regulation 12(5)(b)"
    assert course_of_justice["family"] == "eir"


def test_procedural_refusals_are_listed_as_procedural(api):
    listed = codes(api.get(URL))

    assert listed["s12(1)"]["family"] == "procedural"
    assert listed["s14(1)"]["family"] == "procedural"


def test_absolute_exemptions_say_so(api):
    assert codes(api.get(URL))["s40(5B)"]["absolute"] is True


def test_the_eir_regime_lists_only_eir_exceptions(api):
    response = api.get(URL, {"regime": "eir"})

    assert response.status_code == 200
    assert "reg12(5)(b)" in codes(response)
    assert {row["family"] for row in response.json()["exemptions"]} == {"eir"}


def test_the_foia_regime_lists_exemptions_and_procedural_refusals_but_no_eir_exceptions(api):
    listed = codes(api.get(URL, {"regime": "foia"}))

    assert {"s24(2)", "s12(1)", "s14(1)"} <= set(listed)
    assert not [code for code in listed if code.startswith("reg")]


def test_an_unknown_regime_gets_400_with_the_choices(api):
    response = api.get(URL, {"regime": "gdpr"})

    assert response.status_code == 400
    assert response.json() == {"regime": ['Unknown regime "gdpr"; use one of foia, eir, foisa, eisr, sar.']}


def test_an_inactive_entry_is_not_offered(api):
    LibraryEntry.objects.filter(code="s24").update(is_active=False)

    assert "s24(2)" not in codes(api.get(URL))


def test_a_revised_entry_shows_its_new_version(api, administrator):
    entry = LibraryEntry.objects.get(code="s24")
    services.library_revise(entry=entry, actor=administrator, values={"why": "New wording."}, change_note="Clearer.")

    assert codes(api.get(URL))["s24(2)"]["library_version"] == 2


def test_every_kind_of_letter_is_listed_with_its_label(api):
    listed = kinds(api.get(URL))

    assert list(listed) == Letter.Kind.values
    assert listed["ncnd"]["label"] == "Neither confirm nor deny"


def test_an_ncnd_letter_requires_ncnd_provisions_and_is_a_final_response(api):
    ncnd = kinds(api.get(URL))["ncnd"]

    assert ncnd["cites_exemptions"] is True
    assert ncnd["exemptions_required"] is True
    assert ncnd["exemption_sections"] is True
    assert ncnd["ncnd_only"] is True
    assert ncnd["final"] is True


def test_an_acknowledgement_cites_no_exemptions_and_is_not_final(api):
    acknowledgement = kinds(api.get(URL))["acknowledgement"]

    assert acknowledgement["cites_exemptions"] is False
    assert acknowledgement["final"] is False
    assert acknowledgement["review_rights"] is False


def test_a_cost_limit_refusal_cites_only_section_12_and_needs_a_worksheet(api):
    s12 = kinds(api.get(URL))["s12"]

    assert s12["allowed_codes"] == ["s12(1)", "s12(2)"]
    assert s12["default_codes"] == ["s12(1)"]
    assert s12["cost_worksheet"] is True


def test_a_public_interest_extension_needs_a_date_and_names_qualified_exemptions(api):
    extension = kinds(api.get(URL))["pit_extension"]

    assert extension["needs_estimated_date"] is True
    assert extension["qualified_only"] is True
    assert extension["exemption_sections"] is False


def test_a_stranger_gets_403(stranger):
    response = signed_in(stranger).get(URL)

    assert response.status_code == 403
    assert response.json() == {"detail": "You need an information rights officer, supervisor or administrator role."}


def test_an_anonymous_request_gets_401(db):
    assert APIClient().get(URL).status_code == 401
