"""Forms for complaints to the commissioner. They parse input; foi_cases.complaints decides and writes."""

from crispy_forms.helper import FormHelper
from django import forms
from django.urls import reverse

from foi_cases import complaints, services
from foi_cases.forms import DateInput, OfficerChoiceField, _attach_helper
from foi_cases.models import Case, Complaint, ComplaintStep, Finding, TribunalAppeal
from foi_cases.selectors import caseworkers


class ComplaintLogForm(forms.Form):
    regulator = forms.ChoiceField(choices=Complaint.Regulator.choices, label="Commissioner")
    reference = forms.CharField(
        max_length=40,
        label="Commissioner's reference",
        help_text="As on the commissioner's letter: IC-123456-A1B2 for the ICO; digits (dashes allowed) for the "
        "Scottish Information Commissioner.",
    )
    received_on = forms.DateField(label="Date we were told of the complaint", widget=DateInput())
    submission_due_on = forms.DateField(
        label="Submissions due by",
        required=False,
        widget=DateInput(),
        help_text="The date the commissioner asked for our submissions by, if given.",
    )
    handled_by = OfficerChoiceField(
        queryset=caseworkers(), required=False, empty_label="The case's officer", label="Handling officer"
    )
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, prefix="complaint", **kwargs)
        original = complaints.complaint_case(case)
        self.fields["regulator"].initial = complaints.default_regulator(original)
        self.fields["received_on"].initial = services.today
        self.fields["handled_by"].queryset = caseworkers()
        self.fields["handled_by"].initial = original.assigned_to_id
        action = reverse("foi_cases:complaint_log", kwargs={"case_pk": case.pk})
        _attach_helper(self, action=action, submit="Log the complaint")


class SubmissionsForm(forms.Form):
    submitted_on = forms.DateField(label="Date our submissions were sent", widget=DateInput())

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, prefix="submissions", **kwargs)
        self.fields["submitted_on"].initial = services.today
        action = reverse("foi_cases:complaint_submissions", kwargs={"pk": complaint.pk})
        _attach_helper(self, action=action, submit="Record submissions sent")


class DecisionForm(forms.Form):
    decision_notice_reference = forms.CharField(
        max_length=40, required=False, label="Decision notice reference", help_text="For example IC-123456-A1B2."
    )
    decision_on = forms.DateField(label="Date the decision notice was sent", widget=DateInput())
    outcome = forms.ChoiceField(
        label="Overall outcome",
        choices=[("", "Choose the outcome"), *[(o.value, o.label) for o in complaints.DECISION_OUTCOMES]],
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, prefix="decision", **kwargs)
        self.fields["decision_notice_reference"].initial = complaint.reference
        self.helper = FormHelper()
        self.helper.form_tag = False


class FindingForm(forms.Form):
    code = forms.CharField(
        max_length=30, required=False, label="Exemption or point", help_text="As cited: s24(2), reg12(5)(b), s10."
    )
    finding = forms.ChoiceField(choices=[("", "Not decided on"), *Finding.choices], required=False)
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("finding") and not data.get("code", "").strip():
            self.add_error("code", "Give the exemption or point this finding is about.")
        if data.get("note", "").strip() and not data.get("finding") and "finding" not in self.errors:
            self.add_error("finding", "Choose the finding the note explains.")
        return data

    @property
    def finding_input(self) -> complaints.FindingInput | None:
        data = self.cleaned_data
        if not data.get("finding"):
            return None
        return complaints.FindingInput(code=data["code"].strip(), finding=data["finding"], note=data.get("note", ""))


class StepForm(forms.Form):
    description = forms.CharField(
        required=False, label="Step ordered", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    comply_by = forms.DateField(
        required=False,
        label="Comply by",
        widget=DateInput(),
        help_text=f"Leave blank for {complaints.STEP_DAYS} calendar days after the decision notice.",
    )

    def clean(self):
        data = super().clean()
        if data.get("comply_by") and not data.get("description", "").strip():
            self.add_error("description", "Describe the step, or clear its date.")
        return data

    @property
    def step_input(self) -> complaints.StepInput | None:
        data = self.cleaned_data
        if not data.get("description", "").strip():
            return None
        return complaints.StepInput(description=data["description"].strip(), comply_by=data.get("comply_by"))


class BaseRowsFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        codes = [
            form.cleaned_data["code"].strip().lower()
            for form in self.forms
            if form.cleaned_data.get("finding") and "code" in form.cleaned_data
        ]
        if len(codes) != len(set(codes)):
            raise forms.ValidationError("Give each exemption's finding once.")


FindingFormSet = forms.formset_factory(FindingForm, formset=BaseRowsFormSet, extra=2, max_num=30, validate_max=True)
StepFormSet = forms.formset_factory(StepForm, extra=3, max_num=20, validate_max=True)


def decision_forms(complaint: Complaint, data=None) -> tuple[DecisionForm, forms.BaseFormSet, forms.BaseFormSet]:
    """The decision notice form, with a finding row per exemption the response (and its review) relied on."""
    initial = [{"code": code} for code, _ in complaints.exemption_codes(complaint.case)]
    findings = FindingFormSet(data, prefix="findings", initial=initial)
    steps = StepFormSet(data, prefix="steps")
    return DecisionForm(data, complaint=complaint), findings, steps


class StepComplyForm(forms.Form):
    complied_on = forms.DateField(label="Date complied with", widget=DateInput())

    def __init__(self, *args, step: ComplaintStep, **kwargs):
        super().__init__(*args, prefix=f"step-{step.pk}", **kwargs)
        self.fields["complied_on"].initial = services.today
        action = reverse("foi_cases:complaint_step_comply", kwargs={"pk": step.complaint_id, "step_pk": step.pk})
        _attach_helper(self, action=action, submit="Mark complied with")


class AppealForm(forms.Form):
    appellant = forms.ChoiceField(choices=[("", "Choose who appealed"), *TribunalAppeal.Appellant.choices])
    reference = forms.CharField(max_length=40, required=False, label="Appeal reference", help_text="EA/2026/0123.")
    lodged_on = forms.DateField(label="Date the appeal was lodged", widget=DateInput())
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, prefix="appeal", **kwargs)
        self.fields["lodged_on"].initial = services.today
        action = reverse("foi_cases:complaint_appeal", kwargs={"pk": complaint.pk})
        _attach_helper(self, action=action, submit="Record the appeal")


class AppealOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(choices=[("", "Choose the outcome"), *TribunalAppeal.Outcome.choices])
    decided_on = forms.DateField(label="Date decided", widget=DateInput())

    def __init__(self, *args, appeal: TribunalAppeal, **kwargs):
        super().__init__(*args, prefix=f"appeal-{appeal.pk}", **kwargs)
        self.fields["decided_on"].initial = services.today
        action = reverse(
            "foi_cases:complaint_appeal_decide", kwargs={"pk": appeal.complaint_id, "appeal_pk": appeal.pk}
        )
        _attach_helper(self, action=action, submit="Record the appeal's outcome")


class ComplaintCloseForm(forms.Form):
    outcome = forms.ChoiceField(required=False)
    closed_on = forms.DateField(label="Date closed", widget=DateInput())
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, prefix="close", **kwargs)
        self.fields["closed_on"].initial = services.today
        if complaint.decision_on:
            del self.fields["outcome"]  # the decision notice's outcome stands
        else:
            self.fields["outcome"].required = True
            self.fields["outcome"].label = "How it ended"
            self.fields["outcome"].choices = [
                ("", "Choose how it ended"),
                *[(o.value, o.label) for o in complaints.EARLY_OUTCOMES],
            ]
        action = reverse("foi_cases:complaint_close", kwargs={"pk": complaint.pk})
        _attach_helper(self, action=action, submit="Close the complaint")
