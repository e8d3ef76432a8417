"""Comment URLs, included into the blog namespace by blog/urls.py."""

from django.urls import path

from blog import comment_feeds, comment_views

urlpatterns = [
    path("blog/<slug:slug>/comments/", comment_views.post_comment, name="comment-post"),
    path("blog/<slug:slug>/comments.xml", comment_feeds.PostCommentsFeed(), name="post-comments-feed"),
    path("comments.xml", comment_feeds.SiteCommentsFeed(), name="comments-feed"),
    path("comments/<int:pk>/reply/", comment_views.reply_form, name="comment-reply"),
    path("comments/<int:pk>/edit/", comment_views.edit_comment, name="comment-edit"),
    path("comments/<int:pk>/delete/", comment_views.delete_comment, name="comment-delete"),
    path("comments/unsubscribe/", comment_views.unsubscribe_replies, name="comment-unsubscribe"),
]
