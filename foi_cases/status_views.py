"""The requester's status pages: no accounts, no sign-in.

A requester reaches their case in one of two ways: the private link from the acknowledgement email
(/status/<token>/), or the reference and email address they used (/status/, which then remembers
the case in this browser's session: /status/case/). Both lead to the same page, built only from
portal.public_status, with the same two forms (answer a clarification, ask for an internal review).

Every page here that shows a case or carries a token is private: never cached, never sent on to
another site as a Referer (the token is in the address), never indexed.

Guessing is throttled by the portal: a failed lookup, or an unknown or revoked link, counts against
the client's address (and a lookup against the reference too); once over the limit every lookup and
every link answers HTTP 429, right or wrong. A wrong reference and a wrong email address get the
same page, byte for byte (apart from the CSRF token, masked afresh on every page): a form page with
an error, so HTTP 200, and the form empty, so the answer does not even echo which was typed.
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from config.network import client_address
from foi_cases import portal, services
from foi_cases.deadlines import Regime, short_date
from foi_cases.forms import add_service_errors
from foi_cases.models import Case
from foi_cases.status_forms import ClarificationForm, ReviewRequestForm, StatusLookupForm
from responses import issuing
from responses.models import LetterPdf

PAGE_CACHE = caches["status_pages"]
# Rendered into the cached page where each visitor's own CSRF token goes (letters and digits only,
# so escaping leaves it as it is).
CSRF_PLACEHOLDER = "csrfPlaceholder7b1f0c9e5d2a4"

# The case found by reference and email address, remembered for this browser only.
SESSION_CASE = "portal_status_case"

# The token in the address must never reach another site in a Referer header. "same-origin" sends
# none to any other site; "no-referrer" would also make browsers send "Origin: null" with every form
# posted from the page, which Django's CSRF check (rightly) refuses, so no form here would work.
REFERRER_POLICY = "same-origin"
PRIVATE_HEADERS = {
    # What add_never_cache_headers sets (not kept by browsers or proxies), written once here: this
    # is the hottest path of the public site.
    "Cache-Control": "max-age=0, no-cache, no-store, must-revalidate, private",
    "Expires": "Thu, 01 Jan 1970 00:00:00 GMT",
    "Referrer-Policy": REFERRER_POLICY,
    "X-Robots-Tag": "noindex, nofollow",
}


def private(view):
    """Headers for every page that shows a case or carries a private token in its address."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        for header, value in PRIVATE_HEADERS.items():
            response[header] = value
        return response

    return wrapped


@dataclass(frozen=True)
class Access:
    """A case the requester has proved they may see, and where its page and forms are."""

    case: Case
    page_url: str
    review_url: str
    clarify_url: str
    by_session: bool
    token_id: int = 0  # the private link it was opened with (0: reference and email)


# --- finding the case ---------------------------------------------------------------------------


def _by_token(request, token: str) -> Access | HttpResponse:
    hit = portal.status_token_hit(token)
    if hit is None:
        return _unknown_token(request)
    case = Case.objects.select_related("body").get(pk=hit.case_id)
    return _token_access(token, case, hit)


def _token_access(token: str, case: Case, hit: portal.TokenHit) -> Access:
    return Access(
        case=case,
        page_url=reverse("status:page", args=[token]),
        review_url=reverse("status:review", args=[token]),
        clarify_url=reverse("status:clarify", args=[token]),
        by_session=False,
        token_id=hit.token_id,
    )


def _unknown_token(request) -> HttpResponse:
    """A link that is not (or no longer) live. Only failures count towards the address's limit: a
    live 256-bit token cannot be guessed, and a neighbour's typos must not lock a requester out."""
    address = client_address(request)
    try:
        portal.lookup_throttle_check(address=address)
    except portal.Throttled as throttled:
        return _throttled(request, throttled)
    portal.lookup_failure_record(address=address)
    return _lookup_page(request, StatusLookupForm(), mode="link_not_found", status=404)


def _by_session(request) -> Access | HttpResponse:
    case_id = request.session.get(SESSION_CASE)
    case = Case.objects.select_related("body").filter(pk=case_id).first() if isinstance(case_id, int) else None
    if case is None:
        messages.info(request, "Enter your reference and email address to see your request.")
        return redirect("status:lookup")
    return Access(
        case=case,
        page_url=reverse("status:case"),
        review_url=reverse("status:case_review"),
        clarify_url=reverse("status:case_clarify"),
        by_session=True,
    )


def _with_access(find):
    """The view gets the Access, or the requester gets the refusal `find` gave."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            access = find(request, *args, **kwargs)
            if isinstance(access, HttpResponse):
                return access
            return view(request, access)

        return wrapped

    return decorate


@private
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    if request.method != "POST":
        return _lookup_page(request, StatusLookupForm())
    form = StatusLookupForm(request.POST)
    if not form.is_valid():
        return _lookup_page(request, form)
    try:
        case = portal.case_lookup(
            reference=form.cleaned_data["reference"], email=form.cleaned_data["email"], address=client_address(request)
        )
    except portal.Throttled as throttled:
        return _throttled(request, throttled)
    except portal.CaseNotFound:
        # A fresh form, not the one posted: the page must not differ with what was typed.
        return _lookup_page(request, StatusLookupForm(), not_found=portal.NOT_FOUND_MESSAGE)
    # A new session key once the requester has proved who they are (no fixation of a planted key).
    request.session.cycle_key()
    request.session[SESSION_CASE] = case.pk
    if not request.user.is_authenticated:
        # Forgotten when the browser closes: a shared computer does not keep showing the case.
        request.session.set_expiry(0)
    return redirect("status:case")


def _lookup_page(request, form, *, mode: str = "lookup", status: int = 200, **context):
    context = {"form": form, "mode": mode, **context}
    return render(request, "portal/status_lookup.html", context, status=status)


def _throttled(request, throttled: portal.Throttled) -> HttpResponse:
    response = _lookup_page(request, StatusLookupForm(), mode="throttled", status=429, throttled=throttled.message)
    response["Retry-After"] = str(throttled.retry_after)
    return response


# --- the status page ----------------------------------------------------------------------------


@private
@require_safe
def page(request, token):
    hit = portal.status_token_hit(token)
    if hit is None:
        return _unknown_token(request)
    if not _plain_visit(request):
        return _status_page(request, _token_access(token, Case.objects.select_related("body").get(pk=hit.case_id), hit))
    # The page as rendered for this version of the case, for a visitor with no session or
    # messages (so the same for every such visit, but for the CSRF token put in below).
    key = f"status-page:{hit.digest}:{hit.version}:{services.today().isoformat()}"
    html = PAGE_CACHE.get(key)
    if html is None:
        case = Case.objects.select_related("body").get(pk=hit.case_id)
        response = _status_page(request, _token_access(token, case, hit), csrf_token=CSRF_PLACEHOLDER)
        html = response.content.decode()
        PAGE_CACHE.set(key, html)
    if CSRF_PLACEHOLDER in html:  # a page with forms on it (many have none)
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return HttpResponse(html)


def _plain_visit(request) -> bool:
    """No session and no messages: the visit sees exactly what any other such visit sees."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


@private
@require_safe
@_with_access(_by_session)
def case_page(request, access: Access):
    return _status_page(request, access)


@private
@require_POST
def case_forget(request):
    """On a shared computer: this browser stops showing the request."""
    request.session.pop(SESSION_CASE, None)
    request.session.cycle_key()
    messages.success(request, "This browser no longer shows your request.")
    return redirect("status:lookup")


def _status_page(
    request, access: Access, *, clarification_form=None, review_form=None, csrf_token=None
) -> HttpResponse:
    case = access.case
    context = {
        "status": portal.public_status(case, token_id=access.token_id),
        "access": access,
        "original_reference": case.review_of.reference if case.is_review else "",
        "subject_access": case.regime == Regime.SAR,
        "download_hours": settings.PORTAL_DOWNLOAD_LINK_HOURS,
        "clarification_form": clarification_form or ClarificationForm(action=access.clarify_url),
        "review_form": review_form or ReviewRequestForm(action=access.review_url),
    }
    if csrf_token:
        context["csrf_token"] = csrf_token  # a stand-in, replaced on every response from the cache
    return render(request, "portal/status_page.html", context)


# --- what the requester can do ------------------------------------------------------------------


@private
@require_POST
@_with_access(_by_token)
def review(request, access: Access):
    return _review(request, access)


@private
@require_POST
@_with_access(_by_session)
def case_review(request, access: Access):
    return _review(request, access)


def _review(request, access: Access) -> HttpResponse:
    form = ReviewRequestForm(request.POST, action=access.review_url)
    if form.is_valid():
        try:
            requested = portal.review_request_submit(case=access.case, reasons=form.cleaned_data["reasons"])
        except ValidationError as error:
            if not portal.public_status(access.case).can_request_review:
                # The page no longer offers the form (a review is under way, say): say why there.
                messages.error(request, " ".join(error.messages))
                return redirect(access.page_url)
            add_service_errors(form, error)
        else:
            review_case = requested.review
            text = (
                f"We have received your request for an internal review. Its reference is {review_case.reference}, "
                f"and we will tell you the outcome by {short_date(review_case.due_on)}. We have emailed you a "
                "confirmation."
            )
            if requested.late:
                text += (
                    " You asked after the usual time for asking had passed, so we may decline to carry out the "
                    "review; if we do, we will tell you why."
                )
            messages.success(request, text)
            return redirect(access.page_url)
    return _status_page(request, access, review_form=form)


@private
@require_POST
@_with_access(_by_token)
def clarify(request, access: Access):
    return _clarify(request, access)


@private
@require_POST
@_with_access(_by_session)
def case_clarify(request, access: Access):
    return _clarify(request, access)


def _clarify(request, access: Access) -> HttpResponse:
    form = ClarificationForm(request.POST, action=access.clarify_url)
    if form.is_valid():
        try:
            portal.clarification_reply_submit(case=access.case, text=form.cleaned_data["text"])
        except ValidationError as error:
            if not portal.public_status(access.case).can_answer_clarification:
                messages.error(request, " ".join(error.messages))
                return redirect(access.page_url)
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "Thank you: we have received your answer and passed it to the team handling your request. "
                "This page will change once they have recorded it.",
            )
            return redirect(access.page_url)
    return _status_page(request, access, clarification_form=form)


# --- letters ------------------------------------------------------------------------------------


@private
@require_safe
def letter_download(request, signed):
    """A letter's signed PDF, for whoever holds a genuine, unexpired link from a status page."""
    letter = portal.letter_for_download(signed)
    pdf = LetterPdf.objects.filter(letter=letter, state=LetterPdf.State.READY).first() if letter else None
    if pdf is None:
        return _lookup_page(
            request,
            StatusLookupForm(),
            mode="download_not_found",
            status=404,
            download_hours=settings.PORTAL_DOWNLOAD_LINK_HOURS,
        )
    return FileResponse(
        issuing.pdf_open(pdf),
        as_attachment=True,
        filename=issuing.attachment_name(letter),
        content_type="application/pdf",
    )
