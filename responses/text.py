"""Letter text: officers write light Markdown; letters show sanitised HTML.

Nothing a user types reaches a letter as markup: HTML typed into the text is shown as text, Markdown
is rendered, then nh3 keeps only a small set of tags with no attributes but a link's address (http,
https or mailto). Placeholder values are
escaped for Markdown and inserted before rendering, so a value can never inject markup either.
"""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
GAP = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
TAG = re.compile(r"(<[^>]*>)")
# "<" everywhere but at the start of a Markdown autolink such as <https://ico.org.uk/>.
NOT_AN_AUTOLINK = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>\"']*>)", re.IGNORECASE)


def unknown_placeholders(text: str, known) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in known})


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def markdown_escape(value: str) -> str:
    """A value taken literally by Markdown. Only what could change its meaning is escaped, so the
    officer's editor stays readable (references, dates and names rarely contain any of it)."""
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each {placeholder} named in `values` in Markdown source with its value, taken literally.

    Other names stay as they are: unknown ones for the officer to see, live ones (like {review_by})
    to be filled when the letter is shown.
    """

    def value(match):
        name = match.group(1)
        if name not in values:
            return match.group(0)
        # A fallback that is itself a gap ("[[the unit's email address]]") must stay a gap to fill.
        return values[name] if GAP.fullmatch(values[name]) else markdown_escape(values[name])

    return PLACEHOLDER.sub(value, text)


def gaps(text: str) -> list[str]:
    """The [[...]] gaps left for the officer to fill, by their instructions."""
    return [instruction.strip() or "a gap" for instruction in GAP.findall(text)]


def to_html(text: str, live: dict[str, str] | None = None) -> SafeString:
    """Light Markdown to sanitised HTML: the only way letter text becomes markup.

    `live` fills placeholders whose value is known only when the letter is shown (the review date
    follows the letter's date). They are filled in the source, taken literally, in one pass: a value
    (or text filled in earlier, such as a body's name) can never smuggle in a placeholder of its own.
    """
    if live:
        text = fill(text or "", live)
    # Markup an officer types (or pastes from a request) is shown as the characters typed, never
    # interpreted: with no "<" left, Markdown cannot pass a tag through. nh3 below is the second wall.
    text = NOT_AN_AUTOLINK.sub("&lt;", text or "")
    rendered = markdown.markdown(text, output_format="html")
    clean = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    # Gaps stay visible in a preview so nobody mistakes an unfinished draft for a finished one.
    # Marked in text only, never inside a tag (a gap typed into a link's address stays plain);
    # nh3's output is already escaped text, so the gap's words go in as they are.
    clean = "".join(
        part if part.startswith("<") else GAP.sub(r'<mark class="letter-gap">[[\1]]</mark>', part)
        for part in TAG.split(clean)
    )
    return mark_safe(clean)  # noqa: S308 -- sanitised by nh3 just above
