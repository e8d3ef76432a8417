from django.urls import include, path
from django.views.generic import RedirectView

from blog import author_views, feeds, views

app_name = "blog"

urlpatterns = [
    path("", views.PostListView.as_view(), name="home"),
    path("blog/<slug:slug>/", views.post_detail, name="post"),
    path("preview/<str:token>/", views.preview_link, name="preview-link"),
    path("tags/", views.tag_list, name="tags"),
    path("tags/<slug:slug>/", views.TagPostListView.as_view(), name="tag"),
    path("tags/<slug:slug>/rss.xml", feeds.TagFeed(), name="tag-rss"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:year>/", views.archive_year, name="archive-year"),
    path("authors/<str:username>/", author_views.AuthorPostListView.as_view(), name="author"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("rss.xml", feeds.LatestPostsFeed(), name="rss"),
    path("atom.xml", feeds.LatestPostsAtomFeed(), name="atom"),
    path("sitemap-index.xml", RedirectView.as_view(url="/sitemap.xml", permanent=True, http_method_names=["get", "head"])),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include("blog.comment_urls")),
]
