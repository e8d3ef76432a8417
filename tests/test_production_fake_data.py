"""`generate_fake` fills a database with realistic, threaded data quickly, and can be run again."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max

from blog.models import Comment, Post, Tag

pytestmark = pytest.mark.django_db


def generate(*args):
    out = io.StringIO()
    call_command("generate_fake", *args, stdout=out)
    return out.getvalue()


def test_makes_posts_tags_and_threaded_comments():
    output = generate("--posts", "60", "--comments", "900", "--tags", "12", "--seed", "7")
    assert "Created 60 posts and 900 comments" in output
    assert Post.objects.count() == 60 and Comment.objects.count() == 900
    assert Post.objects.live().count() >= 50
    assert Tag.objects.count() == 12
    assert Post.objects.annotate(n=Count("tags")).filter(n=0).count() == 0
    assert Comment.objects.aggregate(Max("depth"))["depth__max"] == 3
    for reply in Comment.objects.filter(depth__gt=1).select_related("parent")[:200]:
        assert reply.parent.depth == reply.depth - 1 and reply.parent.post_id == reply.post_id
        assert reply.created_at > reply.parent.created_at
    statuses = set(Comment.objects.values_list("status", flat=True))
    assert {Comment.Status.APPROVED, Comment.Status.PENDING} <= statuses
    post = Post.objects.live().annotate(n=Count("comments")).order_by("-n").first()
    assert post.body_html.startswith("<p>") and "<h2" in post.body_html and post.reading_time >= 2


def test_posts_render_and_are_searchable(client):
    generate("--posts", "20", "--comments", "100")
    post = Post.objects.live().first()
    assert client.get(post.get_absolute_url()).status_code == 200
    word = post.title.split()[0]
    assert post.title in client.get("/search/", {"q": word}).content.decode()


def test_same_seed_same_titles_and_clear_replaces():
    generate("--posts", "10", "--comments", "0", "--seed", "3")
    titles = sorted(Post.objects.values_list("title", flat=True))
    generate("--posts", "10", "--comments", "0", "--seed", "3", "--clear")
    assert sorted(Post.objects.values_list("title", flat=True)) == titles
    assert Post.objects.count() == 10


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError, match="Comments need posts"):
        generate("--posts", "0", "--comments", "5")
    with pytest.raises(CommandError, match="--tags 1 to"):
        generate("--tags", "500")
