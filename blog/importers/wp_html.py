"""WordPress post HTML to Quire Markdown: paragraphs WordPress adds on display, shortcodes, then markdownify."""

import re

from markdownify import MarkdownConverter

from blog.importers.markdown_cleanup import normalise_list_indentation, outside_code

BLOCK_START = re.compile(
    r"^\s*<(p|div|h[1-6]|ul|ol|li|pre|blockquote|table|thead|tbody|tr|td|th|figure|hr|dl|dd|dt|iframe|img|!--|"
    r"address|section|aside|form|details|style|script)\b",
    re.IGNORECASE,
)
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
CAPTION_PARTS = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)\b[^\]\n]*\]", re.IGNORECASE)
CODE_LANGUAGE = re.compile(r"(?:^|\s)(?:language-|lang-|brush:\s*|lang:)([\w+#-]+)", re.IGNORECASE)
KNOWN_SHORTCODES = {"gallery", "audio", "video", "playlist", "embed", "caption", "wp_caption"}


def autop(html):
    """Wrap the blank-line-separated paragraphs of classic-editor HTML in <p>, as WordPress does when it shows it."""
    if re.search(r"<p[\s>]", html, re.IGNORECASE):
        return html
    chunks = re.split(r"\n\s*\n", html.replace("\r\n", "\n"))
    wrapped = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            wrapped.append(chunk)
        else:
            wrapped.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(wrapped)


def _caption(match):
    parts = CAPTION_PARTS.match(match.group(1))
    if not parts:
        return match.group(1)
    image, text = parts.group(1), parts.group(2).strip()
    return f"<p>{image}</p>\n\n<p><em>{text}</em></p>" if text else f"<p>{image}</p>"


def _code_language(element):
    classes = " ".join(element.get("class") or [])
    child = element.find("code")
    if child is not None:
        classes += " " + " ".join(child.get("class") or [])
    found = CODE_LANGUAGE.search(classes)
    return found.group(1).lower() if found else ""


class QuireMarkdownConverter(MarkdownConverter):
    """markdownify with ATX headings, "-" bullets and fenced code that keeps its language."""

    def __init__(self, **options):
        options.setdefault("heading_style", "ATX")
        options.setdefault("bullets", "-")
        options.setdefault("code_language_callback", _code_language)
        super().__init__(**options)


def wordpress_html_to_markdown(html):
    """(Markdown, warnings) for a WordPress post body."""
    warnings = []
    html = CAPTION.sub(_caption, html or "")
    html = EMBED.sub(lambda m: f'<p><a href="{m.group(1).strip()}">{m.group(1).strip()}</a></p>', html)
    shortcodes = sorted({name.lower() for name in SHORTCODE.findall(re.sub(r"<pre\b.*?</pre>", "", html, flags=re.DOTALL))})
    shortcodes = [name for name in shortcodes if name in KNOWN_SHORTCODES or "_" in name or "-" in name]
    if shortcodes:
        warnings.append("WordPress shortcodes kept as plain text: " + ", ".join(f"[{name}]" for name in shortcodes))
    markdown = QuireMarkdownConverter().convert(autop(html))
    markdown = normalise_list_indentation(markdown.replace("\r\n", "\n"))
    return outside_code(markdown, lambda text: re.sub(r"\n{3,}", "\n\n", text)).strip() + "\n", warnings
