"""A corpus of cross-site scripting payloads, posted as comments through the real form, is inert on the post page
and in both comment feeds."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.test import Client

from blog.comment_markdown import COMMENT_TAGS
from blog.models import Comment
from tests.comment_support import SECTION_TAGS, clock, comments_section, make_commenter, problems_in  # noqa: F401

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"

BODY_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "[click](javascript:alert(1))",
    "[click](JavaScript:alert(1))",
    "[click](   javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1))",
    "[click](java&#x09;script:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](jav&#x0A;ascript:alert(1))",
    "[click](\x01javascript:alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[ref link][r]\n\n[r]: javascript:alert(1)",
    "[ref link][r]\n\n[r]: &#106;avascript:alert(1)",
    "<javascript:alert(1)>",
    '<https://example.com" onclick="alert(1)>',
    '[x](https://example.com" onmouseover="alert(1))',
    "[x](https://example.com 'title\" onmouseover=\"alert(1)')",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.com)",
    '<a href="javascript:alert(1)">raw link</a>',
    "<a href=javascript:alert(1)>raw link</a>",
    '<a href="  javascript:alert(1)">raw link</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">raw link</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<body onload=alert(1)>",
    '<div style="background:url(javascript:alert(1))">styled</div>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel=import href="data:text/html,<script>alert(1)</script>">',
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "> <img src=x onerror=alert(1)> in a quote",
    "- <svg onload=alert(1)> in a list",
    "*<img src=x onerror=alert(1)>* emphasised",
    "`<script>alert(1)</script>` as inline code",
    "```html\n<script>alert(1)</script>\n```",
    "<x onclick=alert(1)>click me",
    '<img src="x` `<script>alert(1)</script>"` `>',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
]

NAME_PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg onload=alert(1)>"]


def test_the_corpus_is_large_enough():
    assert len(BODY_PAYLOADS) >= 50


@pytest.fixture
def attacked_post(make_post, make_commenter, settings):
    settings.FEED_ITEMS = 200
    post = make_post("Attacked essay", slug="attacked")
    for n, payload in enumerate(BODY_PAYLOADS):
        response = make_commenter().comment(post, body=payload, email=f"attacker{n}@example.com")
        assert response.status_code == 302, (payload, response.content.decode()[:500])
    for n, name in enumerate(NAME_PAYLOADS):
        response = make_commenter().comment(post, name=name, body="Plain words", email=f"named{n}@example.com")
        assert response.status_code == 302, name
    for comment in Comment.objects.all():
        comment.moderate(Comment.Status.APPROVED)
    assert Comment.objects.approved().count() == len(BODY_PAYLOADS) + len(NAME_PAYLOADS)
    return post


def test_payloads_are_inert_on_the_post_page(attacked_post):
    page = Client().get(attacked_post.get_absolute_url()).content.decode()
    thread = comments_section(page)
    assert thread.count('class="comment__body"') == len(BODY_PAYLOADS) + len(NAME_PAYLOADS)
    assert problems_in(thread, SECTION_TAGS) == []
    assert "<script" not in thread.lower()
    # nowhere else on the page either: the only script is the JSON-LD data block
    assert page.lower().count("<script") == page.count('<script type="application/ld+json">')


def test_payloads_stay_visible_as_text(attacked_post):
    thread = comments_section(Client().get(attacked_post.get_absolute_url()).content.decode())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in thread
    assert "&lt;img src=x onerror=alert(1)&gt;" in thread


def test_every_link_in_a_comment_is_nofollow_ugc(attacked_post):
    for comment in Comment.objects.all():
        for tag in comment.body_html.split("<a ")[1:]:
            assert 'rel="nofollow ugc noopener"' in tag.split(">", 1)[0], comment.body


@pytest.mark.parametrize("url", ["/blog/attacked/comments.xml", "/comments.xml"])
def test_payloads_are_inert_in_the_comment_feeds(attacked_post, url):
    response = Client().get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(BODY_PAYLOADS) + len(NAME_PAYLOADS)
    root = ET.fromstring(response.content)
    for entry in root.iter(f"{ATOM}entry"):
        for element_name in ("content", "summary"):
            element = entry.find(f"{ATOM}{element_name}")
            assert element is not None and element.get("type") == "html"
            assert problems_in(element.text or "", COMMENT_TAGS) == [], (element_name, element.text)
        assert "<" not in (entry.find(f"{ATOM}summary").text or "")


@pytest.mark.parametrize(
    "website",
    ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", 'http://x.example" onmouseover="alert(1)'],
)
def test_unsafe_websites_are_refused_by_the_form(make_commenter, make_post, website):
    post = make_post()
    response = make_commenter().comment(post, website=website)
    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "fragment",
    [
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href=" &#106;avascript:alert(1)">x</a>',
        "<img src=x>",
        '<p onclick="x()">x</p>',
        "<script>x()</script>",
        '<p style="color:red">x</p>',
        "<svg></svg>",
    ],
)
def test_the_inertness_check_itself_catches_live_markup(fragment):
    assert problems_in(fragment, COMMENT_TAGS)
