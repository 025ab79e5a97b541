from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.urls import reverse


class RetentionRunForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that the requesters' personal data on the cases due will be removed for good",
        error_messages={"required": "Tick the box to confirm, then run it again."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = reverse("foi_cases:retention")
        self.helper.form_method = "post"
        # The server's messages are the accessible ones: browsers' own bubbles vanish and vary.
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout("confirm", StrictButton("Run now", type="submit", css_class="btn-danger"))
