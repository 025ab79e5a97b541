"""What each kind of letter contains and requires. Plain data: composition and checks read it."""

from dataclasses import dataclass
from enum import Enum


class Exemptions(Enum):
    NONE = "none"  # the letter cites no exemption
    NAMES = "names"  # named only (a public interest extension notice)
    SECTIONS = "sections"  # each with its own section: why, harm, public interest, balancing


@dataclass(frozen=True)
class KindRule:
    title: str
    opening: tuple[str, ...]  # library paragraphs before the quoted request
    response: tuple[str, ...]  # after the request, before the exemption sections
    closing: tuple[str, ...]  # after the exemption sections
    exemptions: Exemptions = Exemptions.NONE
    exemptions_required: bool = False
    ncnd_only: bool = False  # cites only neither confirm nor deny provisions
    allowed_codes: frozenset[str] | None = None  # e.g. only s12(1)/s12(2)
    qualified_only: bool = False  # a public interest extension needs a public interest test
    answers: bool = False  # every request item gets an answer
    review_rights: bool = False  # internal review rights with the date to ask by
    commissioner_rights: bool = False  # the right to complain to the commissioner
    final: bool = False  # a response that ends the request: approval readies the case to send
    outcome: str = ""  # Case.Outcome recorded from an approved final response ("" = from exemptions)
    needs_estimated_date: bool = False
    needs_fee: bool = False
    cost_worksheet: bool = False
    default_codes: tuple[str, ...] = ()
    on_closed_cases: bool = False  # may be drafted after the case was closed
    reviews_only: bool = False  # answers an internal review (a case with review_of), and nothing else
    regimes: frozenset[str] | None = None  # None: every regime


# The library's exemptions are FOIA's and the EIR's: FOISA and EIR (Scotland) number theirs
# differently, and subject access has the Data Protection Act's, so letters citing them are limited.
FOIA_ONLY = frozenset({"foia"})
FOIA_AND_EIR = frozenset({"foia", "eir"})
WITH_REVIEWS = frozenset({"foia", "eir", "foisa", "eisr"})  # subject access has no internal review in law

# Paragraphs a regime's letters leave out: a subject access request is about the requester's own
# data, so there is nothing to say about handling it blind to who asked.
REGIME_OMITS = {"sar": frozenset({"applicant_blind"})}

INTRO = ("intro",)
BLIND = ("applicant_blind",)
CLOSE = ("closing",)


def _response(response: tuple[str, ...], closing: tuple[str, ...] = CLOSE, **rule) -> KindRule:
    """A response that ends the request: it gives review and complaint rights, and its approval
    readies the case to send and records the outcome."""
    return KindRule(
        "Response to your request",
        INTRO,
        response,
        closing,
        review_rights=True,
        commissioner_rights=True,
        final=True,
        **rule,
    )


def _refusal(response: tuple[str, ...], closing: tuple[str, ...] = CLOSE, **rule) -> KindRule:
    """A response that withholds under exemptions, each with its own section."""
    return _response(response, closing, exemptions=Exemptions.SECTIONS, exemptions_required=True, **rule)


KIND_RULES: dict[str, KindRule] = {
    "acknowledgement": KindRule("Acknowledgement of your request", INTRO, ("acknowledgement",), CLOSE),
    "clarification": KindRule("Request for clarification", INTRO, ("clarification_request",), CLOSE),
    "fees_notice": KindRule(
        "Fees notice",
        INTRO,
        ("fees_notice",),
        CLOSE,
        needs_fee=True,
        review_rights=True,
        commissioner_rights=True,
        regimes=FOIA_AND_EIR,
    ),
    "pit_extension": KindRule(
        "Extension to consider the public interest",
        INTRO,
        ("pit_extension",),
        CLOSE,
        exemptions=Exemptions.NAMES,
        exemptions_required=True,
        qualified_only=True,
        needs_estimated_date=True,
        review_rights=True,
        commissioner_rights=True,
        regimes=FOIA_ONLY,
    ),
    "full_disclosure": _response(BLIND + ("full_disclosure",), answers=True, outcome="granted"),
    "partial_disclosure": _refusal(
        BLIND + ("partial_disclosure",), answers=True, outcome="partially_withheld", regimes=FOIA_AND_EIR
    ),
    "refusal": _refusal(BLIND + ("refusal",), outcome="fully_withheld", regimes=FOIA_AND_EIR),
    "ncnd": _refusal(
        BLIND + ("ncnd_statement",), ("ncnd_caveat",) + CLOSE, ncnd_only=True, outcome="ncnd", regimes=FOIA_AND_EIR
    ),
    "not_held": _response(BLIND + ("not_held", "advice_and_assistance"), outcome="not_held"),
    "s12": _refusal(
        ("s12_refusal",),
        ("s12_advice",) + CLOSE,
        allowed_codes=frozenset({"s12(1)", "s12(2)"}),
        default_codes=("s12(1)",),
        cost_worksheet=True,
        outcome="s12",
        regimes=FOIA_ONLY,
    ),
    # The outcome is s14_1 or s14_2, from the provision cited.
    "s14": _refusal(("s14_refusal",), allowed_codes=frozenset({"s14(1)", "s14(2)"}), regimes=FOIA_ONLY),
    # The answer to an internal review (a case of its own): it ends the review, so its approval readies
    # the review case to send and records the review's outcome (from the findings); it offers no
    # further review, only the commissioner.
    "review_outcome": KindRule(
        "Outcome of your internal review",
        ("review_intro",),  # the requester's reasons for the review are quoted, not a request for information
        ("review_outcome",),
        CLOSE,
        commissioner_rights=True,
        final=True,
        reviews_only=True,
        regimes=WITH_REVIEWS,
    ),
}


# Besides its outcome letter, a review may be acknowledged or need clarifying; nothing else answers it
# (no fees notice or public interest extension: the review's clock is its own).
ALSO_ON_REVIEWS = frozenset({"acknowledgement", "clarification"})


def allowed_on(kind: str, *, is_review: bool) -> bool:
    """A review's answer is its outcome letter, and an outcome letter answers nothing but a review."""
    if is_review:
        return KIND_RULES[kind].reviews_only or kind in ALSO_ON_REVIEWS
    return not KIND_RULES[kind].reviews_only


# Statistics: an approved s14 response records which subsection was relied on.
S14_OUTCOMES = {"s14(1)": "s14_1", "s14(2)": "s14_2"}

# Headings printed above a paragraph in the letter; paragraphs not named here run on without one.
SECTION_HEADINGS = {
    "full_disclosure": "Response",
    "partial_disclosure": "Response",
    "refusal": "Response",
    "ncnd_statement": "Response",
    "not_held": "Response",
    "s12_refusal": "Response",
    "s14_refusal": "Response",
    "review_outcome": "Outcome of the review",
    "pit_extension": "Extension of time",
    "fees_notice": "Fees notice",
    "clarification_request": "Clarification needed",
    "advice_and_assistance": "Advice and assistance",
    "s12_advice": "Advice and assistance",
    "review_rights": "Your right to ask for an internal review",
    "commissioner_rights": "Your right to complain to the {commissioner}",
}
