"""The letter renderer fetches nothing it should not: no local file outside static/, nothing from the
network, and markup typed by a requester or an officer never becomes markup in the PDF.

A real TCP listener on 127.0.0.1 stands in for an attacker's server: the payloads point at it, and it
counts every connection. A control render with WeasyPrint's own fetcher shows it would notice one.
"""

import base64
import io
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from PIL import Image
from weasyprint import HTML
from weasyprint.urls import URLFetcher, path2url

from foi_cases import services as case_services
from foi_cases.tests.factories import FAST_PASSWORD_HASHERS, BodyFactory, UserFactory, make_case
from responses import pdf, services
from responses.tests.conftest import ready
from responses.tests.documents import flat, pdf_text

# pytest-django sets up the test database only for the databases collected tests ask for; the module
# fixtures below need it, so every test here asks.
pytestmark = pytest.mark.django_db

PASSWD_LINE = "root:x:0:0"


class Listener:
    """A TCP server on an ephemeral port of 127.0.0.1 that counts connections and closes them."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self):
        while not self._stopping.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def stop(self):
        self._stopping.set()
        self._thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def listener():
    server = Listener()
    yield server
    server.stop()


def payloads(base: str) -> list[str]:
    """Markup that would read a local file or call out if it ever became HTML or CSS."""
    return [
        '<img src="file:///etc/passwd">',
        f'<link rel="stylesheet" href="{base}/x.css">',
        f'<div style="background: url({base}/y.png)">styled</div>',
        "<style>body{background:url(file:///etc/passwd)}</style>",
        f'<img src="{base}/z.png">',
        f"<style>@import url({base}/w.css);</style>",
    ]


class Refusals(logging.Handler):
    """Collects the fetcher's refusals while a module fixture renders."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.urls: list[str] = []

    def emit(self, record):
        self.urls.append(str(record.args[0]))


@dataclass
class Render:
    pdf: bytes
    text: str
    refusals: list[str] = field(default_factory=list)


def _render(html: str, *, fetcher=None) -> Render:
    handler = Refusals()
    logger = logging.getLogger("responses.pdf")
    logger.addHandler(handler)
    try:
        data = pdf.render_pdf(html) if fetcher is None else HTML(string=html, url_fetcher=fetcher).write_pdf()
    finally:
        logger.removeHandler(handler)
    return Render(data, pdf_text(data), handler.urls)


@dataclass
class Attacks:
    payloads: list[str]
    ncnd: Render  # payloads in the request, heading, signatory, a section and an exemption's harm text
    disclosure: Render  # payloads in the item answers and a quoted item edited by the officer


@pytest.fixture(scope="module")
def attacks(django_db_setup, django_db_blocker, listener) -> Attacks:
    attack = payloads(listener.url)
    officer_text = " ".join(attack)
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        transaction.atomic(),
    ):
        officer = UserFactory(username="officer", role="Officer", first_name="Olivia", last_name="Officer")
        supervisor = UserFactory(username="supervisor", role="Supervisor", first_name="Sam", last_name="Supervisor")
        request_text = "\n".join(f"{number}. {markup}" for number, markup in enumerate(attack, start=1))
        case = make_case(actor=officer, body=BodyFactory(name="Bedfordshire Police"), request_text=request_text)
        letter = services.letter_create(case=case, actor=officer, kind="ncnd", codes=["s24(2)"])
        services.letter_update(
            letter=letter,
            actor=officer,
            changes={
                "heading": f"Heading {attack[4]}",
                "signatory_name": attack[0],
                "signatory_role": attack[2],
                "sections": {"intro": f"Opening words. {officer_text} Closing words."},
                "exemption_texts": {"s24(2)": {"harm": f"Harm begins. {officer_text} Harm ends."}},
            },
        )
        letter = services.letter_submit(letter=ready(letter, officer), actor=officer)
        ncnd = _render(pdf.letter_html(services.letter_approve(letter=letter, actor=supervisor)))

        other = make_case(actor=officer, body=BodyFactory(name="Bedfordshire Police"), request_text=request_text)
        disclosure = services.letter_create(case=other, actor=officer, kind="full_disclosure")
        answers = {
            position: {"answer": f"Answer {position}. {markup} End."} for position, markup in enumerate(attack, 1)
        }
        answers[1]["question"] = f"Edited: {attack[3]}"
        services.letter_update(letter=disclosure, actor=officer, changes={"items": answers})
        disclosure = _render(pdf.letter_html(disclosure))
        transaction.set_rollback(True)
    return Attacks(attack, ncnd, disclosure)


# --- markup typed into a request or a letter ------------------------------------------------------------


def test_markup_in_the_request_is_printed_as_text(attacks):
    text = flat(attacks.ncnd.text)
    for number, markup in enumerate(attacks.payloads, start=1):
        assert f"{number}. {markup}" in text


def test_markup_in_the_heading_is_printed_as_text(attacks):
    """The heading is printed in capitals (CSS), and is also the PDF's description (metadata)."""
    assert f"HEADING {attacks.payloads[4].upper()}" in flat(attacks.ncnd.text)


def test_markup_in_the_signatory_s_name_and_role_is_printed_as_text(attacks):
    assert f"Yours sincerely {attacks.payloads[0]} {attacks.payloads[2]}" in flat(attacks.ncnd.text)


def test_markup_in_a_quoted_item_edited_by_the_officer_is_printed_as_text(attacks):
    assert f"1. Edited: {attacks.payloads[3]}" in flat(attacks.disclosure.text)


def between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def squeezed(text: str) -> str:
    """Without whitespace: the PDF breaks a long address across lines where it likes."""
    return "".join(text.split())


def test_markup_in_officer_text_is_printed_as_text(attacks):
    """Officer text is Markdown in which typed HTML is shown as typed (responses.text)."""
    text = flat(attacks.ncnd.text)
    for start, end in (("Opening words.", "Closing words."), ("Harm begins.", "Harm ends.")):
        printed = squeezed(between(text, start, end))
        assert all(squeezed(markup) in printed for markup in attacks.payloads)


def test_markup_in_item_answers_is_printed_as_text(attacks):
    text = flat(attacks.disclosure.text)
    for position, markup in enumerate(attacks.payloads, start=1):
        assert squeezed(markup) in squeezed(between(text, f"Answer {position}.", "End."))


def test_no_markup_in_a_letter_ever_reaches_the_fetcher(attacks):
    assert attacks.ncnd.refusals == []
    assert attacks.disclosure.refusals == []


def test_rendering_the_attacked_letters_made_no_connection(attacks, listener):
    assert listener.connections == 0


def test_no_local_file_is_read_into_an_attacked_letter(attacks):
    assert PASSWD_LINE not in attacks.ncnd.text
    assert PASSWD_LINE not in attacks.disclosure.text


# --- the fetcher, if markup ever got past escaping (defence in depth) -------------------------------------


@pytest.fixture(scope="module")
def raw(listener, attacks) -> Render:
    """The payloads as real elements of the document, rendered with our fetcher."""
    html = f'<html lang="en-GB"><head><title>Raw</title>{attacks.payloads[1]}{attacks.payloads[5]}</head><body>'
    html += "".join(attacks.payloads) + "<p>The letter goes on.</p></body></html>"
    return _render(html)


def test_raw_markup_still_renders_a_pdf_without_the_assets(raw):
    assert "The letter goes on." in raw.text


def test_raw_markup_makes_no_connection(raw, listener):
    assert listener.connections == 0


def test_raw_markup_reads_no_local_file(raw):
    assert PASSWD_LINE not in raw.text


def test_the_fetcher_refuses_and_logs_every_asset_raw_markup_asks_for(raw, listener):
    assert set(raw.refusals) == {
        "file:///etc/passwd",
        f"{listener.url}/x.css",
        f"{listener.url}/y.png",
        f"{listener.url}/z.png",
        f"{listener.url}/w.css",
    }


def test_a_listener_notices_the_same_markup_rendered_with_weasyprint_s_own_fetcher():
    """The control: without our fetcher the markup does call out, so the zeros above mean something.
    A listener of its own, so the order the tests run in cannot matter."""
    control = Listener()
    try:
        _render(f'<img src="{control.url}/control.png">', fetcher=URLFetcher(timeout=2))
        for _ in range(100):
            if control.connections:
                break
            time.sleep(0.02)
        assert control.connections == 1
    finally:
        control.stop()


# --- the fetcher itself -----------------------------------------------------------------------------------


def static_dir() -> str:
    entry = settings.STATICFILES_DIRS[0]
    return str(entry[1] if isinstance(entry, tuple) else entry)


REFUSED = [
    "file:///etc/passwd",
    "FILE:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://elsewhere.example/etc/passwd",
    "file:///etc/passwd?css/app.css",
    "http://127.0.0.1:9/x.css",
    "https://example.org/",
    "ftp://127.0.0.1/x.css",
    "data:text/css;base64," + base64.b64encode(b"body{background:url(file:///etc/passwd)}").decode(),
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
    "unit-image:../../etc/passwd",
    "unit-image:private_key",
    "relative/path.css",
]


@pytest.mark.parametrize("url", REFUSED)
def test_the_fetcher_refuses_anything_but_static_files_and_unit_images(url):
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(url)


@pytest.mark.parametrize(
    "escape", ["../config/settings.py", "%2e%2e/config/settings.py", "css/../../config/settings.py"]
)
def test_the_fetcher_refuses_a_path_that_climbs_out_of_static(escape):
    url = f"file://{static_dir()}/{escape}"
    assert os.path.isfile(os.path.join(settings.BASE_DIR, "config", "settings.py"))
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(url)


def test_the_fetcher_refuses_a_static_path_with_a_null_byte():
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(f"file://{static_dir()}/css/app.css%00.png")


def test_the_fetcher_logs_each_refusal(caplog):
    with caplog.at_level(logging.WARNING, logger="responses.pdf"), pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch("file:///etc/passwd")
    assert [(r.name, r.levelname) for r in caplog.records] == [("responses.pdf", "WARNING")]
    assert "file:///etc/passwd" in caplog.records[0].getMessage()


def test_the_fetcher_serves_a_file_from_the_project_static_directory():
    path = finders.find("css/app.css")
    response = pdf.LetterAssetFetcher().fetch(path2url(path))
    with open(path, "rb") as file:
        assert response.read() == file.read()
    assert response.content_type == "text/css"


def test_the_fetcher_serves_a_file_from_an_app_static_directory():
    path = finders.find("admin/css/base.css")
    assert pdf.LetterAssetFetcher().fetch(path2url(path)).read().startswith(b"/*")


@pytest.fixture
def own_static(tmp_path, settings):
    """A static directory of our own, holding a stylesheet and a symlink pointing out at /etc/passwd."""
    static = tmp_path / "static"
    static.mkdir()
    (static / "letter.css").write_text("p { color: black; }")
    (static / "passwd.css").symlink_to("/etc/passwd")
    settings.STATICFILES_DIRS = [str(static)]
    return static


def test_the_fetcher_refuses_a_symlink_in_static_that_points_outside(own_static):
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(path2url(str(own_static / "passwd.css")))


def test_the_fetcher_serves_the_real_file_next_to_that_symlink(own_static):
    assert pdf.LetterAssetFetcher().fetch(path2url(str(own_static / "letter.css"))).read() == b"p { color: black; }"


@pytest.fixture
def unit_with_logo(media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    unit = case_services.unit_get()
    unit.logo.save("logo.png", ContentFile(buffer.getvalue()))
    return unit


def test_the_fetcher_serves_the_unit_logo_from_storage(unit_with_logo):
    response = pdf.LetterAssetFetcher().fetch(pdf.unit_image_url("logo"))
    with unit_with_logo.logo.open("rb") as file:
        assert response.read() == file.read()
    assert response.content_type == "image/png"


def test_the_fetcher_refuses_a_unit_image_missing_from_storage(unit_with_logo):
    unit_with_logo.logo.storage.delete(unit_with_logo.logo.name)
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(pdf.unit_image_url("logo"))


def test_the_fetcher_refuses_a_unit_image_that_is_not_set(unit_with_logo):
    with pytest.raises(pdf.AssetRefused):
        pdf.LetterAssetFetcher().fetch(pdf.unit_image_url("signature"))


# --- references a template might make ---------------------------------------------------------------------


def test_a_template_stylesheet_outside_static_is_refused(caplog):
    html = '<html lang="en-GB"><head><link rel="stylesheet" href="../config/settings.py"></head><body>Hi</body></html>'
    with caplog.at_level(logging.WARNING, logger="responses.pdf"):
        text = pdf_text(pdf.render_pdf(html))
    refused = [r.args[0] for r in caplog.records if r.name == "responses.pdf"]
    assert refused == [path2url(os.path.join(settings.BASE_DIR, "config", "settings.py"))]
    assert "Hi" in text


def test_a_template_stylesheet_inside_static_is_served(caplog):
    html = '<html lang="en-GB"><head><link rel="stylesheet" href="css/app.css"></head><body>Hi</body></html>'
    with caplog.at_level(logging.WARNING):
        pdf.render_pdf(html)
    # app.css has screen-only properties WeasyPrint ignores with a warning; a failed load is an error.
    assert [r for r in caplog.records if r.name == "responses.pdf" or r.levelno >= logging.ERROR] == []
