"""What each kind of letter contains: the rules composition and checks read, kept consistent with the
models, the case outcomes and the shipped library."""

import pytest

from foi_cases.models import Case
from responses import library_content
from responses.kinds import KIND_RULES, S14_OUTCOMES, SECTION_HEADINGS, Exemptions
from responses.models import Letter

FINAL_RESPONSES = {
    "full_disclosure",
    "partial_disclosure",
    "refusal",
    "ncnd",
    "not_held",
    "s12",
    "s14",
}


def paragraph_keys(rule) -> set[str]:
    return {*rule.opening, *rule.response, *rule.closing}


def test_every_kind_of_letter_has_a_rule():
    assert set(KIND_RULES) == set(Letter.Kind.values)


def test_every_outcome_a_kind_records_is_a_case_outcome():
    outcomes = {rule.outcome for rule in KIND_RULES.values() if rule.outcome} | set(S14_OUTCOMES.values())
    assert outcomes <= set(Case.Outcome.values)


def test_the_final_responses_are_the_ones_that_end_a_request_or_its_review():
    assert {kind for kind, rule in KIND_RULES.items() if rule.final} == FINAL_RESPONSES | {"review_outcome"}


def test_an_internal_review_outcome_ends_the_review_and_only_a_review():
    rule = KIND_RULES["review_outcome"]
    assert (rule.final, rule.reviews_only, rule.on_closed_cases, rule.review_rights, rule.commissioner_rights) == (
        True,
        True,
        False,
        False,
        True,
    )


@pytest.mark.parametrize("kind", sorted(FINAL_RESPONSES))
def test_every_first_response_gives_review_and_commissioner_rights(kind):
    rule = KIND_RULES[kind]
    assert rule.review_rights
    assert rule.commissioner_rights


@pytest.mark.parametrize("kind", ["acknowledgement", "clarification"])
def test_letters_that_decide_nothing_give_no_rights(kind):
    rule = KIND_RULES[kind]
    assert not rule.review_rights
    assert not rule.commissioner_rights
    assert not rule.final


@pytest.mark.parametrize("kind", ["fees_notice", "pit_extension"])
def test_notices_that_can_be_challenged_give_rights_but_do_not_end_the_request(kind):
    rule = KIND_RULES[kind]
    assert rule.review_rights and rule.commissioner_rights
    assert not rule.final


def test_an_ncnd_letter_cites_only_ncnd_provisions_and_carries_the_caveat():
    rule = KIND_RULES["ncnd"]
    assert rule.ncnd_only
    assert rule.exemptions is Exemptions.SECTIONS and rule.exemptions_required
    assert "ncnd_statement" in rule.response
    assert "ncnd_caveat" in rule.closing


def test_an_s12_refusal_defaults_to_s12_1_with_a_worksheet_and_advice():
    rule = KIND_RULES["s12"]
    assert rule.default_codes == ("s12(1)",)
    assert set(rule.default_codes) <= rule.allowed_codes
    assert rule.cost_worksheet
    assert "s12_advice" in rule.closing


def test_an_s14_refusal_takes_its_outcome_from_the_subsection():
    assert KIND_RULES["s14"].allowed_codes == frozenset(S14_OUTCOMES)
    assert KIND_RULES["s14"].outcome == ""


def test_a_pit_extension_names_qualified_exemptions_and_an_estimated_date():
    rule = KIND_RULES["pit_extension"]
    assert rule.exemptions is Exemptions.NAMES
    assert rule.qualified_only and rule.exemptions_required and rule.needs_estimated_date


def test_only_a_fees_notice_needs_a_fee():
    assert [kind for kind, rule in KIND_RULES.items() if rule.needs_fee] == ["fees_notice"]


@pytest.mark.parametrize("kind", ["full_disclosure", "partial_disclosure"])
def test_disclosures_answer_every_item(kind):
    assert KIND_RULES[kind].answers


def test_kinds_that_cite_exemptions_are_the_refusals_and_the_extension():
    citing = {kind for kind, rule in KIND_RULES.items() if rule.exemptions is not Exemptions.NONE}
    assert citing == {"pit_extension", "partial_disclosure", "refusal", "ncnd", "s12", "s14"}


@pytest.mark.parametrize("kind", sorted(KIND_RULES))
def test_no_paragraph_appears_twice_in_a_letter(kind):
    rule = KIND_RULES[kind]
    keys = [*rule.opening, *rule.response, *rule.closing]
    assert len(keys) == len(set(keys))
    assert not {"review_rights", "commissioner_rights"} & set(keys)


def test_every_heading_belongs_to_a_paragraph_some_letter_uses():
    used = set().union(*(paragraph_keys(rule) for rule in KIND_RULES.values()))
    assert set(SECTION_HEADINGS) <= used | {"review_rights", "commissioner_rights"}


def test_headings_use_only_known_placeholders():
    from responses.text import unknown_placeholders

    for heading in SECTION_HEADINGS.values():
        assert unknown_placeholders(heading, library_content.PLACEHOLDERS) == []


def test_every_paragraph_a_letter_uses_is_shipped_in_the_library():
    used = set().union(*(paragraph_keys(rule) for rule in KIND_RULES.values()))
    shipped = {paragraph.code for paragraph in library_content.PARAGRAPHS}
    assert used - shipped == set()


def test_every_code_a_kind_allows_is_shipped_in_the_library():
    shipped = set()
    for entry in library_content.EXEMPTIONS:
        prefix = "reg" if entry.family == "eir" else "s"
        shipped |= {prefix + entry.provision} | ({prefix + entry.ncnd_provision} if entry.ncnd_provision else set())
    allowed = set().union(*(rule.allowed_codes or set() for rule in KIND_RULES.values()))
    assert allowed - shipped == set()
