"""The form on the "My reminders" page."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms

from foi_cases.models import ReminderPreference


class ReminderPreferenceForm(forms.Form):
    delivery = forms.ChoiceField(
        label="How do you want your reminders?",
        choices=ReminderPreference.Delivery.choices,
        widget=forms.RadioSelect,
        help_text="Either way, the sweep runs each working day before the day starts.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        # The server's messages are the accessible ones: browsers' own bubbles vanish and vary.
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout("delivery", StrictButton("Save", type="submit", css_class="btn-primary"))
