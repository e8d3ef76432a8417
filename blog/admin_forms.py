"""The admin's post form: time-zone-aware publishing, the substantive-update mark, friendly help."""

from django import forms
from django.conf import settings
from django.utils import timezone

from blog.models import Post, PreviewLink

DESCRIPTION_RECOMMENDED = (70, 160)


def site_time_zone_help():
    now = timezone.localtime()
    return (
        f"Entered and shown in the site's time zone, {settings.TIME_ZONE} (UTC{now:%z}); "
        f"it is now {now:%d %b %Y, %H:%M} there. A published post goes public at this time."
    )


class PostAdminForm(forms.ModelForm):
    substantive_update = forms.BooleanField(
        label="This is a substantive update",
        required=False,
        help_text='Tick to show readers an "Updated" date (on the page and in feeds). Leave unticked for small fixes.',
    )

    class Meta:
        model = Post
        fields = "__all__"
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_at"].help_text = site_time_zone_help()
        low, high = DESCRIPTION_RECOMMENDED
        length = len(self.initial.get("description") or "")
        self.fields["description"].help_text = (
            f"Plain-text summary for lists, search results, link previews and feeds. "
            f"Recommended: {low}–{high} characters (now {length})."
        )
        self.fields["description"].widget.attrs["data-recommended-max"] = high


class PreviewLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(required=False, help_text="The link stops working at once.")

    class Meta:
        model = PreviewLink
        fields = ("note", "expires_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].required = True
        self.fields["revoke"].initial = bool(self.instance.revoked_at)
        if self.instance.revoked_at:
            self.fields["revoke"].disabled = True

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked_at:
            self.instance.revoked_at = timezone.now()
        return super().save(commit)
