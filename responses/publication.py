"""The disclosure log: issued responses published for everyone to read.

An officer proposes a final response that has been sent; a supervisor who did not propose it
checks it (the requester's personal data is out of it, attachments are clean) and publishes it,
optionally with a redacted copy of the PDF (stored with its document properties removed: see
`pdf_without_metadata`); a supervisor can withdraw it again, and the record is
kept. The log is applicant blind by construction: an entry is its title (written for the log), the
letter's references and dates, the case's outcome and body, and the exemptions cited. Nothing
about who asked is read, searched or shown.
"""

import hashlib
import io
from dataclasses import dataclass

import pikepdf
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from foi_cases import services as case_services
from foi_cases.deadlines import Regime
from foi_cases.models import Case, PublicBody
from foi_cases.workflow import TransitionNotAllowed
from responses.kinds import KIND_RULES
from responses.models import Letter, LetterExemption, LibraryEntry, Publication

State = Publication.State

PROPOSE = "foi_cases.change_case"
PUBLISH = "responses.approve_letter"
TITLE_MAX = Publication._meta.get_field("title").max_length
# A redacted response with its released documents printed to PDF: far larger than a letter.
REDACTED_PDF_MAX_BYTES = 10 * 1024 * 1024
UNREADABLE_PDF_MESSAGE = (
    "This PDF could not be read: it may be damaged. Save or print it to PDF again and upload the new copy."
)
ENCRYPTED_PDF_MESSAGE = (
    "This PDF is protected by a password or encryption. Save a copy without protection and upload that."
)

# The case's outcome as the public log words it.
OUTCOME_WORDS = {
    Case.Outcome.GRANTED: "Information released in full",
    Case.Outcome.PARTIALLY_WITHHELD: "Some information released, some withheld",
    Case.Outcome.FULLY_WITHHELD: "Information withheld",
    Case.Outcome.NCND: "Neither confirmed nor denied whether the information is held",
    Case.Outcome.NOT_HELD: "Information not held",
    Case.Outcome.COST: "Refused: it would cost too much to answer",
    Case.Outcome.VEXATIOUS: "Refused: vexatious request",
    Case.Outcome.REPEATED: "Refused: repeated request",
}


class PublicationRefused(PermissionDenied):
    """This person may not take this step; the message says why."""


# --- proposing, publishing, withdrawing ---------------------------------------------------------


def propose_refusal(letter: Letter) -> str:
    """Why the letter cannot go in the log ('' when it can): only a final response, approved (the
    current version) and sent, and never a subject access response (the requester's own data)."""
    if not KIND_RULES[letter.kind].final:
        return "Only a response that answers the request can be published, not this kind of letter."
    if letter.status != Letter.Status.APPROVED:
        return "Only the approved, current version of a response can be published."
    if letter.case.regime == Regime.SAR:
        return "A subject access response is the requester's own personal data: it is never published."
    if not letter.dispatches.exists():
        return "Send the response first: only a response that has been issued can be published."
    return ""


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Give the entry a title: what the request was about, without names."})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"Keep the title to {TITLE_MAX} characters or fewer (it has {len(title)})."})
    return title


@transaction.atomic
def publication_propose(*, letter: Letter, actor, title: str) -> Publication:
    """Propose an issued response for the disclosure log. A withdrawn entry can be proposed again:
    its row is reused and checked afresh."""
    if not actor.has_perm(PROPOSE):
        raise PublicationRefused("Proposing a response for the disclosure log needs the right to change cases.")
    # Locked so that two clicks cannot both create the letter's one entry.
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    refusal = propose_refusal(letter)
    if refusal:
        raise TransitionNotAllowed(refusal)
    title = _clean_title(title)
    publication = Publication.objects.filter(letter=letter).first()
    if publication is None:
        publication = Publication.objects.create(letter=letter, title=title, proposed_by=actor)
        before = {}
    elif publication.state != State.WITHDRAWN:
        raise TransitionNotAllowed(
            f"This response is already in the disclosure log process: {_state_words(publication)}."
        )
    else:
        before = _snapshot(publication)
        _reset(publication, title=title, actor=actor)
    _audit(
        publication,
        actor,
        "publication_proposed",
        f"{_letter_label(letter)} proposed for the disclosure log as “{title}”.",
        before,
    )
    return publication


def _reset(publication: Publication, *, title: str, actor) -> None:
    """A withdrawn entry proposed again: the earlier checks, publication and redacted copy no longer
    count (the audit trail keeps them, and the stored copy stays in storage)."""
    publication.state = State.PROPOSED
    publication.title = title
    publication.proposed_by, publication.proposed_at = actor, timezone.now()
    publication.personal_data_removed = publication.attachments_checked = False
    publication.redacted_pdf = ""
    publication.published_by = publication.published_at = publication.published_on = None
    publication.withdrawn_by = publication.withdrawn_at = None
    publication.withdrawal_reason = ""
    publication.save()


@transaction.atomic
def publication_publish(
    *,
    publication: Publication,
    actor,
    personal_data_removed: bool,
    attachments_checked: bool,
    title: str,
    redacted_pdf=None,
) -> Publication:
    """Publish a proposed entry after the pre-publication checks, by a supervisor who did not
    propose it: four eyes on what goes out to the world. `redacted_pdf` (an uploaded file) replaces
    the signed letter in the log."""
    publication = _locked(publication)
    if not actor.has_perm(PUBLISH):
        raise PublicationRefused("Only a supervisor can publish a response in the disclosure log.")
    if publication.proposed_by_id == actor.pk:
        raise PublicationRefused("You proposed this entry: another supervisor must check and publish it.")
    if publication.state != State.PROPOSED:
        raise TransitionNotAllowed(f"Only a proposed entry can be published; this one is {_state_words(publication)}.")
    errors = {}
    if not personal_data_removed:
        errors["personal_data_removed"] = "Confirm that the requester's and other people's personal data is removed."
    if not attachments_checked:
        errors["attachments_checked"] = "Confirm that the attachments have been checked."
    try:
        title = _clean_title(title)
    except ValidationError as error:
        errors.update(error.message_dict)
    data = None
    if redacted_pdf is not None:
        try:
            data = _redacted_pdf_data(redacted_pdf)
        except ValidationError as error:
            errors["redacted_pdf"] = error.messages
    if errors:
        raise ValidationError(errors)
    before = _snapshot(publication)
    if data is not None:
        # Named by its content, never by the uploaded file's name (which may well name the requester).
        digest = hashlib.sha256(data).hexdigest()
        publication.redacted_pdf.save(f"{publication.letter_id}-{digest[:16]}.pdf", ContentFile(data), save=False)
    publication.state = State.PUBLISHED
    publication.title = title
    publication.personal_data_removed = publication.attachments_checked = True
    publication.published_by, publication.published_at = actor, timezone.now()
    publication.published_on = case_services.today()
    publication.save()
    copy = "a redacted copy" if data is not None else "the letter as sent"
    _audit(
        publication,
        actor,
        "publication_published",
        f"{_letter_label(publication.letter)} published in the disclosure log as “{title}”, with {copy}.",
        before,
    )
    return publication


def _redacted_pdf_data(upload) -> bytes:
    if upload.size > REDACTED_PDF_MAX_BYTES:
        raise ValidationError(f"The file is larger than {filesizeformat(REDACTED_PDF_MAX_BYTES)}.")
    data = upload.read()
    if not data.startswith(b"%PDF-"):
        raise ValidationError("The redacted copy must be a PDF file.")
    return pdf_without_metadata(data)


def pdf_without_metadata(data: bytes) -> bytes:
    """The PDF rewritten without its document properties: the information dictionary (author,
    title, creator...) and every XMP metadata stream, with the private data editors keep
    (/PieceInfo). The redacted copy is made on an officer's computer, so those name the officer, and
    the original file's title often names the requester. The whole file is written afresh: an
    incremental update would only append a new revision, and the old one, properties and all, would
    still be in the file. Raises ValidationError for a file that cannot be read, or is encrypted
    (it could not be rewritten, nor read by everyone)."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if pdf.is_encrypted:
                raise ValidationError(ENCRYPTED_PDF_MESSAGE)
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    for key in ("/Metadata", "/PieceInfo"):
                        if key in obj:
                            del obj[key]
            cleaned = io.BytesIO()
            # Objects nothing refers to any more (the removed properties) are not written.
            pdf.save(cleaned, deterministic_id=True, fix_metadata_version=False)
    except pikepdf.PasswordError:
        raise ValidationError(ENCRYPTED_PDF_MESSAGE) from None
    except pikepdf.PdfError:
        raise ValidationError(UNREADABLE_PDF_MESSAGE) from None
    return cleaned.getvalue()


@transaction.atomic
def publication_withdraw(*, publication: Publication, actor, reason: str) -> Publication:
    """Take an entry out of the log (or turn down a proposal). The row and its history are kept; the
    entry and its PDF stop being served at once."""
    publication = _locked(publication)
    if not actor.has_perm(PUBLISH):
        raise PublicationRefused("Only a supervisor can withdraw an entry from the disclosure log.")
    if publication.state == State.WITHDRAWN:
        raise TransitionNotAllowed("This entry has already been withdrawn.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why it is being withdrawn: the reason is kept with the record."})
    before = _snapshot(publication)
    was_published = publication.state == State.PUBLISHED
    publication.state = State.WITHDRAWN
    publication.withdrawn_by, publication.withdrawn_at = actor, timezone.now()
    publication.withdrawal_reason = reason
    publication.save()
    what = "withdrawn from the disclosure log" if was_published else "turned down for the disclosure log"
    _audit(publication, actor, "publication_withdrawn", f"{_letter_label(publication.letter)} {what}: {reason}", before)
    return publication


def _locked(publication: Publication) -> Publication:
    return Publication.objects.select_for_update().select_related("letter__case").get(pk=publication.pk)


def _state_words(publication: Publication) -> str:
    return publication.get_state_display().lower()


def _letter_label(letter: Letter) -> str:
    return f"{letter.get_kind_display()} letter (version {letter.version})"


def _snapshot(publication: Publication) -> dict:
    return {
        "state": publication.state,
        "title": publication.title,
        "redacted_pdf": publication.redacted_pdf.name or "",
        "published_on": publication.published_on.isoformat() if publication.published_on else None,
    }


def _audit(publication: Publication, actor, action: str, summary: str, before: dict) -> None:
    case_services.audit(
        case=publication.letter.case,
        actor=actor,
        action=action,
        summary=summary,
        changes={"publication": publication.pk, "before": before, "after": _snapshot(publication)},
    )


# --- reading the log ----------------------------------------------------------------------------


def _public_exemptions() -> Prefetch:
    return Prefetch(
        "letter__exemptions",
        queryset=LetterExemption.objects.select_related("source__entry").order_by("position", "id"),
    )


def published_entries(
    *,
    q: str = "",
    body: PublicBody | int | None = None,
    outcome: str = "",
    exemption: str = "",
    year: int | None = None,
) -> QuerySet[Publication]:
    """The public log, newest first: search over the title and references (fields written for the
    public, never the request's text), and filters by body, outcome, exemption section ("s40",
    "reg12(5)(b)") and year of publication."""
    entries = (
        Publication.objects.filter(state=State.PUBLISHED)
        .select_related("letter", "letter__case__body")
        .prefetch_related(_public_exemptions())
        .order_by("-published_on", "-published_at", "-id")
    )
    q = (q or "").strip()
    if q:
        entries = entries.filter(Q(title__icontains=q) | Q(letter__references__icontains=q))
    if body:
        entries = entries.filter(letter__case__body=body)
    if outcome:
        entries = entries.filter(letter__case__outcome=outcome)
    if exemption:
        entries = entries.filter(letter_id__in=_citing(exemption).values("letter_id"))
    if year:
        entries = entries.filter(published_on__year=year)
    return entries


def _citing(exemption: str) -> QuerySet[LetterExemption]:
    """The exemptions cited under a section: "s40" (FOIA, s12 and s14 too) or "reg12(5)(b)" (EIR)."""
    eir = exemption.startswith("reg")
    section = exemption.removeprefix("reg") if eir else exemption.removeprefix("s")
    family = Q(source__entry__family=LibraryEntry.Family.EIR)
    return LetterExemption.objects.filter(Q(source__section=section) & (family if eir else ~family))


def published_entry(pk: int) -> Publication | None:
    return Publication.objects.filter(state=State.PUBLISHED, pk=pk).select_related("letter").first()


def pending_publications() -> QuerySet[Publication]:
    """Proposed entries awaiting a supervisor's checks, oldest first."""
    return (
        Publication.objects.filter(state=State.PROPOSED)
        .select_related("letter", "proposed_by")
        .order_by("proposed_at", "id")
    )


def withdrawn_publications(limit: int = 20) -> list[Publication]:
    return list(
        Publication.objects.filter(state=State.WITHDRAWN)
        .select_related("letter", "withdrawn_by")
        .order_by("-withdrawn_at", "-id")[:limit]
    )


# --- how an entry reads -------------------------------------------------------------------------


def short_citation(exemption: LetterExemption) -> str:
    """'s31(1)(a)' or 'reg12(5)(b)'."""
    return f"{'reg' if exemption.code.startswith('reg') else 's'}{exemption.provision}"


def exemptions_cited(publication: Publication) -> str:
    """'s40(2) Personal information: other people's personal data; s31(1)(a) Law enforcement'."""
    parts = []
    for exemption in publication.letter.exemptions.all():
        ncnd = " (neither confirm nor deny)" if exemption.ncnd else ""
        parts.append(f"{short_citation(exemption)} {exemption.title}{ncnd}")
    return "; ".join(parts)


def outcome_words(publication: Publication) -> str:
    case = publication.letter.case
    return OUTCOME_WORDS.get(case.outcome) or publication.letter.get_kind_display()


@dataclass(frozen=True)
class ExemptionChoice:
    value: str  # "s40", "reg12(5)(b)"
    label: str  # "s40 Personal information"


def exemption_choices() -> list[ExemptionChoice]:
    """The exemption sections cited in published entries, for the log's filter: FOIA's in section
    order, then the EIR's."""
    rows = (
        LetterExemption.objects.filter(letter__publication__state=State.PUBLISHED)
        .values_list("source__section", "source__entry__family", "source__title")
        .distinct()
    )
    titles: dict[str, list[str]] = {}
    for section, family, title in rows:
        value = f"{'reg' if family == LibraryEntry.Family.EIR else 's'}{section}"
        # "Personal information: other people's personal data" is filed under "Personal information".
        short = title.split(":")[0].strip()
        if short not in titles.setdefault(value, []):
            titles[value].append(short)
    return [ExemptionChoice(v, f"{v} {' / '.join(sorted(titles[v]))}") for v in sorted(titles, key=_section_order)]


def _section_order(value: str) -> tuple:
    eir = value.startswith("reg")
    section = value.removeprefix("reg") if eir else value.removeprefix("s")
    digits = "".join(c for c in section.split("(")[0] if c.isdigit())
    return (eir, int(digits or 0), section)


def outcome_choices() -> list[tuple[str, str]]:
    return [(str(value), words) for value, words in OUTCOME_WORDS.items()]


def year_choices() -> list[int]:
    days = Publication.objects.filter(state=State.PUBLISHED).dates("published_on", "year", order="DESC")
    return [day.year for day in days]


def body_choices() -> QuerySet[PublicBody]:
    """The bodies with published entries."""
    return PublicBody.objects.filter(cases__letters__publication__state=State.PUBLISHED).distinct().order_by("name")
