"""The Markdown pipeline: every feature an author relies on, and no payload that can run in a reader's browser."""

import re
from html.parser import HTMLParser

import pytest

from blog.markdown import html_to_text, reading_time_minutes, render_markdown


class Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = dict(attrs)
        self.attr_list = attrs


class ElementCollector(HTMLParser):
    """Every start tag in an HTML fragment, with its attributes as the browser would see them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, attrs))

    handle_startendtag = handle_starttag


def elements(html, tag=None):
    parser = ElementCollector()
    parser.feed(html)
    parser.close()
    return [element for element in parser.elements if tag is None or element.tag == tag]


def url_scheme(url):
    """The scheme a browser would use for `url`: tabs and newlines removed, C0 controls and spaces trimmed."""
    cleaned = re.sub(r"[\t\n\r]", "", url).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                  "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


# --- features -------------------------------------------------------------------------------------------------


def test_headings_get_stable_ids_and_in_page_links_work():
    html = render_markdown("- [The lure](#the-lure-of-speed)\n\n## The Lure of Speed\n\nFast.\n\n### Why it matters\n")
    headings = {element.tag: element.attrs.get("id") for element in elements(html) if element.tag in {"h2", "h3"}}
    assert headings == {"h2": "the-lure-of-speed", "h3": "why-it-matters"}
    link_targets = [a.attrs.get("href") for a in elements(html, "a")]
    assert "#the-lure-of-speed" in link_targets
    # The same heading always gets the same anchor, so links into a post keep working after edits elsewhere.
    assert 'id="the-lure-of-speed"' in render_markdown("Intro paragraph changed.\n\n## The Lure of Speed\n")


def test_repeated_headings_get_distinct_ids():
    html = render_markdown("## Notes\n\n## Notes\n")
    ids = [h.attrs["id"] for h in elements(html, "h2")]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_tables_use_align_attributes_not_inline_styles():
    html = render_markdown("| Left | Right | Centre |\n|:-----|------:|:------:|\n| a | 1 | x |\n")
    assert [th.attrs.get("align") for th in elements(html, "th")] == ["left", "right", "center"]
    assert [td.attrs.get("align") for td in elements(html, "td")] == ["left", "right", "center"]
    assert elements(html, "table") and elements(html, "thead") and elements(html, "tbody")
    assert not any("style" in element.attrs for element in elements(html))


def test_fenced_code_is_highlighted_with_classes_and_no_inline_style():
    html = render_markdown("```python\ndef greet(name):\n    return f'hello {name}'\n```\n")
    assert [div.attrs.get("class") for div in elements(html, "div")] == ["highlight"]
    assert elements(html, "pre") and elements(html, "code")
    token_classes = {span.attrs.get("class") for span in elements(html, "span")} - {None}
    assert {"k", "nf"} <= token_classes  # `def` is a keyword, `greet` a function name
    assert "style" not in html
    assert "def</span>" in html


def test_fenced_code_without_a_language_is_not_guessed():
    html = render_markdown("```\nplain <b>text</b>\n```\n")
    assert "&lt;b&gt;" in html and "<b>" not in html
    assert not [span for span in elements(html, "span") if span.attrs.get("class") not in (None, "w")]


def test_footnotes_have_reference_and_backreference():
    html = render_markdown("A claim.[^source]\n\n[^source]: Where it comes from.\n")
    refs = [a for a in elements(html, "a") if a.attrs.get("class") == "footnote-ref"]
    backrefs = [a for a in elements(html, "a") if a.attrs.get("class") == "footnote-backref"]
    assert len(refs) == 1 and len(backrefs) == 1
    note_id = refs[0].attrs["href"].removeprefix("#")
    ref_id = backrefs[0].attrs["href"].removeprefix("#")
    ids = {element.attrs.get("id") for element in elements(html)}
    assert note_id in ids and ref_id in ids
    assert [div.attrs.get("class") for div in elements(html, "div")] == ["footnote"]
    assert "Where it comes from." in html


def test_nested_lists_indented_by_four_spaces():
    html = render_markdown("- fruit\n    - apple\n        - cox\n- veg\n\n1. first\n2. second\n")
    assert re.search(r"<li>fruit\s*<ul>\s*<li>apple\s*<ul>\s*<li>cox</li>", html)
    assert "<ol>" in html


def test_ordered_list_keeps_its_start_number():
    assert elements(render_markdown("3. three\n4. four\n"), "ol")[0].attrs.get("start") == "3"


def test_block_quotes():
    html = render_markdown("> Quoted line\n>\n> > nested\n")
    assert html.count("<blockquote>") == 2
    assert "Quoted line" in html


def test_images_are_lazy_loaded_with_alt_text():
    html = render_markdown('![A red kite](/media/uploads/kite.png "Kite")\n')
    [image] = elements(html, "img")
    assert image.attrs["loading"] == "lazy"
    assert image.attrs["alt"] == "A red kite"
    assert image.attrs["src"] == "/media/uploads/kite.png"


def test_raw_image_html_is_lazy_too():
    [image] = elements(render_markdown('<img src="https://example.com/a.png" alt="a" loading="eager">'), "img")
    assert image.attrs["loading"] == "lazy"


def test_ordinary_links_survive():
    html = render_markdown("[site](https://example.com/a?b=1&c=2) and <mailto:me@example.com> and [rel](/blog/x/)")
    hrefs = [a.attrs.get("href") for a in elements(html, "a")]
    assert "https://example.com/a?b=1&c=2" in hrefs
    assert "/blog/x/" in hrefs
    assert any(href and href.startswith("mailto:") for href in hrefs)


def test_empty_body_renders_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


# --- sanitising -----------------------------------------------------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.test/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnError=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))",
    "[x]( JaVaScRiPt:alert(1))",
    "[x](<  javascript:alert(1)>)",
    "[x](java\tscript:alert(1))",
    '<a href="jav&#x09;ascript:alert(1)">t</a>',
    '<a href=" &#14;  javascript:alert(1)">t</a>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<img src="data:text/html,<script>alert(1)</script>">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://evil.test/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="vbscript:msgbox(1)">v</a>',
    '<a href="VBScript:msgbox(1)">v</a>',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<span style="position:fixed;inset:0">overlay</span>',
    '<form action="https://evil.test/"><input name="password"><button>Go</button></form>',
    '<object data="https://evil.test/x.swf"></object><embed src="https://evil.test/x.swf">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">m</math>',
    '[x](https://example.com "a\\" onmouseover=\\"alert(1)")',
    '![x](https://example.com/i.png "t\\" onerror=\\"alert(1)")',
    '<a href="https://example.com" title="x" onclick="alert(1)">c</a>',
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.test/">',
    '<link rel="stylesheet" href="https://evil.test/x.css">',
    "<style>body{display:none}</style>",
    "`<script>` is fine in code, and so is <code><script>alert(1)</script></code>",
    "```html\n<script>alert(1)</script>\n```\n",
    '<div class="highlight" id="x" onmouseover="alert(1)">div</div>',
    '<a href="https://example.com" target="_blank" rel="opener">t</a>',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "<<script>script>alert(1)<</script>/script>",
    '<img src="x" alt="x" onerror="alert(1)" />',
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster", "xlink:href", "background"}
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "input", "button", "svg", "math", "style",
                  "link", "meta", "base", "body", "noscript", "details"}


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_comes_out_inert(payload):
    html = render_markdown(payload)
    assert "<script" not in html.lower()
    for element in elements(html):
        assert element.tag not in FORBIDDEN_TAGS, (element.tag, html)
        for name, value in element.attr_list:
            assert not re.fullmatch(r"on\w+", name), (name, html)
            assert name != "style", html
            if name in URL_ATTRIBUTES and value is not None:
                assert url_scheme(value) in (None, "http", "https", "mailto"), (name, value, html)
    # Belt and braces: no event-handler attribute anywhere inside a tag, however it is spelled.
    tags_without_values = re.sub(r'"[^"]*"', '""', _tags_only(html))
    assert not re.search(r"\son\w+\s*=", tags_without_values, flags=re.IGNORECASE), html


def _tags_only(html):
    return " ".join(re.findall(r"<[^>]*>", html))


def test_code_samples_keep_their_text_escaped():
    html = render_markdown("```html\n<script>alert(1)</script>\n```\n")
    assert "<script" not in html
    assert html_to_text(html) == "<script>alert(1)</script>"


def test_titles_cannot_break_out_of_their_attribute():
    html = render_markdown('[x](https://example.com "a\\" onmouseover=\\"alert(1)")')
    [link] = elements(html, "a")
    assert set(link.attrs) <= {"href", "title"}


def test_only_known_classes_are_kept():
    html = render_markdown('<div class="highlight evil-overlay">x</div><span class="k admin-only">y</span>')
    classes = [element.attrs.get("class") for element in elements(html) if element.attrs.get("class")]
    assert classes == ["highlight", "k"]


# --- reading time ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "minutes"),
    [(0, 1), (1, 1), (230, 1), (231, 2), (460, 2), (461, 3), (2300, 10)],
)
def test_reading_time_at_230_words_a_minute(words, minutes):
    assert reading_time_minutes(render_markdown(" ".join(["word"] * words))) == minutes


def test_reading_time_counts_words_not_markup():
    body = "**" + " ".join(["word"] * 230) + "**\n\n| a | b |\n|---|---|\n"
    # 230 words of text plus the two table headers: markup itself is not counted.
    assert reading_time_minutes(render_markdown(body)) == 2
    assert reading_time_minutes('<p class="' + "x " * 1000 + '">short</p>') == 1
