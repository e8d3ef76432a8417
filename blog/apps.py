from django.apps import AppConfig
from django.db.models.signals import post_migrate


def refresh_roles(sender, **kwargs):
    from django.contrib.auth.management import create_permissions

    from blog.roles import sync_roles

    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    sync_roles()


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        post_migrate.connect(refresh_roles, sender=self)

        from blog.sites import sync_site_with_site_url

        post_migrate.connect(sync_site_with_site_url, dispatch_uid="blog.sync_site_with_site_url")

        import blog.renditions  # noqa: F401  (connects: hero image renditions are made when a post is saved)
        import blog.cache_invalidation  # noqa: F401  (connects: cached pages are dropped when content changes)
