"""RSS 2.0 and Atom 1.0 feeds of live posts, with full content, on django.contrib.syndication."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.views.decorators.http import require_safe

from blog.absolute import absolute_url, absolutize_html
from blog.models import Post, SiteSettings, Tag

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_media_element(handler, item):
    hero = item.get("hero")
    if hero:
        attrs = {"url": hero["url"], "medium": "image"}
        if hero.get("width") and hero.get("height"):
            attrs.update(width=str(hero["width"]), height=str(hero["height"]))
        handler.addQuickElement("media:content", "", attrs)


class FullContentRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the whole post in content:encoded and the hero image as media:content."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])
        add_media_element(handler, item)


class FullContentAtomFeed(Atom1Feed):
    """Atom 1.0 with the description as summary and the whole post as content."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_element(handler, item)


class LatestPostsFeed(Feed):
    feed_type = FullContentRssFeed
    feed_path_name = "blog:rss"

    @method_decorator(require_safe)
    def __call__(self, request, *args, **kwargs):
        self.site = SiteSettings.load()
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.site.title

    def description(self):
        return self.site.description or self.site.tagline

    def link(self):
        return absolute_url("/")

    def feed_url(self):
        return absolute_url(reverse(self.feed_path_name))

    def live_posts(self):
        return Post.objects.live().select_related("author").prefetch_related("tags").defer("body", "search_vector")

    def items(self):
        return self.live_posts().newest_first()[: settings.FEED_ITEMS]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        # Feeds declare the summary as HTML; the description is plain text, so escape it to say exactly that.
        return escape(post.summary)

    def item_link(self, post):
        return absolute_url(post.get_absolute_url())

    def item_guid(self, post):
        return f"urn:uuid:{post.uuid}"

    item_guid_is_permalink = False

    def item_author_name(self, post):
        return post.author.public_name

    def item_pubdate(self, post):
        return post.publish_at

    def item_updateddate(self, post):
        return post.updated_for_readers or post.publish_at

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def item_extra_kwargs(self, post):
        hero = None
        content = post.body_html
        if post.hero_image:
            hero = {"url": absolute_url(post.hero_image.url), "width": post.hero_width, "height": post.hero_height}
            content = f'<figure><img src="{escape(hero["url"])}" alt="{escape(post.hero_alt)}"></figure>\n{content}'
        return {"content_html": absolutize_html(content, post.get_absolute_url()), "hero": hero}


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = FullContentAtomFeed
    feed_path_name = "blog:atom"
    subtitle = LatestPostsFeed.description


class TagFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag.objects.with_live_counts(), slug=slug)

    def title(self, tag):
        return f"{self.site.title}: {tag.name}"

    def description(self, tag):
        return tag.description or f"Essays tagged {tag.name}."

    def link(self, tag):
        return absolute_url(tag.get_absolute_url())

    def feed_url(self, tag):
        return absolute_url(reverse("blog:tag-rss", args=[tag.slug]))

    def items(self, tag):
        return self.live_posts().filter(tags=tag).newest_first()[: settings.FEED_ITEMS]
