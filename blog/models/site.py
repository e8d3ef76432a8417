"""The site's identity: one settings record edited in the admin."""

from django.core.cache import cache
from django.db import models

from blog import content_version


class SiteSettings(models.Model):
    """The site's identity, edited in the admin: one record, used by every page and feed."""

    CACHE_KEY = "blog:site-settings"

    title = models.CharField(max_length=100, default="Quire")
    tagline = models.CharField(max_length=200, blank=True, default="Essays, written slowly.")
    description = models.CharField(
        max_length=300,
        blank=True,
        default="Long-form essays on writing, the open web and the craft of software.",
        help_text="The site's summary for search engines, link previews and feeds.",
    )
    social_image = models.ImageField(
        upload_to="site/", blank=True, help_text="Shown in link previews of pages without a hero image."
    )
    footer_text = models.CharField(max_length=300, blank=True, default="Written by people, served by Quire.")
    footer_links = models.TextField(
        blank=True, help_text="One link a line, as: Label | https://example.com/"
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # The shared copy goes at once, for the rest of this transaction; the stamp's bump after commit gives load()
        # a new key in every process (whose own copies are kept under the old one).
        cache.delete(f"{self.CACHE_KEY}:{content_version.current().editorial_token}")

    @classmethod
    def load(cls):
        # Keyed by the editorial stamp, which every save bumps: every process and instance sees a change at once.
        from blog.derived import stored_or_computed

        key = f"{cls.CACHE_KEY}:{content_version.current().editorial_token}"
        return stored_or_computed(key, lambda: cls.objects.get_or_create(pk=1)[0], 300)

    def parsed_footer_links(self):
        links = []
        for line in self.footer_links.splitlines():
            label, sep, url = line.partition("|")
            if sep and label.strip() and url.strip():
                links.append((label.strip(), url.strip()))
        return links
