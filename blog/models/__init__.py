"""The blog's models, one module per concern."""

from blog.models.posts import Post, Tag
from blog.models.site import SiteSettings

__all__ = ["Post", "SiteSettings", "Tag"]
