"""Reads: letters, the approval queue, and a letter laid out as it will read."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, QuerySet

from foi_cases import reviews
from foi_cases import services as case_services
from foi_cases.deadlines import ordinal_date
from responses import review_findings, text
from responses.checks import HOURLY_RATE, cost_total
from responses.kinds import KIND_RULES, Exemptions
from responses.models import Letter, LetterExemption
from responses.services import joined, letterhead, live_values


def letter_queryset() -> QuerySet[Letter]:
    return Letter.objects.select_related("case", "case__body", "created_by", "approved_by", "awaiting_stage")


def letter_detail_queryset() -> QuerySet[Letter]:
    return (
        letter_queryset()
        .select_related("next_version")
        .prefetch_related(
            "sections",
            "cost_lines",
            "aggregated_cases",
            "contributors",
            "items__exemptions",
            "exemptions__source__entry",
            "exemptions__items",
            "approvals__stage",
            "approvals__decided_by",
            "findings",
        )
    )


def case_letters(case) -> QuerySet[Letter]:
    return letter_queryset().filter(case=case).order_by("created_at", "id")


def approval_queue(user) -> QuerySet[Letter]:
    """Letters this person may decide now, the oldest deadline first. Their own letters are left out:
    they may not approve them."""
    may_decide = Q(awaiting_stage__group__in=user.groups.all())
    if user.has_perm("responses.approve_letter"):
        may_decide |= Q(awaiting_stage__isnull=True)
    return (
        letter_queryset()
        .awaiting_approval()
        .filter(may_decide)
        .exclude(contributors=user)
        .exclude(_reviewing_own_decision(user))
        .order_by(F("case__due_on").asc(nulls_last=True), "submitted_at", "id")
        .distinct()
    )


def _reviewing_own_decision(user) -> Q:
    """Internal review outcome letters on a decision this person took part in (foi_cases.reviews, the
    one rule): they may not approve them, so they are not in their queue."""
    outcome_kinds = [kind for kind, rule in KIND_RULES.items() if rule.reviews_only]
    waiting = Letter.objects.awaiting_approval().filter(kind__in=outcome_kinds).select_related("case")
    involved = [letter.pk for letter in waiting if user.pk in reviews.original_decision_makers(letter.case)]
    return Q(pk__in=involved)


# --- the letter as it reads --------------------------------------------------------------------


@dataclass
class Block:
    heading: str
    html: str
    level: int = 3


@dataclass
class ExemptionPart:
    citation: str
    title: str
    absolute: bool
    ncnd: bool
    blocks: list[Block] = field(default_factory=list)


@dataclass
class QuotedItem:
    position: int
    question: str
    answer_html: str
    citations: list[str]


@dataclass
class Letterhead:
    name: str
    address: str
    phone: str
    email: str
    bodies: list[str]


@dataclass
class LetterDocument:
    letter: Letter
    letterhead: Letterhead
    date_text: str
    references: str
    heading: str
    opening: list[Block]
    items: list[QuotedItem]
    answers_shown: bool
    response: list[Block]
    exemption_statement: str
    exemptions: list[ExemptionPart]
    cost_lines: list
    cost_summary: str
    closing: list[Block]
    rights: list[Block]
    signatory_name: str
    signatory_role: str
    # An internal review's outcome letter: the request under review, the findings and the result (printed
    # right after the outcome paragraph's pointer to them), and the response paragraphs that follow them.
    review_of: review_findings.ReviewOf | None = None
    after_findings: list[Block] = field(default_factory=list)
    findings: list[review_findings.FindingLine] = field(default_factory=list)
    review_result: str = ""


def exemption_part(e: LetterExemption, live: dict) -> ExemptionPart:
    action = "confirming or denying that information is held" if e.ncnd else "disclosure"
    parts = [
        ("", e.why),
        (f"Harm in {action}", e.harm),
        (f"Factors favouring {action}: {e.citation.lower()}", e.factors_for),
        (f"Factors against {action}: {e.citation.lower()}", e.factors_against),
        ("Balancing test", e.balancing),
    ]
    blocks = [Block(heading, text.to_html(body, live), 4) for heading, body in parts if body.strip()]
    return ExemptionPart(e.citation, e.title, e.absolute, e.ncnd, blocks)


def letter_document(letter: Letter) -> LetterDocument:
    live = live_values(letter)
    sections = list(letter.sections.all())

    def blocks(placement: str) -> list[Block]:
        return [Block(s.heading, text.to_html(s.text, live)) for s in sections if s.placement == placement]

    response, after_findings = blocks("response"), []
    if review_findings.is_review_outcome(letter):
        response, after_findings = _split_at_findings([s for s in sections if s.placement == "response"], live)

    rule = KIND_RULES[letter.kind]
    # Sections only where the kind gives each exemption one (an extension notice names them).
    exemptions = list(letter.exemptions.all()) if rule.exemptions is Exemptions.SECTIONS else []
    lines = list(letter.cost_lines.all())
    # An approved letter prints the letterhead it was approved with; a draft, today's.
    head = letter.letterhead or letterhead(letter)
    return LetterDocument(
        letter=letter,
        letterhead=Letterhead(head["name"], head["address"], head["phone"], head["email"], head["bodies"]),
        date_text=ordinal_date(letter.letter_date or case_services.today()),
        references=live["references"],
        heading=letter.heading,
        opening=blocks("opening"),
        items=[
            QuotedItem(i.position, i.question, text.to_html(i.answer, live), [e.citation for e in i.exemptions.all()])
            for i in letter.items.all()
        ],
        answers_shown=rule.answers,
        response=response,
        after_findings=after_findings,
        exemption_statement=_exemption_statement(exemptions),
        exemptions=[exemption_part(e, live) for e in exemptions],
        cost_lines=lines,
        cost_summary=_cost_summary(letter, lines) if lines else "",
        closing=blocks("closing"),
        rights=blocks("rights"),
        signatory_name=letter.signatory_name,
        signatory_role=letter.signatory_role,
        **_review_parts(letter, live),
    )


def _split_at_findings(sections, live: dict) -> tuple[list[Block], list[Block]]:
    """The response paragraphs before an outcome letter's findings (up to the outcome paragraph's pointer
    to them) and after (the rest of that paragraph, "if the original decision has been changed...", on)."""
    before, after, past = [], [], False
    for s in sections:
        if past or s.key != "review_outcome":
            (after if past else before).append(Block(s.heading, text.to_html(s.text, live)))
            continue
        head, rest = review_findings.split_at_findings(s.text)
        before.append(Block(s.heading, text.to_html(head, live)))
        if rest.strip():
            after.append(Block("", text.to_html(rest, live)))
        past = True
    return before, after


def _review_parts(letter: Letter, live: dict) -> dict:
    if not review_findings.is_review_outcome(letter):
        return {}
    return {
        "review_of": review_findings.review_of(letter),
        "findings": review_findings.finding_lines(letter, live),
        "review_result": letter.get_review_result_display(),
    }


def _exemption_statement(exemptions: list[LetterExemption]) -> str:
    """Introduces the sections when every exemption cited is qualified."""
    if not exemptions or any(e.absolute for e in exemptions):
        return ""
    several = len(exemptions) > 1
    return (
        f"{joined([e.citation for e in exemptions])} {'are' if several else 'is a'} qualified "
        f"exemption{'s' if several else ''}: the harm and the public interest are considered below."
    )


def _cost_summary(letter: Letter, lines: list) -> str:
    hours = [line.hours for line in lines]
    aggregated = sorted(c.reference for c in letter.aggregated_cases.all())
    summary = (
        f"Total: {sum(hours, Decimal(0)).normalize():f} hours at £{HOURLY_RATE} an hour = "
        f"£{cost_total(hours):,.2f}, against the appropriate limit of "
        f"£{letter.cost_limit or letter.case.body.cost_limit}."
    )
    return summary + (f" It includes the similar requests {joined(aggregated)}, aggregated." if aggregated else "")
