"""Account forms: sign-up, the profile, and deleting an account. Django's own forms cover login and passwords."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm

User = get_user_model()

EMAIL_TAKEN = "An account with this email address already exists. Log in, or reset your password if you forgot it."
DISPLAY_NAME_HELP = "How your name appears on your comments (and essays). Leave empty to use your user name."


def email_in_use(email, exclude_pk=None):
    return User.objects.filter(email__iexact=email.strip()).exclude(pk=exclude_pk).exists()


class SignupForm(UserCreationForm):
    """User name, email, password (checked by AUTH_PASSWORD_VALIDATORS) and an optional display name."""

    email = forms.EmailField(
        max_length=254,
        help_text="We send a link to confirm it. Never shown to anyone.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    display_name = forms.CharField(
        max_length=100,
        required=False,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", "display_name")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email_in_use(email):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email


class ProfileForm(forms.ModelForm):
    """The public profile and the email address; a new address needs the current password and a new verification."""

    website = forms.URLField(
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="Shown with your name on the author page, if you write essays, and linked from your comments.",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    bio = forms.CharField(
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="A few sentences (plain text, up to 1,000 characters) for your author page and under your essays.",
    )
    current_password = forms.CharField(
        required=False,
        strip=False,
        label="Current password",
        help_text="Needed only when you change your email address.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    class Meta:
        model = User
        fields = ("display_name", "email", "bio", "website")
        help_texts = {"display_name": DISPLAY_NAME_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "Never shown. A new address must be confirmed again by email."
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.original_email = self.instance.email

    @property
    def email_changed(self):
        return self.cleaned_data.get("email", "").strip().lower() != (self.original_email or "").strip().lower()

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email.lower() != (self.original_email or "").lower() and email_in_use(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean(self):
        cleaned = super().clean()
        if "email" in cleaned and self.email_changed:
            if not self.instance.check_password(cleaned.get("current_password") or ""):
                self.add_error(
                    "current_password", "To change your email address, enter your current password correctly."
                )
        return cleaned


class DeleteAccountForm(forms.Form):
    KEEP, REMOVE = "keep", "remove"

    comments = forms.ChoiceField(
        label="Your comments",
        choices=[
            (KEEP, "Keep them, shown as “[deleted user]” (your name, email address and website are erased)"),
            (
                REMOVE,
                "Remove them (a removed comment that has replies stays as “[removed]” so the replies make sense)",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to your comments."},
    )
    password = forms.CharField(
        strip=False,
        label="Your password",
        help_text="To make sure it is you.",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.", code="wrong_password")
        return password
