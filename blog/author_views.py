"""Public author pages: who wrote the essays, and their live posts. Only authors with a live post have one."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from blog.models import Post
from blog.views import PostListView


def authors_with_live_posts():
    return get_user_model().objects.filter(Exists(Post.objects.live().filter(author=OuterRef("pk"))))


class AuthorPostListView(PostListView):
    template_name = "blog/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(authors_with_live_posts(), username=self.kwargs["username"])
        return Post.objects.live().filter(author=self.author).for_listing()

    def known_post_count(self):
        return None  # one author's posts: counted (an index range), not the site's total

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)
