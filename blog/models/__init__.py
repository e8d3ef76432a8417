"""The blog's models, one module per concern."""

from blog.models.comments import Comment, CommentBlocklistEntry
from blog.models.posts import Post, Tag
from blog.models.previews import PreviewLink
from blog.models.revisions import PostRevision
from blog.models.site import SiteSettings
from blog.models.stamps import ContentStamp

__all__ = ["Comment", "CommentBlocklistEntry", "ContentStamp", "Post", "PostRevision", "PreviewLink", "SiteSettings", "Tag"]
