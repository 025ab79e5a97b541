"""Letters as PDF: an approved letter laid out by WeasyPrint as a tagged PDF/UA-1 document, unsigned
(responses.signing signs it).

The renderer is given a URL fetcher that reaches nothing but our own static files and the unit's logo
and signature image. A letter quotes what a requester typed and what officers wrote; all of it is
escaped or sanitised before it becomes HTML, and the fetcher is the second wall: if markup ever got
through, it still could not read a local file into the letter or make the server call out (SSRF).
"""

import logging
import mimetypes
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

from foi_cases import services as case_services
from foi_cases.models import Unit
from responses import selectors
from responses.models import Letter

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"

# The unit's images reach the renderer under this scheme, read from Django's default storage (which
# may be S3-like), never by a URL the renderer would have to fetch. Name in the address -> Unit field.
UNIT_IMAGE_SCHEME = "unit-image"
UNIT_IMAGES = {"logo": "logo", "signature": "signature_image"}


class AssetRefused(ValueError):
    """An address the letter renderer will not fetch.

    A plain Exception on purpose: WeasyPrint catches it, logs it and renders on without the asset
    (an image is left out, a stylesheet ignored). Only FatalURLFetchingError would stop the render.
    """


def unit_image_url(name: str) -> str:
    """The address a letter template uses for the unit's logo or signature image."""
    if name not in UNIT_IMAGES:
        raise ValueError(f"No unit image called {name!r}.")
    return f"{UNIT_IMAGE_SCHEME}:{name}"


def static_roots() -> list[Path]:
    """Every directory staticfiles serves from (STATICFILES_DIRS and each app's static/), resolved,
    so a path is judged by where it really is, not by how it is spelled."""
    roots = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location and os.path.isdir(location):
                roots.append(Path(os.path.realpath(location)))
    return list(dict.fromkeys(roots))


def _static_base_url() -> str:
    """Relative addresses in a letter template resolve into the project's own static directory."""
    roots = static_roots()
    return path2url(str(roots[0])) if roots else ""


class LetterAssetFetcher(URLFetcher):
    """WeasyPrint's fetcher for letters: our static files and the unit's images, nothing else.

    Every other address (file: outside the static directories, http:, https:, ftp:, data:, any
    other scheme) is refused and logged. No address is ever opened by urllib, so there is no network
    request to make and no redirect that could lead anywhere: a redirect needs a response to follow.
    """

    def __init__(self):
        # The parent's urllib opener is never used (fetch below never calls it); no protocols and no
        # redirects make sure that, were it ever reached, it would open nothing.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url, headers=None) -> URLFetcherResponse:
        try:
            return self._serve(url)
        except AssetRefused as refusal:
            logger.warning("Letter PDF: refused to fetch %s (%s)", url[:300], refusal)
            raise

    def _serve(self, url: str) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return self._static_file(url)
        if scheme == UNIT_IMAGE_SCHEME:
            return self._unit_image(url)
        raise AssetRefused(f"the {scheme or 'unknown'} scheme is not served to letters")

    def _static_file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise AssetRefused("a file on another host")
        spelled = url2pathname(parts.path)
        if "\x00" in spelled:
            raise AssetRefused("a null byte in the path")
        # Resolve `..` and symlinks first, then judge: a link inside static/ pointing at /etc stays out.
        path = Path(os.path.realpath(spelled))
        if not any(path.is_relative_to(root) for root in static_roots()):
            raise AssetRefused("outside the static directories")
        if not path.is_file():
            raise AssetRefused("no such static file")
        return URLFetcherResponse(
            path2url(str(path)), path.read_bytes(), headers={"Content-Type": _content_type(path.name)}
        )

    def _unit_image(self, url: str) -> URLFetcherResponse:
        name = url.split(":", 1)[1]
        if name not in UNIT_IMAGES:
            raise AssetRefused("not one of the unit's images")
        image = getattr(case_services.unit_get(), UNIT_IMAGES[name])
        if not image:
            raise AssetRefused(f"the unit has no {name} image")
        content_type = _content_type(image.name)
        if not content_type.startswith("image/"):
            raise AssetRefused("the unit's file is not an image")
        try:
            with image.open("rb") as file:
                body = file.read()
        except OSError as error:
            # Logged like a refusal: the letter renders without the image rather than not at all.
            raise AssetRefused(f"the unit's {name} image could not be read ({error})") from error
        return URLFetcherResponse(url, body, headers={"Content-Type": content_type})


def _content_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# --- the letter -------------------------------------------------------------------------------------


def prints_signature_image(letter: Letter, unit: Unit) -> bool:
    """The handwritten signature is the named person's: printed only on letters signed in their name."""
    return bool(unit.signature_image and unit.signature_name and letter.signatory_name == unit.signature_name)


def letter_html(letter: Letter) -> str:
    """The whole HTML document WeasyPrint lays out as the letter's PDF."""
    doc = selectors.letter_document(letter)
    unit = case_services.unit_get()
    references = [ref.strip() for ref in doc.references.split("&") if ref.strip()]
    context = {
        "doc": doc,
        "title": f"{doc.heading} ({doc.references})",
        "description": f"{letter.get_kind_display()}: {doc.heading}",
        # One keyword per reference: the verification page reads them to say which request it answers.
        "keywords": [*references, letter.get_kind_display()],
        "created": (letter.letter_date or case_services.today()).isoformat(),
        "logo_src": unit_image_url("logo") if unit.logo else "",
        "signature_src": unit_image_url("signature") if prints_signature_image(letter, unit) else "",
        "verify_url": f"{settings.SITE_URL}{reverse('verify:letter')}",
    }
    return render_to_string("responses/pdf/letter.html", context)


# WeasyPrint otherwise loads Fontconfig's configuration afresh for every document and never frees it
# (about 0.25 MB a letter: a worker would grow without end, see bench/pdf.py); one kept for the
# process is also faster. Pango's font map is not safe to share between threads, hence the lock
# (a worker renders one letter at a time anyway). Letters use no @font-face, so nothing is added to it.
_font_config: FontConfiguration | None = None
_font_lock = threading.Lock()


def render_pdf(html: str) -> bytes:
    """Tagged PDF/UA-1 (structure tree, /Lang, /Title shown as the window title, XMP identification),
    fonts embedded, with the locked-down fetcher."""
    global _font_config
    document = HTML(string=html, base_url=_static_base_url(), url_fetcher=LetterAssetFetcher())
    with _font_lock:
        if _font_config is None:
            _font_config = FontConfiguration()
        return document.write_pdf(pdf_variant=PDF_VARIANT, font_config=_font_config)


def letter_render(letter: Letter) -> bytes:
    return render_pdf(letter_html(letter))
