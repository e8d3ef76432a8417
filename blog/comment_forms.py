"""The comment form and its signed token (which post it was shown for, and when: the 3 s / 2 h timing rule)."""

from datetime import UTC, datetime, timedelta

from django import forms
from django.conf import settings
from django.core import signing
from django.utils import timezone

from blog.models import Comment

FORM_TOKEN_SALT = "blog.comments.form-token"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
TOKEN_ERROR = "This form could not be checked (it may come from another page). Please send your comment again."


def issue_form_token(post):
    """A signed note of the post and the moment the form was shown; no cookie or session involved."""
    shown_at = (timezone.now() - EPOCH) // timedelta(microseconds=1)
    return signing.dumps({"post": post.pk, "at": shown_at}, salt=FORM_TOKEN_SALT)


def read_form_token(token, post):
    """When the form for `post` was shown, or ValidationError if the token is forged or for another post."""
    try:
        payload = signing.loads(token or "", salt=FORM_TOKEN_SALT)
        if payload["post"] != post.pk:
            raise ValueError("token for another post")
        return EPOCH + timedelta(microseconds=int(payload["at"]))
    except (signing.BadSignature, ValueError, KeyError, TypeError, OverflowError):
        raise forms.ValidationError(TOKEN_ERROR, code="bad_token") from None


def check_body_length(body):
    limit = settings.COMMENTS_MAX_LENGTH
    if len(body) > limit:
        raise forms.ValidationError(
            f"Comments can be at most {limit:,} characters; this one has {len(body):,}. Please shorten it.",
            code="too_long",
        )
    return body


class CommentForm(forms.Form):
    """A new comment or reply. Signed-in readers are not asked for name, email or website."""

    name = forms.CharField(max_length=100, label="Name", widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        max_length=254,
        label="Email",
        help_text="Never shown. Used only to tell you about replies, if you ask.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.URLField(
        max_length=300,
        required=False,
        label="Website (optional)",
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    body = forms.CharField(
        label="Comment",
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Markdown: *emphasis*, **strong**, [links](https://example.com), `code`, > quotes, lists.",
        error_messages={"required": "Write your comment before sending it."},
    )
    notify_replies = forms.BooleanField(required=False, label="Email me replies")
    # The honeypot: hidden from people (the `hidden` attribute on its wrapper), irresistible to form-filling robots.
    homepage_url = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, post, user=None, parent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.signed_in = user is not None
        self.issued_at = None
        if self.signed_in:
            for field in ("name", "email", "website"):
                del self.fields[field]
        if not self.is_bound:
            self.initial.update(token=issue_form_token(post), parent=parent.pk if parent else None)

    def clean_token(self):
        self.issued_at = read_form_token(self.cleaned_data["token"], self.post)
        return self.cleaned_data["token"]

    def clean_body(self):
        return check_body_length(self.cleaned_data["body"])

    def clean_parent(self):
        """The approved comment on this post being replied to (None for a top-level comment)."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.approved().filter(post=self.post, pk=parent_id).first()
        if parent is None:
            raise forms.ValidationError("The comment you are replying to is no longer available.", code="bad_parent")
        return parent

    def renew_token(self):
        """Shown again (an error, a refusal): a fresh token so the reader can simply send it once more."""
        self.data = self.data.copy()
        self.data["token"] = issue_form_token(self.post)


class CommentEditForm(forms.Form):
    body = forms.CharField(
        label="Comment",
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "A comment cannot be empty; delete it instead."},
    )

    def clean_body(self):
        return check_body_length(self.cleaned_data["body"])
