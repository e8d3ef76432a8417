"""The essay page, put together from parts cached under the version of what each shows (blog/fragments.py):

- summary (the meta description), head (social metadata, JSON-LD) and more (previous, next and related essays):
  the post and the editorial stamp, which changes with any essay, tag, author or the site settings;
- article (whose meta line counts the comments): the same and the post's comment version;
- thread: the post's comment version and whether comments are open. A reader with comments of their own or
  signed in sees their pending comments and edit links: their thread is rendered for them every time.
- form_fields: the comment form's fields, the same for every reader not signed in; the form's signed token
  (it carries the render time) is rendered every time.
A preview of a post that is not live is rendered whole every time.

The post is read with only the fields the page around the parts needs (PAGE_SHELL_FIELDS); a part that has to be
rendered loads the rest, with one query, first. A live post's shell fields are kept under the content stamp
(find_post), so a page whose parts are all stored runs no query at all.
"""

import zlib

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.html import conditional_escape

from blog import content_version, derived
from blog.comment_forms import CommentForm
from blog.comment_readers import mark_personal, reader_for
from blog.comment_threads import load_thread
from blog.fragments import Part, render_parts
from blog.local_copies import LocalCopies
from blog.models import Post
from blog.models.comments import comments_are_open


# What post_detail.html reads outside the parts, and what the parts' versions and comments_are_open need.
PAGE_SHELL_FIELDS = ("slug", "title", "status", "publish_at", "author_id", "comments_enabled",
                     "comments_changed_at")
NEVER_SHOWN = {"search_vector"}
# The field list is in the key: a deploy that changes it never reads shells stored by the code before it.
SHELL_KEY = f"post-shell:{zlib.crc32(' '.join(PAGE_SHELL_FIELDS).encode()):x}"
SHELL_SECONDS = 600  # a shell is stored under the stamp, which every comment moves: kept briefly, not for a day
SHELL_NAMES = [field.attname for field in Post._meta.concrete_fields if field.attname in ("id", *PAGE_SHELL_FIELDS)]
shell_copies = LocalCopies(1024)


def find_post(slug):
    """The post at `slug` with PAGE_SHELL_FIELDS loaded, or None. A live post's fields are kept under the content
    stamp, which moves whenever one of them can change (an edit, unpublishing, a comment under it), so its page
    finds it without a query until then. Other slugs (drafts, scheduled posts, made-up ones) are looked up every
    time and nothing is stored for them. FRAGMENT_CACHE_SECONDS = 0 looks every post up."""
    seconds = settings.FRAGMENT_CACHE_SECONDS
    if seconds <= 0:
        return look_up(slug)
    key = f"{SHELL_KEY}:{content_version.current().token}:{slug}"
    fields = derived.stored(key, shell_copies)
    if fields is not None:
        return Post.from_db(DEFAULT_DB_ALIAS, SHELL_NAMES, [fields[name] for name in SHELL_NAMES])
    post = look_up(slug)
    if post is not None and post.is_live:
        shell = {name: getattr(post, name) for name in SHELL_NAMES}
        derived.store(key, shell, min(seconds, SHELL_SECONDS), shell_copies)
    return post


def look_up(slug):
    return Post.objects.only(*PAGE_SHELL_FIELDS).filter(slug=slug).first()


def load_the_rest(post):
    """The fields PAGE_SHELL_FIELDS left out, in one query (and none when they are loaded)."""
    missing = post.get_deferred_fields() - NEVER_SHOWN
    if missing:
        post.refresh_from_db(fields=sorted(missing))


def part_versions(post, reader, comments_open):
    """The version of each part of this post's page; a part without one is rendered for this request only (all of
    them for a preview)."""
    if not post.is_live:
        return {}
    editorial = content_version.current().editorial_token
    comments = post.comments_changed_at.timestamp() if post.comments_changed_at else 0
    return {
        "summary": (post.pk, editorial),
        "head": (post.pk, editorial),
        "article": (post.pk, editorial, comments),
        "thread": None if reader.is_personal else (post.pk, comments, comments_open),
        "more": (post.pk, editorial),
        "form_fields": None if reader.user else (post.pk, editorial, comments_open),
    }


def render_post(request, post, shared_preview=False):
    reader = reader_for(request)
    comments_open = post.is_live and comments_are_open(post)
    thread = SimpleLazyObject(lambda: load_thread(post, reader))
    context = {
        "post": post,
        "preview": not post.is_live,
        "shared_preview": shared_preview,
        "comment_reader": reader,
        "comments_open": comments_open,
        "comment_form": CommentForm(post=post, user=reader.user) if comments_open else None,
    }

    def summary():
        load_the_rest(post)  # a post without a description is summed up from its body
        return conditional_escape(post.summary)

    def head():
        load_the_rest(post)
        prefetch_related_objects([post], "tags")
        return render_to_string("blog/post/head.html", context, request)

    def article():
        load_the_rest(post)
        prefetch_related_objects([post], "tags")
        post.comment_count = thread.approved_count
        return render_to_string("blog/post/article.html", context, request)

    def comment_thread():
        return render_to_string("blog/comments/thread.html", {**context, "comment_thread": thread}, request)

    def more():
        load_the_rest(post)
        neighbours = {
            "previous_post": post.previous_live(),
            "next_post": post.next_live(),
            "related_posts": Post.objects.live().related_to(post),
        }
        return render_to_string("blog/post/more.html", {**context, **neighbours}, request)

    def form_fields():
        if not comments_open:
            return ""
        load_the_rest(post)
        fields_context = {"form": context["comment_form"], "post": post, "reader": reader}
        return render_to_string("blog/comments/form_fields.html", fields_context, request)

    renderers = {"summary": summary, "head": head, "article": article, "thread": comment_thread, "more": more,
                 "form_fields": form_fields}
    versions = part_versions(post, reader, comments_open)
    parts = render_parts({name: Part(render, versions.get(name)) for name, render in renderers.items()})
    response = mark_personal(render(request, "blog/post_detail.html", {**context, "parts": parts}), reader)
    if not post.is_live:
        patch_cache_control(response, private=True, no_cache=True, no_store=True, must_revalidate=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
