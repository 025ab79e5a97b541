"""The staff screens. Thin on purpose: parse with a form, call a service, redirect with a message.

Every page needs a casework role (`foi_cases.view_case`): anonymous visitors are sent to log in,
signed-in users without a role get 403. Actions that change a case are POST-only and need the
permission of the role that may take them.

Cases are handled applicant blind: the case page never shows who asked, except in the response to
an audited reveal. The edit page shows the requester's details only to those with the same
permission, and records that it showed them.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dateformat import format as format_date
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from foi_cases import display, portal, selectors, services, workflow
from foi_cases.deadlines import DeadlineError, EventKind, Regime, compute_deadline
from foi_cases.forms import (
    CALCULATOR_FIELD_MAP,
    CLOCK_ACTIONS,
    REQUESTER_FIELD_MAP,
    AssignForm,
    CaseCreateForm,
    CaseEditForm,
    CloseForm,
    DeadlineCalculatorForm,
    EndWithoutResponseForm,
    LinkForm,
    ReopenForm,
    ReviewLogForm,
    StaffCaseFilter,
    VoidClockEventForm,
    add_service_errors,
    clock_event_form,
)
from foi_cases.models import Case, ClockEvent, RequesterMessage
from responses.forms import case_letters_panel

CASES_PER_PAGE = 25
CASEWORK = "foi_cases.view_case"
ADD = "foi_cases.add_case"
CHANGE = "foi_cases.change_case"
CLOSE = "foi_cases.close_case"
REOPEN = "foi_cases.reopen_case"
REVEAL = services.REVEAL_REQUESTER


def caseworker_required(*perms: str):
    """Signed in (else the login page) with a casework role and `perms` (else 403)."""

    def decorator(view):
        return login_required(permission_required([CASEWORK, *perms], raise_exception=True)(view))

    return decorator


def _day(day) -> str:
    return format_date(day, "j F Y") if day else "not set (the clock is stopped)"


# --- dashboard and list ------------------------------------------------------------------------


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    count: int
    cases: list
    query: str
    empty: str


@caseworker_required()
def dashboard(request):
    today = services.today()
    counts, lists = selectors.dashboard_counts(request.user), selectors.dashboard_lists(request.user)
    unit = services.unit_get()
    running = [("status", status) for status in Case.Status.values if status not in Case.FINISHED]
    due_soon = [
        *(("status", status) for status in Case.RUNNING),
        ("due_after", today.isoformat()),
        ("due_before", selectors.due_soon_last_day(today).isoformat()),
    ]
    panels = [
        Panel(
            "mine",
            "My cases",
            counts["mine"],
            list(lists["mine"]),
            urlencode([*running, ("officer", request.user.pk), ("sort", "due")]),
            "No open cases are assigned to you.",
        ),
        Panel(
            "due_soon",
            f"Due within {unit.due_soon_working_days} working days",
            counts["due_soon"],
            list(lists["due_soon"]),
            urlencode([*due_soon, ("sort", "due")]),
            "Nothing is due soon.",
        ),
        Panel(
            "overdue",
            "Overdue",
            counts["overdue"],
            list(lists["overdue"]),
            urlencode([("overdue", "true"), ("sort", "due")]),
            "No case is overdue.",
        ),
        Panel(
            "unassigned",
            "Unassigned",
            counts["unassigned"],
            list(lists["unassigned"]),
            urlencode([("unassigned", "true"), ("sort", "due")]),
            "Every open case has an officer.",
        ),
    ]
    # A clarification sent through the portal changes nothing until an officer records it on the clock.
    replies, replied = selectors.clarification_replies_to_record()
    panels.insert(
        1,
        Panel(
            "clarification_replies",
            "Clarification replies to record",
            replies,
            replied,
            urlencode([("clarification_reply", "true"), ("sort", "received")]),
            "No clarification sent through the portal is waiting to be recorded.",
        ),
    )
    shown = [case for panel in panels for case in panel.cases]
    time_left = display.time_left_by_case(shown, today, services.extra_holidays())
    return render(request, "foi_cases/dashboard.html", {"panels": panels, "time_left": time_left})


@caseworker_required()
def case_list(request):
    filterset = StaffCaseFilter(request.GET, queryset=selectors.case_list_queryset(), request=request)
    page = selectors.case_page(filterset.qs, request.GET.get("page"), CASES_PER_PAGE)
    time_left = display.time_left_by_case(page, services.today(), services.extra_holidays())
    rows = [(case, time_left.get(case.pk)) for case in page]
    return render(request, "foi_cases/case_list.html", {"filter": filterset, "page": page, "rows": rows})


# --- logging and editing -----------------------------------------------------------------------


@caseworker_required("foi_cases.add_case", CHANGE)
def case_new(request):
    form = CaseCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(actor=request.user, **form.case_arguments())
        except ValidationError as error:
            add_service_errors(form, error, REQUESTER_FIELD_MAP)
        else:
            messages.success(request, f"Logged {case.reference}, due {_day(case.due_on)}")
            return redirect("foi_cases:case_detail", pk=case.pk)
    return render(request, "foi_cases/case_form.html", {"form": form, "title": "Log a new request"})


@caseworker_required(CHANGE)
def case_edit(request, pk):
    """Edit a case's details; the requester's too for users allowed to see who asked.

    Caseworkers without that permission get the same page without the requester's fields, so they
    can still correct a subject or a date; nothing is revealed, so nothing is recorded as a reveal.
    """
    case = get_object_or_404(selectors.case_list_queryset(), pk=pk)
    if case.is_closed:
        messages.error(request, "This case is closed; reopen it first.")
        return redirect("foi_cases:case_detail", pk=case.pk)
    with_requester = request.user.has_perm(REVEAL)
    if with_requester and request.method != "POST":
        # The form shows the requester's details. A save records its own changes, so only opening is audited.
        services.case_reveal_requester(case=case, actor=request.user, where="to edit the case")
    form = CaseEditForm(request.POST or None, case=case, with_requester=with_requester)
    if request.method == "POST" and form.is_valid():
        try:
            _save_edit(case, form, request.user)
        except ValidationError as error:
            add_service_errors(form, error, REQUESTER_FIELD_MAP)
        except workflow.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect("foi_cases:case_detail", pk=case.pk)
        else:
            messages.success(request, f"Saved the changes to {case.reference}.")
            return redirect("foi_cases:case_detail", pk=case.pk)
    response = render(
        request, "foi_cases/case_form.html", {"form": form, "case": case, "title": f"Edit {case.reference}"}
    )
    add_never_cache_headers(response)  # the requester's identity must not be kept in any cache
    return response


@transaction.atomic
def _save_edit(case: Case, form: CaseEditForm, actor) -> None:
    # One transaction, so a refused requester change does not leave the case half edited.
    changes = form.case_changes()
    if changes:
        services.case_update(case=case, actor=actor, **changes)
    items = form.items_changed()
    if items is not None:
        services.case_set_items(case=case, actor=actor, items=items)
    if form.requester_changed():  # never for a form built without the requester's fields
        services.case_update_requester(case=case, actor=actor, details=form.requester_details())


# --- the case page -----------------------------------------------------------------------------


@caseworker_required()
def case_detail(request, pk):
    case = get_object_or_404(selectors.case_detail_queryset(), pk=pk)
    return _render_case(request, case)


@dataclass(frozen=True)
class Action:
    key: str
    title: str
    form: object


def _latest_event(case: Case) -> ClockEvent | None:
    live = [event for event in case.clock_events.all() if event.voided_at is None]
    return max(live, key=lambda event: (event.occurred_on, event.pk), default=None)


def _case_actions(case: Case, user) -> list[Action]:
    """The actions the workflow allows now, in the order a case usually meets them."""
    allowed, actions = workflow.allowed(case), []
    can_change, can_close = user.has_perm(CHANGE), user.has_perm(CLOSE)
    for kind, clock in CLOCK_ACTIONS.items():
        if kind is EventKind.EXTENSION and case.regime == Regime.FOISA:
            continue  # FOISA has no extension of the 20 working days.
        if can_change and clock.transition in allowed:
            actions.append(Action(kind.value, clock.title, clock_event_form(case, kind)))
    latest = _latest_event(case)
    if can_change and latest and not case.is_closed:
        title = f"Void the latest clock event ({latest.get_kind_display().lower()}, {_day(latest.occurred_on)})"
        actions.append(Action("void", title, VoidClockEventForm(case=case, event=latest)))
    if can_close and "close" in allowed:
        actions.append(Action("close", "Close with a response", CloseForm(case=case)))
    for ending, title in (("withdraw", "Withdrawn by the requester"), ("lapse", "Lapsed: no clarification or fee")):
        if can_close and ending in allowed:
            actions.append(Action(ending, title, EndWithoutResponseForm(case=case, ending=ending)))
    if user.has_perm(REOPEN) and "reopen" in allowed:
        actions.append(Action("reopen", "Reopen the case", ReopenForm(case=case)))
    return actions


def _can_log_review(case: Case, user) -> bool:
    """An internal review asked for by email, post or phone (the Internal reviews card offers it)."""
    return user.has_perms([ADD, CHANGE]) and services.review_refusal(case) is None


@require_POST
@caseworker_required(REVEAL)
def case_reveal_requester(request, pk):
    """Shown in this response only (never stored in the session), and recorded on the timeline."""
    case = get_object_or_404(selectors.case_detail_queryset(), pk=pk)
    requester = services.case_reveal_requester(case=case, actor=request.user)
    return _render_case(request, case, requester=requester)


def _render_case(request, case: Case, *, bound: tuple[str, object] | None = None, requester=None):
    """The case page; `bound` is (key, form) for an action whose input was refused.

    `requester` is given only in the response to an audited reveal; otherwise the page is applicant blind.
    """
    # The Letters section and its forms belong to the responses app.

    today = services.today()
    deadline = services.case_deadline(case)
    actions = _case_actions(case, request.user)
    link_forms = {kind: LinkForm(case=case, kind=kind) for kind in services.LINK_KINDS}
    assign_form = AssignForm(case=case)
    review_form = ReviewLogForm(case=case) if _can_log_review(case, request.user) else None
    if bound:
        key, form = bound
        actions = [Action(a.key, a.title, form) if a.key == key else a for a in actions]
        link_forms = {kind: form if kind == key else f for kind, f in link_forms.items()}
        assign_form = form if key == "assign" else assign_form
        review_form = form if key == "review" else review_form
    context = {
        "case": case,
        "deadline": deadline,
        "time_left": None if case.status not in Case.RUNNING else display.deadline_time_left(deadline, today),
        "clock_stopped": display.clock_stopped_text(deadline),
        "closing": display.closing_text(case),
        "actions": actions,
        "open_action": bound[0] if bound else None,
        "assign_form": assign_form,
        "links": [
            (
                "answered_with",
                "Answered together with",
                "Add a case answered together",
                case.answered_with.all(),
                link_forms["answered_with"],
            ),
            ("related_to", "Related cases", "Add a related case", case.related_to.all(), link_forms["related_to"]),
        ],
        "timeline": selectors.case_timeline(case),
        "can_change": request.user.has_perm(CHANGE),
        # Editing shows (and may change) the requester's details, so it needs the reveal permission too.
        "can_edit": request.user.has_perm(CHANGE),
        "can_reveal": request.user.has_perm(REVEAL),
        "requester": requester,
        "letters": case_letters_panel(case, request.user),
        "status_links": _status_links(case) if request.user.has_perm(CHANGE) else None,
        "requester_messages": _requester_messages(case, request.user),
        "reviews": list(case.reviews.order_by("received_on", "pk")),
        "review_form": review_form,
        "regime_hint": portal.regime_hint_words(case),
    }
    response = render(request, "foi_cases/case_detail.html", context)
    if requester is not None:
        add_never_cache_headers(response)  # the identity must not be kept in any cache
    return response


# --- the requester portal, as the case page shows it ----------------------------------------------


@dataclass(frozen=True)
class StatusLinks:
    """The requester's private status links: how many still work, when one was last opened, and
    whether there is an email address to send one to (never the address itself: applicant blind).
    `acknowledgement_failed`: a web request's acknowledgement could not be emailed, and none has since."""

    live: int
    last_used_on: date | None
    can_email: bool
    acknowledgement_failed: bool = False


def _status_links(case: Case) -> StatusLinks:
    found = case.status_tokens.aggregate(
        live=Count("pk", filter=Q(revoked_at__isnull=True)), last_used_on=Max("last_used_on")
    )
    return StatusLinks(
        found["live"], found["last_used_on"], bool(case.requester.email), portal.acknowledgement_failed(case)
    )


@dataclass(frozen=True)
class MessageRow:
    message: RequesterMessage
    received_on: date
    # A clarification that arrived after we asked for one, while the clock waits for it: the page
    # offers to record it as received on that day (the clock's own rules then apply).
    offer_clock: bool


def _requester_messages(case: Case, user) -> list[MessageRow]:
    asked_on = None
    if user.has_perm(CHANGE) and "receive_clarification" in workflow.allowed(case):
        asked = [
            event.occurred_on
            for event in case.clock_events.all()
            if event.voided_at is None and event.kind == EventKind.CLARIFICATION_REQUESTED
        ]
        asked_on = max(asked, default=None)
    rows = []
    for message in case.requester_messages.all():
        received_on = timezone.localdate(message.received_at)
        offer = asked_on is not None and message.kind == RequesterMessage.Kind.CLARIFICATION and received_on >= asked_on
        rows.append(MessageRow(message, received_on, offer))
    return rows


@require_POST
@caseworker_required(CHANGE)
def case_status_link_email(request, pk):
    """Email the requester an acknowledgement with a new private link (links sent earlier still work)."""
    case = _case_for_action(pk)
    try:
        portal.acknowledgement_send(case=case, actor=request.user)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        # Never the address: the page may be read by someone not allowed to see who asked.
        messages.success(request, "A new private status link was emailed to the requester.")
    return redirect("foi_cases:case_detail", pk=case.pk)


@require_POST
@caseworker_required(CHANGE)
def case_status_links_revoke(request, pk):
    case = _case_for_action(pk)
    revoked = portal.status_tokens_revoke(case=case, actor=request.user)
    if revoked:
        messages.success(
            request, f"Revoked {revoked} private status link{'s' if revoked != 1 else ''}: none of them works any more."
        )
    else:
        messages.info(request, "There were no working status links to revoke.")
    return redirect("foi_cases:case_detail", pk=case.pk)


def _case_for_action(pk: int) -> Case:
    return get_object_or_404(selectors.case_detail_queryset(), pk=pk)


def _perform(request, case: Case, key: str, form, service, field_map: dict | None = None):
    """Run `service(data)` (which returns the success message) if the form is valid.

    Refusals show on the form (ValidationError, its fields renamed by `field_map`) or as a message
    (TransitionNotAllowed).
    """
    if form.is_valid():
        try:
            result = service(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, field_map or {"responded_on": "on", "other": "reference"})
        except workflow.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
            return redirect("foi_cases:case_detail", pk=case.pk)
        else:
            messages.success(request, result)
            return redirect("foi_cases:case_detail", pk=case.pk)
    offered = {action.key for action in _case_actions(case, request.user)} | {"assign", *services.LINK_KINDS}
    if _can_log_review(case, request.user):
        offered.add("review")
    if key not in offered:
        # A request for an action the page does not offer (e.g. extending a FOISA case): no form
        # to mark, so say what was wrong.
        reasons = " ".join(message for errors in form.errors.values() for message in errors)
        messages.error(request, f"The change was not saved. {reasons}".strip())
        return redirect("foi_cases:case_detail", pk=case.pk)
    messages.error(request, "The change was not saved: correct the form marked with an error.")
    return _render_case(request, case, bound=(key, form))


def _now_due(case: Case) -> str:
    case.refresh_from_db(fields=["due_on", "status"])
    return f"Now due {_day(case.due_on)}." if case.due_on else "The clock is stopped."


@require_POST
@caseworker_required(CHANGE)
def clock_event_record(request, pk, kind):
    try:
        kind = EventKind(kind)
    except ValueError:
        raise Http404("No such clock event.") from None
    case = _case_for_action(pk)
    form = clock_event_form(case, kind, request.POST)

    def record(data):
        event = services.clock_event_record(
            case=case, actor=request.user, kind=kind, on=data["on"], days=data.get("days") or 0, note=data["note"]
        )
        return f"Recorded: {event.get_kind_display().lower()} on {_day(event.occurred_on)}. {_now_due(case)}"

    return _perform(request, case, kind.value, form, record)


@require_POST
@caseworker_required(CHANGE)
def clock_event_void(request, pk):
    case = _case_for_action(pk)
    form = VoidClockEventForm(request.POST, case=case)

    def void(data):
        event = get_object_or_404(ClockEvent, pk=data["event"], case=case)
        services.clock_event_void(case=case, actor=request.user, event=event, reason=data["reason"])
        return f"Voided: {event.get_kind_display().lower()} on {_day(event.occurred_on)}. {_now_due(case)}"

    return _perform(request, case, "void", form, void)


@require_POST
@caseworker_required(CHANGE, CLOSE)
def case_close(request, pk):
    case = _case_for_action(pk)
    form = CloseForm(request.POST, case=case)

    def close(data):
        closed = services.case_close(
            case=case, actor=request.user, outcome=data["outcome"], responded_on=data["responded_on"], note=data["note"]
        )
        return f"Closed {closed.reference}: {closed.get_outcome_display()}. {display.closing_text(closed)}."

    return _perform(request, case, "close", form, close)


def _end_without_response(request, pk, ending: str, service):
    case = _case_for_action(pk)
    form = EndWithoutResponseForm(request.POST, case=case, ending=ending)

    def end(data):
        ended = service(case=case, actor=request.user, on=data["on"], note=data["note"])
        return f"Closed {ended.reference}: {ended.get_outcome_display()}."

    return _perform(request, case, ending, form, end)


@require_POST
@caseworker_required(CHANGE, CLOSE)
def case_withdraw(request, pk):
    return _end_without_response(request, pk, "withdraw", services.case_withdraw)


@require_POST
@caseworker_required(CHANGE, CLOSE)
def case_lapse(request, pk):
    return _end_without_response(request, pk, "lapse", services.case_lapse)


@require_POST
@caseworker_required(REOPEN)
def case_reopen(request, pk):
    case = _case_for_action(pk)
    form = ReopenForm(request.POST, case=case)

    def reopen(data):
        services.case_reopen(case=case, actor=request.user, reason=data["reason"])
        return f"Reopened {case.reference}. {_now_due(case)}"

    return _perform(request, case, "reopen", form, reopen)


# The service's names for what the review form calls the reasons; a refusal of the review itself
# (already reviewed, say) is about the whole form.
REVIEW_FIELD_MAP = {"request_text": "reasons", "items": "reasons", "review_of": NON_FIELD_ERRORS}


@require_POST
@caseworker_required(ADD, CHANGE)
def case_review_log(request, pk):
    """An internal review asked for by email, post or phone (the portal logs its own)."""
    case = _case_for_action(pk)
    form = ReviewLogForm(request.POST, case=case)

    def log(data):
        review = services.review_log(case=case, actor=request.user, **data)
        return f"Logged the internal review {review.reference}, due {_day(review.due_on)}."

    return _perform(request, case, "review", form, log, REVIEW_FIELD_MAP)


@require_POST
@caseworker_required(CHANGE)
def case_assign(request, pk):
    case = _case_for_action(pk)
    form = AssignForm(request.POST, case=case)

    def assign(data):
        officer = data["officer"]
        services.case_assign(case=case, actor=request.user, officer=officer)
        return f"Assigned to {officer.get_full_name() or officer.get_username()}." if officer else "Unassigned."

    return _perform(request, case, "assign", form, assign)


def _link_kind(kind: str) -> str:
    if kind not in services.LINK_KINDS:
        raise Http404("No such link.")
    return kind


@require_POST
@caseworker_required(CHANGE)
def case_link(request, pk, kind):
    kind, case = _link_kind(kind), _case_for_action(pk)
    form = LinkForm(request.POST, case=case, kind=kind)

    def link(data):
        other = data["reference"]
        services.case_link(case=case, actor=request.user, other=other, kind=kind)
        return f"{other.reference} is now {services.LINK_KINDS[kind]} {case.reference}."

    return _perform(request, case, kind, form, link)


@require_POST
@caseworker_required(CHANGE)
def case_unlink(request, pk, kind, other_pk):
    kind, case = _link_kind(kind), _case_for_action(pk)
    other = get_object_or_404(Case, pk=other_pk)
    try:
        services.case_unlink(case=case, actor=request.user, other=other, kind=kind)
    except ValidationError as refusal:
        # e.g. a second click, or another officer removed the link first.
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, f"{other.reference} is no longer {services.LINK_KINDS[kind]} {case.reference}.")
    return redirect("foi_cases:case_detail", pk=case.pk)


# --- the deadline calculator -------------------------------------------------------------------


@caseworker_required()
def deadline_calculator(request):
    form = DeadlineCalculatorForm(request.GET or None)
    deadline = None
    if form.is_bound and form.is_valid():
        try:
            deadline = compute_deadline(
                form.cleaned_data["regime"],
                form.cleaned_data["received_on"],
                form.engine_events(),
                extra_holidays=services.extra_holidays(),
                internal_target_day=services.unit_get().internal_target_day,
            )
        except DeadlineError as error:
            form.add_error(CALCULATOR_FIELD_MAP.get(error.field), error.message)
    context = {"form": form, "deadline": deadline, "clock_stopped": deadline and display.clock_stopped_text(deadline)}
    return render(request, "foi_cases/deadline_calculator.html", context)
