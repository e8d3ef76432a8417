"""The one Markdown pipeline: post Markdown in, sanitised HTML out.

Used when a post is saved (its HTML is stored, never rendered per request) and by the admin editor's live
preview, so that what an author previews is exactly what readers get.
"""

import html as html_entities
import math
import re

import markdown
import nh3
from django.conf import settings
from pygments.token import STANDARD_TYPES

POST_EXTENSIONS = ["toc", "tables", "fenced_code", "codehilite", "footnotes", "sane_lists"]
POST_EXTENSION_CONFIGS = {
    "toc": {"permalink": "#", "permalink_class": "heading-anchor", "permalink_title": "Link to this section"},
    # Pygments emits CSS classes only; colours live in static/css/code.css (no inline styles under CSP).
    "codehilite": {"css_class": "highlight", "guess_lang": False, "use_pygments": True, "noclasses": False},
    # An align attribute instead of style="text-align: ..." keeps table output free of inline styles.
    "tables": {"use_align_attribute": True},
    # U+FE0E asks for the text arrow, not the emoji some phones would draw.
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d", "BACKLINK_TEXT": "\u21a9\ufe0e"},
}

PYGMENTS_CLASSES = {name for name in STANDARD_TYPES.values() if name} | {"hll"}
# A wide table scrolls inside its own focusable region instead of widening the page on a phone.
TABLE_SCROLL_OPEN = '<div class="table-scroll" role="region" tabindex="0" aria-label="Table">'


POST_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
POST_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "td": {"align"},
    "th": {"align"},
    "ol": {"start"},
}
POST_CLASSES = {
    "a": {"heading-anchor", "footnote-ref", "footnote-backref"},
    "div": {"highlight", "footnote", "toc"},
    "span": PYGMENTS_CLASSES,
    "code": set(),
}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text):
    """Turn post Markdown into sanitised HTML with heading anchors, tables, highlighted code and footnotes."""
    html = markdown.markdown(text or "", extensions=POST_EXTENSIONS, extension_configs=POST_EXTENSION_CONFIGS)
    return finish_post_html(sanitize_post_html(html))


def finish_post_html(html):
    """Additions made after sanitising, so they are ours: lazy images, tables in a scrollable region, code blocks
    (which scroll sideways) reachable by keyboard.

    (nh3's own attribute setting is not used for images because it orders the attributes differently from one
    process to the next, and the same Markdown must always give the same HTML.)
    """
    html = html.replace("<img ", '<img loading="lazy" decoding="async" ')
    html = html.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')
    return html.replace("<table>", TABLE_SCROLL_OPEN + "<table>").replace("</table>", "</table></div>")


def sanitize_post_html(html):
    """Keep the markup Markdown produces; drop anything that can run (scripts, handlers, unsafe URLs)."""
    return nh3.clean(
        html,
        tags=POST_TAGS,
        attributes=POST_ATTRIBUTES,
        allowed_classes=POST_CLASSES,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel=None,
    )


def html_to_text(html):
    """The readable text of an HTML fragment: tags dropped, entities decoded, whitespace folded."""
    text = html_entities.unescape(nh3.clean(html or "", tags=set(), clean_content_tags={"script", "style"}))
    return re.sub(r"\s+", " ", text).strip()


def reading_time_minutes(html):
    """Minutes a reader needs for the text, at settings.WORDS_PER_MINUTE; at least one."""
    words = len(html_to_text(html).split())
    return max(1, math.ceil(words / settings.WORDS_PER_MINUTE))
