"""The staff screens for letters: start one from a case, edit it, submit it, and decide on it.

Thin on purpose: a form parses, one service call decides and writes (and audits), and the page
redirects with a message. The services enforce every rule (four eyes, immutability, applicant
blind); the pages only hide the buttons a person could not use. Letter pages never show the
requester's identity, except in the response to an audited reveal.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_POST

from config.celery import app as celery_app
from foi_cases import display
from foi_cases import services as case_services
from foi_cases.forms import add_service_errors
from foi_cases.models import Case
from foi_cases.views import CASEWORK, CHANGE, caseworker_required
from foi_cases.workflow import TransitionNotAllowed
from responses import issuing, library_content, selectors, services
from responses import publication as publishing
from responses.disclosure_forms import ProposeForm, PublishForm, WithdrawForm
from responses.forms import (
    LETTER_BADGES,
    TEXT_HELP,
    ApproveForm,
    ClearanceForm,
    LetterEditor,
    LetterStartForm,
    ReturnForm,
    SendForm,
    awaiting_text,
)
from responses.kinds import KIND_RULES
from responses.models import Approval, ClearanceStage, Dispatch, Letter, LetterPdf, Publication
from responses.services import ApprovalRefused

APPROVE = "responses.approve_letter"
REVEAL = "responses.reveal_requester"


def _letter(pk: int) -> Letter:
    return get_object_or_404(selectors.letter_detail_queryset(), pk=pk)


def _to_letter(letter: Letter, anchor: str = ""):
    return redirect(reverse("responses:letter_detail", kwargs={"pk": letter.pk}) + anchor)


def _to_case(case: Case):
    return redirect(reverse("foi_cases:case_detail", kwargs={"pk": case.pk}) + "#letters")


# --- starting a letter, and clearance ----------------------------------------------------------


@caseworker_required(CHANGE)
def letter_start(request, case_pk):
    case = get_object_or_404(Case.objects.select_related("body"), pk=case_pk)
    form = LetterStartForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_create(case=case, actor=request.user, **form.letter_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        except (TransitionNotAllowed, ApprovalRefused) as refusal:
            messages.error(request, str(refusal))
            return _to_case(case)
        else:
            messages.success(
                request,
                f"Drafted the {letter.get_kind_display().lower()} letter. Fill in the gaps marked [[ ]], "
                "then save and submit it for approval.",
            )
            return redirect("responses:letter_edit", pk=letter.pk)
    elif case.is_closed:
        messages.error(request, "The case is closed: reopen it before drafting a letter.")
        return _to_case(case)
    return render(request, "responses/letter_start.html", {"case": case, "form": form})


@require_POST
@caseworker_required(CHANGE)
def case_clearance(request, case_pk):
    case = get_object_or_404(Case, pk=case_pk)
    form = ClearanceForm(request.POST, case=case)
    if not form.is_valid():
        reasons = " ".join(message for errors in form.errors.values() for message in errors)
        messages.error(request, f"Clearance was not changed. {reasons}")
        return _to_case(case)
    try:
        services.case_set_clearance(case=case, actor=request.user, stages=form.cleaned_data["stages"])
    except ValidationError as error:
        messages.error(request, f"Clearance was not changed. {' '.join(error.messages)}")
    except services.ApprovalRefused as refusal:
        messages.error(request, f"Clearance was not changed. {refusal}")
    else:
        names = ", ".join(stage.name for stage in form.cleaned_data["stages"])
        messages.success(request, f"Further clearance: {names}." if names else "No further clearance.")
    return _to_case(case)


# --- the letter page ---------------------------------------------------------------------------


def _decide_refusal(letter: Letter, user) -> str:
    """Why this person may not approve or return the letter now ('' if they may)."""
    try:
        services.check_can_decide(letter, user)
    except (ApprovalRefused, TransitionNotAllowed) as refusal:
        return str(refusal)
    return ""


def _returned_comments(letter: Letter, approvals: list[Approval] | None = None) -> list[Approval]:
    """While a letter is returned: the comments that returned it (this round's)."""
    if letter.status != Letter.Status.RETURNED:
        return []
    if approvals is None:
        approvals = list(letter.approvals.select_related("decided_by", "stage"))
    return [a for a in approvals if a.decision == Approval.Decision.RETURNED and a.round == letter.round]


def _next_version(letter: Letter) -> Letter | None:
    return Letter.objects.filter(previous=letter).first()


def _render_letter(
    request,
    letter: Letter,
    *,
    approve_form=None,
    return_form=None,
    requester=None,
    send_forms=None,
    publication_forms=None,
):
    user, can_change = request.user, request.user.has_perm(CHANGE)
    approvals = list(
        Approval.objects.filter(letter=letter).select_related("decided_by", "stage").order_by("decided_at", "id")
    )
    refusal = _decide_refusal(letter, user)
    contributors = list(letter.contributors.all())
    context = {
        "letter": letter,
        "case": letter.case,
        "doc": selectors.letter_document(letter),
        "badges": LETTER_BADGES,
        "awaiting": awaiting_text(letter),
        "problems": services.letter_check(letter) if letter.is_editable else [],
        "approvals": approvals,
        "returned": _returned_comments(letter, approvals),
        "contributors": sorted(contributors, key=lambda u: u.get_full_name() or u.get_username()),
        "can_edit": can_change and letter.is_editable,
        # Recalling is the drafter's (or an editor's) step; whoever decides returns it with comments instead.
        "can_recall": can_change and letter.status == Letter.Status.SUBMITTED and user in contributors,
        "can_revise": can_change and letter.status == Letter.Status.APPROVED and not letter.dispatches.exists(),
        "can_decide": not refusal,
        # A supervisor who drafted or edited the letter is told why they see no Approve button.
        "decide_note": refusal if letter.status == Letter.Status.SUBMITTED and user.has_perm(APPROVE) else "",
        "can_reveal": user.has_perm(REVEAL),
        "requester": requester,
        "approve_form": approve_form or ApproveForm(letter=letter),
        "return_form": return_form or ReturnForm(letter=letter),
        "previous": letter.previous,
        "next": _next_version(letter),
        **_issuing_context(request, letter, send_forms),
        **_publication_context(request, letter, publication_forms),
    }
    response = render(request, "responses/letter_detail.html", context)
    if requester is not None:
        add_never_cache_headers(response)  # the identity must not be kept in any cache
    return response


@caseworker_required()
def letter_detail(request, pk):
    return _render_letter(request, _letter(pk))


# --- editing -----------------------------------------------------------------------------------


def _not_editable(letter: Letter) -> str:
    if letter.status == Letter.Status.SUBMITTED:
        return "The letter is awaiting approval: recall it before editing."
    return f"The letter is {letter.get_status_display().lower()} and cannot be changed: start a new version."


@caseworker_required(CHANGE)
def letter_edit(request, pk):
    letter = _letter(pk)
    if not letter.is_editable:
        messages.error(request, _not_editable(letter))
        return _to_letter(letter)
    try:
        services.check_independent(letter.case, letter.kind, request.user, "edit its outcome letter")
    except ApprovalRefused as refusal:
        messages.error(request, str(refusal))
        return _to_letter(letter)
    editor = LetterEditor(letter, request.POST or None)
    if request.method == "POST" and editor.is_valid():
        try:
            services.letter_update(letter=letter, actor=request.user, changes=editor.changes())
        except ValidationError as error:
            editor.add_service_errors(error)
        except TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
            return _to_letter(letter)
        else:
            messages.success(request, "Saved the letter.")
            if request.POST.get("then") == "edit":
                return redirect("responses:letter_edit", pk=letter.pk)
            return _to_letter(letter)
    if request.method == "POST":
        messages.error(request, "The letter was not saved: correct the fields marked with an error.")
    context = {
        "letter": letter,
        "case": letter.case,
        "editor": editor,
        "text_help": TEXT_HELP,
        "placeholders": library_content.PLACEHOLDERS,
        "problems": services.letter_check(letter),
        "returned": _returned_comments(letter),
    }
    return render(request, "responses/letter_edit.html", context)


# --- moving a letter through approval ----------------------------------------------------------


@require_POST
@caseworker_required(CHANGE)
def letter_submit(request, pk):
    letter = _letter(pk)
    try:
        services.letter_submit(letter=letter, actor=request.user)
    except ValidationError as error:
        count = len(error.messages)
        messages.error(
            request,
            f"Not submitted: {count} problem{'s' if count != 1 else ''} must be fixed first "
            "(listed under “Before you submit”).",
        )
        return _to_letter(letter, "#problems")
    except (TransitionNotAllowed, ApprovalRefused) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Submitted for approval. It cannot be edited unless it is recalled or returned.")
    return _to_letter(letter)


@require_POST
@caseworker_required(CHANGE)
def letter_recall(request, pk):
    letter = _letter(pk)
    try:
        services.letter_recall(letter=letter, actor=request.user)
    except (TransitionNotAllowed, services.ApprovalRefused) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Recalled: the letter is a draft again and can be edited.")
    return _to_letter(letter)


def _approved_message(letter: Letter) -> str:
    if letter.status != Letter.Status.APPROVED:
        return f"Approved at this stage. It now awaits {awaiting_text(letter)}."
    case = Case.objects.get(pk=letter.case_id)
    message = f"Approved. The letter is dated {services.ordinal_date(letter.letter_date)}."
    if case.status == Case.Status.READY_TO_SEND:
        message += f" {case.reference} is now: {case.get_status_display()}."
    return message


@require_POST
@caseworker_required()
def letter_approve(request, pk):
    # No permission in the decorator: a clearance stage's group may decide without being supervisors.
    # letter_approve checks who may decide (and refuses the drafter and every editor).
    letter = _letter(pk)
    form = ApproveForm(request.POST, letter=letter)
    if not form.is_valid():
        messages.error(request, "Not approved: correct the comment.")
        return _render_letter(request, letter, approve_form=form)
    try:
        letter = services.letter_approve(letter=letter, actor=request.user, comment=form.cleaned_data["comment"])
    except (ApprovalRefused, TransitionNotAllowed) as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _approved_message(letter))
    return _to_letter(letter)


@require_POST
@caseworker_required()
def letter_return(request, pk):
    letter = _letter(pk)
    form = ReturnForm(request.POST, letter=letter)
    if form.is_valid():
        try:
            services.letter_return(letter=letter, actor=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_errors(form, error)
        except (ApprovalRefused, TransitionNotAllowed) as refusal:
            messages.error(request, str(refusal))
            return _to_letter(letter)
        else:
            messages.success(request, "Returned to the drafter with your comments.")
            return _to_letter(letter)
    messages.error(request, "Not returned: say what needs to change.")
    return _render_letter(request, letter, return_form=form)


@require_POST
@caseworker_required(CHANGE)
def letter_revise(request, pk):
    letter = _letter(pk)
    try:
        new = services.letter_revise(letter=letter, actor=request.user)
    except (TransitionNotAllowed, ApprovalRefused) as refusal:
        messages.error(request, str(refusal))
        return _to_letter(letter)
    messages.success(
        request,
        f"Started version {new.version}. Version {letter.version} is kept as approved; this one needs approval.",
    )
    return redirect("responses:letter_edit", pk=new.pk)


@require_POST
@caseworker_required(REVEAL)
def letter_reveal_requester(request, pk):
    """Shown in this response only (never stored in the session), and recorded on the timeline."""
    letter = _letter(pk)
    requester = services.letter_reveal_requester(letter=letter, actor=request.user)
    return _render_letter(request, letter, requester=requester)


# --- the signed PDF and sending ----------------------------------------------------------------


def _issuing_context(request, letter: Letter, send_forms: dict | None = None) -> dict:
    pdf = LetterPdf.objects.filter(letter=letter).first()
    dispatches = list(letter.dispatches.select_related("recorded_by"))
    send_refusal = issuing.send_refusal(letter, request.user)
    can_send = not send_refusal
    forms = send_forms or {}
    today = case_services.today()
    return {
        "pdf": pdf,
        # Polling stops once the PDF is ready, or failed for good (no retry left).
        "pdf_polling": pdf is not None and (pdf.state in (pdf.State.QUEUED, pdf.State.RENDERING) or _retrying(pdf)),
        "pdf_retrying": pdf is not None and _retrying(pdf),
        "pdf_max_attempts": issuing.MAX_ATTEMPTS,
        "can_retry_pdf": pdf is not None and pdf.state == pdf.State.FAILED and request.user.has_perm(CHANGE),
        "dispatches": dispatches,
        "can_send": can_send,
        # Why a ready letter cannot be sent (not for a PDF still in the making: the panel says so).
        "send_note": send_refusal if pdf is not None and pdf.state == pdf.State.READY else "",
        # The first dispatch of a final response closes the case as responded.
        "send_closes": KIND_RULES[letter.kind].final and not dispatches,
        "can_email": can_send and issuing.can_email(letter),
        # Its date and review deadline were fixed at approval: sent much later, both mislead.
        "dated_days_ago": (today - letter.letter_date).days if can_send and not dispatches else 0,
        "clock_prompt": issuing.clock_prompt(letter) if request.user.has_perm(CHANGE) else None,
        "email_form": forms.get("email") or SendForm(letter=letter, method=Dispatch.Method.EMAIL),
        "post_form": forms.get("post") or SendForm(letter=letter, method=Dispatch.Method.POST),
    }


def _retrying(pdf: LetterPdf) -> bool:
    """A worker will try again by itself (run in-process, as in `make run`, nothing retries)."""
    automatic = not celery_app.conf.task_always_eager
    return automatic and pdf.state == pdf.State.FAILED and pdf.attempts < issuing.MAX_ATTEMPTS


@caseworker_required()
def letter_pdf_status(request, pk):
    """The PDF panel alone: the letter page polls it until the PDF is ready or has failed."""
    letter = _letter(pk)
    response = render(
        request, "responses/includes/letter_pdf.html", {"letter": letter, **_issuing_context(request, letter)}
    )
    add_never_cache_headers(response)
    return response


@caseworker_required()
def letter_pdf_download(request, pk):
    letter = _letter(pk)
    pdf = LetterPdf.objects.filter(letter=letter, state=LetterPdf.State.READY).first()
    if pdf is None:
        raise Http404("This letter has no signed PDF yet.")
    return FileResponse(
        issuing.pdf_open(pdf),
        as_attachment=True,
        filename=issuing.attachment_name(letter),
        content_type="application/pdf",
    )


@require_POST
@caseworker_required(CHANGE)
def letter_pdf_retry(request, pk):
    letter = _letter(pk)
    try:
        issuing.letter_pdf_retry(letter=letter, actor=request.user)
    except TransitionNotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "The signed PDF is being made again.")
    return _to_letter(letter, "#letter-pdf")


@require_POST
@caseworker_required()
def letter_send(request, pk):
    letter = _letter(pk)
    method = Dispatch.Method.POST if "send-post-method" in request.POST else Dispatch.Method.EMAIL
    form = SendForm(request.POST, letter=letter, method=method)
    if form.is_valid():
        try:
            sent = issuing.letter_send(
                letter=letter, actor=request.user, method=method, sent_on=form.cleaned_data.get("sent_on")
            )
        except ValidationError as error:
            if "method" not in error.message_dict:  # the date posted: shown beside its field
                add_service_errors(form, error)
            else:  # the hidden choice of method has nowhere to show a message
                messages.error(request, f"Not sent. {' '.join(error.message_dict['method'])}")
                return _to_letter(letter, "#letter-pdf")
        except TransitionNotAllowed as refusal:  # SendRefused is a PermissionDenied: 403
            messages.error(request, str(refusal))
            return _to_letter(letter)
        else:
            messages.success(request, _sent_message(sent))
            if sent.not_reached:
                references = ", ".join(case.reference for case in sent.not_reached)
                messages.warning(
                    request, f"The mail server did not accept the address for {references}: post the letter there."
                )
            return _to_letter(letter, "#letter-pdf")
    messages.error(request, "Not sent: correct the form.")
    return _render_letter(request, letter, send_forms={method: form})


def _sent_message(sent: issuing.Sent) -> str:
    dispatch = sent.dispatch
    how = "Emailed to the requester" if dispatch.method == Dispatch.Method.EMAIL else "Recorded as posted"
    message = f"{how} on {services.ordinal_date(dispatch.sent_on)}."
    for case in sent.responded:
        timing = "in time" if case.answered_in_time else "late"
        message += f" {case.reference} is now responded ({timing})."
    return message


# --- the disclosure log ------------------------------------------------------------------------


def _publication_context(request, letter: Letter, forms: dict | None = None) -> dict:
    """The letter page's Disclosure log panel: shown for an approved final response, or once proposed."""
    user, forms = request.user, forms or {}
    people = ("proposed_by", "published_by", "withdrawn_by")
    publication = Publication.objects.filter(letter=letter).select_related(*people).first()
    state = publication.state if publication else None
    supervisor = user.has_perm(publishing.PUBLISH)
    refusal = publishing.propose_refusal(letter)
    proposer = publication is not None and publication.proposed_by_id == user.pk
    can_propose = user.has_perm(publishing.PROPOSE) and not refusal and state in (None, Publication.State.WITHDRAWN)
    can_publish = supervisor and state == Publication.State.PROPOSED and not proposer
    can_withdraw = supervisor and state in (Publication.State.PROPOSED, Publication.State.PUBLISHED)
    return {
        "publication": publication,
        "show_publication": publication is not None
        or (KIND_RULES[letter.kind].final and letter.status == Letter.Status.APPROVED),
        "publication_note": refusal if publication is None else "",
        "can_propose": can_propose,
        "can_publish": can_publish,
        # A supervisor who proposed the entry is told why they see no Publish button.
        "publish_note": "You proposed this entry: another supervisor must check and publish it."
        if supervisor and state == Publication.State.PROPOSED and proposer
        else "",
        "can_withdraw": can_withdraw,
        "propose_form": forms.get("propose") or (ProposeForm(letter=letter) if can_propose else None),
        "publish_form": forms.get("publish") or (PublishForm(publication=publication) if can_publish else None),
        "withdraw_form": forms.get("withdraw") or (WithdrawForm(publication=publication) if can_withdraw else None),
    }


def _publication_refused(request, letter: Letter, refusal: Exception):
    messages.error(request, str(refusal))
    return _to_letter(letter, "#disclosure-log")


def _publication_step(request, letter: Letter, form, *, key: str, act, done: str, not_done: str):
    """One disclosure-log step from the letter page: the service's field errors go back on the form,
    a refusal (wrong state, wrong person) is said in a message on the letter page."""
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except (TransitionNotAllowed, publishing.PublicationRefused) as refusal:
            return _publication_refused(request, letter, refusal)
        else:
            messages.success(request, done)
            return _to_letter(letter, "#disclosure-log")
    messages.error(request, not_done)
    return _render_letter(request, letter, publication_forms={key: form})


@require_POST
@caseworker_required(publishing.PROPOSE)
def publication_propose(request, pk):
    letter = _letter(pk)
    return _publication_step(
        request,
        letter,
        ProposeForm(request.POST, letter=letter),
        key="propose",
        act=lambda data: publishing.publication_propose(letter=letter, actor=request.user, title=data["title"]),
        done="Proposed for the disclosure log: a supervisor checks it before it is published.",
        not_done="Not proposed: correct the title.",
    )


@require_POST
@caseworker_required(publishing.PUBLISH)
def publication_publish(request, pk):
    letter = _letter(pk)
    publication = get_object_or_404(Publication, letter=letter)

    def publish(data):
        publishing.publication_publish(
            publication=publication,
            actor=request.user,
            personal_data_removed=data["personal_data_removed"],
            attachments_checked=data["attachments_checked"],
            title=data["title"],
            redacted_pdf=data["redacted_pdf"] or None,
        )

    return _publication_step(
        request,
        letter,
        PublishForm(request.POST, request.FILES, publication=publication),
        key="publish",
        act=publish,
        done="Published in the disclosure log.",
        not_done="Not published: complete the checks marked with an error.",
    )


@require_POST
@caseworker_required(publishing.PUBLISH)
def publication_withdraw(request, pk):
    letter = _letter(pk)
    publication = get_object_or_404(Publication, letter=letter)
    return _publication_step(
        request,
        letter,
        WithdrawForm(request.POST, publication=publication),
        key="withdraw",
        act=lambda data: publishing.publication_withdraw(
            publication=publication, actor=request.user, reason=data["reason"]
        ),
        done="Withdrawn: the entry and its PDF are no longer public. The record is kept.",
        not_done="Not withdrawn: say why.",
    )


@caseworker_required(publishing.PUBLISH)
def publication_queue(request):
    context = {
        "pending": list(publishing.pending_publications()),
        "withdrawn": publishing.withdrawn_publications(),
    }
    return render(request, "disclosure/pending.html", context)


# --- the approval queue ------------------------------------------------------------------------


def _may_approve(user) -> bool:
    if user.has_perm(APPROVE):
        return True
    return ClearanceStage.objects.filter(is_active=True, group__in=user.groups.all()).exists()


@caseworker_required()
def approval_queue(request):
    letters = list(selectors.approval_queue(request.user).select_related("awaiting_stage__group"))
    today = case_services.today()
    time_left = display.time_left_by_case([letter.case for letter in letters], today, case_services.extra_holidays())
    rows = [(letter, awaiting_text(letter), time_left.get(letter.case_id)) for letter in letters]
    context = {"rows": rows, "may_approve": _may_approve(request.user), "today": today}
    return render(request, "responses/approval_queue.html", context)


@dataclass(frozen=True)
class ApprovalsNav:
    show: bool
    count: int


def approvals_nav(request) -> dict:
    """Context processor: the nav's Approvals link and how many letters wait (lazy: counted only when shown)."""
    user = request.user
    if not user.is_authenticated or not user.has_perm(CASEWORK):
        return {}

    def build() -> ApprovalsNav:
        show = _may_approve(user)
        return ApprovalsNav(show, selectors.approval_queue(user).count() if show else 0)

    return {"approvals_nav": SimpleLazyObject(build)}
