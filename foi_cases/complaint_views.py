"""Complaints to the commissioner: the list of open ones, logging one from a case, and the complaint's
page where the decision notice, its steps, any appeal and the closing are recorded.

Thin like the case screens: a form parses, a service in foi_cases.complaints decides and audits.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from foi_cases import complaints, selectors, services
from foi_cases.complaint_forms import (
    AppealForm,
    AppealOutcomeForm,
    ComplaintCloseForm,
    ComplaintLogForm,
    StepComplyForm,
    SubmissionsForm,
    decision_forms,
)
from foi_cases.deadlines import short_date
from foi_cases.forms import add_service_errors
from foi_cases.models import Complaint, ComplaintStep, TribunalAppeal
from foi_cases.views import CHANGE, caseworker_required

NOT_SAVED = "The change was not saved: correct the form marked with an error."


@caseworker_required()
def complaint_list(request):
    holidays = services.extra_holidays()  # once for the list, not once per complaint
    rows = [
        (complaint, complaints.complaint_next_deadline(complaint, holidays=holidays))
        for complaint in complaints.open_complaints()
    ]
    rows.sort(key=lambda row: (row[1] is None, row[1].due_on if row[1] else None, row[0].pk))
    return render(
        request,
        "foi_cases/complaints/complaint_list.html",
        {"rows": [(c, complaints.complaint_stage(c), d) for c, d in rows], "today": services.today()},
    )


@caseworker_required(CHANGE)
def complaint_log(request, case_pk):
    case = get_object_or_404(selectors.case_detail_queryset(), pk=case_pk)
    refusal = complaints.complaint_refusal(case)
    form = ComplaintLogForm(request.POST or None, case=case)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            complaint = complaints.complaint_log(case=case, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Logged the complaint {complaint.reference}.")
            return redirect("foi_cases:complaint_detail", pk=complaint.pk)
    status = 400 if request.method == "POST" else 200
    context = {"case": case, "original": complaints.complaint_case(case), "form": form, "refusal": refusal}
    return render(request, "foi_cases/complaints/complaint_log.html", context, status=status)


def _complaint(pk) -> Complaint:
    return get_object_or_404(complaints.complaint_queryset().select_related("case__review_of"), pk=pk)


@caseworker_required()
def complaint_detail(request, pk):
    return _render_complaint(request, _complaint(pk))


def _render_complaint(request, complaint: Complaint, *, bound: tuple[str, object] | None = None, status: int = 200):
    """The complaint's page; `bound` is (key, form) for an action whose input was refused."""
    can_change = request.user.has_perm(CHANGE) and not complaint.closed_on
    forms = {}
    if can_change:
        if not complaint.submitted_on and not complaint.decision_on:
            forms["submissions"] = SubmissionsForm(complaint=complaint)
        if complaint.decision_on:
            forms["appeal"] = AppealForm(complaint=complaint)
        forms["close"] = ComplaintCloseForm(complaint=complaint)
        for step in complaint.steps.all():
            if not step.complied_on:
                forms[f"step-{step.pk}"] = StepComplyForm(step=step)
        for appeal in complaint.appeals.all():
            if not appeal.outcome:
                forms[f"appeal-{appeal.pk}"] = AppealOutcomeForm(appeal=appeal)
    if bound:
        forms[bound[0]] = bound[1]
    context = {
        "complaint": complaint,
        "case": complaint.case,
        "stage": complaints.complaint_stage(complaint),
        "next_deadline": complaints.complaint_next_deadline(complaint),
        "window": complaints.appeal_window(complaint),
        "can_change": can_change,
        "forms": forms,
        "steps": [(step, forms.get(f"step-{step.pk}")) for step in complaint.steps.all()],
        "appeals": [(appeal, forms.get(f"appeal-{appeal.pk}")) for appeal in complaint.appeals.all()],
        "open_action": bound[0] if bound else None,
    }
    return render(request, "foi_cases/complaints/complaint_detail.html", context, status=status)


def _perform(request, complaint: Complaint, key: str, form, service):
    """Run `service(data)` (it returns the success message) if the form is valid; else show the form's errors."""
    if form.is_valid():
        try:
            result = service(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, result)
            return redirect("foi_cases:complaint_detail", pk=complaint.pk)
    messages.error(request, NOT_SAVED)
    return _render_complaint(request, _complaint(complaint.pk), bound=(key, form), status=400)


@require_POST
@caseworker_required(CHANGE)
def complaint_submissions(request, pk):
    complaint = _complaint(pk)
    form = SubmissionsForm(request.POST, complaint=complaint)

    def record(data):
        complaints.complaint_record_submissions(complaint=complaint, actor=request.user, **data)
        return f"Recorded submissions sent on {short_date(data['submitted_on'])}."

    return _perform(request, complaint, "submissions", form, record)


@caseworker_required(CHANGE)
def complaint_decision(request, pk):
    """The decision notice has a page of its own: a finding per exemption and the steps ordered."""
    complaint = _complaint(pk)
    if complaint.decision_on or complaint.closed_on:
        messages.info(request, "The decision notice is recorded already, or the complaint is closed.")
        return redirect("foi_cases:complaint_detail", pk=complaint.pk)
    form, findings, steps = decision_forms(complaint, request.POST or None)
    if request.method == "POST":
        if form.is_valid() and findings.is_valid() and steps.is_valid():
            try:
                complaints.complaint_record_decision(
                    complaint=complaint,
                    actor=request.user,
                    **form.cleaned_data,
                    findings=[f.finding_input for f in findings.forms if f.finding_input],
                    steps=[s.step_input for s in steps.forms if s.step_input],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Recorded the decision notice.")
                return redirect("foi_cases:complaint_detail", pk=complaint.pk)
        messages.error(request, NOT_SAVED)
    context = {"complaint": complaint, "form": form, "findings": findings, "steps": steps}
    status = 400 if request.method == "POST" else 200
    return render(request, "foi_cases/complaints/complaint_decision.html", context, status=status)


@require_POST
@caseworker_required(CHANGE)
def complaint_step_comply(request, pk, step_pk):
    complaint = _complaint(pk)
    step = get_object_or_404(ComplaintStep, pk=step_pk, complaint=complaint)
    form = StepComplyForm(request.POST, step=step)

    def comply(data):
        complaints.complaint_step_comply(step=step, actor=request.user, **data)
        return f"Marked the step complied with on {short_date(data['complied_on'])}."

    return _perform(request, complaint, f"step-{step.pk}", form, comply)


@require_POST
@caseworker_required(CHANGE)
def complaint_appeal(request, pk):
    complaint = _complaint(pk)
    form = AppealForm(request.POST, complaint=complaint)

    def record(data):
        recorded = complaints.complaint_appeal_record(complaint=complaint, actor=request.user, **data)
        if recorded.warning:
            messages.warning(request, recorded.warning)
        return f"Recorded the appeal lodged on {short_date(recorded.appeal.lodged_on)}."

    return _perform(request, complaint, "appeal", form, record)


@require_POST
@caseworker_required(CHANGE)
def complaint_appeal_decide(request, pk, appeal_pk):
    complaint = _complaint(pk)
    appeal = get_object_or_404(TribunalAppeal, pk=appeal_pk, complaint=complaint)
    form = AppealOutcomeForm(request.POST, appeal=appeal)

    def decide(data):
        appeal_decided = complaints.complaint_appeal_decide(appeal=appeal, actor=request.user, **data)
        return f"Recorded the appeal's outcome: {appeal_decided.get_outcome_display().lower()}."

    return _perform(request, complaint, f"appeal-{appeal.pk}", form, decide)


@require_POST
@caseworker_required(CHANGE)
def complaint_close(request, pk):
    complaint = _complaint(pk)
    form = ComplaintCloseForm(request.POST, complaint=complaint)

    def close(data):
        complaints.complaint_close(complaint=complaint, actor=request.user, **data)
        return f"Closed the complaint {complaint.reference}."

    return _perform(request, complaint, "close", form, close)
