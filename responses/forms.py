"""Forms for drafting letters and deciding on them. They parse and check input; the services decide
and write (responses.services), so the web pages and the API cannot disagree.

The edit page is one HTML form made of several Django forms (the letter's fields, one per request
item, one per exemption, one per paragraph, and the s12 cost lines); `LetterEditor` builds them
from the letter, turns valid input into one `letter_update` call, and puts the service's refusals
back on the fields they concern.
"""

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from foi_cases import services as case_services
from foi_cases.forms import DateInput
from foi_cases.models import Case, Finding
from responses import review_findings, selectors, services, text
from responses.kinds import KIND_RULES, Exemptions, allowed_on
from responses.models import (
    ClearanceStage,
    CostLine,
    Dispatch,
    Letter,
    LetterExemption,
    LetterSection,
    LibraryEntry,
    ReviewFinding,
)

# What each kind of letter is for, shown under its name when an officer starts one.
KIND_HINTS = {
    "acknowledgement": "Confirm the request has arrived, with its reference and the date a response is due.",
    "clarification": "Ask what the requester means before answering; the clock stops until they reply.",
    "fees_notice": "Ask for a fee before the information is sent; the clock stops until it is paid.",
    "pit_extension": "Tell the requester more time is needed for the public interest test: name the "
    "exemption and give an estimated decision date.",
    "full_disclosure": "Send everything that was asked for, answering each item.",
    "partial_disclosure": "Send some of the information and withhold the rest under exemptions.",
    "refusal": "Withhold the information under one or more exemptions, with the harm and public interest.",
    "ncnd": "Neither confirm nor deny that the information is held, e.g. under s24(2) and s31(3).",
    "not_held": "Say the information is not held, with advice and assistance.",
    "s12": "Refuse because complying would cost more than the appropriate limit: a cost estimate and "
    "advice on narrowing the request.",
    "s14": "Refuse a vexatious (s14(1)) or repeated (s14(2)) request.",
    "review_outcome": "Give the outcome of this internal review, with a finding on each exemption the original "
    "response relied on, and the right to complain to the Commissioner.",
}

TEXT_HELP = (
    "Light Markdown: a blank line starts a new paragraph, “- ” starts a bullet, **bold**. "
    "{Placeholders} are filled in automatically; [[gaps]] must be replaced with your own words before you submit."
)

EXEMPTION_GROUPS = (
    ((LibraryEntry.Family.FOIA, False), "FOIA exemptions"),
    ((LibraryEntry.Family.FOIA, True), "Neither confirm nor deny (NCND) provisions"),
    ((LibraryEntry.Family.PROCEDURAL, False), "Procedural refusals"),
    ((LibraryEntry.Family.PROCEDURAL, True), "Procedural refusals: neither confirm nor deny"),
    ((LibraryEntry.Family.EIR, False), "EIR exceptions"),
    ((LibraryEntry.Family.EIR, True), "EIR: neither confirm nor deny"),
)
CODE_SEPARATORS = re.compile(r"[\s,;]+")


def _natural(code: str) -> tuple:
    """s2 before s10, 12(4) before 12(5)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", code))


def exemption_label(code: str, version, ncnd: bool) -> str:
    return f"{code} {version.title}{' (NCND)' if ncnd else ''}"


def exemption_choices(regime: str, *, rule=None, keep=(), cited=()) -> list:
    """The codes a letter on a case of `regime` may cite, grouped for a checkbox list. `rule` narrows
    them to a kind's (an NCND letter: NCND provisions only); codes in `keep` always stay, and so do
    the letter's own `cited` exemptions, even when their library entry has since been withdrawn."""
    groups: dict = {key: [] for key, _ in EXEMPTION_GROUPS}
    available = services.library_codes(regime=regime)
    for exemption in cited:
        if exemption.code not in available:
            available[exemption.code] = (exemption.source, exemption.ncnd)
    for code, (version, ncnd) in available.items():
        wanted = rule is None or (
            (rule.allowed_codes is None or code in rule.allowed_codes) and (not rule.ncnd_only or ncnd)
        )
        if wanted or code in keep:
            groups.setdefault((version.entry.family, ncnd), []).append((code, exemption_label(code, version, ncnd)))
    titles = dict(EXEMPTION_GROUPS)
    return [
        (titles.get(key, "Other"), sorted(choices, key=lambda choice: _natural(choice[0])))
        for key, choices in groups.items()
        if choices
    ]


def _helper(*, action: str = "", submit: str = "", form_tag: bool = True, layout=None) -> FormHelper:
    helper = FormHelper()
    helper.form_action = action
    helper.form_tag = form_tag
    helper.disable_csrf = not form_tag
    helper.attrs = {"novalidate": ""}
    helper.layout = layout or Layout()
    if submit:
        helper.layout.append(StrictButton(submit, type="submit", css_class="btn-primary"))
    return helper


def _rows(value: str, minimum: int = 3, maximum: int = 16) -> int:
    """Tall enough for the text it holds, without a page of empty box."""
    lines = sum(max(1, math.ceil(len(line) / 90)) for line in (value or "").split("\n"))
    return max(minimum, min(maximum, lines + 1))


def _gap_help(value: str) -> str:
    gaps = text.gaps(value or "")
    if not gaps:
        return ""
    listed = format_html_join(", ", '<mark class="letter-gap">[[{}]]</mark>', ((gap,) for gap in gaps))
    return format_html("Still to fill in: {}.", listed)


def _text_field(label: str, value: str, *, help_text: str = "", minimum: int = 3) -> forms.CharField:
    hint = _gap_help(value)
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=services.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": _rows(value, minimum), "class": "letter-text"}),
        help_text=format_html("{} {}", help_text, hint) if help_text and hint else (hint or help_text),
    )


# --- starting a letter, and clearance on the case page -----------------------------------------


class HintedRadioSelect(forms.RadioSelect):
    """Radio buttons with a line of explanation under each option (`option.hint` in the template)."""

    def __init__(self, *args, hints: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = self.hints.get(str(value), "")
        return option


class LetterStartForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of letter", choices=Letter.Kind.choices, widget=HintedRadioSelect(hints=KIND_HINTS)
    )
    exemptions = forms.MultipleChoiceField(
        label="Exemptions to apply",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only for letters that cite exemptions. Their wording is copied from the library into the "
        "draft, where you can change it. A cost limit refusal uses s12(1) if none is ticked.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="letter", **kwargs)
        self.case = case
        # An internal review is answered by its outcome letter; only a review has one.
        self.fields["kind"].choices = [
            (kind, label) for kind, label in Letter.Kind.choices if allowed_on(kind, is_review=case.is_review)
        ]
        self.fields["exemptions"].choices = exemption_choices(case.regime)
        self.items = list(case.items.all())
        for item in self.items:
            question = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
            self.fields[f"item_{item.position}"] = forms.CharField(
                label=f"Item {item.position}: “{question}”",
                required=False,
                max_length=300,
                help_text="Codes separated by commas, e.g. s24(2), s31(3). Leave empty for every exemption ticked.",
            )
        item_fields = [f"item_{item.position}" for item in self.items]
        layout = [
            Field("kind", template="responses/includes/kind_radios.html"),
            Field("exemptions", template="responses/includes/grouped_checkboxes.html"),
        ]
        if item_fields:
            layout.append(Fieldset("Which request items each exemption applies to (optional)", *item_fields))
        action = reverse("responses:letter_start", kwargs={"case_pk": case.pk})
        self.helper = _helper(action=action, submit="Start the letter", layout=Layout(*layout))
        self.helper.form_id = "start-letter"

    def clean_exemptions(self):
        # In the order of the Act, however they arrive: the letter cites them in this order.
        return sorted(self.cleaned_data["exemptions"], key=_natural)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        chosen = data.get("exemptions") or list(KIND_RULES[kind].default_codes if kind else ())
        item_codes = {}
        for item in self.items:
            name = f"item_{item.position}"
            codes = [code for code in CODE_SEPARATORS.split(data.get(name) or "") if code]
            unknown = [code for code in codes if code not in chosen]
            if unknown:
                self.add_error(name, f"{', '.join(unknown)}: tick {'it' if len(unknown) == 1 else 'them'} above first.")
            item_codes[item.position] = codes or list(chosen)
        data["item_codes"] = item_codes if any(data.get(f"item_{i.position}") for i in self.items) else None
        return data

    def letter_arguments(self) -> dict:
        data = self.cleaned_data
        return {"kind": data["kind"], "codes": data["exemptions"], "item_codes": data["item_codes"]}


class ClearanceForm(forms.Form):
    stages = forms.ModelMultipleChoiceField(
        queryset=ClearanceStage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Further clearance stages",
        help_text="After a supervisor approves, each stage ticked approves in turn before the letter is final.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        initial = {"stages": [stage.pk for stage in case.clearance_stages.all()]}
        super().__init__(*args, prefix="clearance", initial=initial, **kwargs)
        self.fields["stages"].queryset = ClearanceStage.objects.filter(is_active=True).order_by("order")
        action = reverse("responses:case_clearance", kwargs={"case_pk": case.pk})
        self.helper = _helper(action=action, submit="Save clearance", layout=Layout("stages"))


@dataclass
class LettersPanel:
    """The case page's Letters section."""

    letters: list
    can_change: bool
    start_form: LetterStartForm | None
    clearance_form: ClearanceForm | None
    closed_note: str = ""
    badges: dict = field(default_factory=dict)


LETTER_BADGES = {
    Letter.Status.DRAFT: "text-bg-light border",
    Letter.Status.SUBMITTED: "text-bg-warning",
    Letter.Status.RETURNED: "text-bg-danger",
    Letter.Status.APPROVED: "text-bg-success",
    Letter.Status.SUPERSEDED: "text-bg-secondary",
}


def awaiting_text(letter: Letter) -> str:
    """Who has to act next on a letter, in words."""
    if letter.status == Letter.Status.SUBMITTED:
        stage = letter.awaiting_stage
        return f"{stage.name} ({stage.group.name})" if stage else "A supervisor's approval"
    if letter.status == Letter.Status.DRAFT:
        return "The drafter: not yet submitted"
    if letter.status == Letter.Status.RETURNED:
        return "The drafter: changes were asked for"
    return "Nobody"


def case_letters_panel(case: Case, user) -> LettersPanel:
    can_change = user.has_perm("foi_cases.change_case")
    letters = list(selectors.case_letters(case).live().select_related("awaiting_stage__group", "publication"))
    for letter in letters:
        letter.awaiting = awaiting_text(letter)
    closed = case.is_closed
    has_stages = ClearanceStage.objects.filter(is_active=True).exists()
    return LettersPanel(
        letters=letters,
        can_change=can_change,
        start_form=LetterStartForm(case=case) if can_change and not closed else None,
        clearance_form=ClearanceForm(case=case) if can_change and has_stages and not closed else None,
        closed_note="The case is closed: reopen it before drafting a letter." if closed else "",
        badges=LETTER_BADGES,
    )


# --- deciding -----------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    comment = forms.CharField(
        label="Comment (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, prefix="approve", **kwargs)
        action = reverse("responses:letter_approve", kwargs={"pk": letter.pk})
        self.helper = _helper(action=action, layout=Layout("comment"))
        self.helper.layout.append(StrictButton("Approve", type="submit", css_class="btn-success"))


class SendForm(forms.Form):
    """Issue an approved letter: by email (today, to the address on file) or record that it was posted."""

    method = forms.ChoiceField(choices=Dispatch.Method.choices, widget=forms.HiddenInput)
    sent_on = forms.DateField(label="Date posted", required=False, widget=DateInput)

    def __init__(self, *args, letter: Letter, method: str, **kwargs):
        super().__init__(*args, prefix=f"send-{method}", initial={"method": method}, **kwargs)
        self.helper = _helper(
            action=reverse("responses:letter_send", kwargs={"pk": letter.pk}), layout=Layout("method")
        )
        if method == Dispatch.Method.POST:
            self.fields["sent_on"].required = True
            self.fields["sent_on"].initial = case_services.today()
            self.helper.layout.append("sent_on")
            self.helper.layout.append(StrictButton("Record as posted", type="submit", css_class="btn-outline-primary"))
        else:
            del self.fields["sent_on"]
            self.helper.layout.append(StrictButton("Email it to the requester", type="submit", css_class="btn-primary"))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The drafter sees this at the top of the letter.",
        error_messages={"required": "Say what needs to change, so the drafter can act on it."},
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, prefix="return", **kwargs)
        action = reverse("responses:letter_return", kwargs={"pk": letter.pk})
        self.helper = _helper(action=action, layout=Layout("comment"))
        self.helper.layout.append(StrictButton("Return with comments", type="submit", css_class="btn-outline-danger"))


# --- editing ------------------------------------------------------------------------------------

COST_LIMITS = [
    ("450", "GBP 450 (other public authorities: 18 hours)"),
    ("600", "GBP 600 (central government: 24 hours)"),
]


class LetterDetailsForm(forms.Form):
    heading = forms.CharField(max_length=300, help_text="Printed in bold above the letter.")
    signatory_name = forms.CharField(label="Signed by", max_length=200, required=False)
    signatory_role = forms.CharField(label="Signatory's role", max_length=200, required=False)

    def __init__(self, *args, letter: Letter, **kwargs):
        rule = KIND_RULES[letter.kind]
        initial = {
            "heading": letter.heading,
            "signatory_name": letter.signatory_name,
            "signatory_role": letter.signatory_role,
            "estimated_decision_on": letter.estimated_decision_on,
            "fee_amount": letter.fee_amount,
            "exemptions": [e.code for e in letter.exemptions.all()],
        }
        super().__init__(*args, prefix="letter", initial=initial, **kwargs)
        layout = ["heading", "signatory_name", "signatory_role"]
        if rule.needs_estimated_date:
            self.fields["estimated_decision_on"] = forms.DateField(
                label="Estimated decision date",
                required=False,
                widget=DateInput(),
                help_text="When the public interest test will be decided; the letter gives this date.",
            )
            layout.append("estimated_decision_on")
        if rule.needs_fee:
            self.fields["fee_amount"] = forms.DecimalField(
                label="Fee (GBP)",
                required=False,
                min_value=0,
                max_value=1_000_000,
                decimal_places=2,
                help_text="The amount the requester must pay before the information is sent, e.g. 12.40.",
            )
            layout.append("fee_amount")
        if rule.exemptions is not Exemptions.NONE:
            keep = initial["exemptions"]
            self.fields["exemptions"] = forms.MultipleChoiceField(
                label="Exemptions cited",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=exemption_choices(
                    letter.case.regime, rule=rule, keep=keep, cited=letter.exemptions.select_related("source__entry")
                ),
                help_text="Ticking one copies the library's wording into this letter; unticking one removes "
                "its section from this letter.",
            )
            layout.append(Field("exemptions", template="responses/includes/grouped_checkboxes.html"))
        self.helper = _helper(form_tag=False, layout=Layout(*layout))


class CostLimitForm(forms.Form):
    cost_limit = forms.TypedChoiceField(
        label="Appropriate limit", choices=COST_LIMITS, coerce=int, widget=forms.RadioSelect
    )
    aggregated = forms.CharField(
        label="Similar requests aggregated",
        required=False,
        max_length=2000,
        help_text="References of similar requests received within 60 working days whose costs this estimate "
        "includes, separated by commas or new lines.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        initial = {
            "cost_limit": str(letter.cost_limit or letter.case.body.cost_limit),
            "aggregated": ", ".join(sorted(c.reference for c in letter.aggregated_cases.all())),
        }
        super().__init__(*args, prefix="costs", initial=initial, **kwargs)
        self.helper = _helper(form_tag=False, layout=Layout("cost_limit", "aggregated"))

    def references(self) -> list[str]:
        return [r.strip() for r in re.split(r"[,\n]", self.cleaned_data.get("aggregated") or "") if r.strip()]


class CostLineForm(forms.Form):
    activity = forms.ChoiceField(
        choices=[("", "Choose an activity"), *CostLine.Activity.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    description = forms.CharField(
        max_length=300, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    hours = forms.DecimalField(
        min_value=Decimal("0.01"),
        max_value=99999,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.25", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        filled = [name for name in ("activity", "description", "hours") if data.get(name) not in (None, "")]
        if filled and not data.get("DELETE"):
            for name in ("activity", "description", "hours"):
                if name not in filled and name not in self.errors:
                    self.add_error(name, "Needed for every line of the estimate.")
        return data

    @property
    def line(self) -> dict | None:
        data = self.cleaned_data
        if data.get("DELETE") or not data.get("activity"):
            return None
        return {"activity": data["activity"], "description": data["description"].strip(), "hours": data["hours"]}


class BaseCostLineFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = "Remove"
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"


CostLineFormSet = forms.formset_factory(
    CostLineForm, formset=BaseCostLineFormSet, extra=2, can_delete=True, max_num=50, validate_max=True
)


class ItemForm(forms.Form):
    """One request item: the answer (kinds that answer each item) and the exemptions applied to it."""

    def __init__(self, *args, letter: Letter, item, exemptions: list[LetterExemption], **kwargs):
        super().__init__(*args, prefix=f"item-{item.position}", **kwargs)
        self.item = item
        rule = KIND_RULES[letter.kind]
        self.fields["question"] = _text_field(
            f"Item {item.position} as the letter quotes it",
            item.question,
            help_text="Trim anything that names the requester, such as a signature.",
            minimum=2,
        )
        self.initial["question"] = item.question
        if rule.answers:
            self.fields["answer"] = _text_field(f"Answer to item {item.position}", item.answer, minimum=4)
            self.initial["answer"] = item.answer
        if exemptions and rule.exemptions is not Exemptions.NONE:
            self.fields["codes"] = forms.MultipleChoiceField(
                label=f"Exemptions applied to item {item.position}",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(e.code, f"{e.citation} {e.title}") for e in exemptions],
            )
            self.initial["codes"] = [e.code for e in item.exemptions.all()]
        self.helper = _helper(form_tag=False, layout=Layout(*self.fields))


EXEMPTION_PARTS = ("why", "harm", "factors_for", "factors_against", "balancing")


def exemption_part_labels(ncnd: bool) -> dict[str, str]:
    acting = "confirming or denying that information is held" if ncnd else "disclosure"
    return {
        "why": "Why it applies",
        "harm": f"Harm in {acting}",
        "factors_for": f"Public interest factors favouring {acting}",
        "factors_against": f"Public interest factors against {acting}",
        "balancing": "Balancing test and conclusion",
    }


class ExemptionForm(forms.Form):
    provision = forms.CharField(
        max_length=40,
        help_text="Refine it if a narrower subsection applies, e.g. 31(1)(a); it must stay within the same section.",
    )

    def __init__(self, *args, letter: Letter, exemption: LetterExemption, **kwargs):
        super().__init__(*args, prefix=f"exemption-{exemption.pk}", **kwargs)
        self.exemption = exemption
        self.initial["provision"] = exemption.provision
        unit = "regulation" if exemption.code.startswith("reg") else "section"
        self.fields["provision"].label = f"Provision cited ({unit} and subsection)"
        if KIND_RULES[letter.kind].exemptions is Exemptions.SECTIONS:
            labels = exemption_part_labels(exemption.ncnd)
            shown = ["why"]
            if exemption.basis in ("prejudice", "required_for") or exemption.harm.strip():
                shown.append("harm")
            if not exemption.absolute or any(getattr(exemption, n).strip() for n in EXEMPTION_PARTS[2:]):
                shown += ["factors_for", "factors_against", "balancing"]
            for name in shown:
                self.fields[name] = _text_field(labels[name], getattr(exemption, name))
                self.initial[name] = getattr(exemption, name)
        self.helper = _helper(form_tag=False, layout=Layout(*self.fields))

    def clean_provision(self):
        value = self.cleaned_data["provision"].strip()
        source = self.exemption.source
        base = source.ncnd_provision if self.exemption.ncnd else source.provision
        section = base.split("(")[0]
        if not value.startswith(section + "("):
            raise ValidationError(f"Keep it within section {section}, e.g. {base}.")
        return value


FINDING_CHOICES = [("", "Not decided yet"), *Finding.choices]


class FindingForm(forms.Form):
    """An internal review's finding on one exemption the original response relied on."""

    finding = forms.ChoiceField(label="Finding", choices=FINDING_CHOICES, required=False)

    def __init__(self, *args, finding: ReviewFinding, **kwargs):
        super().__init__(*args, prefix=f"finding-{finding.pk}", **kwargs)
        self.review_finding = finding
        self.initial["finding"] = finding.finding
        self.fields["reasons"] = _text_field(
            "Reasons",
            finding.reasons,
            help_text="Printed under the finding. Required for every finding: why the exemption still applies, "
            "or why it does not.",
        )
        self.initial["reasons"] = finding.reasons
        self.helper = _helper(form_tag=False, layout=Layout("finding", "reasons"))


class ReviewResultForm(forms.Form):
    """Where the original response relied on no exemption (not held, granted, late), the reviewer
    chooses the review's result directly."""

    review_result = forms.ChoiceField(
        label="Outcome of the review",
        choices=FINDING_CHOICES,
        required=False,
        help_text="Upheld: the original decision stands. Overturned: it is replaced, in whole or in part.",
    )

    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, prefix="review", **kwargs)
        self.initial["review_result"] = letter.review_result
        self.helper = _helper(form_tag=False, layout=Layout("review_result"))


SECTION_NAMES = {
    "intro": "Opening paragraph",
    "applicant_blind": "Applicant-blind statement",
    "closing": "Closing paragraph",
    "ncnd_caveat": "Neither confirm nor deny caveat",
    "ncnd_statement": "Neither confirm nor deny statement",
}


def section_label(section: LetterSection) -> str:
    if section.key in SECTION_NAMES:
        return SECTION_NAMES[section.key]
    if section.source_id and section.source.title:
        return section.source.title
    return section.heading or section.key.replace("_", " ").capitalize()


class SectionForm(forms.Form):
    def __init__(self, *args, section: LetterSection, **kwargs):
        super().__init__(*args, prefix=f"section-{section.key}", **kwargs)
        self.section = section
        self.fields["text"] = _text_field(section_label(section), section.text)
        self.initial["text"] = section.text
        self.helper = _helper(form_tag=False, layout=Layout("text"))


def _posted(form: forms.Form, name: str) -> bool:
    """A text the browser did not send is left as it is (an empty box is sent, and clears it)."""
    return name in form.fields and form.add_prefix(name) in form.data


def _posted_values(form: forms.Form) -> dict:
    return {
        name: value
        for name, value in form.cleaned_data.items()
        if not isinstance(form.fields[name], forms.MultipleChoiceField) and _posted(form, name)
    }


@dataclass(frozen=True)
class ErrorLink:
    anchor: str
    message: str


class LetterEditor:
    """Every form of the edit page for one letter, and the single change they make together."""

    def __init__(self, letter: Letter, data=None):
        self.letter, self.rule = letter, KIND_RULES[letter.kind]
        self.exemptions = list(letter.exemptions.select_related("source__entry"))
        self.details = LetterDetailsForm(data, letter=letter)
        self.items = [
            ItemForm(data, letter=letter, item=item, exemptions=self.exemptions)
            for item in letter.items.prefetch_related("exemptions")
        ]
        self.items = [form for form in self.items if form.fields]
        self.exemption_forms = [ExemptionForm(data, letter=letter, exemption=e) for e in self.exemptions]
        self.sections = [SectionForm(data, section=s) for s in letter.sections.select_related("source")]
        self.cost_limit = CostLimitForm(data, letter=letter) if self.rule.cost_worksheet else None
        self.cost_lines = None
        if self.rule.cost_worksheet:
            initial = [
                {"activity": line.activity, "description": line.description, "hours": line.hours}
                for line in letter.cost_lines.all()
            ]
            self.cost_lines = CostLineFormSet(data, initial=initial, prefix="cost")
        self.findings, self.review_result, self.review_of = [], None, None
        if self.rule.reviews_only:
            self.review_of = review_findings.review_of(letter)
            self.findings = [FindingForm(data, finding=f) for f in letter.findings.all()]
            self.review_result = None if self.findings else ReviewResultForm(data, letter=letter)
        self.general_errors: list[ErrorLink] = []

    @property
    def forms(self) -> list[forms.Form]:
        extra = [self.cost_limit] if self.cost_limit else []
        extra += [self.review_result] if self.review_result else []
        return [self.details, *self.items, *self.exemption_forms, *self.findings, *self.sections, *extra]

    def is_valid(self) -> bool:
        valid = all([form.is_valid() for form in self.forms])
        if self.cost_lines is not None:
            valid = self.cost_lines.is_valid() and valid
        return valid

    def changes(self) -> dict:
        """The one change for services.letter_update. Exemptions ticked just now get their library
        wording and apply to every item; texts of exemptions unticked are dropped."""
        details = self.details.cleaned_data
        names = ("heading", "signatory_name", "signatory_role", "estimated_decision_on", "fee_amount")
        changes = {name: details[name] for name in names if _posted(self.details, name)}
        current = [e.code for e in self.exemptions]
        wanted = current
        if "exemptions" in self.details.fields:
            ticked = details["exemptions"]
            # Keep the letter's order for codes it already cites, so saving reorders nothing.
            wanted = [code for code in current if code in ticked] + [code for code in ticked if code not in current]
            if set(wanted) != set(current):
                changes["exemptions"] = wanted
        added = [code for code in wanted if code not in current]
        changes["exemption_texts"] = {
            form.exemption.code: _posted_values(form) for form in self.exemption_forms if form.exemption.code in wanted
        }
        changes["items"] = {}
        for form in self.items:
            item = _posted_values(form)
            if "codes" in form.fields:
                item["codes"] = [code for code in form.cleaned_data["codes"] if code in wanted] + added
            changes["items"][form.item.position] = item
        changes["sections"] = {
            form.section.key: form.cleaned_data["text"] for form in self.sections if _posted(form, "text")
        }
        if self.cost_limit is not None:
            changes["cost_limit"] = self.cost_limit.cleaned_data["cost_limit"]
            if _posted(self.cost_limit, "aggregated"):
                changes["aggregated"] = self.cost_limit.references()
            changes["cost_lines"] = [form.line for form in self.cost_lines.forms if form.line]
        findings = {form.review_finding.code: _posted_values(form) for form in self.findings}
        if any(findings.values()):
            changes["findings"] = findings
        if self.review_result is not None and _posted(self.review_result, "review_result"):
            changes["review_result"] = self.review_result.cleaned_data["review_result"]
        return changes

    # --- the service's refusals, back on the fields they concern ---

    def add_service_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self._general("top", error.messages)
            return
        for key, messages in error.message_dict.items():
            self._route(key, messages)

    def _route(self, key: str, messages: list[str]) -> None:
        parts = key.split(".")
        if key in self.details.fields:
            self.details.add_error(key, messages)
        elif parts[0] == "sections" and len(parts) == 2:
            self._on(self._section(parts[1]), "text", messages)
        elif parts[0] == "items" and len(parts) == 3:
            self._on(self._item(parts[1]), parts[2], messages)
        elif parts[0] == "exemption_texts" and len(parts) == 3:
            self._on(self._exemption(parts[1]), parts[2], messages)
        elif key in ("exemption_texts", "items"):
            for message in messages:
                self._on(self._form_named_in(key, message), None, [message])
        elif key == "aggregated":
            self.cost_limit.add_error("aggregated", messages)
        elif key in ("cost_lines", "cost_limit"):
            self._general("cost-worksheet", messages)
        elif parts[0] == "findings" and len(parts) == 3:
            self._on(self._finding(parts[1]), parts[2], messages)
        elif key == "review_result" and self.review_result is not None:
            self.review_result.add_error("review_result", messages)
        else:
            self._general("top", messages)

    def _on(self, form, name: str | None, messages: list[str]) -> None:
        if form is None:
            self._general("top", messages)
        elif name in form.fields:
            form.add_error(name, messages)
        else:
            form.add_error(None, messages)

    def _general(self, anchor: str, messages: list[str]) -> None:
        self.general_errors += [ErrorLink(anchor, message) for message in messages]

    def _section(self, key: str):
        return next((form for form in self.sections if form.section.key == key), None)

    def _item(self, position: str):
        return next((form for form in self.items if str(form.item.position) == str(position)), None)

    def _finding(self, code: str):
        return next((form for form in self.findings if form.review_finding.code == code), None)

    def _exemption(self, code: str):
        return next((form for form in self.exemption_forms if form.exemption.code == code), None)

    def _form_named_in(self, key: str, message: str):
        """Service messages name their item ("Item 2: ...") or exemption ("s24(2): ...")."""
        if key == "items":
            match = re.match(r"Item (\d+)", message)
            return self._item(match.group(1)) if match else None
        return next((form for form in self.exemption_forms if message.startswith(form.exemption.code + ":")), None)

    # --- for the template ---

    def error_links(self) -> list[ErrorLink]:
        links = list(self.general_errors)
        for form in self.forms:
            for name, errors in form.errors.items():
                if name == NON_FIELD_ERRORS:
                    links += [ErrorLink(self.anchor(form), message) for message in errors]
                else:
                    bound = form[name]
                    links.append(ErrorLink(bound.id_for_label or bound.auto_id, f"{bound.label}: {errors[0]}"))
        if self.cost_lines is not None and self.cost_lines.is_bound:
            links += [ErrorLink("cost-worksheet", message) for message in self.cost_lines.non_form_errors()]
            for number, form in enumerate(self.cost_lines.forms, start=1):
                for name, errors in form.errors.items():
                    if name != NON_FIELD_ERRORS:
                        label = form[name].label.lower()
                        links.append(ErrorLink(form[name].auto_id, f"Cost line {number}, {label}: {errors[0]}"))
        return links

    def anchor(self, form) -> str:
        if isinstance(form, ItemForm):
            return f"item-{form.item.position}"
        if isinstance(form, ExemptionForm):
            return f"exemption-{form.exemption.pk}"
        if isinstance(form, SectionForm):
            return f"section-{form.section.key}"
        if isinstance(form, FindingForm):
            return f"finding-{form.review_finding.pk}"
        return "top"

    def grouped_sections(self) -> list[tuple[str, list[SectionForm]]]:
        titles = dict(LetterSection.Placement.choices)
        groups: dict[str, list] = {}
        for form in self.sections:
            groups.setdefault(form.section.placement, []).append(form)
        return [(titles[placement], forms_) for placement, forms_ in groups.items()]
