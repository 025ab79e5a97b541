"""The public request form: what a requester fills in to make a request without an account.

It parses and checks; `portal.web_request_submit` logs the case. A hidden "website" field catches
form-filling robots: people never see it, so a value in it means the form was not filled in by hand.

Anyone can type any email address here, and the acknowledgement goes to it from the authority's own
address, greeting the name typed. So the name, email address and summary must each be one line of
ordinary characters (no line breaks, tabs or other control characters), and the name may not carry a
web address: otherwise the form would let anyone send a message of their own, under the authority's
name, to anybody.
"""

import unicodedata

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from foi_cases import portal, services
from foi_cases.models import PublicBody

HONEYPOT = "website"
HONEYPOT_MESSAGE = "We could not accept this form. Please check your details and send it again."

REQUEST_TEXT_HELP = (
    "Say exactly what information you want. To get a quicker, fuller answer:"
    "<ul class='mb-1'>"
    "<li>be specific: name the subject, place or document you mean</li>"
    "<li>give dates or a time period, for example 'from April 2023 to March 2024'</li>"
    "<li>keep to one topic: send separate requests for unrelated subjects</li>"
    "</ul>"
    "If you want information about yourself (your own personal data), that is a subject access request: "
    "choose 'Information about me' below."
)
REGIME_HELP = (
    "Environmental information is about the state of the air, water, soil, land, plants and animals, and "
    "anything that affects them: for example planning and building, pollution, noise, waste, energy, "
    "transport and flooding. Information about yourself, such as records that name you, is a subject access "
    "request. Your choice helps us, but we check which law applies to every request. If you are not sure, "
    "leave 'I'm not sure' selected."
)


class HoneypotInput(forms.TextInput):
    """Never shows a value back: a robot re-filling the form must fill it again."""

    def format_value(self, value):
        return None


# Line and paragraph separators, and the controls that reverse or isolate text direction (they can
# make a name or subject read differently from what it is).
_NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}
_DIRECTION_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_one_line(text: str) -> bool:
    """No line breaks, tabs or other control characters."""
    return not any(unicodedata.category(c) in _NOT_ON_ONE_LINE or c in _DIRECTION_CONTROLS for c in text)


class OneLineMixin:
    """A text field whose value must be one line of ordinary characters (error message "one_line").
    Checked before the field's other checks, so that the person sees this one message."""

    def to_python(self, value):
        value = super().to_python(value)
        if value and not is_one_line(value):
            raise ValidationError(self.error_messages["one_line"], code="one_line")
        return value


class OneLineCharField(OneLineMixin, forms.CharField):
    pass


class OneLineEmailField(OneLineMixin, forms.EmailField):
    pass


class RequestForm(forms.Form):
    name = OneLineCharField(
        label="Your name",
        max_length=200,
        help_text="Your real name: the law requires it for a request for information.",
        error_messages={
            "required": "Enter your name.",
            "max_length": "Your name must be 200 characters or fewer.",
            "one_line": "Your name must be on one line, without tabs or other hidden characters.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = OneLineEmailField(
        label="Email address",
        max_length=254,
        help_text="We will send your reference and a private link to follow your request to this address.",
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address in the correct format, like name@example.com.",
            "one_line": "Your email address must be on one line, without tabs or other hidden characters.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        max_length=1000,
        help_text="Only if you would also like letters by post.",
        error_messages={"max_length": "Your postal address must be 1,000 characters or fewer."},
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    subject = OneLineCharField(
        label="Summary of your request",
        max_length=300,
        help_text="One line, for example 'Speeding fines issued on the A6 in 2024'.",
        error_messages={
            "required": "Enter a summary of your request.",
            "max_length": "Your summary must be 300 characters or fewer: put the detail in your request below.",
            "one_line": "Your summary must be on one line: put the detail in your request below.",
        },
    )
    request_text = forms.CharField(
        label="Your request",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=REQUEST_TEXT_HELP,
        error_messages={"required": "Enter your request: say what information you want."},
    )
    body = forms.ModelChoiceField(
        queryset=PublicBody.objects.none(),
        label="Which organisation is your request for?",
        empty_label="Choose an organisation",
    )
    regime_hint = forms.ChoiceField(
        label="What kind of information are you asking for?",
        choices=portal.RegimeHint.CHOICES,
        initial=portal.RegimeHint.UNSURE,
        widget=forms.RadioSelect,
        help_text=REGIME_HELP,
    )
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=HoneypotInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, bodies: list[PublicBody], **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = bodies
        if len(bodies) > 1:
            self.fields["body"].queryset = PublicBody.objects.filter(pk__in=[b.pk for b in bodies])
            self.fields["body"].error_messages.update(
                required="Choose the organisation your request is for.",
                invalid_choice="Choose one of the organisations listed.",
            )
        else:
            del self.fields["body"]  # a unit serving one body: every request is for it
        self.fields["regime_hint"].error_messages.update(
            required="Choose the kind of information you are asking for.",
            invalid_choice="Choose one of the kinds of information listed.",
        )
        self.helper = _helper(self)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "://" in name or "www." in name.lower():
            raise ValidationError("Your name must not include a web address.", code="web_address")
        return name

    def clean_request_text(self):
        text = self.cleaned_data["request_text"]
        if len(text) > settings.MAX_REQUEST_TEXT_CHARS:
            raise ValidationError(
                f"Your request is too long ({len(text):,} characters; the limit is "
                f"{settings.MAX_REQUEST_TEXT_CHARS:,}). Please shorten it, or split it into separate requests."
            )
        try:
            services.validate_request_text(text)
        except ValidationError as error:
            raise ValidationError(error.message_dict["request_text"]) from None
        return text

    def clean(self):
        data = super().clean()
        if data.get(HONEYPOT):
            # People never see the field: only a robot fills it. The message is vague on purpose.
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return data

    @property
    def caught_robot(self) -> bool:
        return any(error.code == "honeypot" for error in self.errors.as_data().get("__all__", []))

    def submission(self) -> dict:
        """The arguments of portal.web_request_submit."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "address": data["address"],
            "body": data["body"] if "body" in self.fields else self.bodies[0],
            "subject": data["subject"].strip(),
            "request_text": data["request_text"],
            "regime_hint": data["regime_hint"],
        }

    def error_links(self) -> list[tuple[str, str]]:
        """(element id, message) for the error summary: each field's first error, linked to its input."""
        links = []
        for field in self:
            if field.errors:
                anchor = f"{field.auto_id}_0" if isinstance(field.field.widget, forms.RadioSelect) else field.auto_id
                links.append((anchor, field.errors[0]))
        return links


def _helper(form: RequestForm) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    helper.form_id = "request-form"
    # The server's messages are the accessible ones: browsers' own bubbles vanish and vary.
    helper.attrs = {"novalidate": ""}
    about_request = ["subject", "request_text", "regime_hint"]
    if "body" in form.fields:
        about_request.insert(0, "body")
    helper.layout = Layout(
        Fieldset("About you", "name", "email", "address"),
        Fieldset("Your request", *about_request),
        # Hidden from everyone, sighted or not, and out of the tab order: only robots fill it in.
        Div(Field(HONEYPOT), css_class="visually-hidden request-check", aria_hidden="true"),
        StrictButton("Send request", type="submit", css_class="btn-primary btn-lg"),
    )
    return helper
