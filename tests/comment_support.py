"""Helpers for the comment tests: post through the real form as a browser would (load the page, wait, send it
back from this site), and check that rendered HTML can run nothing."""

import itertools
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.utils import timezone

from blog.comment_markdown import COMMENT_TAGS

SITE_ORIGIN = "https://quire.test"
TOKEN_INPUT = re.compile(r'<input type="hidden" name="token" value="([^"]+)"')
_addresses = itertools.count(1)


def unique_ip():
    """A client address in a /24 of its own, so flood limits never join two test readers."""
    n = next(_addresses)
    return f"198.{18 + n // 250}.{n % 250}.7"


def form_token(response):
    match = TOKEN_INPUT.search(response.content.decode())
    assert match, "the page has no comment form"
    return match.group(1)


@pytest.fixture
def clock():
    """Time stands still until a test moves it on (`clock.shift(seconds)`)."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


class Commenter:
    """One reader with one browser (`client`) and one address."""

    def __init__(self, client, clock, ip=None):
        self.client, self.clock, self.ip = client, clock, ip or unique_ip()

    def form_page(self, post, parent=None):
        url = f"/comments/{parent.pk}/reply/" if parent else post.get_absolute_url()
        response = self.client.get(url, REMOTE_ADDR=self.ip)
        assert response.status_code == 200, url
        return response

    def send(self, post, *, token, origin=SITE_ORIGIN, **fields):
        data = {
            "name": "Ada Reader",
            "email": "ada@example.com",
            "website": "",
            "body": "A thoughtful reply.",
            "token": token,
        }
        data.update({key: value for key, value in fields.items() if value is not None})
        headers = {"HTTP_ORIGIN": origin} if origin else {}
        return self.client.post(f"{post.get_absolute_url()}comments/", data, REMOTE_ADDR=self.ip, **headers)

    def comment(self, post, *, wait=4, parent=None, **fields):
        """Open the form, wait `wait` seconds like a person typing, and send it."""
        token = form_token(self.form_page(post, parent))
        self.clock.shift(wait)
        if parent is not None:
            fields["parent"] = parent.pk
        return self.send(post, token=token, **fields)


@pytest.fixture
def commenter(client, clock):
    return Commenter(client, clock)


@pytest.fixture
def make_commenter(clock, django_user_model):
    from django.test import Client

    def make(ip=None, **client_kwargs):
        return Commenter(Client(**client_kwargs), clock, ip)

    return make


def comments_section(page_html):
    """The comment thread of a post page, without the form under it."""
    start = page_html.index('<section class="comments"')
    section = page_html[start : page_html.index("</section>", start)]
    return section.split('<form class="comment-form"', 1)[0]


SAFE_SCHEMES = {"http", "https", "mailto"}
DANGEROUS_TAGS = {
    "script",
    "style",
    "svg",
    "math",
    "iframe",
    "frame",
    "object",
    "embed",
    "img",
    "video",
    "audio",
    "base",
    "link",
    "meta",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "details",
    "marquee",
    "image",
}


class InertnessCheck(HTMLParser):
    """Collects everything in an HTML fragment that could run code or load something: event handler and style
    attributes, tags outside `allowed_tags`, and URLs whose scheme is not http, https or mailto."""

    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed_tags or tag in DANGEROUS_TAGS - self.allowed_tags:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "srcdoc", "formaction", "src", "background", "xlink:href"}:
                self.problems.append(f"attribute {name}={value!r} on <{tag}>")
            if name in {"href", "action"} and value is not None:
                # As a browser's URL parser does (character references are decoded by HTMLParser already):
                # strip leading and trailing controls and spaces, drop tabs and newlines anywhere.
                cleaned = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21))))).lower()
                scheme = cleaned.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", cleaned) else None
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag


def problems_in(fragment, allowed_tags):
    checker = InertnessCheck(allowed_tags)
    checker.feed(fragment)
    checker.close()
    return checker.problems


# The markup the comment templates themselves add around comment bodies.
SECTION_TAGS = COMMENT_TAGS | {"section", "h2", "h3", "ol", "li", "article", "p", "span", "a", "time", "div", "strong"}
