"""Forms for the disclosure log: the public search, and the staff steps (propose, check and
publish, withdraw). They parse input; responses.publication decides and writes."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout
from django import forms
from django.template.defaultfilters import filesizeformat
from django.urls import reverse

from responses import publication as publishing
from responses.models import Letter, Publication


def _helper(*, action: str, layout: Layout, method: str = "post") -> FormHelper:
    helper = FormHelper()
    helper.form_action = action
    helper.form_method = method
    # The server's messages are the accessible ones: browsers' own bubbles vanish and vary.
    helper.attrs = {"novalidate": ""}
    helper.layout = layout
    return helper


TITLE_HELP = "What the request was about, as the public will read it. No names, addresses or other personal data."
# The case's subject, offered as the title, is often the requester's own words (on the public form
# they write it), so it may name them or someone else.
PREFILLED_TITLE_HELP = (
    "What the request was about, as the public will read it. It starts as the case's subject, which may be "
    "in the requester's own words: remove any names, addresses or other personal details."
)


def _title_field(initial: str, help_text: str = TITLE_HELP) -> forms.CharField:
    # Length and blankness are the service's to judge (one message for the web and any other caller).
    return forms.CharField(
        label="Title in the log",
        required=False,
        initial=initial,
        widget=forms.TextInput(attrs={"maxlength": publishing.TITLE_MAX}),
        help_text=help_text,
    )


class ProposeForm(forms.Form):
    def __init__(self, *args, letter: Letter, **kwargs):
        super().__init__(*args, prefix="propose", **kwargs)
        self.fields["title"] = _title_field(letter.case.subject, PREFILLED_TITLE_HELP)
        action = reverse("responses:publication_propose", kwargs={"pk": letter.pk})
        self.helper = _helper(
            action=action,
            layout=Layout(
                "title",
                StrictButton("Propose for the disclosure log", type="submit", css_class="btn-outline-primary"),
            ),
        )


class PublishForm(forms.Form):
    """The pre-publication checklist, an optional redacted copy, and the title as it will be published."""

    personal_data_removed = forms.BooleanField(
        label="Personal data is removed: the requester's name, address, email and signature (also where the "
        "letter quotes the request), and other people's personal data",
        required=False,
    )
    attachments_checked = forms.BooleanField(
        label="Attachments are checked: no hidden rows, columns or sheets, comments, tracked changes or "
        "revealing document properties (metadata)",
        required=False,
    )
    redacted_pdf = forms.FileField(
        label="Redacted copy (optional, PDF)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, publication: Publication, **kwargs):
        super().__init__(*args, prefix="publish", **kwargs)
        self.fields["title"] = _title_field(publication.title)
        self.fields["redacted_pdf"].help_text = (
            "Publish this instead of the letter as sent, if anything had to be blacked out. "
            f"Up to {filesizeformat(publishing.REDACTED_PDF_MAX_BYTES)}, not password-protected. "
            "Its document properties (author, title and other metadata) are removed automatically."
        )
        action = reverse("responses:publication_publish", kwargs={"pk": publication.letter_id})
        self.helper = _helper(
            action=action,
            layout=Layout(
                "personal_data_removed",
                "attachments_checked",
                "title",
                "redacted_pdf",
                StrictButton("Publish in the disclosure log", type="submit", css_class="btn-success"),
            ),
        )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is being withdrawn",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept with the record; never shown in the public log.",
    )

    def __init__(self, *args, publication: Publication, **kwargs):
        super().__init__(*args, prefix="withdraw", **kwargs)
        published = publication.state == Publication.State.PUBLISHED
        action = reverse("responses:publication_withdraw", kwargs={"pk": publication.letter_id})
        self.helper = _helper(
            action=action,
            layout=Layout(
                "reason",
                StrictButton(
                    "Withdraw from the log" if published else "Turn down the proposal",
                    type="submit",
                    css_class="btn-outline-danger",
                ),
            ),
        )


class LogSearchForm(forms.Form):
    """The public log's search and filters (GET)."""

    q = forms.CharField(
        label="Search", required=False, max_length=200, help_text="Words from the title, or a reference number."
    )
    body = forms.ModelChoiceField(label="Public body", required=False, queryset=None, empty_label="All bodies")
    outcome = forms.ChoiceField(label="Outcome", required=False)
    exemption = forms.ChoiceField(label="Exemption cited", required=False)
    year = forms.TypedChoiceField(label="Year published", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bodies = publishing.body_choices()
        self.fields["body"].queryset = bodies
        if len(bodies) < 2:  # a unit serving one body (or one with entries) needs no choice of body
            del self.fields["body"]
        self.fields["outcome"].choices = [("", "Any outcome"), *publishing.outcome_choices()]
        self.fields["exemption"].choices = [
            ("", "Any exemption"),
            *((choice.value, choice.label) for choice in publishing.exemption_choices()),
        ]
        self.fields["year"].choices = [("", "Any year"), *((year, str(year)) for year in publishing.year_choices())]
        names = [name for name in ("body", "outcome", "exemption", "year") if name in self.fields]
        filters = [Div(Field(name), css_class="col-sm-6 col-lg") for name in names]
        self.helper = _helper(
            action=reverse("disclosure:log"),
            method="get",
            layout=Layout(
                Field("q", type="search"),
                Div(*filters, css_class="row"),
                StrictButton("Search the log", type="submit", css_class="btn-primary"),
            ),
        )
        self.helper.form_id = "log-search"

    def filters(self) -> dict:
        """The valid filters (an invalid one, from a crafted address, is left out and shown as an error)."""
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return {
            "q": data.get("q") or "",
            "body": data.get("body"),
            "outcome": data.get("outcome") or "",
            "exemption": data.get("exemption") or "",
            "year": data.get("year"),
        }
