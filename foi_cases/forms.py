"""Forms for the staff screens. They parse and check input; the services decide and write.

Each form carries a crispy `helper` so templates render it with `{% crispy form %}`. Forms that
share a page (the case page has a dozen) get a prefix, so their field ids never collide.
"""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Fieldset, Layout, Row
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.urls import reverse

from foi_cases import services
from foi_cases.deadlines import ClockEvent as EngineEvent
from foi_cases.deadlines import EventKind, Regime
from foi_cases.display import REGIME_FORM_CHOICES, REGIME_SHORT
from foi_cases.filters import CaseFilter
from foi_cases.models import Case, PublicBody, Requester
from foi_cases.request_items import split_request_items
from foi_cases.selectors import caseworkers


class DateInput(forms.DateInput):
    """A browser date picker; it needs ISO dates whatever the locale's display format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError, field_map: dict | None = None) -> None:
    """Show a service's ValidationError on the form: on the named field when the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        field = key if key in form.fields else (field_map or {}).get(key, key)
        if field in form.fields and field not in form.errors:
            form.add_error(field, messages)
        else:
            label = "" if NON_FIELD_ERRORS in (key, field) else f"{key.replace('_', ' ').capitalize()}: "
            form.add_error(None, [f"{label}{message}" for message in messages])


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def _helper(*, action: str = "", submit: str, method: str = "post", layout: Layout | None = None) -> FormHelper:
    helper = FormHelper()
    helper.form_action = action
    helper.form_method = method
    # The server's messages are the accessible ones: browsers' own bubbles vanish and vary.
    helper.attrs = {"novalidate": ""}
    if layout is not None:
        helper.layout = layout
    helper.layout = helper.layout or Layout()
    helper.layout.append(StrictButton(submit, type="submit", css_class="btn-primary"))
    return helper


def _attach_helper(form: forms.Form, *, action: str = "", submit: str, method: str = "post") -> None:
    form.helper = _helper(action=action, submit=submit, method=method, layout=Layout(*form.fields))


# --- the case list filter ----------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The shared CaseFilter's fields, laid out for a sidebar with checkboxes and date pickers."""

    CHECKBOX_LISTS = ("status", "regime")
    DATES = ("received_after", "received_before", "due_after", "due_before")
    TICKBOXES = ("unassigned", "overdue", "regime_unconfirmed", "clarification_reply")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.CHECKBOX_LISTS:
            self.fields[name].widget = forms.CheckboxSelectMultiple(choices=self.fields[name].choices)
        self.fields["regime"].choices = [(regime.value, REGIME_SHORT[regime]) for regime in Regime]
        self.fields["regime"].widget.choices = self.fields["regime"].choices
        for name in self.DATES:
            self.fields[name].widget = DateInput()
        for name in self.TICKBOXES:
            self.fields[name].widget = forms.CheckboxInput()
        self.fields["body"].label = "Public body"
        self.fields["body"].empty_label = "Any body"
        self.fields["officer"].empty_label = "Any officer"
        self.fields["officer"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
        self.fields["sort"].label = "Sort by"
        self.fields["q"].widget.input_type = "search"
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_id = "case-filter"
        self.helper.layout = Layout(
            "q",
            Row(Column("status", css_class="col-sm-6 col-lg-12"), Column("regime", css_class="col-sm-6 col-lg-12")),
            "body",
            "officer",
            "kind",
            "unassigned",
            "overdue",
            "regime_unconfirmed",
            "clarification_reply",
            Fieldset("Date received", Row(Column("received_after"), Column("received_before"))),
            Fieldset("Due date", Row(Column("due_after"), Column("due_before"))),
            "sort",
            StrictButton("Apply filters", type="submit", css_class="btn-primary"),
        )


class StaffCaseFilter(CaseFilter):
    """The API's CaseFilter (same filters, same meaning), with the staff screens' form layout."""

    class Meta(CaseFilter.Meta):
        form = CaseFilterForm


# --- logging and editing a request -------------------------------------------------------------

# Requester.full_clean reports errors under the model's names; the form prefixes them.
REQUESTER_FIELD_MAP = {
    "name": "requester_name",
    "email": "requester_email",
    "address": "requester_address",
    "organisation": "requester_organisation",
    "requester_type": "requester_type",
}


def _checked(validate, value, field: str):
    try:
        validate(value)
    except ValidationError as error:
        raise ValidationError(error.message_dict[field]) from None
    return value


class CaseDetailsForm(forms.Form):
    regime = forms.ChoiceField(choices=REGIME_FORM_CHOICES, initial=Regime.FOIA.value)
    received_on = forms.DateField(
        label="Date received",
        widget=DateInput(),
        help_text="The calendar date the request arrived, even if that was a weekend or bank holiday.",
    )
    channel = forms.ChoiceField(choices=Case.Channel.choices, label="Received by")
    subject = forms.CharField(max_length=300, help_text="A short title for lists, e.g. 'Facial recognition costs'.")
    request_text = forms.CharField(
        label="Request text",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the request as sent. Numbered questions (1., 2., a), b) ...) become separate items.",
    )
    body = forms.ModelChoiceField(queryset=PublicBody.objects.none(), label="Public body")
    requester_name = forms.CharField(label="Name", max_length=200)
    requester_email = forms.EmailField(label="Email address", required=False)
    requester_address = forms.CharField(
        label="Postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    requester_organisation = forms.CharField(label="Organisation", max_length=200, required=False)
    requester_type = forms.ChoiceField(label="Type of requester", choices=Requester.Type.choices)

    request_fields = ("regime", "received_on", "channel", "subject", "request_text")

    # The services check these too (and decide); checking here as well shows every problem at once.
    def clean_received_on(self):
        return _checked(services.validate_received_on, self.cleaned_data["received_on"], "received_on")

    def clean_request_text(self):
        return _checked(services.validate_request_text, self.cleaned_data["request_text"], "request_text")

    def requester_details(self) -> services.RequesterDetails:
        data = self.cleaned_data
        return services.RequesterDetails(
            name=data["requester_name"].strip(),
            email=data["requester_email"],
            address=data["requester_address"],
            organisation=data["requester_organisation"].strip(),
            requester_type=data["requester_type"],
        )

    def layout(self, *handling: str) -> Layout:
        return Layout(
            Fieldset("The request", *self.request_fields),
            Fieldset(
                "The requester",
                "requester_name",
                Row(Column("requester_email"), Column("requester_organisation")),
                "requester_address",
                "requester_type",
            ),
            Fieldset("Handling", "body", *handling),
        )


class CaseCreateForm(CaseDetailsForm):
    assigned_to = OfficerChoiceField(
        queryset=caseworkers(), required=False, label="Assigned officer", empty_label="Nobody yet"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = services.today
        self.fields["assigned_to"].queryset = caseworkers()
        bodies = list(PublicBody.objects.filter(is_active=True))
        self.fields["body"].queryset = PublicBody.objects.filter(is_active=True)
        self.fields["body"].empty_label = "Choose a public body"
        if len(bodies) == 1:
            self.fields["body"].initial = bodies[0].pk
        self.helper = _helper(submit="Log request", layout=self.layout("assigned_to"))

    def case_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            **{field: data[field] for field in self.request_fields},
            "body": data["body"],
            "assigned_to": data["assigned_to"],
            "requester": self.requester_details(),
        }


def split_paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


class CaseEditForm(CaseDetailsForm):
    """The case's details, and the requester's when `with_requester` (the user may see who asked).

    Without it the requester fields are left out altogether: never filled in from the case, and
    ignored if posted, so a caseworker without the reveal permission can still correct a subject or
    a date while the page stays applicant blind.
    """

    BLIND_NOTE = (
        '<p class="requester-hidden form-text">The requester\'s details are not shown: requests are handled '
        "applicant blind. A colleague allowed to see who asked can correct them.</p>"
    )
    case_fields = ("regime", "received_on", "channel", "subject", "request_text", "body")
    request_fields = (*CaseDetailsForm.request_fields, "items")
    items = forms.CharField(
        label="Numbered items",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            "The questions letters will quote and answer one by one, separated by a blank line. "
            "Leave it empty to split them from the request text again."
        ),
    )

    def __init__(self, *args, case: Case, with_requester: bool = True, **kwargs):
        self.with_requester = with_requester
        initial = {field: getattr(case, field) for field in self.case_fields}
        initial["body"] = case.body_id
        initial["items"] = "\n\n".join(item.text for item in case.items.all())
        if with_requester:
            requester = case.requester
            for model_field, form_field in REQUESTER_FIELD_MAP.items():
                initial[form_field] = getattr(requester, model_field)
        super().__init__(*args, initial=initial, **kwargs)
        if not with_requester:
            for form_field in REQUESTER_FIELD_MAP.values():
                del self.fields[form_field]
        self.fields["body"].queryset = PublicBody.objects.filter(Q(is_active=True) | Q(pk=case.body_id))
        self.regime_unconfirmed = not case.regime_confirmed
        if self.regime_unconfirmed:
            self.fields["regime"].help_text = (
                "To be confirmed: what the requester chose on the web form is only a hint. Saving this form "
                "confirms the regime chosen here."
            )
        self.helper = _helper(submit="Save changes", layout=self.layout())

    def layout(self, *handling: str) -> Layout:
        if self.with_requester:
            return super().layout(*handling)
        return Layout(
            Fieldset("The request", *self.request_fields),
            HTML(self.BLIND_NOTE),
            Fieldset("Handling", "body", *handling),
        )

    def case_changes(self) -> dict:
        changes = {field: self.cleaned_data[field] for field in self.case_fields if field in self.changed_data}
        if self.regime_unconfirmed:
            # Saving settles a regime the requester was unsure of, even when it stays the same.
            changes["regime"] = self.cleaned_data["regime"]
        return changes

    def items_changed(self) -> list[str] | None:
        """The corrected items, when the officer edited them (and not only the request text)."""
        new = split_paragraphs(self.cleaned_data["items"])
        # Compare paragraphs, not raw text: browsers send CRLF line ends, so the raw field always
        # looks changed, and treating it so would undo the re-split of an edited request text.
        if new == split_paragraphs(self.initial["items"]):
            return None
        # Emptied: split the (possibly edited) request text again.
        return new or split_request_items(self.cleaned_data["request_text"])

    def requester_changed(self) -> bool:
        return self.with_requester and any(field in self.changed_data for field in REQUESTER_FIELD_MAP.values())


# --- the clock ---------------------------------------------------------------------------------


class ClockAction:
    """How the case page offers one clock event: its workflow transition and its wording."""

    def __init__(self, transition: str, kind: EventKind, title: str, date_label: str, submit: str):
        self.transition, self.kind, self.title, self.date_label, self.submit = (
            transition,
            kind,
            title,
            date_label,
            submit,
        )


CLOCK_ACTIONS = {
    action.kind: action
    for action in [
        ClockAction(
            "request_clarification",
            EventKind.CLARIFICATION_REQUESTED,
            "Request clarification",
            "Date clarification was requested",
            "Record clarification request",
        ),
        ClockAction(
            "receive_clarification",
            EventKind.CLARIFICATION_RECEIVED,
            "Clarification received",
            "Date clarification was received",
            "Record clarification received",
        ),
        ClockAction(
            "send_fee_notice",
            EventKind.FEE_NOTICE_SENT,
            "Fees notice sent",
            "Date the fees notice was given",
            "Record fees notice",
        ),
        ClockAction(
            "receive_fee", EventKind.FEE_RECEIVED, "Fee received", "Date the fee was received", "Record fee received"
        ),
        ClockAction(
            "extend", EventKind.EXTENSION, "Extend the deadline", "Date the extension was notified", "Record extension"
        ),
    ]
}


class ClockEventForm(forms.Form):
    on = forms.DateField(widget=DateInput())
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case: Case, kind: EventKind, **kwargs):
        super().__init__(*args, prefix=kind.value, **kwargs)
        self.action = CLOCK_ACTIONS[kind]
        self.fields["on"].label = self.action.date_label
        self.fields["on"].initial = services.today
        action = reverse("foi_cases:clock_event_record", kwargs={"pk": case.pk, "kind": kind.value})
        _attach_helper(self, action=action, submit=self.action.submit)


class ExtensionForm(ClockEventForm):
    days = forms.IntegerField(min_value=1, max_value=60)

    field_order = ["on", "days", "note"]

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, case=case, kind=EventKind.EXTENSION, **kwargs)
        if case.regime == Regime.SAR:
            self.fields["days"].label = "Extension (calendar months)"
            self.fields["days"].max_value = 2
            self.fields["days"].help_text = "Up to two further months, notified within the first month."
        else:
            self.fields["days"].label = "Extension (working days)"
        self.fields["note"].label = "Extension notice"
        self.fields["note"].help_text = "Name the exemption being considered and give an estimated decision date."


def clock_event_form(case: Case, kind: EventKind, data=None) -> ClockEventForm:
    if kind is EventKind.EXTENSION:
        return ExtensionForm(data, case=case)
    return ClockEventForm(data, case=case, kind=kind)


class VoidClockEventForm(forms.Form):
    event = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why is it being voided?",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The event stays in the history, marked void.",
    )

    def __init__(self, *args, case: Case, event=None, **kwargs):
        initial = {"event": event.pk} if event else None
        super().__init__(*args, prefix="void", initial=initial, **kwargs)
        action = reverse("foi_cases:clock_event_void", kwargs={"pk": case.pk})
        _attach_helper(self, action=action, submit="Void the event")


# --- closing and reopening ---------------------------------------------------------------------

# Withdrawn and lapsed have their own actions: nothing was answered, so timeliness does not apply.
RESPONSE_OUTCOMES = [
    (value, label)
    for value, label in Case.Outcome.choices
    if value not in {Case.Outcome.WITHDRAWN, Case.Outcome.LAPSED}
]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "Choose an outcome"), *RESPONSE_OUTCOMES])
    responded_on = forms.DateField(label="Date of response", widget=DateInput())
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="close", **kwargs)
        self.fields["outcome"].choices = [
            ("", "Choose an outcome"),
            *(
                (value, label)
                for value, label in RESPONSE_OUTCOMES
                if (value in Case.REVIEW_OUTCOMES) == case.is_review
            ),
        ]
        self.fields["responded_on"].initial = services.today
        if case.outcome:
            # Recorded from the approved response letter: the officer confirms it when sending.
            self.fields["outcome"].initial = case.outcome
        _attach_helper(self, action=reverse("foi_cases:case_close", kwargs={"pk": case.pk}), submit="Close the case")


class EndWithoutResponseForm(forms.Form):
    """Withdrawn by the requester, or lapsed: the case ends with nothing to answer."""

    on = forms.DateField(widget=DateInput())
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    WORDING = {
        "withdraw": ("Date the request was withdrawn", "Record withdrawal"),
        "lapse": ("Date the case lapsed", "Record as lapsed"),
    }

    def __init__(self, *args, case: Case, ending: str, **kwargs):
        super().__init__(*args, prefix=ending, **kwargs)
        date_label, submit = self.WORDING[ending]
        self.fields["on"].label = date_label
        self.fields["on"].initial = services.today
        action = reverse(f"foi_cases:case_{ending}", kwargs={"pk": case.pk})
        _attach_helper(self, action=action, submit=submit)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Why is it being reopened?", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="reopen", **kwargs)
        _attach_helper(self, action=reverse("foi_cases:case_reopen", kwargs={"pk": case.pk}), submit="Reopen the case")


# --- internal reviews asked for by email, post or phone --------------------------------------------

# The web form's reviews arrive through the portal; these are the ways one reaches an officer.
REVIEW_CHANNELS = [(value, label) for value, label in Case.Channel.choices if value != Case.Channel.WEB]


class ReviewLogForm(forms.Form):
    received_on = forms.DateField(
        label="Date the request for a review was received",
        widget=DateInput(),
        help_text="Not before the response was sent. The review's own clock starts from this date.",
    )
    channel = forms.ChoiceField(choices=REVIEW_CHANNELS, label="Received by")
    reasons = forms.CharField(
        label="The requester's reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Paste why they are unhappy with the response, as they wrote it: the review answers it.",
    )

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="review", **kwargs)
        self.fields["received_on"].initial = services.today
        action = reverse("foi_cases:case_review_log", kwargs={"pk": case.pk})
        _attach_helper(self, action=action, submit="Log the internal review")


# --- assignment and links ----------------------------------------------------------------------


class AssignForm(forms.Form):
    officer = OfficerChoiceField(queryset=caseworkers(), required=False, empty_label="Nobody (unassigned)")

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="assign", initial={"officer": case.assigned_to_id}, **kwargs)
        self.fields["officer"].queryset = caseworkers()
        self.fields["officer"].label = "Officer"
        if case.is_review:
            from foi_cases import reviews

            # The review is someone else's: those involved in the decision under review aren't offered.
            self.fields["officer"].queryset = reviews.independent_reviewers(case, caseworkers())
            self.fields["officer"].help_text = "People involved in the original decision are not listed."
        _attach_helper(self, action=reverse("foi_cases:case_assign", kwargs={"pk": case.pk}), submit="Assign")


LINK_LABELS = {
    "answered_with": "Reference of a case answered together with this one",
    "related_to": "Reference of a related case",
}


class LinkForm(forms.Form):
    reference = forms.CharField(max_length=40)

    def __init__(self, *args, case: Case, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.case = case
        self.fields["reference"].label = LINK_LABELS[kind]
        self.fields["reference"].widget.attrs["placeholder"] = "e.g. FOI2019/07795"
        action = reverse("foi_cases:case_link", kwargs={"pk": case.pk, "kind": kind})
        _attach_helper(self, action=action, submit="Add link")

    def clean_reference(self) -> Case:
        reference = self.cleaned_data["reference"].strip()
        other = Case.objects.filter(reference__iexact=reference).first()
        if other is None:
            raise ValidationError(f"No case has the reference {reference}.")
        return other


# --- the deadline calculator -------------------------------------------------------------------

# DeadlineError.field -> the calculator's field that caused it.
CALCULATOR_FIELD_MAP = {
    "regime": "regime",
    "received": "received_on",
    "clarification_received": "clarification_received_on",
    "fee_notice_sent": "fee_notice_sent_on",
    "fee_received": "fee_received_on",
    "extension": "extension_days",
    "extension_days": "extension_days",
}


def _half(field: str) -> Column:
    return Column(field, css_class="col-md-6")


class DeadlineCalculatorForm(forms.Form):
    regime = forms.ChoiceField(choices=REGIME_FORM_CHOICES, initial=Regime.FOIA.value)
    received_on = forms.DateField(label="Date received", widget=DateInput())
    clarification_received_on = forms.DateField(
        label="Clarification received on",
        required=False,
        widget=DateInput(),
        help_text="The count starts again from this day.",
    )
    fee_notice_sent_on = forms.DateField(label="Fees notice given on", required=False, widget=DateInput())
    fee_received_on = forms.DateField(
        label="Fee received on",
        required=False,
        widget=DateInput(),
        help_text="Working days from the notice to the payment are not counted.",
    )
    extension_days = forms.IntegerField(
        label="Extension",
        required=False,
        min_value=1,
        max_value=60,
        help_text="Working days (calendar months for a subject access request).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            "regime",
            Row(_half("received_on")),
            Fieldset(
                "Clock events (optional)",
                Row(_half("clarification_received_on"), _half("extension_days")),
                Row(_half("fee_notice_sent_on"), _half("fee_received_on")),
            ),
            StrictButton("Calculate", type="submit", css_class="btn-primary"),
        )

    def engine_events(self) -> list[EngineEvent]:
        data = self.cleaned_data
        events = []
        dated = [
            (EventKind.CLARIFICATION_RECEIVED, data.get("clarification_received_on")),
            (EventKind.FEE_NOTICE_SENT, data.get("fee_notice_sent_on")),
            (EventKind.FEE_RECEIVED, data.get("fee_received_on")),
        ]
        for kind, on in dated:
            if on:
                events.append(EngineEvent(kind, on))
        if data.get("extension_days"):
            # Notified on the last date given: after any restart, within the (paused) count.
            last_day = max([data["received_on"]] + [on for _, on in dated if on])
            events.append(EngineEvent(EventKind.EXTENSION, last_day, data["extension_days"]))
        return events
