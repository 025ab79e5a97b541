"""Completeness checks before a letter goes for approval (s17 FOIA, and what a supervisor sends back).

Plain Python over snapshots: no database. Each test starts from a letter that passes and breaks one
thing. Domain: ../shared/domain/uk-foi.md sections 2 and 3.
"""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from responses.checks import ExemptionSnapshot, ItemSnapshot, LetterSnapshot, cost_total, letter_problems
from responses.kinds import KIND_RULES, Exemptions
from responses.library_content import PLACEHOLDERS

TODAY = date(2020, 1, 14)
REVIEW = "If you are dissatisfied, ask for an internal review by **{review_by}**."
COMPLAINT = "You may then complain to the {commissioner} at {commissioner_website}."


def exemption(code="s31(1)", **fields) -> ExemptionSnapshot:
    """A qualified, prejudice-based exemption with every block written, applied to item 1."""
    values = dict(
        code=code,
        citation=f"Section {code[1:]}",
        title="Law enforcement",
        provision=code[1:],
        ncnd=False,
        has_ncnd_provision=True,
        ncnd_provision="31(3)",
        absolute=False,
        basis="prejudice",
        why="Disclosure would reveal tactics.",
        harm="Offenders would adapt.",
        factors_for="Openness about policing.",
        factors_against="Effective law enforcement.",
        balancing="The balance favours withholding.",
        items=(1,),
    )
    values.update(fields)
    return ExemptionSnapshot(**values)


def ncnd_exemption(code="s24(2)", **fields) -> ExemptionSnapshot:
    defaults = dict(
        title="National security",
        ncnd=True,
        ncnd_provision=code[1:],
        basis="required_for",
        factors_for="Confirming would show openness.",
        factors_against="Confirming would help those who threaten security.",
    )
    return exemption(code, **{**defaults, **fields})


def absolute_exemption(code="s21(1)", **fields) -> ExemptionSnapshot:
    defaults = dict(
        title="Information accessible by other means",
        has_ncnd_provision=False,
        ncnd_provision="",
        absolute=True,
        basis="class",
        harm="",
        factors_for="",
        factors_against="",
        balancing="",
    )
    return exemption(code, **{**defaults, **fields})


def procedural(code, **fields) -> ExemptionSnapshot:
    return absolute_exemption(code, title="Cost limit" if code.startswith("s12") else "Vexatious request", **fields)


CLEAN_EXEMPTIONS = {
    "pit_extension": (exemption("s31(1)", why="", harm="", factors_for="", factors_against="", balancing=""),),
    "partial_disclosure": (exemption("s31(1)"),),
    "refusal": (exemption("s31(1)"),),
    "ncnd": (ncnd_exemption("s24(2)"), ncnd_exemption("s31(3)", title="Law enforcement", basis="prejudice")),
    "s12": (procedural("s12(1)"),),
    "s14": (procedural("s14(1)"),),
}


def clean(kind: str) -> LetterSnapshot:
    """A letter of this kind that passes every check."""
    rule = KIND_RULES[kind]
    sections = {key: "Words the officer wrote." for key in (*rule.opening, *rule.response, *rule.closing)}
    if rule.needs_estimated_date:
        sections["pit_extension"] = "We need until {estimated_date} to consider the public interest in {exemptions}."
    if rule.review_rights:
        sections["review_rights"] = REVIEW
    if rule.commissioner_rights:
        sections["commissioner_rights"] = COMPLAINT
    exemptions = CLEAN_EXEMPTIONS.get(kind, ())
    codes = tuple(e.code for e in exemptions)
    return LetterSnapshot(
        kind=kind,
        sections=sections,
        section_titles={key: key.replace("_", " ").capitalize() for key in sections},
        exemptions=exemptions,
        items=(
            ItemSnapshot(1, "" if codes else "Since 2019.", codes),
            # A refusal covers every item with an exemption; a partial disclosure answers this one.
            ItemSnapshot(2, "It cost GBP 1,000.", () if rule.answers else codes),
        ),
        estimated_decision_on=TODAY + timedelta(days=20) if rule.needs_estimated_date else None,
        fee_amount=Decimal("12.40") if rule.needs_fee else None,
        cost_hours=(Decimal(10), Decimal(9)) if rule.cost_worksheet else (),
        cost_limit=450 if rule.cost_worksheet else None,
        signatory_name="Olivia Officer",
        today=TODAY,
        placeholders=frozenset(PLACEHOLDERS),
    )


def with_sections(letter: LetterSnapshot, **sections) -> LetterSnapshot:
    merged = {**letter.sections, **sections}
    return replace(letter, sections={key: text for key, text in merged.items() if text is not None})


def with_exemption(letter: LetterSnapshot, **fields) -> LetterSnapshot:
    """The letter with its first exemption changed."""
    first, *rest = letter.exemptions
    return replace(letter, exemptions=(replace(first, **fields), *rest))


def problems_of(letter: LetterSnapshot) -> str:
    return "\n".join(letter_problems(letter))


# --- a clean letter --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(KIND_RULES))
def test_a_complete_letter_of_each_kind_has_no_problems(kind):
    assert letter_problems(clean(kind)) == []


def test_every_problem_is_a_plain_sentence():
    letter = replace(
        with_sections(clean("ncnd"), ncnd_caveat="", review_rights="", commissioner_rights="[[x]] {nope}"),
        exemptions=(exemption("s31", why="", factors_for="", items=()),),
        signatory_name="",
    )
    problems = letter_problems(letter)
    assert len(problems) >= 6
    for problem in problems:
        assert problem[0].isupper(), problem
        assert problem.endswith("."), problem
        assert "<" not in problem


# --- a refusal names its exemptions, with subsections -----------------------------------------------


def test_a_refusal_without_an_exemption_is_incomplete():
    letter = replace(clean("refusal"), exemptions=(), items=(ItemSnapshot(1, ""), ItemSnapshot(2, "")))
    assert "Name at least one exemption, with its section and subsection." in letter_problems(letter)


def test_an_ncnd_letter_without_an_exemption_is_incomplete():
    letter = replace(clean("ncnd"), exemptions=())
    assert "Name at least one exemption" in problems_of(letter)


@pytest.mark.parametrize("provision", ["31", "12", "22A", "40", "31(a)"])
def test_an_exemption_cited_without_its_subsection_is_incomplete(provision):
    letter = with_exemption(clean("refusal"), provision=provision, citation=f"Section {provision}")
    assert f"Section {provision} (Law enforcement): cite the subsection, e.g. {provision}(1)." in letter_problems(
        letter
    )


@pytest.mark.parametrize(
    "provision", ["31(1)", "31(1)(a)", "12(5)(b)", "12(4)(e)", "22A(1)", "40(5B)", "40(5B)(a)(i)", "13(1)", "24(2)"]
)
def test_an_exemption_cited_with_its_subsection_is_complete(provision):
    letter = with_exemption(clean("refusal"), provision=provision, citation=f"Section {provision}")
    assert "subsection" not in problems_of(letter)


def test_an_exemption_without_the_reason_it_applies_is_incomplete():
    letter = with_exemption(clean("refusal"), why="  ")
    assert "Section 31(1) (Law enforcement): explain why it applies." in letter_problems(letter)


def test_an_exemption_applied_to_no_request_item_is_incomplete():
    letter = with_exemption(clean("refusal"), items=())
    assert "say which request items it applies to" in problems_of(letter)


# --- public interest test for qualified exemptions ------------------------------------------------------


def test_a_qualified_exemption_without_factors_favouring_disclosure_is_incomplete():
    letter = with_exemption(clean("refusal"), factors_for="")
    assert letter_problems(letter) == [
        "Section 31(1) (Law enforcement): add the public interest factors favouring disclosure."
    ]


def test_a_qualified_exemption_without_factors_against_disclosure_is_incomplete():
    letter = with_exemption(clean("refusal"), factors_against="")
    assert letter_problems(letter) == [
        "Section 31(1) (Law enforcement): add the public interest factors against disclosure."
    ]


def test_a_qualified_exemption_without_a_balancing_test_is_incomplete():
    letter = with_exemption(clean("refusal"), balancing="\n")
    assert letter_problems(letter) == ["Section 31(1) (Law enforcement): add the balancing test and its conclusion."]


def test_ncnd_factors_are_described_as_favouring_confirming_or_denying():
    letter = with_exemption(clean("ncnd"), factors_for="")
    assert "factors favouring confirming or denying" in problems_of(letter)


def test_an_absolute_exemption_needs_no_public_interest_text():
    letter = replace(clean("refusal"), exemptions=(absolute_exemption("s21(1)"),))
    assert letter_problems(letter) == []


def test_an_absolute_exemption_still_needs_the_reason_it_applies():
    letter = replace(clean("refusal"), exemptions=(absolute_exemption("s21(1)", why=""),))
    assert "explain why it applies" in problems_of(letter)


# --- harm for prejudice-based exemptions ---------------------------------------------------------------


def test_a_prejudice_based_exemption_without_harm_is_incomplete():
    letter = with_exemption(clean("refusal"), harm="")
    assert letter_problems(letter) == ["Section 31(1) (Law enforcement): describe the harm in disclosure."]


def test_a_required_for_exemption_without_harm_is_incomplete():
    letter = with_exemption(clean("refusal"), basis="required_for", harm="")
    assert "describe the harm in disclosure" in problems_of(letter)


def test_ncnd_harm_is_described_as_harm_in_confirming_or_denying():
    letter = with_exemption(clean("ncnd"), harm="")
    assert "Section 24(2) (National security): describe the harm in confirming or denying." in letter_problems(letter)


def test_a_class_based_exemption_needs_no_harm():
    letter = with_exemption(clean("refusal"), basis="class", harm="")
    assert letter_problems(letter) == []


# --- neither confirm nor deny ---------------------------------------------------------------------------


def test_an_ncnd_letter_citing_a_withholding_provision_is_told_the_ncnd_provision():
    letter = with_exemption(
        clean("ncnd"), code="s24(1)", provision="24(1)", citation="Section 24(1)", ncnd=False, ncnd_provision="24(2)"
    )
    problems = problems_of(letter)
    assert "Section 24(1) (National security) is not a neither confirm nor deny provision" in problems
    assert "cite 24(2) instead" in problems


def test_an_ncnd_letter_citing_an_exemption_with_no_ncnd_provision_is_refused():
    s21 = absolute_exemption("s21(1)")
    letter = replace(clean("ncnd"), exemptions=(*clean("ncnd").exemptions, s21))
    assert (
        "Section 21(1) (Information accessible by other means) has no neither confirm nor deny provision: "
        "it cannot be used in an NCND letter." in letter_problems(letter)
    )


def test_an_ncnd_letter_without_the_caveat_is_incomplete():
    letter = with_sections(clean("ncnd"), ncnd_caveat="  ")
    assert letter_problems(letter) == [
        "Add the caveat that neither confirming nor denying is not an indication of whether information is held."
    ]


def test_an_ncnd_letter_with_no_caveat_section_at_all_is_incomplete():
    letter = with_sections(clean("ncnd"), ncnd_caveat=None)
    assert "Add the caveat" in problems_of(letter)


def test_a_refusal_that_neither_confirms_nor_denies_part_needs_the_caveat_too():
    letter = replace(clean("refusal"), exemptions=(exemption("s31(1)"), ncnd_exemption("s40(5B)", title="Personal")))
    assert "Add the caveat" in problems_of(letter)


def test_a_refusal_citing_only_withholding_provisions_needs_no_caveat():
    assert "caveat" not in problems_of(clean("refusal"))


# --- rights (s17(7)) ------------------------------------------------------------------------------------


def test_a_response_without_review_rights_is_incomplete():
    letter = with_sections(clean("refusal"), review_rights="")
    assert letter_problems(letter) == ["Add the requester's right to ask for an internal review."]


def test_review_rights_without_the_date_to_ask_by_are_incomplete():
    letter = with_sections(clean("refusal"), review_rights="You may ask for a review within 40 working days.")
    assert letter_problems(letter) == [
        "The internal review paragraph must give the date to ask by: keep {review_by} in it."
    ]


def test_a_response_without_the_right_to_complain_to_the_commissioner_is_incomplete():
    letter = with_sections(clean("ncnd"), commissioner_rights=None)
    assert letter_problems(letter) == ["Add the requester's right to complain to the Information Commissioner."]


def test_an_acknowledgement_needs_no_rights():
    letter = with_sections(clean("acknowledgement"), review_rights=None, commissioner_rights=None)
    assert letter_problems(letter) == []


def test_a_review_outcome_needs_the_commissioner_but_not_another_review():
    rule = KIND_RULES["review_outcome"]
    assert (rule.review_rights, rule.commissioner_rights) == (False, True)
    letter = with_sections(clean("review_outcome"), commissioner_rights="")
    assert "complain to the Information Commissioner" in problems_of(letter)


# --- public interest extension notice -------------------------------------------------------------------


def test_a_pit_extension_without_an_exemption_is_incomplete():
    letter = replace(clean("pit_extension"), exemptions=())
    assert "Name at least one exemption, with its section and subsection." in letter_problems(letter)


def test_a_pit_extension_without_an_estimated_date_is_incomplete():
    letter = replace(clean("pit_extension"), estimated_decision_on=None)
    assert letter_problems(letter) == ["Give the estimated date by which a decision will be made."]


@pytest.mark.parametrize("days", [0, -1])
def test_a_pit_extension_estimated_date_not_after_today_is_refused(days):
    letter = replace(clean("pit_extension"), estimated_decision_on=TODAY + timedelta(days=days))
    assert letter_problems(letter) == ["The estimated decision date must be after today."]


def test_a_pit_extension_estimated_date_of_tomorrow_is_accepted():
    letter = replace(clean("pit_extension"), estimated_decision_on=TODAY + timedelta(days=1))
    assert letter_problems(letter) == []


def test_a_pit_extension_for_an_absolute_exemption_is_refused():
    letter = replace(clean("pit_extension"), exemptions=(absolute_exemption("s21(1)"),))
    assert "is absolute: there is no public interest test to extend the time for" in problems_of(letter)


def test_a_pit_extension_only_names_its_exemptions_without_the_reasoning():
    assert KIND_RULES["pit_extension"].exemptions is Exemptions.NAMES
    assert letter_problems(clean("pit_extension")) == []


def test_a_pit_extension_still_needs_the_subsection():
    letter = with_exemption(clean("pit_extension"), provision="31")
    assert "cite the subsection" in problems_of(letter)


# --- section 12: the cost limit --------------------------------------------------------------------------


def test_an_s12_refusal_without_cost_lines_is_incomplete():
    letter = replace(clean("s12"), cost_hours=())
    assert letter_problems(letter) == ["Add the cost estimate: hours for each activity that may be counted."]


def test_an_estimate_under_the_limit_means_section_12_does_not_apply():
    letter = replace(clean("s12"), cost_hours=(Decimal(17),), cost_limit=450)
    assert letter_problems(letter) == [
        "The estimate (GBP 425.00) does not exceed the appropriate limit (GBP 450): section 12 does not apply."
    ]


def test_an_estimate_above_the_limit_passes():
    letter = replace(clean("s12"), cost_hours=(Decimal(19),), cost_limit=450)
    assert letter_problems(letter) == []


def test_an_estimate_exactly_at_the_limit_does_not_exceed_it():
    letter = replace(clean("s12"), cost_hours=(Decimal(10), Decimal(14)), cost_limit=600)
    assert "(GBP 600.00) does not exceed the appropriate limit (GBP 600)" in problems_of(letter)


def test_an_estimate_one_quarter_hour_over_the_central_government_limit_passes():
    letter = replace(clean("s12"), cost_hours=(Decimal("24.25"),), cost_limit=600)
    assert letter_problems(letter) == []


def test_the_cost_is_the_hours_at_twenty_five_pounds():
    assert cost_total([Decimal(17)]) == Decimal(425)
    assert cost_total([Decimal(10), Decimal(9)]) == Decimal(475)
    assert cost_total([Decimal("0.5")]) == Decimal("12.5")
    assert cost_total([]) == 0


def test_an_s12_refusal_without_advice_and_assistance_is_incomplete():
    letter = with_sections(clean("s12"), s12_advice="")
    assert letter_problems(letter) == ["Add advice and assistance (s16) on how the request could be narrowed."]


def test_an_s12_refusal_citing_a_part_ii_exemption_is_refused():
    letter = replace(clean("s12"), exemptions=(procedural("s12(1)"), exemption("s31(1)")))
    assert "Section 31(1) (Law enforcement) does not belong in this kind of letter." in letter_problems(letter)


def test_an_s14_refusal_citing_the_cost_limit_is_refused():
    letter = replace(clean("s14"), exemptions=(procedural("s12(1)"),))
    assert "does not belong in this kind of letter" in problems_of(letter)


# --- fees notice -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fee", [None, Decimal(0)])
def test_a_fees_notice_without_a_fee_is_incomplete(fee):
    letter = replace(clean("fees_notice"), fee_amount=fee)
    assert letter_problems(letter) == ["Enter the fee the requester must pay."]


# --- kinds that cite nothing ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["acknowledgement", "full_disclosure", "not_held", "fees_notice"])
def test_a_kind_that_cites_no_exemptions_asks_for_one_to_be_removed(kind):
    letter = replace(clean(kind), exemptions=(exemption("s31(1)"),))
    assert "cites no exemptions: remove Section 31(1)." in problems_of(letter)


# --- gaps and placeholders ------------------------------------------------------------------------------


def test_a_gap_left_in_a_paragraph_is_reported_with_its_instruction():
    letter = replace(
        with_sections(clean("refusal"), refusal="We searched [[which systems]]."),
        section_titles={"refusal": "Response"},
    )
    assert letter_problems(letter) == ["Response: fill in the gap (which systems)."]


def test_a_gap_in_a_paragraph_without_a_heading_is_reported_by_its_name():
    letter = with_sections(clean("acknowledgement"), intro="Dear [[name]],")
    assert letter_problems(letter) == ["Intro: fill in the gap (name)."]


def test_every_gap_is_reported():
    letter = with_sections(clean("acknowledgement"), intro="[[one]] and [[two]]")
    assert len(letter_problems(letter)) == 2


def test_a_gap_left_in_an_exemption_block_is_reported():
    letter = with_exemption(clean("refusal"), harm="It would [[describe the harm]].")
    assert letter_problems(letter) == ["Section 31(1) (Law enforcement), harm: fill in the gap (describe the harm)."]


def test_a_gap_left_in_an_answer_is_reported():
    letter = replace(clean("full_disclosure"), items=(ItemSnapshot(1, "It began on [[date]]."),))
    assert letter_problems(letter) == ["Answer to item 1: fill in the gap (date)."]


def test_an_unknown_placeholder_is_reported():
    letter = with_sections(clean("acknowledgement"), intro="Dear {requester_name},")
    assert letter_problems(letter) == ["Intro: {requester_name} is not a placeholder letters know."]


def test_an_unknown_placeholder_in_an_exemption_block_is_reported():
    letter = with_exemption(clean("refusal"), why="Because {reason}.")
    assert "{reason} is not a placeholder letters know" in problems_of(letter)


def test_known_placeholders_are_not_reported():
    letter = with_sections(clean("acknowledgement"), intro="{authority} received it on {received_date}.")
    assert letter_problems(letter) == []


# --- answers -------------------------------------------------------------------------------------------


def test_an_unanswered_item_in_a_full_disclosure_is_incomplete():
    letter = replace(clean("full_disclosure"), items=(ItemSnapshot(1, "Since 2019."), ItemSnapshot(2, " ")))
    assert letter_problems(letter) == ["Request item 2: give an answer or apply an exemption."]


def test_an_item_withheld_under_an_exemption_needs_no_answer_in_a_partial_disclosure():
    letter = clean("partial_disclosure")
    assert letter.items[0].answer == ""
    assert letter_problems(letter) == []


def test_an_unanswered_item_without_an_exemption_in_a_partial_disclosure_is_incomplete():
    letter = replace(clean("partial_disclosure"), items=(*clean("partial_disclosure").items, ItemSnapshot(3, "")))
    assert "Request item 3: give an answer or apply an exemption." in letter_problems(letter)


def test_a_letter_that_answers_nothing_ignores_blank_answers():
    letter = replace(clean("acknowledgement"), items=(ItemSnapshot(1, ""),))
    assert letter_problems(letter) == []


# --- signatory --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   "])
def test_a_letter_without_a_signatory_is_incomplete(name):
    letter = replace(clean("acknowledgement"), signatory_name=name)
    assert letter_problems(letter) == ["Add the name of the person signing the letter."]


# --- found in review: extensions given late or too long, items left unanswered ----------------------


def test_a_pit_extension_notified_after_the_twentieth_working_day_is_too_late():
    letter = replace(clean("pit_extension"), statutory_due=TODAY - timedelta(days=1))
    assert "must be notified within the first 20 working days (by 13 January 2020)" in problems_of(letter)


def test_a_pit_extension_on_the_twentieth_working_day_is_in_time():
    assert letter_problems(replace(clean("pit_extension"), statutory_due=TODAY)) == []


def test_a_pit_extension_longer_than_twenty_more_working_days_is_refused():
    letter = replace(
        clean("pit_extension"),
        latest_estimate=TODAY + timedelta(days=19),
        estimated_decision_on=TODAY + timedelta(days=20),
    )
    assert "the ICO expects no longer than 2 February 2020" in problems_of(letter)


@pytest.mark.parametrize("placeholder", ["{exemptions}", "{estimated_date}"])
def test_a_pit_extension_notice_must_name_the_exemptions_and_the_date(placeholder):
    letter = clean("pit_extension")
    notice = letter.sections["pit_extension"].replace(placeholder, "something")
    assert f"keep {placeholder} in it" in problems_of(with_sections(letter, pit_extension=notice))


@pytest.mark.parametrize("kind", ["refusal", "ncnd", "s12", "s14"])
def test_a_refusal_must_cover_every_request_item_with_an_exemption(kind):
    letter = clean(kind)
    first, second = letter.items
    letter = replace(letter, items=(first, replace(second, codes=())))
    assert "Request item 2: apply an exemption to it" in problems_of(letter)
