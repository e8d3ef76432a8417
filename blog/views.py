"""Public pages. Every one of them starts from `Post.objects.live()`."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from blog import archive as archive_index
from blog import derived
from blog.absolute import absolute_url
from blog.models import Post, PreviewLink
from blog.post_page import find_post, render_post
from blog.querysets import MAX_QUERY_LENGTH, SEARCH_CANDIDATES


class PostListView(ListView):
    """The home page: newest live posts, a page at a time."""

    template_name = "blog/post_list.html"
    context_object_name = "posts"
    paginate_by = settings.POSTS_PER_PAGE
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return Post.objects.live().for_listing()

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        count = self.known_post_count()
        return paginator if count is None else derived.with_known_count(paginator, count)

    def known_post_count(self):
        """The number of posts listed, when known without counting them (blog/derived.py)."""
        return derived.live_post_count()


class TagPostListView(PostListView):
    """A tag's live posts; tags without any are a 404."""

    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        self.tag = next((tag for tag in derived.live_tags() if tag.slug == self.kwargs["slug"]), None)
        if self.tag is None:
            raise Http404("No essays carry this tag.")
        return Post.objects.live().filter(tags=self.tag).for_listing()

    def known_post_count(self):
        return self.tag.live_count

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class SearchView(PostListView):
    template_name = "blog/search.html"

    def get_queryset(self):
        words = " ".join(self.request.GET.get("q", "").replace("\x00", " ").split())
        self.query_was_cut = len(words) > MAX_QUERY_LENGTH
        self.query = words[:MAX_QUERY_LENGTH]
        matches = Post.objects.live().search(self.query)
        return matches.select_related("author").prefetch_related("tags").with_comment_counts()

    def known_post_count(self):
        return None  # at most SEARCH_CANDIDATES matches to count

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query, query_was_cut=self.query_was_cut, search_limit=SEARCH_CANDIDATES, **kwargs
        )


@require_safe
def post_detail(request, slug):
    post = find_post(slug)
    if post is None or (not post.is_live and not post.editable_by(request.user)):
        raise Http404("No such post.")
    return render_post(request, post)


@require_safe
def preview_link(request, token):
    """A reviewer's view of an unpublished post through a signed, expiring, revocable link."""
    link = PreviewLink.find_usable(token)
    if link is None:
        raise Http404("This preview link is not valid: it may have expired or been revoked.")
    if link.post.is_live:
        return redirect(link.post)
    return render_post(request, link.post, shared_preview=True)


@require_safe
def tag_list(request):
    return render(request, "blog/tag_list.html", {"tags": derived.live_tags()})


@require_safe
def archive(request):
    """The newest live posts by year and month (blog/archive.py), and every year with its number of posts."""
    recent = list(archive_index.archive_posts()[: archive_index.RECENT_POSTS])
    year_index = archive_index.years_with_counts()
    post_count = sum(count for _, count in year_index)
    context = {"years": archive_index.by_year_and_month(recent), "post_count": post_count, "year_index": year_index,
               "showing_all": post_count <= len(recent)}
    return render(request, "blog/archive.html", context)


@require_safe
def archive_year(request, year):
    """One year's live posts by month, a page at a time."""
    posts = archive_index.archive_posts().filter(publish_at__year=year)
    page = Paginator(posts, archive_index.YEAR_PAGE_SIZE).get_page(request.GET.get("page"))
    if not page.object_list or str(page.number) != request.GET.get("page", "1"):
        raise Http404("No essays on this page.")
    context = {"year": year, "years": archive_index.by_year_and_month(page.object_list), "page_obj": page,
               "paginator": page.paginator, "is_paginated": page.has_other_pages()}
    return render(request, "blog/archive_year.html", context)


@require_safe
def robots_txt(request):
    # A custom ADMIN_URL is not advertised here (Django's admin pages carry their own "noindex").
    disallow = ["Disallow: /admin/"] if settings.ADMIN_URL == "admin/" else []
    lines = ["User-agent: *", *disallow, "", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
