"""The public page where anyone holding one of our letters can check it is genuine and unaltered.

No sign-in. The uploaded file is held in memory only, checked, and dropped: never written to disk or
storage. Checks cost CPU, so each address gets a limited number per hour. The answer tells only
what the letter itself prints (reference, date, kind, bodies), never who asked.
"""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler, SkipFile
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from config import ratelimit
from config.network import client_address
from foi_cases.services import unit_get
from responses.verification import letter_verify

RATE_WINDOW_SECONDS = 60 * 60
# Room for the multipart framing and the CSRF token around the file itself.
FORM_OVERHEAD_BYTES = 64 * 1024


def too_large_message() -> str:
    return f"The file is larger than {filesizeformat(settings.VERIFY_UPLOAD_MAX_BYTES)}: no letter of ours is that big."


class CappedMemoryUploadHandler(MemoryFileUploadHandler):
    """Keeps an upload in memory (Django would spool one over 2.5 MB to a temporary file) and gives
    up on a file larger than settings.VERIFY_UPLOAD_MAX_BYTES as soon as it passes the limit."""

    too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.activated = True  # in memory whatever FILE_UPLOAD_MAX_MEMORY_SIZE says; the cap is ours

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.VERIFY_UPLOAD_MAX_BYTES:
            self.too_large = True
            raise SkipFile
        return super().receive_data_chunk(raw_data, start)


class VerifyForm(forms.Form):
    file = forms.FileField(
        label="Your letter (PDF file)",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, upload_too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = f"The PDF exactly as you received it, up to {filesizeformat(settings.VERIFY_UPLOAD_MAX_BYTES)}."
        if upload_too_large:
            # The upload handler dropped the file, so the field arrives empty: "required" would be
            # the wrong reason to give.
            self.fields["file"].error_messages["required"] = too_large_message()
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Field("file"), StrictButton("Check the letter", type="submit", css_class="btn-primary")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.VERIFY_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        # A PDF begins with "%PDF-" (readers allow some junk before it, within the first 1 KB).
        if b"%PDF-" not in upload.read(1024):
            raise forms.ValidationError("This is not a PDF file. Choose the letter as the PDF file you received.")
        upload.seek(0)
        return upload


@csrf_exempt  # CSRF is checked by _check, once the upload handler is in place (see below)
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    if request.method != "POST":
        return _page(request, VerifyForm())
    # Refused before the body is read, so a client over its limit costs almost nothing.
    if _over_rate(request):
        return _page(request, VerifyForm(), status=429, throttled=True)
    if _content_length(request) > settings.VERIFY_UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES:
        return _page(request, VerifyForm(upload_too_large=True, data={}, files={}))
    # The handler must be set before anything reads request.POST, and the CSRF middleware does:
    # hence csrf_exempt above and csrf_protect on _check (Django's documented pattern).
    handler = CappedMemoryUploadHandler(request)
    request.upload_handlers = [handler]
    return _check(request, handler)


@csrf_protect
def _check(request, handler: CappedMemoryUploadHandler):
    form = VerifyForm(request.POST, request.FILES, upload_too_large=handler.too_large)
    if not form.is_valid():
        return _page(request, form)
    result = letter_verify(data=form.cleaned_data["file"].read())
    return _page(request, VerifyForm(), result=result)


def _page(request, form: VerifyForm, *, status: int = 200, **context):
    # The unit is named on this page for everyone, signed in or not (the context processor gives
    # its name to staff only).
    context = {"form": form, "unit": unit_get(), "rate_limit": settings.VERIFY_CHECKS_PER_HOUR, **context}
    response = render(request, "responses/verify.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def _over_rate(request) -> bool:
    return ratelimit.count(f"verify-checks:{client_address(request)}", RATE_WINDOW_SECONDS) > (
        settings.VERIFY_CHECKS_PER_HOUR
    )


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
