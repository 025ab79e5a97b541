"""The public disclosure log: published responses, searchable, each with its PDF. No sign-in.

Only published entries exist here: a proposed or withdrawn one answers 404, exactly like an id that
was never used. Nothing about who asked is read for these pages (see responses.publication).
"""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_safe

from responses import issuing
from responses import publication as publishing
from responses.disclosure_forms import LogSearchForm
from responses.models import LetterPdf

ENTRIES_PER_PAGE = 25
# The public list may be kept by browsers and proxies for a few minutes; a withdrawn entry's link
# then leads to a 404 at once, as its PDF is never cached.
LIST_MAX_AGE = 300


@require_safe
def log(request):
    form = LogSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    entries = publishing.published_entries(**form.filters())
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(entry, publishing.outcome_words(entry), publishing.exemptions_cited(entry)) for entry in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filtered": any(form.filters().values()),
        "query": query.urlencode(),
    }
    response = render(request, "disclosure/log.html", context)
    if request.user.is_authenticated:
        # A signed-in page carries the person's name and a CSRF token: never for a shared cache.
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=LIST_MAX_AGE)
    return response


@require_safe
def entry_pdf(request, pk):
    """The redacted copy when one was published, otherwise the signed letter as sent."""
    entry = publishing.published_entry(pk)
    if entry is None:
        raise Http404("No such entry in the disclosure log.")
    letter = entry.letter
    if entry.redacted_pdf:
        opened = entry.redacted_pdf.open("rb")
    else:
        pdf = LetterPdf.objects.filter(letter=letter, state=LetterPdf.State.READY).first()
        if pdf is None:
            raise Http404("No such entry in the disclosure log.")
        opened = issuing.pdf_open(pdf)
    response = FileResponse(
        opened, as_attachment=True, filename=issuing.attachment_name(letter), content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Withdrawn means gone: no cache may go on serving it.
    add_never_cache_headers(response)
    return response
