"""Public pages. Every one of them starts from `Post.objects.live()`."""

from itertools import groupby

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from blog.absolute import absolute_url
from blog.comment_readers import mark_personal
from blog.comment_views import comment_section_context
from blog.models import Post, PreviewLink, Tag
from blog.querysets import MAX_QUERY_LENGTH


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
        return super().get_context_data(query=self.query, query_was_cut=self.query_was_cut, **kwargs)


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
    return render(request, "blog/tag_list.html", {"tags": Tag.objects.with_live_counts()})


@require_safe
def archive(request):
    """Every live post, grouped by year and then by month (in the site's time zone)."""
    posts = Post.objects.live().newest_first().only("title", "slug", "publish_at")
    dated = [(timezone.localtime(post.publish_at).date().replace(day=1), post) for post in posts]
    years = [
        (year, [(month, [post for _, post in items]) for month, items in groupby(year_items, key=lambda i: i[0])])
        for year, year_items in groupby(dated, key=lambda item: item[0].year)
    ]
    return render(request, "blog/archive.html", {"years": years, "post_count": len(dated)})


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
