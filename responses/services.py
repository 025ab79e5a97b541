"""Writes for the exemption library, letters and their approval. Views, the API, commands and
tasks all call these; each runs in one transaction and joins the case's audit trail.

Refusals: django ValidationError (bad input, field -> message), TransitionNotAllowed (the letter's
state does not allow it: HTTP 409) and ApprovalRefused (this person may not decide: HTTP 403).
"""

from dataclasses import fields as dataclass_fields
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from foi_cases import reviews as case_reviews
from foi_cases import services as case_services
from foi_cases import workflow as case_workflow
from foi_cases.deadlines import Regime, WorkingCalendar, ordinal_date, same_date_months_later, short_date
from foi_cases.models import Case, Unit
from foi_cases.workflow import TransitionNotAllowed
from responses import issuing, library_content, review_findings, text
from responses.checks import ExemptionSnapshot, ItemSnapshot, LetterSnapshot, cost_total, letter_problems
from responses.kinds import KIND_RULES, REGIME_OMITS, S14_OUTCOMES, SECTION_HEADINGS, Exemptions, allowed_on
from responses.models import (
    Approval,
    CaseExemption,
    ClearanceStage,
    CostLine,
    Letter,
    LetterExemption,
    LetterItem,
    LetterSection,
    LibraryEntry,
    LibraryVersion,
)

EXEMPTION_TEXT_FIELDS = ("why", "harm", "factors_for", "factors_against", "balancing")
NCND_TEXT_FIELDS = tuple(f"ncnd_{name}" for name in EXEMPTION_TEXT_FIELDS)
VERSION_FIELDS = (
    "title",
    "section",
    "provision",
    "ncnd_provision",
    "absolute",
    "basis",
    *EXEMPTION_TEXT_FIELDS,
    *NCND_TEXT_FIELDS,
    "body",
    "guidance",
)
# Filled when the letter is shown, because they follow the letter's own fields or date.
LIVE_PLACEHOLDERS = frozenset(
    {
        "review_by",
        "references",
        "estimated_date",
        "exemptions",
        "fee_amount",
        "fee_due_by",
        "cost_limit",
        "cost_limit_hours",
        "cost_hours",
        "cost_total",
        "hourly_rate",
    }
)
KNOWN_PLACEHOLDERS = frozenset(library_content.PLACEHOLDERS)
SCOTTISH = (Regime.FOISA, Regime.EISR)
MAX_TEXT = 20_000


class ApprovalRefused(PermissionDenied):
    """This person may not approve or return the letter; the message says why."""


class NotIndependent(ApprovalRefused):
    """This person took part in the decision an internal review is reviewing, so may not write or
    approve its outcome (foi_cases.reviews)."""


def check_independent(letter_case: Case, kind: str, actor, doing: str) -> None:
    if KIND_RULES[kind].reviews_only:
        refusal = case_reviews.reviewer_refusal(letter_case, actor, doing=doing)
        if refusal:
            raise NotIndependent(refusal)


def _require_answered_alone(letter: Letter) -> None:
    """An internal review is answered on its own: an outcome letter on a review linked "answered
    with" another case would decide that case too (foi_cases.services.case_link refuses the link)."""
    if KIND_RULES[letter.kind].reviews_only and letter.case.answered_with.exists():
        others = ", ".join(sorted(letter.case.answered_with.values_list("reference", flat=True)))
        raise TransitionNotAllowed(
            f"An internal review is answered on its own, but {letter.case.reference} is marked as answered together "
            f"with {others}: remove that link first."
        )


# --- the library -------------------------------------------------------------------------------


def _version_values(entry: library_content.ExemptionText | library_content.ParagraphText) -> dict:
    names = {f.name for f in dataclass_fields(entry)} & set(VERSION_FIELDS)
    return {name: getattr(entry, name) for name in names}


@transaction.atomic
def library_install() -> int:
    """Add the shipped entries that are missing (version 1). Never touches an installed entry."""
    installed = set(LibraryEntry.objects.values_list("code", flat=True))
    added = 0
    shipped = [(LibraryEntry.Kind.EXEMPTION, e) for e in library_content.EXEMPTIONS]
    shipped += [(LibraryEntry.Kind.PARAGRAPH, p) for p in library_content.PARAGRAPHS]
    for kind, content in shipped:
        if content.code in installed:
            continue
        family = getattr(content, "family", "")
        entry = LibraryEntry.objects.create(code=content.code, kind=kind, family=family)
        version = LibraryVersion.objects.create(
            entry=entry, number=1, change_note="As shipped.", **_version_values(content)
        )
        LibraryEntry.objects.filter(pk=entry.pk).update(current=version)
        added += 1
    return added


def citing_code(family: str, provision: str) -> str:
    return f"{'reg' if family == LibraryEntry.Family.EIR else 's'}{provision}"


def library_codes(*, regime: str | None = None) -> dict[str, tuple[LibraryVersion, bool]]:
    """Every code a letter can cite -> (current version, cited under its NCND provision).

    FOIA cases cite FOIA exemptions and procedural refusals; EIR cases cite EIR exceptions. The
    library has nothing for FOISA and EIR (Scotland), which number theirs differently, nor for
    subject access (the Data Protection Act's exemptions): citing FOIA's there would be wrong in law.
    """
    entries = LibraryEntry.objects.filter(kind=LibraryEntry.Kind.EXEMPTION, is_active=True).select_related("current")
    if regime == Regime.EIR:
        entries = entries.filter(family=LibraryEntry.Family.EIR)
    elif regime == Regime.FOIA:
        entries = entries.exclude(family=LibraryEntry.Family.EIR)
    elif regime is not None:
        return {}
    codes = {}
    for entry in entries:
        version = entry.current
        version.entry = entry
        codes[citing_code(entry.family, version.provision)] = (version, False)
        if version.ncnd_provision:
            codes[citing_code(entry.family, version.ncnd_provision)] = (version, True)
    return codes


def paragraph_versions() -> dict[str, LibraryVersion]:
    entries = LibraryEntry.objects.filter(kind=LibraryEntry.Kind.PARAGRAPH).select_related("current")
    return {entry.code: entry.current for entry in entries}


def _validate_version(entry: LibraryEntry, values: dict) -> None:
    errors = {}
    for name in (*EXEMPTION_TEXT_FIELDS, *NCND_TEXT_FIELDS, "body"):
        unknown = text.unknown_placeholders(values.get(name, ""), KNOWN_PLACEHOLDERS)
        if unknown:
            names = ", ".join("{" + n + "}" for n in unknown)
            errors[name] = f"Unknown placeholder {names}. Use only: {', '.join(sorted(KNOWN_PLACEHOLDERS))}."
    if not (values.get("title") or "").strip():
        errors["title"] = "Enter a title."
    if entry.kind == LibraryEntry.Kind.EXEMPTION:
        errors.update(_validate_provisions(entry, values))
    if errors:
        raise ValidationError(errors)


def _validate_provisions(entry: LibraryEntry, values: dict) -> dict:
    errors = {}
    if not values.get("provision"):
        errors["provision"] = "Enter the provision a refusal cites, e.g. 24(1)."
    taken = {code for code, (version, _) in library_codes().items() if version.entry_id != entry.pk}
    for name in ("provision", "ncnd_provision"):
        if values.get(name) and citing_code(entry.family, values[name]) in taken:
            errors[name] = f"{values[name]} is already cited by another entry of the library."
    return errors


@transaction.atomic
def library_revise(*, entry: LibraryEntry, actor, values: dict, change_note: str = "") -> LibraryVersion:
    """A new version of the entry's wording; letters already drafted keep the version they used."""
    entry = LibraryEntry.objects.select_for_update().get(pk=entry.pk)
    current = entry.current
    merged = {name: values.get(name, getattr(current, name)) for name in VERSION_FIELDS}
    _validate_version(entry, merged)
    changed = {
        name: [getattr(current, name), merged[name]]
        for name in VERSION_FIELDS
        if getattr(current, name) != merged[name]
    }
    if not changed:
        raise ValidationError({"__all__": "Nothing changed, so no new version was made."})
    number = (entry.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = LibraryVersion.objects.create(
        entry=entry, number=number, change_note=change_note[:300], created_by=actor, **merged
    )
    entry.current = version
    entry.save(update_fields=["current"])
    case_services.audit(
        case=None,
        actor=actor,
        action="library_revised",
        summary=f"Library: {version.title} revised (version {number}). {change_note}".strip(),
        changes={
            name: [case_services.plain_value(a), case_services.plain_value(b)] for name, (a, b) in changed.items()
        },
    )
    return version


# --- composing a letter ------------------------------------------------------------------------


def joined(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _authority(case: Case) -> str:
    bodies = {case.body.name} | {other.body.name for other in case.answered_with.select_related("body")}
    return joined(sorted(bodies))


def _commissioner(case: Case, unit: Unit) -> dict[str, str]:
    if case.regime in SCOTTISH:
        return {
            "commissioner": "Scottish Information Commissioner",
            "commissioner_website": unit.scottish_commissioner_website,
            "commissioner_helpline": unit.scottish_commissioner_helpline,
        }
    return {
        "commissioner": "Information Commissioner",
        "commissioner_website": unit.ico_website,
        "commissioner_helpline": unit.ico_helpline,
    }


# The law's name as a letter writes it ("dealt with under the {act}"); a subject access request is
# made under the UK GDPR, whose register label names the request, not the law.
ACT_NAMES = {"sar": "UK General Data Protection Regulation"}
ACT_SHORT = {"foia": "FOIA", "eir": "the EIR", "foisa": "FOISA", "eisr": "the EIR (Scotland)", "sar": "the UK GDPR"}


def compose_values(case: Case, unit: Unit) -> dict[str, str]:
    """Placeholder values fixed when a letter is composed (the live ones are filled when shown)."""
    return {
        "act": ACT_NAMES.get(case.regime, Regime(case.regime).label),
        "act_short": ACT_SHORT[case.regime],
        "authority": _authority(case),
        "unit_name": unit.name,
        "unit_email": unit.email or "[[the unit's email address]]",
        "unit_phone": unit.phone or "[[the unit's telephone number]]",
        "received_date": ordinal_date(case.received_on),
        "due_date": ordinal_date(case.due_on) if case.due_on else "[[the due date: the clock is stopped]]",
        **_commissioner(case, unit),
    }


def _kind_refusal(kind: str, rule, case: Case) -> str:
    allowed = " and ".join(sorted(ACT_SHORT[regime].removeprefix("the ") for regime in rule.regimes))
    return (
        f"A {Letter.Kind(kind).label.lower()} letter is for {allowed} requests only; this is a "
        f"{Regime(case.regime).label} case. The library has no wording for it yet: write the letter by hand."
    )


def _review_kind_refusal(kind: str, case: Case) -> str:
    label = Letter.Kind(kind).label.lower()
    if case.is_review:
        return (
            f"{case.reference} is an internal review: it is answered by an internal review outcome letter, "
            f"not a {label} letter."
        )
    return f"An {label} letter answers an internal review: draft it on the review's own case."


def _check_text(name: str, value) -> str:
    if not isinstance(value, str):
        raise ValidationError({name: "Enter text."})
    if "\x00" in value:
        raise ValidationError({name: "The text contains a null character; remove it."})
    if len(value) > MAX_TEXT:
        raise ValidationError({name: f"Too long ({len(value):,} characters; the limit is {MAX_TEXT:,})."})
    return value.replace("\r\n", "\n")


def _resolve_codes(case: Case, codes, kind: str) -> list[tuple[str, LibraryVersion, bool]]:
    available = library_codes(regime=case.regime)
    rule, resolved, unknown = KIND_RULES[kind], [], []
    for code in codes:
        code = str(code).strip()
        if code not in available:
            unknown.append(code)
        elif code not in [c for c, _, _ in resolved]:
            resolved.append((code, *available[code]))
    if unknown:
        family = "EIR exceptions" if case.regime in (Regime.EIR, Regime.EISR) else "FOIA exemptions"
        raise ValidationError(
            {"exemptions": f"Unknown for this case ({family}): {', '.join(unknown)}. See GET /api/v1/exemptions/."}
        )
    if rule.exemptions is Exemptions.NONE and resolved:
        raise ValidationError({"exemptions": f"A {rule.title.lower()} cites no exemptions."})
    return resolved


def _add_exemption(
    letter: Letter, position: int, code: str, version: LibraryVersion, ncnd: bool, values
) -> LetterExemption:
    prefix = "ncnd_" if ncnd else ""
    return LetterExemption.objects.create(
        letter=letter,
        position=position,
        source=version,
        code=code,
        provision=version.ncnd_provision if ncnd else version.provision,
        ncnd=ncnd,
        title=version.title,
        absolute=version.absolute,
        basis=version.basis,
        **{name: text.fill(getattr(version, prefix + name), values) for name in EXEMPTION_TEXT_FIELDS},
    )


def _add_sections(letter: Letter, case: Case, unit: Unit, values: dict) -> None:
    rule, paragraphs = KIND_RULES[letter.kind], paragraph_versions()
    position = 0
    for placement, keys in (("opening", rule.opening), ("response", rule.response), ("closing", rule.closing)):
        for key in keys:
            if key in REGIME_OMITS.get(case.regime, ()):
                continue
            position += 10
            # The regime's own wording where the law differs ("not_held_eir": regulation 12(4)(a)).
            version = paragraphs.get(f"{key}_{case.regime}") or paragraphs.get(key)
            LetterSection.objects.create(
                letter=letter,
                key=key,
                placement=placement,
                position=position,
                heading=text.fill(SECTION_HEADINGS.get(key, ""), values),
                text=text.fill(version.body, values) if version else f"[[write the {key.replace('_', ' ')}]]",
                source=version,
            )
    rights = (("review_rights", rule.review_rights, unit.review_rights_text),)
    rights += (("commissioner_rights", rule.commissioner_rights, unit.commissioner_rights_text),)
    for key, wanted, wording in rights:
        if wanted:
            position += 10
            LetterSection.objects.create(
                letter=letter,
                key=key,
                placement="rights",
                position=position,
                heading=text.fill(SECTION_HEADINGS[key], values),
                text=text.fill(wording, values),
            )


def _sync_ncnd_caveat(letter: Letter, values: dict) -> None:
    """Any refusal may neither confirm nor deny (s12(2), or s40(5B) for part of a request): the
    caveat must then be in the letter, and must go when no such provision is cited any more."""
    rule = KIND_RULES[letter.kind]
    if "ncnd_caveat" in (*rule.opening, *rule.response, *rule.closing):
        return
    caveat = letter.sections.filter(key="ncnd_caveat").first()
    wanted = rule.exemptions is Exemptions.SECTIONS and letter.exemptions.filter(ncnd=True).exists()
    if caveat is not None and not wanted:
        caveat.delete()
    elif caveat is None and wanted:
        closing = letter.sections.filter(key="closing").first()
        last = letter.sections.aggregate(last=Max("position"))["last"] or 0
        version = paragraph_versions().get("ncnd_caveat")
        LetterSection.objects.create(
            letter=letter,
            key="ncnd_caveat",
            placement="closing",
            position=closing.position - 5 if closing else last + 5,
            heading=text.fill(SECTION_HEADINGS.get("ncnd_caveat", ""), values),
            text=text.fill(version.body, values) if version else "[[write the ncnd caveat]]",
            source=version,
        )


def _signatory(actor) -> tuple[str, str]:
    return (actor.get_full_name() or actor.get_username(), "Information Rights Officer")


@transaction.atomic
def letter_create(*, case: Case, actor, kind: str, codes=(), item_codes: dict | None = None) -> Letter:
    """A draft composed from the library: the request quoted item by item, the kind's paragraphs,
    one section per exemption (applied to every item unless `item_codes` says which), and rights."""
    if kind not in KIND_RULES:
        raise ValidationError({"kind": f"Unknown kind of letter. Use one of: {', '.join(KIND_RULES)}."})
    rule = KIND_RULES[kind]
    if not allowed_on(kind, is_review=case.is_review):
        raise ValidationError({"kind": _review_kind_refusal(kind, case)})
    if case.is_closed and not rule.on_closed_cases:
        raise TransitionNotAllowed("The case is closed: reopen it before drafting a letter.")
    if rule.regimes is not None and case.regime not in rule.regimes:
        raise ValidationError({"kind": _kind_refusal(kind, rule, case)})
    check_independent(case, kind, actor, "draft its outcome letter")
    resolved = _resolve_codes(case, list(codes) or list(rule.default_codes), kind)
    unit = case_services.unit_get()
    values = compose_values(case, unit)
    name, role = _signatory(actor)
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        references=case.joint_reference,
        heading=f"{rule.title}: {Regime(case.regime).label}",
        cost_limit=case.body.cost_limit if rule.cost_worksheet else None,
        signatory_name=name,
        signatory_role=role,
        created_by=actor,
    )
    letter.contributors.add(actor)
    _add_sections(letter, case, unit, values)
    exemptions = {
        code: _add_exemption(letter, position, code, version, ncnd, values)
        for position, (code, version, ncnd) in enumerate(resolved, start=1)
    }
    _add_items(letter, case, exemptions, item_codes)
    _sync_ncnd_caveat(letter, values)
    if rule.reviews_only:
        review_findings.findings_prefill(letter)
    case_services.audit(
        case=case,
        actor=actor,
        action="letter_drafted",
        summary=f"{letter.get_kind_display()} letter drafted"
        + (f", citing {', '.join(exemptions)}." if exemptions else "."),
        changes={"letter": letter.pk, "kind": kind, "exemptions": list(exemptions)},
    )
    return letter


def _add_items(letter: Letter, case: Case, exemptions: dict[str, LetterExemption], item_codes: dict | None) -> None:
    items = list(case.items.all()) or [None]
    strays = [str(p) for p in (item_codes or {}) if p not in range(1, len(items) + 1)]
    if strays:
        raise ValidationError({"items": f"The request has no item {', '.join(strays)}."})
    for position, item in enumerate(items, start=1):
        letter_item = LetterItem.objects.create(
            letter=letter, position=position, request_item=item, question=item.text if item else case.request_text
        )
        chosen = exemptions.keys() if item_codes is None else item_codes.get(position, ())
        unknown = [code for code in chosen if code not in exemptions]
        if unknown:
            raise ValidationError(
                {"items": f"Item {position}: {', '.join(unknown)} is not among the letter's exemptions."}
            )
        letter_item.exemptions.set([exemptions[code] for code in chosen])


# --- editing -----------------------------------------------------------------------------------


def _require_editable(letter: Letter) -> None:
    if letter.status == Letter.Status.SUBMITTED:
        raise TransitionNotAllowed("The letter is awaiting approval: recall it before editing.")
    if not letter.is_editable:
        raise TransitionNotAllowed(
            f"The letter is {letter.get_status_display().lower()} and cannot be changed: start a new version."
        )


def _require_open_case(letter: Letter) -> None:
    # A closed case already has its outcome (withdrawn, lapsed, or the response sent): a letter
    # approved now would overwrite it and its statistics.
    if letter.case.is_closed and not KIND_RULES[letter.kind].on_closed_cases:
        raise TransitionNotAllowed("The case is closed: reopen it before working on its letters.")


def _parse_date(name: str, value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({name: "Enter a date in the form YYYY-MM-DD."}) from None


def _parse_money(name: str, value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValidationError({name: "Enter an amount in pounds, e.g. 12.50."}) from None
    if not amount.is_finite() or amount < 0 or amount > Decimal("1000000"):
        raise ValidationError({name: "Enter an amount between 0 and 1,000,000."})
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def letter_update(*, letter: Letter, actor, changes: dict) -> Letter:
    """Edit a draft (or returned) letter. `changes` may hold: heading, signatory_name, signatory_role,
    estimated_decision_on, fee_amount, cost_limit, sections {key: text}, exemptions (codes, to add or
    remove), exemption_texts {code: {provision, why, harm, ...}}, items {position: {answer, codes}},
    cost_lines [{activity, description, hours}], aggregated [case references] (s12). Whoever edits
    may no longer approve it."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _require_editable(letter)
    check_independent(letter.case, letter.kind, actor, "edit its outcome letter")
    for name in ("sections", "exemption_texts", "items"):
        if not isinstance(changes.get(name) or {}, dict):
            raise ValidationError({name: "Give the changes as an object keyed by name or number."})
        if any("\x00" in str(key) for key in changes.get(name) or {}):
            raise ValidationError({name: "A name contains a null character."})
    changed: dict = {}
    changed.update(_update_fields(letter, changes))
    if "exemptions" in changes:
        changed.update(_update_exemption_set(letter, changes["exemptions"]))
    if "aggregated" in changes:
        changed.update(_update_aggregated(letter, changes["aggregated"]))
    for key, value in (changes.get("sections") or {}).items():
        changed.update(_update_section(letter, key, value))
    for code, texts in (changes.get("exemption_texts") or {}).items():
        changed.update(_update_exemption_texts(letter, code, texts))
    for position, item in (changes.get("items") or {}).items():
        changed.update(_update_item(letter, position, item))
    if "cost_lines" in changes:
        changed.update(_update_cost_lines(letter, changes["cost_lines"]))
    if "findings" in changes or "review_result" in changes:
        changed.update(
            review_findings.findings_update(
                letter, findings=changes.get("findings"), result=changes.get("review_result")
            )
        )
    if changed:
        letter.contributors.add(actor)
        letter.save()
        case_services.audit(
            case=letter.case,
            actor=actor,
            action="letter_edited",
            summary=f"{letter.get_kind_display()} letter (version {letter.version}) edited: "
            f"{', '.join(sorted(changed))}.",
            changes={
                "letter": letter.pk,
                **{k: [_audit_value(v) for v in pair] for k, pair in changed.items()},
            },
        )
    return letter


def _audit_value(value):
    # The audit trail is JSON: a fee (Decimal) is kept as its exact text, "12.40".
    return str(value) if isinstance(value, Decimal) else case_services.plain_value(value)


def _update_fields(letter: Letter, changes: dict) -> dict:
    changed = {}
    parsers = {
        "heading": lambda v: _check_text("heading", v).strip()[:300],
        "signatory_name": lambda v: _check_text("signatory_name", v).strip()[:200],
        "signatory_role": lambda v: _check_text("signatory_role", v).strip()[:200],
        "estimated_decision_on": lambda v: _parse_date("estimated_decision_on", v),
        "fee_amount": lambda v: _parse_money("fee_amount", v),
        "cost_limit": _parse_cost_limit,
    }
    for name, parse in parsers.items():
        if name in changes:
            value = parse(changes[name])
            if getattr(letter, name) != value:
                changed[name] = [getattr(letter, name), value]
                setattr(letter, name, value)
    if "heading" in changed and not letter.heading:
        raise ValidationError({"heading": "Enter the letter's heading."})
    return changed


def _parse_cost_limit(value) -> int | None:
    if value in (None, ""):
        raise ValidationError(
            {"cost_limit": "Choose the appropriate limit: GBP 450, or GBP 600 for central government."}
        )
    if str(value) not in ("450", "600"):
        raise ValidationError({"cost_limit": "The appropriate limit is GBP 450 or GBP 600."})
    return int(value)


AGGREGATION_WORKING_DAYS = 60  # The Fees Regulations 2004, reg 5: similar requests within 60 working days.


def _update_aggregated(letter: Letter, references) -> dict:
    """Similar requests whose costs an s12 estimate adds together (same or similar information,
    received within 60 consecutive working days of each other)."""
    if not KIND_RULES[letter.kind].cost_worksheet:
        raise ValidationError({"aggregated": "Only a cost limit (s12) refusal aggregates other requests."})
    if not isinstance(references, list | tuple) or not all(isinstance(r, str) for r in references):
        raise ValidationError({"aggregated": 'Give a list of case references, e.g. ["FOI2019/00002"].'})
    wanted = list(dict.fromkeys(r.strip() for r in references if r.strip()))
    found = {c.reference: c for c in Case.objects.select_related("body").filter(reference__in=wanted)}
    errors = [f"No case has the reference {r}." for r in wanted if r not in found]
    errors += [f"{r} is this letter's own case." for r in wanted if r in found and found[r].pk == letter.case_id]
    others = [c for c in found.values() if c.pk != letter.case_id]
    errors += [
        f"{c.reference} was made to {c.body.name}, under {Regime(c.regime).label}: only requests to the same "
        "body under the same law can be aggregated."
        for c in others
        if c.body_id != letter.case.body_id or c.regime != letter.case.regime
    ]
    if others and not errors:
        # Every request, this one included, within one run of 60 consecutive working days: the
        # first and the last received at most 59 working days apart.
        received = sorted([letter.case.received_on, *(c.received_on for c in others)])
        calendar = WorkingCalendar.for_regime(letter.case.regime, case_services.extra_holidays())
        if calendar.working_days_between(received[0], received[-1]) >= AGGREGATION_WORKING_DAYS:
            errors.append(
                f"The requests were received more than {AGGREGATION_WORKING_DAYS} working days apart "
                f"({short_date(received[0])} to {short_date(received[-1])}), so their costs cannot be aggregated."
            )
    if errors:
        raise ValidationError({"aggregated": errors})
    before = sorted(c.reference for c in letter.aggregated_cases.all())
    if before == sorted(wanted):
        return {}
    letter.aggregated_cases.set([found[r] for r in wanted])
    return {"aggregated requests": [before, sorted(wanted)]}


def _update_section(letter: Letter, key: str, value) -> dict:
    section = letter.sections.filter(key=key).first()
    if section is None:
        raise ValidationError({"sections": f"The letter has no section '{key}'."})
    value = _check_text(f"sections.{key}", value)
    if section.text == value:
        return {}
    before, section.text = section.text, value
    section.save(update_fields=["text"])
    return {f"section {key}": [before, value]}


def _update_exemption_set(letter: Letter, codes) -> dict:
    if not isinstance(codes, list | tuple):
        raise ValidationError({"exemptions": 'Give a list of exemption codes, e.g. ["s24(2)", "s31(3)"].'})
    current = {e.code: e for e in letter.exemptions.all()}
    # Codes the letter already cites stay as they are, even if their library entry has since been
    # withdrawn; only newly added ones are looked up in the library.
    codes = [str(code).strip() for code in codes]
    added = _resolve_codes(letter.case, [code for code in codes if code not in current], letter.kind)
    by_code = {code: (version, ncnd) for code, version, ncnd in added}
    wanted = [(code, *by_code[code]) if code in by_code else (code, None, None) for code in dict.fromkeys(codes)]
    wanted_codes = [code for code, _, _ in wanted]
    if wanted_codes == list(current):
        return {}
    for code, exemption in current.items():
        if code not in wanted_codes:
            exemption.delete()
    values = compose_values(letter.case, case_services.unit_get())
    items = list(letter.items.all())
    for position, (code, version, ncnd) in enumerate(wanted, start=1):
        if code in current:
            LetterExemption.objects.filter(pk=current[code].pk).update(position=position)
        else:
            added = _add_exemption(letter, position, code, version, ncnd, values)
            for item in items:
                item.exemptions.add(added)
    _sync_ncnd_caveat(letter, values)
    return {"exemptions": [list(current), wanted_codes]}


def _update_exemption_texts(letter: Letter, code: str, texts) -> dict:
    exemption = letter.exemptions.filter(code=code).first()
    if exemption is None:
        raise ValidationError({"exemption_texts": f"The letter does not cite {code}."})
    if not isinstance(texts, dict):
        raise ValidationError({"exemption_texts": f"{code}: give the texts by name."})
    changed = {}
    for name, value in texts.items():
        if name not in (*EXEMPTION_TEXT_FIELDS, "provision"):
            raise ValidationError({"exemption_texts": f"{code}: unknown part '{name}'."})
        value = _check_text(f"exemption_texts.{code}.{name}", value)
        if name == "provision":
            value = _check_provision(exemption, value.strip())
        if getattr(exemption, name) != value:
            changed[f"{code} {name}"] = [getattr(exemption, name), value]
            setattr(exemption, name, value)
    exemption.save()
    return changed


def _check_provision(exemption: LetterExemption, value: str) -> str:
    """The officer may refine a provision (31(1) to 31(1)(a)), not cite another section, nor move
    between withholding and neither confirm nor deny: the wording copied and the checks follow the code."""
    source = exemption.source
    base = source.ncnd_provision if exemption.ncnd else source.provision
    # An NCND provision is itself the subsection (31(3), 40(5B)); an EIR exception is a whole
    # paragraph (12(5)(b)): refining may add to them, never swap them for another.
    # Refining goes below the provision cited (31(1) -> 31(1)(a)), never sideways to another
    # subsection: 40(2) may not become 40(5A), nor s14(1) become 14(2), whatever the code says.
    within = value == base or value.startswith(base + "(")
    if not within or "(" not in value or len(value) > 40:
        raise ValidationError(
            {"exemption_texts": f"{exemption.code}: the provision must stay within the same section as {base}."}
        )
    ncnd = source.ncnd_provision
    if not exemption.ncnd and ncnd and (value == ncnd or value.startswith(ncnd + "(")):
        raise ValidationError(
            {
                "exemption_texts": f"{exemption.code}: {value} is the neither confirm nor deny provision: "
                f"cite {citing_code(source.entry.family, ncnd)} instead."
            }
        )
    return value


def _update_item(letter: Letter, position, item: dict) -> dict:
    letter_item = letter.items.filter(position=_int(position, "items")).first()
    if letter_item is None or not isinstance(item, dict):
        raise ValidationError({"items": f"The letter has no request item {position}."})
    changed = {}
    if "question" in item:
        # Officers trim what the letter quotes (a signature, the requester's own details): drafting
        # and the published response stay applicant blind. The case keeps the request as received.
        question = _check_text(f"items.{position}.question", item["question"]).strip()
        if not question:
            raise ValidationError({f"items.{position}.question": "Quote the request item; it cannot be empty."})
        if question != letter_item.question:
            changed[f"item {position} question"] = [letter_item.question, question]
            letter_item.question = question
            letter_item.save(update_fields=["question"])
    if "answer" in item:
        answer = _check_text(f"items.{position}.answer", item["answer"])
        if answer != letter_item.answer:
            changed[f"item {position} answer"] = [letter_item.answer, answer]
            letter_item.answer = answer
            letter_item.save(update_fields=["answer"])
    if "codes" in item:
        exemptions = {e.code: e for e in letter.exemptions.all()}
        unknown = [code for code in item["codes"] if code not in exemptions]
        if unknown:
            raise ValidationError(
                {"items": f"Item {position}: {', '.join(unknown)} is not among the letter's exemptions."}
            )
        before = sorted(e.code for e in letter_item.exemptions.all())
        if before != sorted(item["codes"]):
            letter_item.exemptions.set([exemptions[code] for code in item["codes"]])
            changed[f"item {position} exemptions"] = [before, sorted(item["codes"])]
    return changed


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: f"'{value}' is not a number."}) from None


def _update_cost_lines(letter: Letter, lines) -> dict:
    if not isinstance(lines, list | tuple):
        raise ValidationError({"cost_lines": "Give a list of lines: activity, description and hours."})
    activities = set(CostLine.Activity.values)
    parsed = []
    for number, line in enumerate(lines, start=1):
        if not isinstance(line, dict) or line.get("activity") not in activities:
            raise ValidationError(
                {"cost_lines": f"Line {number}: the activity must be one of {', '.join(sorted(activities))}."}
            )
        hours = _parse_money("cost_lines", line.get("hours"))
        description = _check_text("cost_lines", line.get("description", "")).strip()[:300]
        if hours is None or hours <= 0 or not description:
            raise ValidationError({"cost_lines": f"Line {number}: give a description and the hours (more than 0)."})
        parsed.append((line["activity"], description, hours))
    before = [(c.activity, c.description, c.hours) for c in letter.cost_lines.all()]
    if before == parsed:
        return {}
    letter.cost_lines.all().delete()
    CostLine.objects.bulk_create(
        CostLine(letter=letter, position=n, activity=a, description=d, hours=h) for n, (a, d, h) in enumerate(parsed, 1)
    )
    return {"cost lines": [len(before), len(parsed)]}


# --- checks and live values --------------------------------------------------------------------


def letter_snapshot(letter: Letter) -> LetterSnapshot:
    exemptions = list(letter.exemptions.select_related("source__entry").prefetch_related("items"))
    return LetterSnapshot(
        kind=letter.kind,
        regime=letter.case.regime,
        unquoted_items=_unquoted_items(letter),
        sections={s.key: s.text for s in letter.sections.all()},
        section_titles={s.key: s.heading or s.key.replace("_", " ").capitalize() for s in letter.sections.all()},
        exemptions=tuple(
            ExemptionSnapshot(
                code=e.code,
                citation=e.citation,
                family=e.source.entry.family,
                title=e.title,
                provision=e.provision,
                ncnd=e.ncnd,
                has_ncnd_provision=bool(e.source.ncnd_provision),
                ncnd_provision=e.source.ncnd_provision,
                absolute=e.absolute,
                basis=e.basis,
                items=tuple(item.position for item in e.items.all()),
                **{name: getattr(e, name) for name in EXEMPTION_TEXT_FIELDS},
            )
            for e in exemptions
        ),
        items=tuple(
            ItemSnapshot(i.position, i.answer, tuple(e.code for e in i.exemptions.all()))
            for i in letter.items.prefetch_related("exemptions")
        ),
        estimated_decision_on=letter.estimated_decision_on,
        fee_amount=letter.fee_amount,
        cost_hours=tuple(line.hours for line in letter.cost_lines.all()),
        cost_limit=letter.cost_limit or letter.case.body.cost_limit,
        signatory_name=letter.signatory_name,
        today=case_services.today(),
        placeholders=KNOWN_PLACEHOLDERS,
        **_extension_limits(letter),
    )


def _unquoted_items(letter: Letter) -> tuple[int, ...]:
    """The case's request items the letter does not quote (the request was split again since)."""
    quoted = set(letter.items.exclude(request_item=None).values_list("request_item_id", flat=True))
    items = letter.case.items.all()
    if not items and letter.items.filter(request_item=None).exists():
        return ()  # an unsplit request, quoted whole
    return tuple(item.position for item in items if item.pk not in quoted)


def _extension_limits(letter: Letter) -> dict:
    if not KIND_RULES[letter.kind].needs_estimated_date:
        return {}
    case = letter.case
    statutory = case.statutory_due_on or case_services.case_deadline(case).statutory_due
    if statutory is None:
        return {}
    calendar = WorkingCalendar.for_regime(case.regime, case_services.extra_holidays())
    return {"statutory_due": statutory, "latest_estimate": calendar.add_working_days(statutory, 20)}


def letter_check(letter: Letter) -> list[str]:
    return letter_problems(letter_snapshot(letter)) + review_findings.findings_problems(letter)


def review_by(letter: Letter, on: date) -> date:
    calendar = WorkingCalendar.for_regime(letter.case.regime, case_services.extra_holidays())
    return calendar.add_working_days(on, case_services.unit_get().review_window_working_days)


def live_values(letter: Letter) -> dict[str, str]:
    """Placeholders that follow the letter's own date and fields, filled when it is shown."""
    on = letter.letter_date or case_services.today()
    hours = [line.hours for line in letter.cost_lines.all()]
    cited = [f"{e.citation.lower()} ({e.title})" for e in letter.exemptions.all()]
    limit = letter.cost_limit or letter.case.body.cost_limit
    return {
        "review_by": ordinal_date(letter.review_by or review_by(letter, on)),
        "references": letter.our_ref,
        "estimated_date": ordinal_date(letter.estimated_decision_on) if letter.estimated_decision_on else "[[date]]",
        "exemptions": joined(cited) if cited else "[[the exemptions]]",
        "fee_amount": f"£{letter.fee_amount:,.2f}" if letter.fee_amount else "[[fee]]",
        "fee_due_by": ordinal_date(same_date_months_later(on, 3)),
        "cost_limit": f"£{limit}",
        "cost_limit_hours": str(limit // 25),
        "cost_hours": f"{sum(hours, Decimal(0)).normalize():f}",
        "cost_total": f"£{cost_total(hours):,.2f}",
        "hourly_rate": "£25",
    }


# --- approval ----------------------------------------------------------------------------------


def _audit_letter(letter: Letter, actor, action: str, summary: str, **changes) -> None:
    """A step in a letter's life, on its case's timeline."""
    case_services.audit(
        case=letter.case, actor=actor, action=action, summary=summary, changes={"letter": letter.pk, **changes}
    )


def _stages(case: Case) -> list[ClearanceStage]:
    return list(case.clearance_stages.filter(is_active=True).order_by("order"))


def _stage_label(stage: ClearanceStage | None) -> str:
    return f"the {stage.name} stage" if stage else "a supervisor"


@transaction.atomic
def letter_submit(*, letter: Letter, actor) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _require_editable(letter)
    _require_open_case(letter)
    check_independent(letter.case, letter.kind, actor, "submit its outcome letter")
    _require_answered_alone(letter)
    problems = letter_check(letter)
    if problems:
        raise ValidationError({"__all__": problems})
    _require_no_other_final_response(letter)
    letter.status, letter.awaiting_stage = Letter.Status.SUBMITTED, None
    letter.round += 1
    letter.submitted_at = timezone.now()
    letter.save()
    letter.clearance.set(_stages(letter.case))
    _audit_letter(
        letter,
        actor,
        "letter_submitted",
        f"{letter.get_kind_display()} letter (version {letter.version}) submitted for approval.",
        round=letter.round,
    )
    return letter


@transaction.atomic
def letter_recall(*, letter: Letter, actor) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.status != Letter.Status.SUBMITTED:
        raise TransitionNotAllowed("Only a letter awaiting approval can be recalled.")
    if not letter.contributors.filter(pk=actor.pk).exists():
        raise ApprovalRefused(
            "Only someone who drafted or edited the letter can recall it; an approver returns it with comments."
        )
    letter.status, letter.awaiting_stage = Letter.Status.DRAFT, None
    letter.save()
    _audit_letter(
        letter,
        actor,
        "letter_recalled",
        f"{letter.get_kind_display()} letter (version {letter.version}) recalled for more changes.",
    )
    return letter


def check_can_decide(letter: Letter, actor) -> None:
    """Four eyes: nobody who drafted or edited a letter may approve it, whatever their role."""
    if letter.status != Letter.Status.SUBMITTED:
        raise TransitionNotAllowed("Only a letter awaiting approval can be approved or returned.")
    _require_open_case(letter)
    if letter.contributors.filter(pk=actor.pk).exists():
        raise ApprovalRefused("You drafted or edited this letter, so you cannot approve it: another person must.")
    check_independent(letter.case, letter.kind, actor, "approve its outcome letter")
    _require_answered_alone(letter)
    stage = letter.awaiting_stage
    if stage is None and not actor.has_perm("responses.approve_letter"):
        raise ApprovalRefused("Only a supervisor can approve letters.")
    if stage is not None and not actor.groups.filter(pk=stage.group_id).exists():
        raise ApprovalRefused(
            f"The letter awaits {_stage_label(stage)}: only members of {stage.group.name} can decide."
        )
    if letter.approvals.filter(round=letter.round, decided_by=actor, decision=Approval.Decision.APPROVED).exists():
        # Each stage is a separate pair of eyes: one person holding two roles clears only one.
        raise ApprovalRefused("You have already approved this letter at an earlier stage: another person must.")


@transaction.atomic
def letter_approve(*, letter: Letter, actor, comment: str = "") -> Letter:
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    check_can_decide(letter, actor)
    # The case may have changed since submission (its regime, its items, the 20th working day
    # passing): what is approved must still pass every check.
    problems = letter_check(letter)
    if problems:
        raise TransitionNotAllowed(
            f"The letter no longer passes its checks, so it cannot be approved: {' '.join(problems)} "
            "Return it to the drafter."
        )
    stage = letter.awaiting_stage
    Approval.objects.create(
        letter=letter, round=letter.round, stage=stage, decision="approved", comment=comment.strip(), decided_by=actor
    )
    remaining = _stages_to_clear(letter)
    if remaining:
        letter.awaiting_stage = remaining[0]
        letter.save()
        _audit_letter(
            letter,
            actor,
            "letter_cleared",
            f"{letter.get_kind_display()} letter approved by {_stage_label(stage)}; "
            f"now awaiting {_stage_label(remaining[0])}.",
        )
        return letter
    return _approve_finally(letter, actor)


def _stages_to_clear(letter: Letter) -> list[ClearanceStage]:
    """The stages still to approve this round, in order: those fixed at submission plus any the case
    was flagged for since (unflagging cannot skip one; one flagged late still counts, whatever its order)."""
    planned = {s.pk: s for s in letter.clearance.filter(is_active=True)} | {s.pk: s for s in _stages(letter.case)}
    cleared = set(
        letter.approvals.filter(
            round=letter.round, decision=Approval.Decision.APPROVED, stage__isnull=False
        ).values_list("stage_id", flat=True)
    )
    return sorted((s for pk, s in planned.items() if pk not in cleared), key=lambda s: s.order)


def _require_no_other_final_response(letter: Letter) -> None:
    """One approved response waiting to be sent per case: a second would leave two letters ready to
    send. (Once the case is closed and reopened, the earlier one was sent: a new response is fine.)"""
    if not KIND_RULES[letter.kind].final or letter.case.status != Case.Status.READY_TO_SEND:
        return
    finals = [kind for kind, rule in KIND_RULES.items() if rule.final]
    other = (
        Letter.objects.filter(case_id=letter.case_id, status=Letter.Status.APPROVED, kind__in=finals)
        .exclude(pk=letter.pk)
        .first()
    )
    if other is not None:
        raise TransitionNotAllowed(
            f"The case already has an approved response ({other.get_kind_display().lower()}, version "
            f"{other.version}) ready to send: start a new version of that letter instead."
        )


def letterhead(letter: Letter) -> dict:
    unit = case_services.unit_get()
    bodies = {letter.case.body.name} | {c.body.name for c in letter.case.answered_with.select_related("body")}
    return {
        "name": unit.name,
        "address": unit.address,
        "phone": unit.phone,
        "email": unit.email,
        "bodies": sorted(bodies),
    }


def _approve_finally(letter: Letter, actor) -> Letter:
    _require_no_other_final_response(letter)
    # What is printed is fixed now, together: the references and letterhead (renaming the unit or
    # linking cases later changes nothing), the date, and the date to ask for a review by (whatever
    # later happens to the unit's review window or the bank holidays).
    letter.references, letter.letterhead = letter.case.joint_reference, letterhead(letter)
    if KIND_RULES[letter.kind].reviews_only:
        letter.letterhead |= review_findings.review_of_fixed(letter.case)
    letter.status, letter.awaiting_stage = Letter.Status.APPROVED, None
    letter.approved_at, letter.approved_by, letter.letter_date = timezone.now(), actor, case_services.today()
    letter.review_by = review_by(letter, letter.letter_date)
    letter.save()
    _audit_letter(
        letter,
        actor,
        "letter_approved",
        f"{letter.get_kind_display()} letter (version {letter.version}) approved, dated "
        f"{ordinal_date(letter.letter_date)}.",
    )
    if KIND_RULES[letter.kind].final:
        _record_final_response(letter, actor)
    # The signed PDF is made in the background once this approval commits.
    issuing.letter_pdf_enqueue(letter=letter)
    return letter


def _record_final_response(letter: Letter, actor) -> None:
    """Every case the letter answers (the joint group) is ready to send, with the outcome and the
    exemptions recorded for statistics."""
    exemptions = list(letter.exemptions.select_related("source__entry"))
    rule = KIND_RULES[letter.kind]
    outcome = rule.outcome or next((S14_OUTCOMES[e.code] for e in exemptions if e.code in S14_OUTCOMES), "")
    if rule.reviews_only:
        outcome = review_findings.case_outcome(letter)
    answered = [letter.case_id, *letter.case.answered_with.values_list("pk", flat=True)]
    for case in Case.objects.select_for_update().filter(pk__in=answered).order_by("pk"):
        if case.is_closed:
            if case.pk == letter.case_id:  # closed since the checks, by someone holding the case's lock
                raise TransitionNotAllowed("The case is closed: reopen it before working on its letters.")
            continue  # a joint case already closed keeps what it has
        _record_on_case(case, letter, actor, outcome, exemptions)


def _record_on_case(case: Case, letter: Letter, actor, outcome: str, exemptions: list) -> None:
    before = {"status": case.status, "outcome": case.outcome}
    if "approve_response" in case_workflow.allowed(case):
        case.status = case_workflow.transition(case, "approve_response")
    if outcome:
        case.outcome = outcome
    case.save(update_fields=["status", "outcome", "updated_at"])
    CaseExemption.objects.filter(case=case).delete()
    CaseExemption.objects.bulk_create(
        CaseExemption(
            case=case,
            letter=letter,
            code=e.code,
            section=e.source.section,
            family=e.source.entry.family,
            ncnd=e.ncnd,
        )
        for e in exemptions
    )
    after = {"status": case.status, "outcome": case.outcome}
    if after != before:
        joint = f" (answered together with {letter.case.reference})" if case.pk != letter.case_id else ""
        case_services.audit(
            case=case,
            actor=actor,
            action="response_approved",
            summary=f"Response approved{joint}: {case.get_status_display().lower()}"
            + (f"; outcome {case.get_outcome_display().lower()}" if case.outcome else "")
            + (f"; exemptions {', '.join(e.code for e in exemptions)}." if exemptions else "."),
            changes={name: [before[name], after[name]] for name in before if before[name] != after[name]},
        )


@transaction.atomic
def letter_return(*, letter: Letter, actor, comment: str) -> Letter:
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Say what needs to change, so the drafter can act on it."})
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    check_can_decide(letter, actor)
    stage = letter.awaiting_stage
    Approval.objects.create(
        letter=letter, round=letter.round, stage=stage, decision="returned", comment=comment, decided_by=actor
    )
    letter.status, letter.awaiting_stage = Letter.Status.RETURNED, None
    letter.save()
    _audit_letter(
        letter,
        actor,
        "letter_returned",
        f"{letter.get_kind_display()} letter returned by {_stage_label(stage)}: {comment}",
    )
    return letter


@transaction.atomic
def letter_revise(*, letter: Letter, actor) -> Letter:
    """Changing an approved letter: a copy becomes version + 1, a draft that needs approval again.
    The approved version is kept as it was, marked superseded."""
    letter = Letter.objects.select_for_update().select_related("case").get(pk=letter.pk)
    if letter.status != Letter.Status.APPROVED:
        raise TransitionNotAllowed("Only an approved letter is changed by starting a new version; edit the draft.")
    if letter.dispatches.exists():
        raise TransitionNotAllowed("This letter has been sent, so it stands as sent: draft a new letter instead.")
    _require_open_case(letter)
    check_independent(letter.case, letter.kind, actor, "revise its outcome letter")
    old_pk = letter.pk
    new = _copy_letter(letter, actor)
    Letter.objects.filter(pk=old_pk).update(status=Letter.Status.SUPERSEDED)
    case = Case.objects.select_for_update().get(pk=new.case_id)
    if KIND_RULES[new.kind].final and "revise_response" in case_workflow.allowed(case):
        case.status = case_workflow.transition(case, "revise_response")
        case.save(update_fields=["status", "updated_at"])
    case_services.audit(
        case=case,
        actor=actor,
        action="letter_revised",
        summary=f"{new.get_kind_display()} letter: version {new.version} started from the approved version "
        f"{new.version - 1}; it needs approval again.",
        changes={"letter": new.pk, "previous": old_pk},
    )
    return new


def _copy_letter(old: Letter, actor) -> Letter:
    sections, items = list(old.sections.all()), list(old.items.prefetch_related("exemptions"))
    exemptions, lines = list(old.exemptions.all()), list(old.cost_lines.all())
    aggregated = list(old.aggregated_cases.all())
    # Four eyes across versions: whoever wrote the words being carried over may not approve them.
    contributors = [*old.contributors.all(), actor]
    new = Letter.objects.get(pk=old.pk)
    new.pk = None
    new.previous_id, new.version, new.status, new.round = old.pk, old.version + 1, Letter.Status.DRAFT, 0
    new.created_by, new.approved_at, new.approved_by, new.letter_date = actor, None, None, None
    new.submitted_at, new.awaiting_stage, new.review_by, new.letterhead = None, None, None, {}
    new._state.adding = True
    new.save()
    new.contributors.set(contributors)
    new.aggregated_cases.set(aggregated)
    copies = {}
    for exemption in exemptions:
        old_pk, exemption.pk, exemption.letter = exemption.pk, None, new
        exemption._state.adding = True
        exemption.save()
        copies[old_pk] = exemption
    for section in sections:
        section.pk, section.letter, section._state.adding = None, new, True
        section.save()
    for item in items:
        chosen = [copies[e.pk] for e in item.exemptions.all()]
        item.pk, item.letter, item._state.adding = None, new, True
        item.save()
        item.exemptions.set(chosen)
    for line in lines:
        line.pk, line.letter, line._state.adding = None, new, True
        line.save()
    review_findings.findings_copy(old, new)
    return new


# --- applicant blind and clearance -------------------------------------------------------------


@transaction.atomic
def letter_reveal_requester(*, letter: Letter, actor):
    """Drafting is applicant blind: the case's own audited reveal, noting the letter being drafted."""
    return case_services.case_reveal_requester(
        case=letter.case, actor=actor, where="while drafting a letter", changes={"letter": letter.pk}
    )


def _check_may_remove_clearance(case: Case, actor) -> None:
    # Anyone drafting may ask for more clearance; only a supervisor who is not writing one of the
    # case's letters may decide the case needs less.
    if not actor.has_perm("responses.approve_letter"):
        raise ApprovalRefused("Only a supervisor can remove a clearance stage from a case.")
    live = case.letters.exclude(status__in=[Letter.Status.APPROVED, Letter.Status.SUPERSEDED])
    if live.filter(contributors=actor).exists():
        raise ApprovalRefused(
            "You drafted or edited a letter on this case, so you cannot remove its clearance: another supervisor must."
        )
    # On an internal review, lifting clearance shapes how its outcome is approved: an independent decision.
    check_independent(case, "review_outcome", actor, "remove its clearance")


@transaction.atomic
def case_set_clearance(*, case: Case, actor, stages) -> None:
    stages = list(stages)
    inactive = [s.name for s in stages if not s.is_active]
    if inactive:
        raise ValidationError({"stages": f"No longer in use: {', '.join(inactive)}."})
    before = sorted(s.name for s in case.clearance_stages.filter(is_active=True))
    after = sorted(s.name for s in stages)
    if before == after:
        return
    if set(before) - set(after):
        _check_may_remove_clearance(case, actor)
    case.clearance_stages.set(stages)
    case_services.audit(
        case=case,
        actor=actor,
        action="clearance_set",
        summary=f"Further clearance: {', '.join(after) if after else 'none'}.",
        changes={"clearance": [before, after]},
    )
