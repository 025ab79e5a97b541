"""The requester's forms on the status pages: find a request, answer a clarification, ask for a review.

They only collect and tidy what was typed; the portal's services decide (and say why they refuse).
"""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms

from foi_cases import portal


def _helper(*fields: str, button: str, action: str = "") -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    helper.form_action = action
    # The browser's own messages are not announced reliably: ours, linked to each field, are.
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(
        *(Field(name) for name in fields), StrictButton(button, type="submit", css_class="btn-primary")
    )
    return helper


class StatusLookupForm(forms.Form):
    reference = forms.CharField(
        label="Reference",
        max_length=40,
        help_text="As it appears in the acknowledgement we sent you, for example FOI2026/00012.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
        error_messages={"required": "Enter the reference of your request."},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The email address you gave when you made the request.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the email address you used.",
            "invalid": "Enter an email address in the correct format, like name@example.com.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("reference", "email", button="Check the request")


class _MessageForm(forms.Form):
    """One long text answer, within the portal's limit."""

    field_name = ""

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(self.field_name, button=self.button, action=action)


class ClarificationForm(_MessageForm):
    field_name = "text"
    button = "Send your answer"

    text = forms.CharField(
        label="Your answer",
        max_length=portal.MAX_MESSAGE_CHARS,
        help_text="Answer the questions in our letter asking you to clarify your request.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your answer."},
    )


class ReviewRequestForm(_MessageForm):
    field_name = "reasons"
    button = "Ask for an internal review"

    reasons = forms.CharField(
        label="Why you want a review",
        max_length=portal.MAX_MESSAGE_CHARS,
        help_text="Tell us what you disagree with in our response, for example information you think we should "
        "have given you, or how we handled your request.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Tell us why you want a review."},
    )
