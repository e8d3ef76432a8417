"""Account pages: sign-up, email verification, the profile (edit, export, delete). Django's auth views do the rest
(accounts/urls.py). Every page here is personal, so none is ever cached."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import throttling
from accounts.erasure import AccountHasPosts, delete_account
from accounts.export import account_data
from accounts.forms import DeleteAccountForm, ProfileForm, SignupForm
from accounts.verification import (
    LinkExpired,
    LinkForOldAddress,
    LinkInvalid,
    seconds_until_resend,
    send_verification_email,
    user_for_token,
)
from blog.context_processors import site as site_context

MAIL_FAILED = "We could not send the email just now. Please try again in a few minutes with “Send the link again”."


def safe_next(request):
    """The `next` address from the form or query string, if it leads somewhere on this site; else None."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else None


class LoginView(auth_views.LoginView):
    """Django's login view (it already sends readers back to a same-site `next` only). It puts the
    django.contrib.sites Site in the context as `site`; the templates want the site's settings there."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **site_context(self.request)}


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view; its email builds the link from SITE_URL (registration/password_reset_email.txt).
    Limited per network (429) and per address (beyond the limit the page says the same and nothing is sent, so it
    tells nobody whether the address has an account): accounts/throttling.py."""

    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        if not throttling.reset_request_allowed(self.request):
            context = {"limit": settings.PASSWORD_RESET_REQUESTS_PER_NETWORK}
            response = render(self.request, "registration/password_reset_throttled.html", context, status=429)
            response["Retry-After"] = str(throttling.seconds_until_next_hour())
            return response
        if not throttling.reset_email_allowed(form.cleaned_data["email"]):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)

    @property
    def extra_email_context(self):
        return {"site_url": settings.SITE_URL}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        sent = send_verification_email(user)
        target = safe_next(request)
        if target:  # back to the essay: its comment form says the address still needs confirming
            return HttpResponseRedirect(target)
        if sent:
            messages.success(request, f"Welcome! We sent a link to {user.email}: follow it to confirm your address.")
        else:
            messages.warning(request, MAIL_FAILED)
        return redirect("accounts:profile")
    status = 400 if form.errors else 200
    return render(request, "accounts/signup.html", {"form": form, "next": safe_next(request) or ""}, status=status)


VERIFY_PROBLEMS = {
    LinkExpired: (
        "This link has expired",
        "Confirmation links work for a few days only. Log in and use “Send the link again” on your profile.",
        410,
    ),
    LinkInvalid: (
        "This link is not valid",
        "The link is incomplete or was changed. Please use the link from the email exactly as it came, or log in "
        "and ask for a new one.",
        400,
    ),
    LinkForOldAddress: (
        "This link is for an old address",
        "The email address on this account has changed since this link was sent. Use the link sent to the new "
        "address, or log in and ask for a new one.",
        400,
    ),
}


@never_cache
@require_safe
def verify_email(request, token):
    try:
        user = user_for_token(token)
    except (LinkExpired, LinkInvalid, LinkForOldAddress) as problem:
        title, message, status = VERIFY_PROBLEMS[type(problem)]
        return render(request, "accounts/verify_result.html", {"title": title, "message": message}, status=status)
    already = user.email_verified
    if not already:
        user.mark_email_verified()
    title = "Email address confirmed"
    message = (
        f"{user.email} was already confirmed." if already else f"Thank you: {user.email} is confirmed. "
        "Your comments now appear without waiting for a moderator, unless they break a rule."
    )
    return render(request, "accounts/verify_result.html", {"title": title, "message": message, "confirmed": True})


@login_required
@require_POST
def resend_verification(request):
    user = request.user
    wait = seconds_until_resend(user)
    if user.email_verified:
        messages.info(request, "Your email address is already confirmed.")
    elif wait:
        messages.warning(request, f"We sent a link a moment ago. You can ask again in {wait} seconds.")
    elif send_verification_email(user):
        days = settings.ACCOUNTS_VERIFY_LINK_DAYS
        messages.success(request, f"We sent a new link to {user.email}. It works for {days} days.")
    else:
        messages.warning(request, MAIL_FAILED)
    return redirect("accounts:profile")


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        email_changed = form.email_changed
        form.save()
        messages.success(request, "Your profile is saved.")
        if email_changed:
            if send_verification_email(user):
                messages.info(request, f"We sent a link to {user.email}: follow it to confirm your new address.")
            else:
                messages.warning(request, MAIL_FAILED)
        return redirect("accounts:profile")
    if form.errors:
        user.refresh_from_db()
    context = {
        "form": form,
        "comments": user.comments.select_related("post").order_by("-created_at", "-pk"),
        "is_author": user.posts.exists(),
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@require_safe
def export_data(request):
    body = json.dumps(account_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"quire-account-{request.user.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request):
    user = request.user
    if user.posts.exists():
        status = 409 if request.method == "POST" else 200
        return render(request, "accounts/delete.html", {"is_author": True}, status=status)
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            delete_account(user, keep_comments=form.cleaned_data["comments"] == DeleteAccountForm.KEEP)
        except AccountHasPosts:
            return render(request, "accounts/delete.html", {"is_author": True}, status=409)
        logout(request)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def deleted(request):
    return render(request, "accounts/deleted.html")
