"""The public request form: anyone can make a request here, without an account.

Spam is kept out without third-party services: a hidden field that only robots fill in, and
`portal.request_rate_check` (a few requests per address per hour and per email address per day),
counted only for submissions that are otherwise valid, so a typo never uses up an allowance.

The private status link's token exists in the clear only at submission (StatusToken keeps its hash).
The confirmation page follows POST/redirect/GET, so that reloading it or going back never sends the
request twice (rendering the link in the POST's response would invite exactly that). The token rides
in this browser's session from the POST to the first view of the confirmation page, which removes it
at once: the session store holds it for that one hop, or until the session expires if the redirect
is never followed, and the same link is in the requester's email anyway. A reload or a later visit
shows the reference and dates only and points to the email. The page is never cached (`no-store`)
and sends no Referer, so neither the browser's cache nor a link followed from it keeps the token.

Public forms are filled in on shared and library computers. The session gets a new key before the
token goes in it, so that whoever knew the old key (one planted in the browser, or read off it) cannot
read the link first. For someone not signed in, the session ends when the browser closes, and the
confirmation page answers for SENT_PAGE_SECONDS only: the next person at the computer finds the form,
not the last person's reference. The request itself (subject and text, perhaps about the requester's
own health or family) is shown on the first view only.
"""

import logging
import time

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from config.network import client_address
from foi_cases import portal
from foi_cases.forms import add_service_errors
from foi_cases.models import Case, PublicBody
from foi_cases.request_forms import RequestForm

logger = logging.getLogger(__name__)

# {"case": pk, "token": raw token, "at": unix time sent}; the token is removed on the first view
# of the confirmation, and the whole entry SENT_PAGE_SECONDS after the request was sent.
SENT_SESSION_KEY = "portal_request_sent"
SENT_PAGE_SECONDS = 30 * 60


@require_http_methods(["GET", "HEAD", "POST"])
def make_request(request):
    bodies = list(PublicBody.objects.filter(is_active=True))
    if not bodies:
        return _form_page(request, None)
    if request.method != "POST":
        return _form_page(request, RequestForm(bodies=bodies))
    form = RequestForm(request.POST, bodies=bodies)
    if not form.is_valid():
        if form.caught_robot:
            logger.info("Public request form: the hidden field was filled in; nothing was logged.")
        return _form_page(request, form)
    try:
        portal.request_rate_check(address=client_address(request), email=form.cleaned_data["email"])
    except portal.Throttled as refusal:
        form.add_error(None, refusal.message)
        response = _form_page(request, form, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    try:
        sent = portal.web_request_submit(**form.submission())
    except ValidationError as error:
        add_service_errors(form, error)
        return _form_page(request, form)
    # A new session key before the token goes in: an old key known to someone else opens nothing.
    request.session.cycle_key()
    if not request.user.is_authenticated:
        request.session.set_expiry(0)  # ends when the browser closes
    request.session[SENT_SESSION_KEY] = {"case": sent.case.pk, "token": sent.token, "at": int(time.time())}
    return redirect("request:sent")


def _form_page(request, form: RequestForm | None, *, status: int = 200):
    response = render(request, "portal/request_form.html", {"form": form}, status=status)
    # What they typed (their name, address, request) is on the page when it comes back with errors.
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD"])
def request_sent(request):
    sent = request.session.get(SENT_SESSION_KEY)
    case = _sent_case(sent)
    if case is None:
        request.session.pop(SENT_SESSION_KEY, None)
        return redirect("request:new")
    token = sent.get("token")
    if token and request.method == "GET":
        # Shown once; the email keeps the link.
        request.session[SENT_SESSION_KEY] = {"case": case.pk, "at": sent["at"]}
    # The request is shown with the link, on the first view only.
    context = {"case": case, "status_url": portal.status_url(token) if token else None, "show_request": bool(token)}
    response = render(request, "portal/request_sent.html", context)
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


def _sent_case(sent) -> Case | None:
    """The case the session's entry names, while the confirmation page may still show it."""
    if not isinstance(sent, dict) or not isinstance(sent.get("case"), int) or not isinstance(sent.get("at"), int):
        return None
    if time.time() - sent["at"] > SENT_PAGE_SECONDS:
        return None
    return Case.objects.filter(pk=sent["case"]).first()
