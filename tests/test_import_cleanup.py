"""The importers' text helpers: list indentation, front matter and dates, as a reader of the result sees them."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from blog.importers.dates import parse_date
from blog.importers.frontmatter import read_front_matter, split_front_matter
from blog.importers.markdown_cleanup import normalise_list_indentation, strip_mdx
from blog.importers.records import ImportProblem
from blog.importers.redirects import old_url_path
from blog.markdown import render_markdown


@pytest.mark.parametrize(
    "markdown, nested",
    [
        ("- a\n  - b\n", "<li>a<ul>\n<li>b</li>"),
        ("1. a\n   1. b\n", "<li>a<ol>\n<li>b</li>"),
        ("* a\n  * b\n    * c\n", "<li>a<ul>\n<li>b<ul>\n<li>c</li>"),
        ("Para\n- a\n  - b\n", "<li>a<ul>\n<li>b</li>"),
    ],
)
def test_commonmark_nested_lists_render_nested(markdown, nested):
    assert nested not in render_markdown(markdown)  # as written, Quire would flatten it
    assert nested in render_markdown(normalise_list_indentation(markdown))


def test_quire_style_lists_and_code_are_left_alone():
    body = "- a\n    - b\n\n```\n- x\n  - y\n```\n\n    indented code\n"
    assert normalise_list_indentation(body) == body


def test_mdx_statements_and_components_go_but_text_and_code_stay():
    source = "import X from './X.astro'\n\nText <X /> and <Note>kept words</Note>.\n\n```\nimport y\n```\n"
    body, warnings = strip_mdx(source)
    assert body == "Text  and kept words.\n\n```\nimport y\n```\n"
    assert warnings == ["MDX: dropped 1 import/export line(s)", "MDX components could not be kept: X, Note"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Jul 08 2022", datetime(2022, 7, 8, tzinfo=ZoneInfo("Europe/Berlin"))),
        ("2022-07-08", datetime(2022, 7, 8, tzinfo=ZoneInfo("Europe/Berlin"))),
        ("2022-07-08T10:30:00Z", datetime(2022, 7, 8, 10, 30, tzinfo=ZoneInfo("UTC"))),
        ("2022-07-08 10:30:00 +0200", datetime(2022, 7, 8, 8, 30, tzinfo=ZoneInfo("UTC"))),
        ("July 8, 2022", datetime(2022, 7, 8, tzinfo=ZoneInfo("Europe/Berlin"))),
    ],
)
def test_dates_in_generator_styles(value, expected, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    assert parse_date(value) == expected


def test_an_unreadable_date_names_its_key():
    with pytest.raises(ImportProblem, match="pubDate: cannot read the date 'someday'"):
        read_front_matter({"title": "T", "pubDate": "someday"})


def test_front_matter_keys_of_each_generator():
    meta, body = split_front_matter("---\ntitle: T\nimage:\n  url: ./x.jpg\n  alt: X marks\ndraft: true\n---\n\nBody\n")
    front = read_front_matter(meta)
    assert (front.hero, front.hero_alt, front.status, body) == ("./x.jpg", "X marks", "draft", "Body\n")
    meta, _ = split_front_matter('+++\ntitle = "T"\ntags = ["a", "b"]\ncategories = ["A"]\n+++\n')
    assert read_front_matter(meta).tags == ["a", "b"]  # "A" is the same tag as "a"


def test_bad_front_matter_is_a_problem_with_a_reason():
    with pytest.raises(ImportProblem, match="bad YAML front matter"):
        split_front_matter("---\ntitle: [unclosed\n---\n")
    with pytest.raises(ImportProblem, match="not a set of key: value pairs"):
        split_front_matter("---\n- a list\n---\n")


@pytest.mark.parametrize(
    "url, path",
    [
        ("https://old.example.com/2020/01/hello/", "/2020/01/hello/"),
        ("2021/03/hello.html", "/2021/03/hello.html"),
        ("/caf%C3%A9/", "/caf%C3%A9/"),
        ("/café/", "/caf%C3%A9/"),
        ("https://old.example.com/?p=2", None),
        ("/:year/:title/", None),
    ],
)
def test_old_urls_become_request_paths(url, path):
    assert old_url_path(url) == path
