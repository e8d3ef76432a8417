"""What the browser tests look at: the demo essays (seed_demo, with hero images, tables, code and footnotes), a
comment thread written through the ORM, the pages that every quality check visits; and steps several tests take."""

import io

from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from blog.management.commands import seed_demo
from blog.models import Comment, Post

DEMO_POST_SLUG = "permalinks-are-promises"
DEMO_TAG_SLUG = "open-web"


def demo_site():
    """Seed the demo essays and give one of them a conversation; returns that post."""
    call_command("seed_demo", stdout=io.StringIO())
    post = Post.objects.get(slug=DEMO_POST_SLUG)
    comment_thread(post)
    return post


def demo_post():
    """Only that one demo essay (hero image, tables, code, footnotes) and its conversation: quicker to make."""
    seed = seed_demo.Command()
    meta, body = seed_demo.read_essay(seed_demo.ESSAYS_DIR / f"{DEMO_POST_SLUG}.md")
    seed.create_post(meta, body, seed.demo_author())
    post = Post.objects.get(slug=DEMO_POST_SLUG)
    comment_thread(post)
    return post


def comment(post, name, body, parent=None, status=Comment.Status.APPROVED):
    note = Comment(post=post, name=name, email=f"{name.split()[0].lower()}@example.com", body=body, status=status)
    note.attach_to(parent)
    note.save()
    return note


def comment_thread(post):
    first = comment(post, "Ines Calder", "The bit about **redirect maps** saved me a weekend. Do you keep yours in the repo?")
    reply = comment(post, "Mara Ellison", "Yes: a plain text file next to the posts, checked on every deploy.", parent=first)
    comment(post, "Ines Calder", "Stealing that. Thank you!", parent=reply)
    comment(post, "Tom Okafor", "Cool URIs don't change — but they do need `301`s when they must.")
    return first


def public_pages(post):
    """(name, path) of the pages readers see, each a separate check."""
    return [
        ("home", "/"),
        ("post", post.get_absolute_url()),
        ("tag", f"/tags/{DEMO_TAG_SLUG}/"),
        ("archive", "/archive/"),
        ("search-results", "/search/?q=permalink"),
        ("search-empty", "/search/?q=zanzibar+quokka"),
        ("not-found", "/no-such-page/"),
    ]


def account_pages():
    """(name, path) of the sign-in and sign-up pages, or (name, None) while the accounts app does not serve them."""
    pages = []
    for name, path in (("login", "/accounts/login/"), ("signup", "/accounts/signup/")):
        try:
            resolve(path)
        except Resolver404:
            path = None
        pages.append((name, path))
    return pages


def log_in(page, username, password):
    """Sign in to the admin as a person does, through its login form."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out"))).to_be_visible()


def submit_blank_comment(page, post):
    """Send the comment form with only spaces as the comment: the server answers with the form and its errors.
    Returns the response's HTML."""
    page.goto(post.get_absolute_url())
    form = page.locator("form.comment-form")
    form.get_by_role("textbox", name="Name").fill("Ada Reader")
    form.get_by_role("textbox", name="Email").fill("ada@example.com")
    form.get_by_role("textbox", name="Comment").fill("   ")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        form.get_by_role("button", name="Post comment").click()
    page.wait_for_load_state()
    return answer.value.text()
