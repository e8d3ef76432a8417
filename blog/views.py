"""Public pages. Every one of them starts from `Post.objects.live()`."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from blog import archive as archive_index
from blog import derived
from blog.absolute import absolute_url
from blog.comment_readers import mark_personal
from blog.comment_views import comment_section_context
from blog.models import Post, PreviewLink, Tag
from blog.querysets import MAX_QUERY_LENGTH, SEARCH_CANDIDATES


class PostListView(ListView):
    """The home page: newest live posts, a page at a time."""

    template_name = "blog/post_list.html"
    context_object_name = "posts"
    paginate_by = settings.POSTS_PER_PAGE
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return Post.objects.live().for_listing()


class TagPostListView(PostListView):
    template_name = "blog/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag.objects.with_live_counts(), slug=self.kwargs["slug"])
        return Post.objects.live().filter(tags=self.tag).for_listing()

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

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            query=self.query, query_was_cut=self.query_was_cut, search_limit=SEARCH_CANDIDATES, **kwargs
        )


@require_safe
def post_detail(request, slug):
    post = get_object_or_404(Post.objects.select_related("author").prefetch_related("tags"), slug=slug)
    if not post.is_live and not post.editable_by(request.user):
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


def render_post(request, post, shared_preview=False):
    preview = not post.is_live
    context = {
        "post": post,
        "preview": preview,
        "shared_preview": shared_preview,
        "previous_post": post.previous_live(),
        "next_post": post.next_live(),
        "related_posts": Post.objects.live().related_to(post),
        **comment_section_context(request, post),
    }
    response = mark_personal(render(request, "blog/post_detail.html", context), context["comment_reader"])
    if preview:
        patch_cache_control(response, private=True, no_cache=True, no_store=True, must_revalidate=True, max_age=0)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
def tag_list(request):
    tags = derived.once_per_stamp("tag-index", lambda: list(Tag.objects.with_live_counts()))
    return render(request, "blog/tag_list.html", {"tags": tags})


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
