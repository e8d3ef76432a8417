"""The comment Markdown subset: paragraphs, emphasis, links, inline code, code blocks, quotes and lists.

Same libraries as the post pipeline in blog/markdown.py (Python-Markdown, then nh3), with a smaller allowlist:
raw HTML is shown as text, images and headings stay plain text, and every link gets rel="nofollow ugc noopener".
"""

import re

import markdown
import nh3

from blog.markdown import SAFE_URL_SCHEMES

COMMENT_EXTENSIONS = ["fenced_code", "sane_lists", "nl2br"]
# Python-Markdown parts that would produce markup outside the subset; with them gone the source stays text.
DROPPED_PREPROCESSORS = ["html_block"]
DROPPED_INLINE_PATTERNS = ["html", "image_link", "image_reference", "short_image_ref"]
DROPPED_BLOCK_PROCESSORS = ["hashheader", "setextheader", "hr"]

COMMENT_TAGS = {"a", "blockquote", "br", "code", "em", "li", "ol", "p", "pre", "strong", "ul"}
COMMENT_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
COMMENT_LINK_REL = "nofollow ugc noopener"

URL_IN_TEXT = re.compile(r"https?://|\bwww\.", re.IGNORECASE)
LINK_ELEMENT = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)


def comment_markdown_converter():
    converter = markdown.Markdown(extensions=COMMENT_EXTENSIONS)
    for name in DROPPED_PREPROCESSORS:
        converter.preprocessors.deregister(name)
    for name in DROPPED_INLINE_PATTERNS:
        converter.inlinePatterns.deregister(name)
    for name in DROPPED_BLOCK_PROCESSORS:
        converter.parser.blockprocessors.deregister(name)
    return converter


def render_comment_markdown(text):
    """Comment Markdown in, sanitised HTML of the safe subset out."""
    html = comment_markdown_converter().convert(text or "")
    return sanitize_comment_html(html)


def sanitize_comment_html(html):
    return nh3.clean(
        html,
        tags=COMMENT_TAGS,
        attributes=COMMENT_ATTRIBUTES,
        url_schemes=SAFE_URL_SCHEMES,
        link_rel=COMMENT_LINK_REL,
    )


def count_links(text, html):
    """Links in a comment: rendered links or URLs typed as plain text, whichever count is higher."""
    return max(len(LINK_ELEMENT.findall(html or "")), len(URL_IN_TEXT.findall(text or "")))
