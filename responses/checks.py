"""Completeness checks before a letter goes for approval: what s17 FOIA asks of a refusal notice,
and what a supervisor would send back. Plain Python over a snapshot of the draft, so every rule is
unit-tested without a database. Each problem is one sentence an officer can act on.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from foi_cases.deadlines import Regime, short_date
from responses.kinds import KIND_RULES, Exemptions
from responses.text import gaps, unknown_placeholders

HOURLY_RATE = Decimal(25)  # The Fees Regulations 2004: staff time at GBP 25 an hour.

# "24(2)", "31(1)(a)", "22A(1)", "12(5)(b)", "13(1)": a section (or regulation) and a subsection.
WITH_SUBSECTION = re.compile(r"^\d+[A-Z]?\(\d+[A-Z]?\)(\([a-z]+\))*(\((i|ii|iii|iv|v|vi)\))?$")


@dataclass(frozen=True)
class ExemptionSnapshot:
    code: str
    citation: str  # "Section 24(2)"
    title: str
    provision: str
    ncnd: bool  # cited under its neither confirm nor deny provision
    has_ncnd_provision: bool  # the library entry has one (to suggest it)
    ncnd_provision: str
    absolute: bool
    basis: str
    why: str = ""
    harm: str = ""
    factors_for: str = ""
    factors_against: str = ""
    balancing: str = ""
    items: tuple[int, ...] = ()
    family: str = "foia"  # the library's: foia, eir or procedural


@dataclass(frozen=True)
class ItemSnapshot:
    position: int
    answer: str
    codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LetterSnapshot:
    kind: str
    sections: dict[str, str]  # key -> text, including "review_rights" and "commissioner_rights"
    section_titles: dict[str, str] = field(default_factory=dict)
    exemptions: tuple[ExemptionSnapshot, ...] = ()
    items: tuple[ItemSnapshot, ...] = ()
    estimated_decision_on: date | None = None
    fee_amount: Decimal | None = None
    cost_hours: tuple[Decimal, ...] = ()
    cost_limit: int | None = None
    signatory_name: str = ""
    today: date | None = None
    statutory_due: date | None = None  # the case's 20th working day (a PIT notice must come by then)
    latest_estimate: date | None = None  # 20 working days after it: the longest extension the ICO expects
    placeholders: frozenset[str] = frozenset()
    regime: str = "foia"  # the case's, now: it may have changed since the letter was drafted
    unquoted_items: tuple[int, ...] = ()  # the request's items (as split now) the letter does not quote


def _blank(text: str) -> bool:
    return not (text or "").strip()


def letter_problems(letter: LetterSnapshot) -> list[str]:
    rule = KIND_RULES[letter.kind]
    problems = _regime_problems(letter, rule)
    problems += _exemption_problems(letter, rule)
    problems += _section_problems(letter, rule)
    problems += _item_problems(letter, rule)
    problems += _kind_problems(letter, rule)
    if _blank(letter.signatory_name):
        problems.append("Add the name of the person signing the letter.")
    return problems


# The law each regime's letters cite from the library: FOIA's exemptions (and s12, s14), or the EIR's.
FAMILIES = {"foia": {"foia", "procedural"}, "eir": {"eir"}}


def _regime_problems(letter: LetterSnapshot, rule) -> list[str]:
    """The case's regime may have changed since drafting; the letter must still fit the law."""
    act = Regime(letter.regime).label
    if rule.regimes is not None and letter.regime not in rule.regimes:
        return [f"This kind of letter cannot answer a request under the {act}: start a letter of another kind."]
    wrong = [e.citation for e in letter.exemptions if e.family not in FAMILIES.get(letter.regime, set())]
    problems = (
        [f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not in the {act}: remove it."] if wrong else []
    )
    if letter.unquoted_items:
        numbers = ", ".join(str(position) for position in letter.unquoted_items)
        problems.append(
            f"The request's items have changed since this letter was drafted (item {numbers} is not quoted): "
            "start a new letter."
        )
    return problems


def _exemption_problems(letter: LetterSnapshot, rule) -> list[str]:
    exemptions, problems = letter.exemptions, []
    if rule.exemptions is Exemptions.NONE:
        return [f"A {rule.title.lower()} letter cites no exemptions: remove {e.citation}." for e in exemptions]
    if rule.exemptions_required and not exemptions:
        problems.append("Name at least one exemption, with its section and subsection.")
    for exemption in exemptions:
        problems += _one_exemption_problems(letter, rule, exemption)
    if rule.exemptions is Exemptions.SECTIONS and any(e.ncnd for e in exemptions):
        if _blank(letter.sections.get("ncnd_caveat", "")):
            problems.append(
                "Add the caveat that neither confirming nor denying is not an indication of whether "
                "information is held."
            )
    return problems


def _one_exemption_problems(letter: LetterSnapshot, rule, e: ExemptionSnapshot) -> list[str]:
    name, problems = f"{e.citation} ({e.title})", []
    if not WITH_SUBSECTION.match(e.provision):
        problems.append(f"{name}: cite the subsection, e.g. {e.provision}(1).")
    if rule.allowed_codes is not None and e.code not in rule.allowed_codes:
        problems.append(f"{name} does not belong in this kind of letter.")
    if rule.ncnd_only and not e.ncnd:
        if e.has_ncnd_provision:
            problems.append(f"{name} is not a neither confirm nor deny provision: cite {e.ncnd_provision} instead.")
        else:
            problems.append(f"{name} has no neither confirm nor deny provision: it cannot be used in an NCND letter.")
    if rule.qualified_only and e.absolute:
        problems.append(f"{name} is absolute: there is no public interest test to extend the time for.")
    if rule.exemptions is not Exemptions.SECTIONS:
        return problems
    if _blank(e.why):
        problems.append(f"{name}: explain why it applies.")
    if e.basis in ("prejudice", "required_for") and _blank(e.harm):
        problems.append(f"{name}: describe the harm in {'confirming or denying' if e.ncnd else 'disclosure'}.")
    if not e.absolute:
        favouring = "confirming or denying" if e.ncnd else "disclosure"
        if _blank(e.factors_for):
            problems.append(f"{name}: add the public interest factors favouring {favouring}.")
        if _blank(e.factors_against):
            problems.append(f"{name}: add the public interest factors against {favouring}.")
        if _blank(e.balancing):
            problems.append(f"{name}: add the balancing test and its conclusion.")
    if letter.items and not e.items:
        problems.append(f"{name}: say which request items it applies to.")
    for part, text in (
        ("why it applies", e.why),
        ("harm", e.harm),
        ("factors for", e.factors_for),
        ("factors against", e.factors_against),
        ("balancing test", e.balancing),
    ):
        problems += _text_problems(f"{name}, {part}", text, letter.placeholders)
    return problems


def _section_problems(letter: LetterSnapshot, rule) -> list[str]:
    problems = []
    if rule.review_rights:
        review = letter.sections.get("review_rights", "")
        if _blank(review):
            problems.append("Add the requester's right to ask for an internal review.")
        elif "{review_by}" not in review:
            problems.append("The internal review paragraph must give the date to ask by: keep {review_by} in it.")
    if rule.commissioner_rights and _blank(letter.sections.get("commissioner_rights", "")):
        problems.append("Add the requester's right to complain to the Information Commissioner.")
    for key, text in letter.sections.items():
        problems += _text_problems(letter.section_titles.get(key, key), text, letter.placeholders)
    return problems


def _text_problems(where: str, text: str, placeholders) -> list[str]:
    problems = [f"{where}: fill in the gap ({gap})." for gap in gaps(text)]
    problems += [
        f"{where}: {{{name}}} is not a placeholder letters know." for name in unknown_placeholders(text, placeholders)
    ]
    return problems


def _item_problems(letter: LetterSnapshot, rule) -> list[str]:
    if rule.exemptions is Exemptions.SECTIONS and not rule.answers:
        # A refusal answers no item, so each item must be covered by an exemption it cites.
        return [
            f"Request item {item.position}: apply an exemption to it, or answer it in a partial disclosure letter."
            for item in letter.items
            if not item.codes
        ]
    if not rule.answers:
        return []
    problems = []
    for item in letter.items:
        if _blank(item.answer) and not item.codes:
            problems.append(f"Request item {item.position}: give an answer or apply an exemption.")
        problems += _text_problems(f"Answer to item {item.position}", item.answer, letter.placeholders)
    return problems


def cost_total(hours) -> Decimal:
    return sum(hours, Decimal(0)) * HOURLY_RATE


def _kind_problems(letter: LetterSnapshot, rule) -> list[str]:
    problems = []
    if rule.needs_estimated_date:
        if letter.estimated_decision_on is None:
            problems.append("Give the estimated date by which a decision will be made.")
        elif letter.today and letter.estimated_decision_on <= letter.today:
            problems.append("The estimated decision date must be after today.")
        elif letter.latest_estimate and letter.estimated_decision_on > letter.latest_estimate:
            problems.append(
                f"The estimated decision date is more than 20 working days after the deadline: the ICO expects "
                f"no longer than {short_date(letter.latest_estimate)}."
            )
        if letter.today and letter.statutory_due and letter.today > letter.statutory_due:
            problems.append(
                f"A public interest extension must be notified within the first 20 working days (by "
                f"{short_date(letter.statutory_due)}): it is too late to extend; respond now."
            )
        notice = letter.sections.get("pit_extension", "")
        for placeholder, what in (("{exemptions}", "the exemptions"), ("{estimated_date}", "the estimated date")):
            if placeholder not in notice:
                problems.append(f"The extension notice must name {what}: keep {placeholder} in it.")
    if rule.needs_fee and not (letter.fee_amount and letter.fee_amount > 0):
        problems.append("Enter the fee the requester must pay.")
    if rule.cost_worksheet:
        if not letter.cost_hours:
            problems.append("Add the cost estimate: hours for each activity that may be counted.")
        elif letter.cost_limit and cost_total(letter.cost_hours) <= letter.cost_limit:
            problems.append(
                f"The estimate (GBP {cost_total(letter.cost_hours):,.2f}) does not exceed the appropriate "
                f"limit (GBP {letter.cost_limit}): section 12 does not apply."
            )
        if _blank(letter.sections.get("s12_advice", "")):
            problems.append("Add advice and assistance (s16) on how the request could be narrowed.")
    return problems
