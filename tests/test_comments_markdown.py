"""The comment Markdown subset: what it renders, what stays text, and the rel on every link."""

import pytest

from blog.comment_markdown import count_links, render_comment_markdown


@pytest.mark.parametrize(
    "source, html",
    [
        ("Plain *em* and **strong**", "<p>Plain <em>em</em> and <strong>strong</strong></p>"),
        ("Line one\nline two", "<p>Line one<br>\nline two</p>"),
        ("Use `print()`", "<p>Use <code>print()</code></p>"),
        ("```\nx = 1 < 2\n```", "<pre><code>x = 1 &lt; 2\n</code></pre>"),
        ("    indented code", "<pre><code>indented code\n</code></pre>"),
        ("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>"),
        ("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"),
        ("3. c\n4. d", '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>'),
        (
            "[a link](https://example.com/x)",
            '<p><a href="https://example.com/x" rel="nofollow ugc noopener">a link</a></p>',
        ),
        (
            "<https://example.com>",
            '<p><a href="https://example.com" rel="nofollow ugc noopener">https://example.com</a></p>',
        ),
    ],
)
def test_the_subset_renders(source, html):
    assert render_comment_markdown(source) == html


@pytest.mark.parametrize(
    "source, html",
    [
        ("# Not a heading", "<p># Not a heading</p>"),
        ("Not a heading\n=====", "<p>Not a heading<br>\n=====</p>"),
        ("![a picture](https://example.com/p.png)", "<p>![a picture](https://example.com/p.png)</p>"),
        ("<b>raw</b> html", "<p>&lt;b&gt;raw&lt;/b&gt; html</p>"),
        ("<div>\nblock html\n</div>", "<p>&lt;div&gt;<br>\nblock html<br>\n&lt;/div&gt;</p>"),
        ("---", "<p>---</p>"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<p>| a | b |<br>\n|---|---|<br>\n| 1 | 2 |</p>"),
    ],
)
def test_everything_else_stays_text(source, html):
    assert render_comment_markdown(source) == html


def test_link_counting_sees_markdown_links_and_bare_urls():
    assert count_links("no links here", render_comment_markdown("no links here")) == 0
    text = "[one](https://a.example) and https://b.example and www.c.example"
    assert count_links(text, render_comment_markdown(text)) == 3
    relative = "[x](//evil.example) [y](/local)"
    assert count_links(relative, render_comment_markdown(relative)) == 2
