"""Atom feeds of approved comments on live posts: one per post and one for the whole site."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from blog.absolute import absolute_url, absolutize_html
from blog.markdown import html_to_text
from blog.models import Comment, Post, SiteSettings


class CommentAtomFeed(Atom1Feed):
    """Atom 1.0 with a plain-text summary and the comment's sanitised HTML as content."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


class SiteCommentsFeed(Feed):
    feed_type = CommentAtomFeed

    def __call__(self, request, *args, **kwargs):
        self.site = SiteSettings.load()
        return super().__call__(request, *args, **kwargs)

    def comments(self):
        return Comment.objects.approved().on_live_posts().select_related("post").order_by("-created_at", "-pk")

    def title(self):
        return f"{self.site.title}: comments"

    def subtitle(self):
        return f"The newest comments on {self.site.title}."

    def link(self):
        return absolute_url("/")

    def feed_url(self):
        return absolute_url(reverse("blog:comments-feed"))

    def items(self):
        return self.comments()[: settings.FEED_ITEMS]

    def item_title(self, comment):
        return f"{comment.name} on “{comment.post.title}”"

    def item_description(self, comment):
        # Atom summaries are typed as HTML: the plain-text excerpt is escaped so that "<" stays text.
        return escape(html_to_text(comment.body_html)[:200])

    def item_link(self, comment):
        return absolute_url(comment.get_absolute_url())

    def item_author_name(self, comment):
        return comment.name

    def item_author_link(self, comment):
        return comment.website or None

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at

    def item_extra_kwargs(self, comment):
        return {"content_html": absolutize_html(comment.body_html, comment.post.get_absolute_url())}


class PostCommentsFeed(SiteCommentsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Post.objects.live(), slug=slug)

    def title(self, post):
        return f"Comments on “{post.title}”"

    def subtitle(self, post):
        return f"Comments on “{post.title}” at {self.site.title}."

    def link(self, post):
        return absolute_url(post.get_absolute_url())

    def feed_url(self, post):
        return absolute_url(reverse("blog:post-comments-feed", args=[post.slug]))

    def items(self, post):
        return self.comments().filter(post=post)[: settings.FEED_ITEMS]
