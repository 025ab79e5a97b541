"""The shipped exemption library and standard paragraphs follow the law and the product's wording rules.

Plain unit tests over the Python data: no database. Each test checks one rule for every entry it applies to
and names the entries that break it.
"""

import re

import pytest

from responses.library_content import EXEMPTIONS, PARAGRAPHS, PLACEHOLDERS

BY_CODE = {entry.code: entry for entry in EXEMPTIONS}
PARAGRAPHS_BY_CODE = {paragraph.code: paragraph for paragraph in PARAGRAPHS}

TEXT_FIELDS = (
    "why",
    "harm",
    "factors_for",
    "factors_against",
    "balancing",
    "ncnd_why",
    "ncnd_harm",
    "ncnd_factors_for",
    "ncnd_factors_against",
    "ncnd_balancing",
)
PIT_FIELDS = ("factors_for", "factors_against", "balancing")
NCND_PIT_FIELDS = ("ncnd_factors_for", "ncnd_factors_against", "ncnd_balancing")
NCND_FIELDS = ("ncnd_why", "ncnd_harm", *NCND_PIT_FIELDS)

# code: (family, section, provision, ncnd_provision, absolute, basis), from the legal reference and the brief.
EXPECTED = {
    "s21": ("foia", "21", "21(1)", "", True, "class"),
    "s22": ("foia", "22", "22(1)", "22(2)", False, "class"),
    "s22a": ("foia", "22A", "22A(1)", "22A(2)", False, "prejudice"),
    "s23": ("foia", "23", "23(1)", "23(5)", True, "class"),
    "s24": ("foia", "24", "24(1)", "24(2)", False, "required_for"),
    "s26": ("foia", "26", "26(1)", "26(3)", False, "prejudice"),
    "s27_1": ("foia", "27", "27(1)", "27(4)(a)", False, "prejudice"),
    "s27_2": ("foia", "27", "27(2)", "27(4)(b)", False, "class"),
    "s28": ("foia", "28", "28(1)", "28(3)", False, "prejudice"),
    "s29": ("foia", "29", "29(1)", "29(2)", False, "prejudice"),
    "s30": ("foia", "30", "30(1)", "30(3)", False, "class"),
    "s31": ("foia", "31", "31(1)", "31(3)", False, "prejudice"),
    "s32": ("foia", "32", "32(1)", "32(3)", True, "class"),
    "s33": ("foia", "33", "33(2)", "33(3)", False, "prejudice"),
    "s34": ("foia", "34", "34(1)", "34(2)", True, "required_for"),
    "s35": ("foia", "35", "35(1)", "35(3)", False, "class"),
    "s36": ("foia", "36", "36(2)", "36(3)", False, "prejudice"),
    "s37": ("foia", "37", "37(1)", "37(2)", False, "class"),
    "s38": ("foia", "38", "38(1)", "38(2)", False, "prejudice"),
    "s39": ("foia", "39", "39(1)", "39(2)", False, "class"),
    "s40_1": ("foia", "40", "40(1)", "40(5A)", True, "class"),
    "s40_2": ("foia", "40", "40(2)", "40(5B)", True, "class"),
    "s41": ("foia", "41", "41(1)", "41(2)", True, "class"),
    "s42": ("foia", "42", "42(1)", "42(2)", False, "class"),
    "s43_1": ("foia", "43", "43(1)", "", False, "class"),
    "s43_2": ("foia", "43", "43(2)", "43(3)", False, "prejudice"),
    "s44": ("foia", "44", "44(1)", "44(2)", True, "class"),
    "s12": ("procedural", "12", "12(1)", "12(2)", True, "class"),
    "s14_1": ("procedural", "14", "14(1)", "", True, "class"),
    "s14_2": ("procedural", "14", "14(2)", "", True, "class"),
    "eir_12_4_a": ("eir", "12(4)(a)", "12(4)(a)", "", False, "class"),
    "eir_12_4_b": ("eir", "12(4)(b)", "12(4)(b)", "", False, "class"),
    "eir_12_4_c": ("eir", "12(4)(c)", "12(4)(c)", "", False, "class"),
    "eir_12_4_d": ("eir", "12(4)(d)", "12(4)(d)", "", False, "class"),
    "eir_12_4_e": ("eir", "12(4)(e)", "12(4)(e)", "", False, "class"),
    "eir_12_5_a": ("eir", "12(5)(a)", "12(5)(a)", "12(6)", False, "prejudice"),
    "eir_12_5_b": ("eir", "12(5)(b)", "12(5)(b)", "", False, "prejudice"),
    "eir_12_5_c": ("eir", "12(5)(c)", "12(5)(c)", "", False, "prejudice"),
    "eir_12_5_d": ("eir", "12(5)(d)", "12(5)(d)", "", False, "prejudice"),
    "eir_12_5_e": ("eir", "12(5)(e)", "12(5)(e)", "", False, "prejudice"),
    "eir_12_5_f": ("eir", "12(5)(f)", "12(5)(f)", "", False, "prejudice"),
    "eir_12_5_g": ("eir", "12(5)(g)", "12(5)(g)", "", False, "prejudice"),
    "eir_13": ("eir", "13", "13(1)", "13(5A)", True, "class"),
}

PART_II_SECTIONS = {
    "21", "22", "22A", "23", "24", "26", "27", "28", "29", "30", "31", "32",
    "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44",
}  # fmt: skip

EIR_EXCEPTIONS = {f"12(4)({letter})" for letter in "abcde"} | {f"12(5)({letter})" for letter in "abcdefg"} | {"13"}

PARAGRAPH_CODES = {
    "intro",
    "review_intro",
    "applicant_blind",
    "acknowledgement",
    "clarification_request",
    "fees_notice",
    "pit_extension",
    "full_disclosure",
    "partial_disclosure",
    "refusal",
    "ncnd_statement",
    "ncnd_caveat",
    "not_held",
    "advice_and_assistance",
    "s12_refusal",
    "s12_advice",
    "s14_refusal",
    "review_outcome",
    "closing",
}

# Wording for a regime other than FOIA: "<plain code>_<regime>", used in place of the plain paragraph when it exists.
REGIME_SUFFIXES = ("_eir", "_foisa", "_eisr", "_sar")
REGIME_VARIANT_CODES = {
    *(
        f"{code}_eir"
        for code in (
            "acknowledgement",
            "clarification_request",
            "fees_notice",
            "applicant_blind",
            "full_disclosure",
            "partial_disclosure",
            "refusal",
            "ncnd_statement",
            "not_held",
            "advice_and_assistance",
            "review_outcome",
        )
    ),
    *(
        f"{code}_{regime}"
        for regime in ("foisa", "eisr")
        for code in (
            "acknowledgement",
            "clarification_request",
            "applicant_blind",
            "full_disclosure",
            "not_held",
            "advice_and_assistance",
            "review_outcome",
        )
    ),
    *(
        f"{code}_sar"
        for code in ("acknowledgement", "clarification_request", "full_disclosure", "not_held", "advice_and_assistance")
    ),
}

# The law requires these bodies themselves to name the commissioner: a FOISA or EIR (Scotland) review decision must
# give particulars of the right to apply to the Scottish Information Commissioner (FOISA s21(10); EISR reg 17), and
# a subject access response must state the right to complain (UK GDPR Article 15(1)(f)). They name the commissioner
# through {commissioner}; contact details still come only from unit settings.
NAMES_THE_COMMISSIONER = {"review_outcome_foisa", "review_outcome_eisr", "full_disclosure_sar"}

GAP = re.compile(r"\[\[([^\[\]]+)\]\]")
BRACED = re.compile(r"\{([^{}]*)\}")
SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"(]|$)")
CONFIRM_OR_DENY = re.compile(r"confirm|\bden(y|ying|ial)\b", re.IGNORECASE)


def citing_code(family: str, provision: str) -> str:
    return ("reg" if family == "eir" else "s") + provision


def printed_texts():
    """(where, text) for everything a letter can print: entry titles and blocks, paragraph titles and bodies."""
    for entry in EXEMPTIONS:
        yield f"{entry.code}.title", entry.title
        for field in TEXT_FIELDS:
            yield f"{entry.code}.{field}", getattr(entry, field)
    for paragraph in PARAGRAPHS:
        yield f"{paragraph.code}.title", paragraph.title
        yield f"{paragraph.code}.body", paragraph.body


def all_texts():
    """Printed texts and officers' guidance."""
    yield from printed_texts()
    for item in [*EXEMPTIONS, *PARAGRAPHS]:
        yield f"{item.code}.guidance", item.guidance


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def sentence_count(text: str) -> int:
    return len(SENTENCE_END.findall(text))


def qualified(basis: str | None = None):
    return [e for e in EXEMPTIONS if not e.absolute and (basis is None or e.basis == basis)]


# ------------------------------------------------------------------------------------------ coverage


def test_every_part_ii_section_has_an_entry():
    assert {e.section for e in EXEMPTIONS if e.family == "foia"} == PART_II_SECTIONS


def test_sections_whose_subsections_differ_in_nature_are_split():
    codes = set(BY_CODE)
    assert {"s27_1", "s27_2", "s40_1", "s40_2", "s43_1", "s43_2"} <= codes
    assert not {"s27", "s40", "s43"} & codes


def test_every_procedural_refusal_is_present():
    assert {e.code for e in EXEMPTIONS if e.family == "procedural"} == {"s12", "s14_1", "s14_2"}


def test_every_eir_exception_is_present():
    assert {e.section for e in EXEMPTIONS if e.family == "eir"} == EIR_EXCEPTIONS


def test_the_library_holds_exactly_the_expected_entries():
    assert sorted(BY_CODE) == sorted(EXPECTED)


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_entry_cites_the_provisions_the_law_gives(code):
    entry = BY_CODE[code]
    family, section, provision, ncnd_provision, _, _ = EXPECTED[code]
    assert (entry.family, entry.section, entry.provision, entry.ncnd_provision) == (
        family,
        section,
        provision,
        ncnd_provision,
    )


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_entry_is_absolute_or_qualified_and_class_or_harm_based_as_the_law_says(code):
    entry = BY_CODE[code]
    *_, absolute, basis = EXPECTED[code]
    assert (entry.absolute, entry.basis) == (absolute, basis)


# ------------------------------------------------------------------------------------------ identity


def test_codes_are_unique():
    codes = [e.code for e in EXEMPTIONS]
    assert len(codes) == len(set(codes))


def test_codes_follow_the_naming_scheme():
    pattern = re.compile(r"^(s\d+[a-z]?(_\d)?|eir_12_[45]_[a-g]|eir_13)$")
    assert [e.code for e in EXEMPTIONS if not pattern.match(e.code)] == []


def test_citing_codes_are_unique():
    citing = [citing_code(e.family, e.provision) for e in EXEMPTIONS]
    citing += [citing_code(e.family, e.ncnd_provision) for e in EXEMPTIONS if e.ncnd_provision]
    duplicates = sorted({code for code in citing if citing.count(code) > 1})
    assert duplicates == []


def test_provisions_belong_to_their_section():
    wrong = []
    for e in EXEMPTIONS:
        stem = e.section if e.family != "eir" or e.section == "13" else e.section.split("(")[0]
        for provision in filter(None, (e.provision, e.ncnd_provision)):
            if not provision.startswith(stem + "("):
                wrong.append((e.code, provision))
    assert wrong == []


def test_family_and_basis_take_known_values():
    assert {e.family for e in EXEMPTIONS} <= {"foia", "eir", "procedural"}
    assert {e.basis for e in EXEMPTIONS} <= {"class", "prejudice", "required_for"}


def test_titles_are_present_and_unique():
    for items in (EXEMPTIONS, PARAGRAPHS):
        titles = [item.title for item in items]
        assert all(title.strip() for title in titles)
        assert len(titles) == len(set(titles))


# ------------------------------------------------------------------------------------------ structure


def test_every_entry_explains_why_it_applies():
    assert [e.code for e in EXEMPTIONS if not e.why.strip()] == []


def test_why_names_the_provision_relied_on():
    def cited(e, provision):
        return ("Regulation " if e.family == "eir" else "Section ") + provision

    assert [e.code for e in EXEMPTIONS if cited(e, e.provision) not in e.why] == []
    assert [e.code for e in EXEMPTIONS if e.ncnd_provision and cited(e, e.ncnd_provision) not in e.ncnd_why] == []


def test_absolute_exemptions_have_no_public_interest_text():
    offenders = [
        (e.code, field) for e in EXEMPTIONS if e.absolute for field in PIT_FIELDS + NCND_PIT_FIELDS if getattr(e, field)
    ]
    assert offenders == []


def test_qualified_exemptions_have_reasons_and_a_public_interest_test():
    offenders = [(e.code, f) for e in qualified() for f in ("why", *PIT_FIELDS) if not getattr(e, f).strip()]
    assert offenders == []


def test_harm_based_qualified_exemptions_describe_the_harm():
    offenders = [e.code for e in qualified() if e.basis in ("prejudice", "required_for") and not e.harm.strip()]
    assert offenders == []


def test_public_interest_factors_are_bullet_lists():
    offenders = [
        (e.code, field)
        for e in EXEMPTIONS
        for field in ("factors_for", "factors_against", "ncnd_factors_for", "ncnd_factors_against")
        if getattr(e, field) and any(not line.startswith("- ") for line in getattr(e, field).splitlines())
    ]
    assert offenders == []


def test_balancing_texts_end_with_a_conclusion_sentence():
    offenders = []
    for e in EXEMPTIONS:
        for field in ("balancing", "ncnd_balancing"):
            text = getattr(e, field)
            if not text:
                continue
            last = text.split("\n\n")[-1]
            if not (
                len(text.split("\n\n")) >= 2
                and sentence_count(last) == 1
                and last.startswith("We have")
                and "concluded" in last
                and "public interest" in last
                and last.endswith(".")
            ):
                offenders.append((e.code, field))
    assert offenders == []


def test_entries_with_an_ncnd_provision_explain_it():
    assert [e.code for e in EXEMPTIONS if e.ncnd_provision and not e.ncnd_why.strip()] == []


def test_qualified_ncnd_provisions_have_a_public_interest_test():
    offenders = [
        (e.code, f) for e in qualified() if e.ncnd_provision for f in NCND_PIT_FIELDS if not getattr(e, f).strip()
    ]
    assert offenders == []


def test_harm_based_qualified_ncnd_provisions_describe_the_harm_of_confirming_or_denying():
    offenders = [
        e.code
        for e in qualified()
        if e.ncnd_provision and e.basis in ("prejudice", "required_for") and not e.ncnd_harm.strip()
    ]
    assert offenders == []


def test_entries_without_an_ncnd_provision_have_no_ncnd_text():
    offenders = [(e.code, f) for e in EXEMPTIONS if not e.ncnd_provision for f in NCND_FIELDS if getattr(e, f)]
    assert offenders == []


def test_ncnd_text_talks_about_confirming_or_denying():
    offenders = [
        (e.code, field)
        for e in EXEMPTIONS
        for field in NCND_FIELDS
        if getattr(e, field) and not CONFIRM_OR_DENY.search(getattr(e, field))
    ]
    offenders += [
        (e.code, field, bullet)
        for e in EXEMPTIONS
        for field in ("ncnd_factors_for", "ncnd_factors_against")
        for bullet in bullets(getattr(e, field))
        if not CONFIRM_OR_DENY.search(bullet)
    ]
    assert offenders == []


def test_ncnd_text_never_speaks_of_disclosing_the_information_itself():
    forbidden = re.compile(
        r"\bdisclos(e|ure|ing) (of )?(the|this|that) (requested |withheld )?information\b"
        r"|\breleas(e|ing) (of )?(the|this|that) information\b"
        r"|\bdisclosure would\b",
        re.IGNORECASE,
    )
    offenders = [(e.code, f) for e in EXEMPTIONS for f in NCND_FIELDS if forbidden.search(getattr(e, f))]
    assert offenders == []


def test_ncnd_factors_in_favour_concern_confirming_or_denying():
    offenders = [
        e.code
        for e in EXEMPTIONS
        if e.ncnd_factors_for and not all(re.search(r"confirm", b, re.IGNORECASE) for b in bullets(e.ncnd_factors_for))
    ]
    assert offenders == []


# ------------------------------------------------------------------------------------------ harm


def test_prejudice_harm_lets_the_officer_choose_would_or_would_be_likely_to():
    offenders = []
    for e in EXEMPTIONS:
        if e.family != "foia" or e.basis != "prejudice":
            continue
        for field in ("harm", "ncnd_harm"):
            text = getattr(e, field)
            if text and not any(
                "would be likely to" in gap and "would" in gap.split("/")[0] for gap in GAP.findall(text)
            ):
                offenders.append((e.code, field))
    assert offenders == []


def test_prejudice_harm_follows_the_three_step_test():
    # The interest protected, the causal link between disclosure and harm, and the likelihood of the harm.
    offenders = [
        e.code
        for e in EXEMPTIONS
        if e.basis == "prejudice" and not ("interest" in e.harm and "causal link" in e.harm and "likelihood" in e.harm)
    ]
    assert offenders == []


def test_eir_harm_applies_the_higher_would_adversely_affect_threshold():
    offenders = [
        (e.code, field)
        for e in EXEMPTIONS
        if e.family == "eir" and e.basis == "prejudice"
        for field in ("harm", "ncnd_harm")
        if getattr(e, field) and ("more probable than not" not in getattr(e, field) or "likely to" in getattr(e, field))
    ]
    assert offenders == []


def test_harm_texts_leave_gaps_for_the_facts_of_the_case():
    offenders = [
        (e.code, f) for e in EXEMPTIONS for f in ("harm", "ncnd_harm") if getattr(e, f) and "[[" not in getattr(e, f)
    ]
    assert offenders == []


# ------------------------------------------------------------------------------------------ EIR


def test_eir_exceptions_are_qualified_except_personal_data():
    eir = [e for e in EXEMPTIONS if e.family == "eir"]
    assert {e.section for e in eir if e.absolute} == {"13"}


def test_eir_ncnd_is_only_for_international_relations_and_security_and_personal_data():
    assert {e.code: e.ncnd_provision for e in EXEMPTIONS if e.family == "eir" and e.ncnd_provision} == {
        "eir_12_5_a": "12(6)",
        "eir_13": "13(5A)",
    }


def test_eir_balancing_states_the_presumption_in_favour_of_disclosure():
    offenders = [
        (e.code, field)
        for e in EXEMPTIONS
        if e.family == "eir" and not e.absolute
        for field in ("balancing", "ncnd_balancing")
        if getattr(e, field)
        and not ("presumption in favour of disclosure" in getattr(e, field) and "12(2)" in getattr(e, field))
    ]
    assert offenders == []


# ------------------------------------------------------------------------------------------ particular entries


def test_cost_limit_refusal_explains_the_limit_the_activities_and_aggregation():
    why = BY_CODE["s12"].why
    for placeholder in ("cost_limit", "cost_limit_hours", "hourly_rate", "cost_hours", "cost_total"):
        assert "{" + placeholder + "}" in why
    for activity in ("determine whether we hold", "locate", "retrieve", "extract"):
        assert activity in why
    assert "60 consecutive working days" in why


def test_cost_limit_ncnd_concerns_the_cost_of_establishing_whether_information_is_held():
    ncnd_why = BY_CODE["s12"].ncnd_why
    assert "Section 12(2)" in ncnd_why
    assert "whether" in ncnd_why and "held" in ncnd_why
    assert "{cost_limit}" in ncnd_why


def test_section_14_refusals_say_no_public_interest_test_applies():
    for code in ("s14_1", "s14_2"):
        assert "public interest" in BY_CODE[code].why
        assert "not an exemption" in BY_CODE[code].why


def test_section_36_relies_on_the_qualified_persons_reasonable_opinion():
    entry = BY_CODE["s36"]
    assert "qualified person" in entry.why and "reasonable" in entry.why
    gaps = " ".join(GAP.findall(entry.why))
    assert "name" in gaps and "date" in gaps


def test_personal_data_refusals_explain_the_breach_of_the_data_protection_principles():
    for code in ("s40_2", "eir_13"):
        entry = BY_CODE[code]
        assert "data protection principles" in entry.why
        assert "data protection principles" in entry.ncnd_why
        assert "Article 6(1)(f)" in entry.why


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("s21", "reasonably accessible"),
        ("s30", "class-based"),
        ("s35", "government departments"),
        ("s36", "qualified person"),
        ("s37", "absolute"),
        ("s39", "EIR"),
        ("s40_1", "subject access"),
        ("s40_2", "qualified"),
        ("s43_1", "no neither confirm nor deny provision"),
        ("s12", "section 16"),
        ("eir_12_5_a", "more probable than not"),
    ],
)
def test_guidance_warns_of_the_known_pitfalls(code, words):
    assert words in BY_CODE[code].guidance


def test_every_entry_has_one_to_three_sentences_of_guidance():
    offenders = [
        (e.code, sentence_count(e.guidance))
        for e in EXEMPTIONS
        if not (1 <= sentence_count(e.guidance) <= 3 and e.guidance.endswith("."))
    ]
    assert offenders == []


# ------------------------------------------------------------------------------------------ markers and format


def test_only_known_placeholders_are_used():
    offenders = []
    for where, text in printed_texts():
        unknown = [name for name in BRACED.findall(text) if name not in PLACEHOLDERS]
        stray = "{" in BRACED.sub("", text) or "}" in BRACED.sub("", text)
        if unknown or stray:
            offenders.append((where, unknown))
    assert offenders == []


def test_guidance_has_no_placeholders_or_gaps():
    offenders = [item.code for item in [*EXEMPTIONS, *PARAGRAPHS] if any(c in item.guidance for c in "{}[]")]
    assert offenders == []


def test_gaps_are_well_formed_short_instructions():
    offenders = []
    for where, text in printed_texts():
        if "[" in GAP.sub("", text) or "]" in GAP.sub("", text):
            offenders.append((where, "unbalanced"))
        for gap in GAP.findall(text):
            if gap != gap.strip() or not 3 <= len(gap) <= 200:
                offenders.append((where, gap))
    assert offenders == []


def test_titles_have_no_markers():
    offenders = [
        where for where, text in printed_texts() if where.endswith(".title") and re.search(r"[{}\[\]*#]", text)
    ]
    assert offenders == []


def test_text_is_light_markdown_with_one_line_per_paragraph_or_bullet():
    offenders = []
    for where, text in all_texts():
        if text != text.strip() or "\n\n\n" in text or "\t" in text:
            offenders.append((where, "whitespace"))
        for block in filter(None, text.split("\n\n")):
            lines = block.splitlines()
            if len(lines) > 1 and not all(line.startswith("- ") for line in lines):
                offenders.append((where, "wrapped or mixed block"))
            if any(line.startswith(("#", "* ", "+ ")) or "  " in line for line in lines):
                offenders.append((where, "not light markdown"))
        if text.replace("**", "").count("*"):
            offenders.append((where, "stray asterisk"))
    assert offenders == []


def test_no_line_is_left_with_a_trailing_space():
    assert [where for where, text in all_texts() if any(line != line.rstrip() for line in text.splitlines())] == []


# ------------------------------------------------------------------------------------------ wording rules


def test_no_text_offers_internal_review_or_complaint_rights():
    # Review and complaint wording comes from unit settings; only the review outcome letter mentions a review.
    # A regime's review outcome letter (review_outcome_eir, ...) is a review outcome letter too.
    offenders = []
    for where, text in printed_texts():
        lowered = text.lower()
        names_the_commissioner = where.endswith(".body") and where.removesuffix(".body") in NAMES_THE_COMMISSIONER
        if "internal review" in lowered and not re.match(r"review_(outcome|intro)(_[a-z]+)?\.", where):
            offenders.append(where)
        if re.search(r"ico\.org\.uk|0303|tribunal", lowered) or (
            not names_the_commissioner
            and re.search(r"complain to|make a complaint|right to complain|commissioner", lowered)
        ):
            offenders.append(where)
        if any(
            "{" + name + "}" in text
            for name in ("review_by", "commissioner_website", "commissioner_helpline")
            + (() if names_the_commissioner else ("commissioner",))
        ):
            offenders.append(where)
    assert offenders == []


def test_text_is_applicant_blind():
    forbidden = re.compile(
        r"\bwhy you\b|\bwho you are\b|\byour (reasons?|motives?|motivation|purpose|identity|occupation|interest in)\b"
        r"|\bjournalist|\bresearcher\b|\bcampaigner",
        re.IGNORECASE,
    )
    assert [(where, m.group(0)) for where, text in printed_texts() for m in forbidden.finditer(text)] == []


def test_text_uses_british_spelling():
    american = re.compile(
        r"\b(\w*(organiz|authoriz|recogniz|prioritiz|minimiz|summariz|emphasiz|finaliz|apologiz|realiz|utiliz)\w*"
        r"|favor\w*|honor\w*|behavior\w*|defense|offense|programs?|centers?|analyze\w*|catalog)\b",
        re.IGNORECASE,
    )
    assert [(where, m.group(0)) for where, text in all_texts() for m in american.finditer(text)] == []


def test_disclosure_is_described_as_disclosure_to_the_world():
    assert "world" in PARAGRAPHS_BY_CODE["applicant_blind"].body
    assert "world" in BY_CODE["s24"].harm


# ------------------------------------------------------------------------------------------ paragraphs


def test_every_paragraph_the_letters_need_is_present():
    assert set(PARAGRAPHS_BY_CODE) == PARAGRAPH_CODES | REGIME_VARIANT_CODES


def test_paragraph_codes_are_unique():
    codes = [p.code for p in PARAGRAPHS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("code", "placeholders"),
    [
        ("intro", {"received_date"}),
        ("review_intro", {"authority", "received_date", "act"}),
        ("applicant_blind", {"act"}),
        ("acknowledgement", {"references", "due_date"}),
        ("fees_notice", {"fee_amount", "fee_due_by"}),
        ("pit_extension", {"exemptions", "estimated_date"}),
        ("partial_disclosure", {"exemptions"}),
        ("refusal", {"exemptions"}),
        ("ncnd_statement", {"authority", "exemptions"}),
        ("s12_refusal", {"cost_limit", "cost_hours", "cost_total"}),
        ("s14_refusal", {"exemptions"}),
        ("review_outcome", {"references"}),
        ("closing", {"references"}),
    ],
)
def test_paragraphs_use_the_placeholders_they_need(code, placeholders):
    assert placeholders <= set(BRACED.findall(PARAGRAPHS_BY_CODE[code].body))


@pytest.mark.parametrize(
    "code",
    [
        "clarification_request",
        "fees_notice",
        "pit_extension",
        "full_disclosure",
        "partial_disclosure",
        "not_held",
        "advice_and_assistance",
        "s12_advice",
        "s14_refusal",
        "review_outcome",
    ],
)
def test_paragraphs_that_need_case_facts_leave_gaps(code):
    assert GAP.search(PARAGRAPHS_BY_CODE[code].body)


@pytest.mark.parametrize(
    ("code", "phrases"),
    [
        ("intro", ["{received_date}"]),
        ("applicant_blind", ["world"]),
        ("acknowledgement", ["20 working days", "start again", "fees notice", "not count"]),
        ("clarification_request", ["section 1(3)", "section 16", "start again", "three months"]),
        ("fees_notice", ["section 9", "three months", "do not count"]),
        ("pit_extension", ["section 10(3)", "section 17(2)", "public interest"]),
        ("partial_disclosure", ["section 17(1)"]),
        ("refusal", ["section 17(1)"]),
        ("ncnd_statement", ["neither confirm nor deny", "section 1(1)(a)"]),
        ("ncnd_caveat", ["should not be taken as an indication", "whether or not"]),
        ("not_held", ["section 1(1)(a)", "do not hold"]),
        ("advice_and_assistance", ["section 16"]),
        ("s12_refusal", ["section 12(1)", "section 17(5)"]),
        ("s12_advice", ["section 16", "narrow"]),
        ("s14_refusal", ["not an exemption", "public interest", "section 17(5)"]),
        ("review_outcome", ["not involved in the original decision", "afresh", "upheld", "overturned"]),
        ("closing", ["{references}"]),
    ],
)
def test_paragraphs_say_what_the_law_requires(code, phrases):
    body = PARAGRAPHS_BY_CODE[code].body
    assert [phrase for phrase in phrases if phrase not in body] == []


@pytest.mark.parametrize("code", ["intro", "review_intro"])
def test_openings_end_by_introducing_the_quoted_request(code):
    assert PARAGRAPHS_BY_CODE[code].body.endswith(":")


def test_cost_limit_paragraph_leaves_the_estimate_table_to_the_worksheet():
    body = PARAGRAPHS_BY_CODE["s12_refusal"].body
    assert "|" not in body


# ------------------------------------------------------------------------------------------ regime variants


def variants(*suffixes: str) -> list:
    """Paragraphs written for another regime, optionally only those with the given suffixes."""
    wanted = suffixes or REGIME_SUFFIXES
    return [p for p in PARAGRAPHS if p.code.endswith(wanted)]


def base_code(code: str) -> str:
    return next(code.removesuffix(suffix) for suffix in REGIME_SUFFIXES if code.endswith(suffix))


def test_every_variant_replaces_a_plain_paragraph():
    offenders = [
        p.code
        for p in variants()
        if base_code(p.code) not in PARAGRAPH_CODES or base_code(p.code).endswith(REGIME_SUFFIXES)
    ]
    assert offenders == []


def test_there_is_no_applicant_blind_or_review_wording_for_subject_access():
    # A subject access request is about the requester's own data, and the UK GDPR has no internal review.
    assert {"applicant_blind_sar", "review_outcome_sar"}.isdisjoint(PARAGRAPHS_BY_CODE)
    assert [p.code for p in PARAGRAPHS if "applicant_blind_sar" in p.body + p.guidance] == []


def test_no_variant_offers_an_extension_or_refusal_its_regime_lacks():
    # FOISA and the EIR have no public interest extension; the cost and vexatious paragraphs are FOIA's.
    assert [p.code for p in variants() if base_code(p.code) in ("pit_extension", "s12_refusal", "s14_refusal")] == []


def test_variant_titles_are_distinct_from_the_plain_paragraph_and_name_the_regime():
    labels = {"_eir": "EIR", "_foisa": "FOISA", "_eisr": "Scottish EIR", "_sar": "subject access"}
    offenders = [
        p.code
        for p in variants()
        if p.title == PARAGRAPHS_BY_CODE[base_code(p.code)].title or labels[p.code[p.code.rindex("_") :]] not in p.title
    ]
    assert offenders == []


def test_variants_use_the_same_placeholders_as_the_paragraph_they_replace_where_the_law_allows():
    # Dates and references carry over. {act} may be replaced by the law's name written out (subject access must:
    # its {act} is the regime's label), and the EIR's 60 working days to pay is not the three-month {fee_due_by}.
    expected_missing = {"fees_notice_eir": {"fee_due_by"}}
    offenders = []
    for p in variants():
        needed = set(BRACED.findall(PARAGRAPHS_BY_CODE[base_code(p.code)].body)) - {"act"}
        missing = needed - set(BRACED.findall(p.body)) - expected_missing.get(p.code, set())
        if missing:
            offenders.append((p.code, missing))
    assert offenders == []


def test_eir_charge_gives_sixty_working_days_to_pay_and_no_fixed_rate():
    body = PARAGRAPHS_BY_CODE["fees_notice_eir"].body
    assert "{fee_due_by}" not in body and "{hourly_rate}" not in body
    assert [
        phrase
        for phrase in ("regulation 8", "reasonable amount", "in advance", "60 working days")
        if phrase not in body
    ] == []
    assert "date 60 working days" in " ".join(GAP.findall(body))


def test_eir_variants_cite_the_regulations():
    assert [p.code for p in variants("_eir", "_eisr") if not re.search(r"[Rr]egulation", p.body)] == []


def test_variants_outside_foia_do_not_cite_foia_sections():
    offenders = [
        (p.code, m.group(0))
        for p in variants("_eir", "_eisr", "_sar")
        for m in re.finditer(r"section 1\(1\)|section 17|section 1\(3\)|section 16|section 10|\bsection \d+", p.body)
    ]
    assert offenders == []


def test_variants_never_name_the_freedom_of_information_act_2000():
    assert [p.code for p in variants() if "Freedom of Information Act 2000" in p.body + p.guidance] == []


def test_scottish_variants_count_scottish_bank_holidays_and_cite_scottish_provisions():
    offenders = [
        p.code
        for p in variants("_foisa", "_eisr")
        if "any part of the United Kingdom" in p.body or re.search(r"regulation (11|12|14)\b|12\(4\)|12\(5\)", p.body)
    ]
    offenders += [p.code for p in variants("_foisa") if re.search(r"[Rr]egulation", p.body)]
    offenders += [p.code for p in variants("_eir") if re.search(r"Scotland|Scottish|regulation 16|10\(4\)", p.body)]
    assert offenders == []
    for code in ("acknowledgement_foisa", "acknowledgement_eisr"):
        assert "bank holidays in Scotland" in PARAGRAPHS_BY_CODE[code].body


def test_foisa_acknowledgement_mentions_a_public_interest_extension_only_to_say_there_is_none():
    body = PARAGRAPHS_BY_CODE["acknowledgement_foisa"].body
    sentences = re.split(r"(?<=[.;:])\s+", body)
    assert [s for s in sentences if "public interest" in s and not re.search(r"\bnot\b|\bno\b", s)] == []
    assert "{estimated_date}" not in body and "10(3)" not in body
    assert "does not allow" in body


def test_eir_acknowledgements_offer_only_the_complex_and_voluminous_extension():
    for code in ("acknowledgement_eir", "acknowledgement_eisr"):
        body = PARAGRAPHS_BY_CODE[code].body
        assert "public interest" not in body
        assert [
            phrase for phrase in ("regulation 7", "40 working days", "complex", "regulation 9") if phrase not in body
        ] == []
        assert "start again" in body


def test_subject_access_variants_name_the_uk_gdpr_and_not_the_act_placeholder():
    # {act} is filled with "UK GDPR subject access request", which is not the name of a law.
    offenders = [
        p.code
        for p in variants("_sar")
        if "UK GDPR" not in p.body or "{act}" in p.body or "{act_short}" in p.body or "working day" in p.body
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("code", "placeholders"),
    [
        ("acknowledgement_eir", {"references", "due_date", "received_date"}),
        ("acknowledgement_foisa", {"references", "due_date", "received_date"}),
        ("acknowledgement_eisr", {"references", "due_date", "received_date"}),
        ("acknowledgement_sar", {"references", "due_date", "received_date"}),
        ("fees_notice_eir", {"fee_amount", "references"}),
        ("partial_disclosure_eir", {"exemptions"}),
        ("refusal_eir", {"exemptions"}),
        ("ncnd_statement_eir", {"authority", "exemptions"}),
        ("review_outcome_eir", {"references"}),
        ("review_outcome_foisa", {"references", "commissioner"}),
        ("review_outcome_eisr", {"references", "commissioner"}),
        ("full_disclosure_sar", {"commissioner"}),
    ],
)
def test_variants_use_the_placeholders_they_need(code, placeholders):
    assert placeholders <= set(BRACED.findall(PARAGRAPHS_BY_CODE[code].body))


@pytest.mark.parametrize(
    "code",
    sorted(
        code
        for code in REGIME_VARIANT_CODES
        if not code.startswith(("acknowledgement", "applicant_blind", "refusal", "ncnd_statement"))
    ),
)
def test_variants_that_need_case_facts_leave_gaps(code):
    assert GAP.search(PARAGRAPHS_BY_CODE[code].body)


@pytest.mark.parametrize(
    ("code", "phrases"),
    [
        # EIR
        ("acknowledgement_eir", ["Regulation 5(2)", "20 working days", "any part of the United Kingdom", "voluminous"]),
        ("clarification_request_eir", ["regulation 9(2)", "Regulation 9(1)", "advice and assistance", "start again"]),
        ("fees_notice_eir", ["no fixed", "do not count", "public register"]),
        ("applicant_blind_eir", ["world", "whoever"]),
        ("full_disclosure_eir", ["regulation 5(1)"]),
        ("partial_disclosure_eir", ["excepted", "regulation 14", "public interest"]),
        ("refusal_eir", ["regulation 14", "presumption in favour of disclosure", "Regulation 12(2)"]),
        ("ncnd_statement_eir", ["neither confirm nor deny", "Regulation 12(6)", "regulation 13(5A)", "regulation 14"]),
        ("not_held_eir", ["do not hold", "regulation 12(4)(a)", "exception", "refusal notice", "regulation 14"]),
        ("advice_and_assistance_eir", ["regulation 9(1)", "advice and assistance"]),
        (
            "review_outcome_eir",
            ["regulation 11", "not involved in the original decision", "afresh", "upheld", "overturned"],
        ),
        # FOISA
        ("acknowledgement_foisa", ["Section 10(1)", "20th working day", "start again", "fees notice"]),
        ("clarification_request_foisa", ["section 1(3)", "section 15", "start again"]),
        ("applicant_blind_foisa", ["world", "whoever"]),
        ("full_disclosure_foisa", ["section 1(1)"]),
        ("not_held_foisa", ["do not hold", "section 17(1)", "notice"]),
        ("advice_and_assistance_foisa", ["section 15", "advice and assistance"]),
        (
            "review_outcome_foisa",
            [
                "section 21",
                "requirement for review",
                "not involved in the original decision",
                "afresh",
                "six months",
                "Court of Session",
            ],
        ),
        # EIR (Scotland)
        ("acknowledgement_eisr", ["Regulation 5(2)(a)", "20 working days", "regulation 7", "40 working days"]),
        ("clarification_request_eisr", ["regulation 9", "advice and assistance", "start again"]),
        ("applicant_blind_eisr", ["world", "whoever", "Regulation 5(1)"]),
        ("full_disclosure_eisr", ["regulation 5(1)"]),
        ("not_held_eisr", ["do not hold", "regulation 10(4)(a)", "exception", "regulation 13"]),
        ("advice_and_assistance_eisr", ["regulation 9", "advice and assistance"]),
        (
            "review_outcome_eisr",
            ["regulation 16", "not involved in the original decision", "afresh", "six months", "Court of Session"],
        ),
        # Subject access
        (
            "acknowledgement_sar",
            [
                "Article 15",
                "Data Protection Act 2018",
                "one calendar month",
                "two further months",
                "within the first month",
                "proof of identity",
                "no fee",
            ],
        ),
        ("clarification_request_sar", ["paused", "stopping the clock", "reasonable and proportionate"]),
        ("full_disclosure_sar", ["Article 15"]),
        ("not_held_sar", ["do not hold any personal data", "Article 15"]),
        ("advice_and_assistance_sar", ["do not have to narrow"]),
    ],
)
def test_variants_say_what_the_law_requires(code, phrases):
    body = PARAGRAPHS_BY_CODE[code].body
    assert [phrase for phrase in phrases if phrase not in body] == []


def test_subject_access_response_gives_the_supplementary_information_article_15_requires():
    body = PARAGRAPHS_BY_CODE["full_disclosure_sar"].body
    items = bullets(body)
    # Article 15(1)(a)-(h) and 15(2): each in its own bullet.
    required = {
        "purposes": r"purposes",
        "categories": r"categories of personal data",
        "recipients": r"recipients",
        "retention": r"how long|criteria",
        "source": r"came from",
        "automated decisions": r"automated",
        "transfers": r"outside the UK",
        "rectification": r"rectify",
        "erasure": r"erase",
        "restriction": r"restrict",
        "objection": r"object",
        "complaint": r"complain to the \{commissioner\}",
    }
    assert [name for name, pattern in required.items() if not any(re.search(pattern, item) for item in items)] == []
    # Facts only the unit knows are gaps.
    for label in ("Purposes", "Categories", "Recipients", "Retention", "Source", "Automated"):
        item = next(item for item in items if item.startswith(f"- **{label}"))
        assert GAP.search(item), label


def test_subject_access_clarification_pauses_rather_than_restarts_the_clock():
    body = PARAGRAPHS_BY_CODE["clarification_request_sar"].body
    assert "start again" not in body and "20 working days" not in body


def test_scottish_review_outcomes_state_the_time_to_apply_but_no_contact_details():
    for code in ("review_outcome_foisa", "review_outcome_eisr"):
        body = PARAGRAPHS_BY_CODE[code].body
        assert "apply to the {commissioner}" in body
        assert not re.search(r"www\.|https?:|@|\d{4} \d{3} \d{4}|itspublicknowledge", body)


def test_review_guidance_states_the_statutory_time_limits():
    assert "40 working days" in PARAGRAPHS_BY_CODE["review_outcome_eir"].guidance
    for code in ("review_outcome_foisa", "review_outcome_eisr"):
        guidance = PARAGRAPHS_BY_CODE[code].guidance
        assert "40 working days" in guidance and "20 working days" in guidance
