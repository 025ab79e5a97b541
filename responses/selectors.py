"""Reads: letters, the approval queue, and a letter laid out as it will read."""

from dataclasses import dataclass, field

from django.db.models import F, Q, QuerySet

from foi_cases import services as case_services
from responses import text
from responses.checks import cost_total
from responses.models import Letter, LetterExemption
from responses.services import letterhead as services_letterhead
from responses.services import live_values, ordinal_date


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
        .order_by(F("case__due_on").asc(nulls_last=True), "submitted_at", "id")
        .distinct()
    )


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
    from responses.kinds import KIND_RULES

    live = live_values(letter)
    sections = list(letter.sections.all())

    def blocks(placement: str) -> list[Block]:
        return [Block(s.heading, text.to_html(s.text, live)) for s in sections if s.placement == placement]

    exemptions = list(letter.exemptions.all())
    lines = list(letter.cost_lines.all())
    qualified = [e for e in exemptions if not e.absolute]
    statement = ""
    if exemptions and KIND_RULES[letter.kind].exemptions.value == "sections":
        kinds = "qualified" if len(qualified) == len(exemptions) else "absolute" if not qualified else ""
        if kinds == "qualified":
            statement = (
                f"{_joined([e.citation for e in exemptions])} {'is a' if len(exemptions) == 1 else 'are'} qualified "
                f"exemption{'s' if len(exemptions) > 1 else ''}: the harm and the public interest are considered below."
            )
    # An approved letter prints the letterhead it was approved with; a draft, today's.
    head = letter.letterhead or services_letterhead(letter)
    aggregated = sorted(c.reference for c in letter.aggregated_cases.all())
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
        answers_shown=KIND_RULES[letter.kind].answers,
        response=blocks("response"),
        exemption_statement=statement,
        exemptions=[exemption_part(e, live) for e in exemptions]
        if KIND_RULES[letter.kind].exemptions.value == "sections"
        else [],
        cost_lines=lines,
        cost_summary=(
            f"Total: {sum((line.hours for line in lines), 0).normalize():f} hours at £25 an hour = "
            f"£{cost_total([line.hours for line in lines]):,.2f}, against the appropriate limit of "
            f"£{letter.cost_limit or letter.case.body.cost_limit}."
            + (f" It includes the similar requests {_joined(aggregated)}, aggregated." if aggregated else "")
            if lines
            else ""
        ),
        closing=blocks("closing"),
        rights=blocks("rights"),
        signatory_name=letter.signatory_name,
        signatory_role=letter.signatory_role,
    )


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
