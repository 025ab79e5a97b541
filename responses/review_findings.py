"""An internal review's outcome letter: its findings on each exemption the original response relied
on, the overall result they give, and what the letter must have before it is submitted.

The letter services call these (letter_create, letter_update, letter_check, approval); views and
the API reach them only through those services.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q

from foi_cases.deadlines import Regime, ordinal_date, short_date
from foi_cases.models import AuditEvent, Case, Finding
from responses import text
from responses.kinds import KIND_RULES
from responses.models import CaseExemption, Letter, LetterExemption, ReviewFinding

MAX_REASONS = 20_000
# The review case's outcome, recorded when its outcome letter is approved.
CASE_OUTCOMES = {
    Finding.UPHELD: Case.Outcome.REVIEW_UPHELD,
    Finding.UPHELD_IN_PART: Case.Outcome.REVIEW_UPHELD_IN_PART,
    Finding.OVERTURNED: Case.Outcome.REVIEW_OVERTURNED,
}
# Overturning a refusal, in whole or in part, means information must now be released.
RELEASE_OUTCOMES = frozenset({Case.Outcome.REVIEW_UPHELD_IN_PART, Case.Outcome.REVIEW_OVERTURNED})
FINDING_WORDS = ", ".join(Finding.values)


def is_review_outcome(letter: Letter) -> bool:
    return KIND_RULES[letter.kind].reviews_only


def citation(code: str) -> str:
    """How a letter names a code: 's24(2)' -> 'Section 24(2)', 'reg12(5)(b)' -> 'Regulation 12(5)(b)'."""
    if code.startswith("reg"):
        return f"Regulation {code.removeprefix('reg')}"
    return f"Section {code.removeprefix('s')}"


def derived_result(findings) -> str:
    """All upheld: upheld; all overturned: overturned; a mix: upheld in part ('' while any is undecided)."""
    decided = {finding.finding for finding in findings}
    if not decided or "" in decided:
        return ""
    if len(decided) == 1:
        return decided.pop()
    return Finding.UPHELD_IN_PART


# --- writes (inside the letter services' transactions) -------------------------------------------


def response_under_review(review: Case) -> Letter | None:
    """The original's final response as it stood when the review was logged: the latest final letter
    approved before then, on the original or the case it was answered together with (a joint response
    sits on the lead case). Re-answering the original later does not change what is under review."""
    if not review.review_of_id:
        return None
    logged_at = Case.objects.values_list("created_at", flat=True).get(pk=review.pk)
    answered = [
        review.review_of_id,
        *Case.answered_with.through.objects.filter(from_case_id=review.review_of_id).values_list(
            "to_case_id", flat=True
        ),
    ]
    finals = [kind for kind, rule in KIND_RULES.items() if rule.final and not rule.reviews_only]
    recorded = CaseExemption.objects.filter(case_id=review.review_of_id).values("letter_id")
    return (
        Letter.objects.filter(Q(case_id__in=answered) | Q(pk__in=recorded), kind__in=finals)
        .filter(approved_at__lt=logged_at)
        .order_by("-approved_at", "-pk")
        .first()
    )


def original_exemptions(review: Case) -> list[tuple[str, str, str]]:
    """(code, section, title) of each exemption or procedural refusal the original response relied
    on when the review was logged, in the order its letter cited them (the exemptions recorded on the
    original, where it was answered without an approved letter)."""
    letter = response_under_review(review)
    if letter is not None:
        return [(e.code, e.source.section, e.title) for e in letter.exemptions.select_related("source")]
    rows = list(CaseExemption.objects.filter(case_id=review.review_of_id).order_by("pk"))
    cited = {
        (e.letter_id, e.code): e
        for e in LetterExemption.objects.filter(letter_id__in={row.letter_id for row in rows}).select_related("source")
    }

    def order(row):
        exemption = cited.get((row.letter_id, row.code))
        return (exemption.position if exemption else 10_000, row.pk)

    return [
        (row.code, row.section, cited[(row.letter_id, row.code)].title if (row.letter_id, row.code) in cited else "")
        for row in sorted(rows, key=order)
    ]


def findings_prefill(letter: Letter) -> list[ReviewFinding]:
    """One undecided finding per exemption the original response relied on."""
    findings = ReviewFinding.objects.bulk_create(
        ReviewFinding(letter=letter, position=position, code=code, section=section, title=title[:200])
        for position, (code, section, title) in enumerate(original_exemptions(letter.case), start=1)
    )
    outcome_paragraph_compose(letter, with_findings=bool(findings))
    return findings


# The library's outcome paragraph leaves a bullet to write a finding per exemption: with findings
# recorded, the letter prints them under the paragraph instead.
FINDINGS_GAP = re.compile(r"^- \[\[for each (?:exemption|exception) or issue:.*?\]\]", re.MULTILINE | re.DOTALL)
FINDINGS_BELOW = (
    "The review's finding on each exemption the original response relied on, with its reasons, is set out below."
)


# The date the review was asked for: the first gap of the outcome paragraph ("your request of [[date]]").
DATE_GAP = "[[date]]"
# Under FOISA and the EIR (Scotland) the requester applies to the Scottish Information Commissioner for
# a decision (FOISA s47(1)) once the review is done.
SCOTTISH_RIGHTS_HEADING = "Your right to apply to the Scottish Information Commissioner for a decision"


def outcome_paragraph_compose(letter: Letter, *, with_findings: bool) -> None:
    """The outcome paragraph speaks of the response under review: its {references} is the original
    request's (the letter's own "Our Ref" is the review's), the date is when the review was asked
    for, and it points to the findings printed right after it."""
    review = letter.case
    section = letter.sections.filter(key="review_outcome").first()
    original = Case.objects.filter(pk=review.review_of_id).values_list("reference", flat=True).first()
    if section is None or original is None:
        return
    wording = section.text.replace("{references}", text.markdown_escape(original))
    wording = wording.replace(DATE_GAP, ordinal_date(review.received_on), 1)
    if with_findings:
        wording = FINDINGS_GAP.sub(FINDINGS_BELOW, wording)
    section.text = wording
    section.save(update_fields=["text"])
    if review.regime in (Regime.FOISA, Regime.EISR):
        letter.sections.filter(key="commissioner_rights").update(heading=SCOTTISH_RIGHTS_HEADING)


def split_at_findings(wording: str) -> tuple[str, str]:
    """The outcome paragraph's text up to where the findings print (after the sentence pointing to
    them), and the rest ('' when the sentence has been edited away: the findings then follow it all)."""
    at = wording.find(FINDINGS_BELOW)
    if at < 0:
        return wording, ""
    at += len(FINDINGS_BELOW)
    return wording[:at], wording[at:]


def findings_copy(old: Letter, new: Letter) -> None:
    """A new version of an outcome letter keeps the findings as they were."""
    ReviewFinding.objects.bulk_create(
        ReviewFinding(
            letter=new,
            position=f.position,
            code=f.code,
            section=f.section,
            title=f.title,
            finding=f.finding,
            reasons=f.reasons,
        )
        for f in old.findings.all()
    )


def _text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValidationError({name: "Enter text."})
    if "\x00" in value:
        raise ValidationError({name: "The text contains a null character; remove it."})
    if len(value) > MAX_REASONS:
        raise ValidationError({name: f"Too long ({len(value):,} characters; the limit is {MAX_REASONS:,})."})
    return value.replace("\r\n", "\n")


def _choice(name: str, value) -> str:
    if value in (None, ""):
        return ""
    if value not in Finding.values:
        raise ValidationError({name: f"Choose one of: {FINDING_WORDS}."})
    return value


def findings_update(letter: Letter, *, findings=None, result=None) -> dict:
    """Apply `findings` ({code: {finding, reasons}}) and, where the original relied on no exemption,
    `result`; the overall result follows the findings. Returns what changed, for the audit trail."""
    if not is_review_outcome(letter):
        raise ValidationError({"findings": "Only an internal review outcome letter has findings."})
    current = {f.code: f for f in letter.findings.all()}
    changed = {}
    if findings is not None:
        if not isinstance(findings, dict):
            raise ValidationError({"findings": 'Give the findings by code, e.g. {"s24(2)": {"finding": "upheld"}}.'})
        for code, values in findings.items():
            changed.update(_update_one(current, str(code), values))
    if current:
        if result not in (None, "") and result != derived_result(current.values()):
            raise ValidationError(
                {"review_result": "The result follows from the findings on each exemption: change those instead."}
            )
        result = derived_result(current.values())
    elif result is not None:
        result = _choice("review_result", result)
    if result is not None and result != letter.review_result:
        changed["review result"] = [letter.review_result, result]
        letter.review_result = result
    return changed


def _update_one(current: dict, code: str, values) -> dict:
    finding = current.get(code)
    if finding is None:
        known = ", ".join(current) or "none: choose the result directly"
        raise ValidationError({"findings": f"The original response did not rely on {code} (it relied on {known})."})
    if not isinstance(values, dict) or set(values) - {"finding", "reasons"}:
        raise ValidationError({f"findings.{code}": "Give the finding and the reasons, and nothing else."})
    changed = {}
    if "finding" in values:
        value = _choice(f"findings.{code}.finding", values["finding"])
        if value != finding.finding:
            changed[f"finding {code}"] = [finding.finding, value]
            finding.finding = value
    if "reasons" in values:
        value = _text(f"findings.{code}.reasons", values["reasons"])
        if value != finding.reasons:
            changed[f"reasons {code}"] = [finding.reasons, value]
            finding.reasons = value
    if changed:
        finding.save(update_fields=["finding", "reasons"])
    return changed


# --- checks, outcome ------------------------------------------------------------------------------


def findings_problems(letter: Letter) -> list[str]:
    """What an outcome letter still needs before it is submitted (nothing for other kinds)."""
    if not is_review_outcome(letter):
        return []
    if not letter.case.review_of_id:
        return ["This case is not an internal review: an outcome letter answers only a review."]
    findings, problems = list(letter.findings.all()), []
    for f in findings:
        name = f"{citation(f.code)}{f' ({f.title})' if f.title else ''}"
        if not f.finding:
            problems.append(f"{name}: say whether the review upholds, upholds in part or overturns it.")
        elif not f.reasons.strip():
            problems.append(f"{name}: give the reasons for the finding ({f.get_finding_display().lower()}).")
    if not findings and not letter.review_result:
        problems.append("Choose the outcome of the review: upheld, upheld in part or overturned.")
    return problems


def case_outcome(letter: Letter) -> str:
    """The review case's outcome from its approved outcome letter."""
    result = letter.review_result or derived_result(letter.findings.all())
    return CASE_OUTCOMES.get(result, "")


# --- reads, for the letter and the case page ------------------------------------------------------


@dataclass(frozen=True)
class FindingLine:
    citation: str
    title: str
    finding: str  # as printed: "Upheld", "Overturned"
    reasons_html: str  # sanitised (responses.text.to_html)


@dataclass(frozen=True)
class ReviewOf:
    """The request under review as a letter names it."""

    reference: str
    received_on: date
    responded_on: date | None

    @property
    def sentence(self) -> str:
        text = f"Your request {self.reference} of {short_date(self.received_on)}"
        if self.responded_on:
            text += f" and our response of {short_date(self.responded_on)}"
        return text


def review_of_fixed(review: Case) -> dict:
    """The request and response under review as the outcome letter names them, kept in its letterhead
    when it is approved (what is printed is fixed then): the original's response date is the one it had
    when the review was logged, whatever happened to the original since."""
    original = Case.objects.only("reference", "received_on", "responded_on").get(pk=review.review_of_id)
    logged_at = Case.objects.values_list("created_at", flat=True).get(pk=review.pk)
    closed = (
        AuditEvent.objects.filter(case_id=original.pk, action="case_close", at__lt=logged_at)
        .order_by("-at", "-pk")
        .values_list("changes", flat=True)
        .first()
    )
    responded = (closed or {}).get("responded_on") or (original.responded_on and original.responded_on.isoformat())
    return {
        "review_of_reference": original.reference,
        "review_of_received": original.received_on.isoformat(),
        "review_of_responded": responded or None,
    }


def review_of(letter: Letter) -> ReviewOf | None:
    """What the outcome letter names: as fixed at approval, or (while drafting) as it stands now."""
    if not letter.case.review_of_id:
        return None
    fixed = letter.letterhead if "review_of_reference" in (letter.letterhead or {}) else None
    fixed = fixed or review_of_fixed(letter.case)
    responded = fixed["review_of_responded"]
    return ReviewOf(
        fixed["review_of_reference"],
        date.fromisoformat(fixed["review_of_received"]),
        date.fromisoformat(responded) if responded else None,
    )


def finding_lines(letter: Letter, live: dict | None = None) -> list[FindingLine]:
    return [
        FindingLine(citation(f.code), f.title, f.get_finding_display() or "Not decided", text.to_html(f.reasons, live))
        for f in letter.findings.all()
    ]


def outcome_letter(review: Case) -> Letter | None:
    """The review's outcome letter that decided it (approved), or the latest draft of one."""
    letters = Letter.objects.live().filter(case=review, kind="review_outcome").order_by("-version", "-pk")
    return letters.filter(status=Letter.Status.APPROVED).first() or letters.first()
