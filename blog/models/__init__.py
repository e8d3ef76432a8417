"""The blog's models, one module per concern."""

from blog.models.comments import Comment, CommentBlocklistEntry
from blog.models.posts import Post, Tag
from blog.models.previews import PreviewLink
from blog.models.revisions import PostRevision
from blog.models.site import SiteSettings

__all__ = ["Comment", "CommentBlocklistEntry", "Post", "PostRevision", "PreviewLink", "SiteSettings", "Tag"]
