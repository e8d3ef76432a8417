"""Comment pages: posting (and replying), editing and deleting one's own comment, and unsubscribing.

Cross-site protection without making post pages uncacheable: anonymous posts carry a signed form token (post
and render time; no cookie) and must come from this site (Origin, else Referer); signed-in readers get Django's
full CSRF check, and only their (never cached) pages contain a CSRF token.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from blog.comment_forms import CommentEditForm, CommentForm
from blog.comment_posting import edit_comment_body, submit_comment
from blog.comment_readers import mark_personal, reader_for, remember_comment, signed_in_user
from blog.models import Comment, Post
from blog.models.comments import comments_are_open
from blog.notifications import address_from_unsubscribe, unsubscribe
from config.client_ip import client_ip, truncate_ip

CLOSED_MESSAGE = "Comments are closed on this essay."
CROSS_SITE_MESSAGE = (
    "This comment was sent from another website, so it was not accepted. Please post it from this site."
)


def origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def comes_from_this_site(request):
    """The browser's Origin (or, without it, Referer) names this site. Browsers send Origin on every cross-site
    form post, so a request with neither header is not one; the signed form token still applies to it."""
    trusted = {origin_of(settings.SITE_URL), f"{request.scheme}://{request.get_host()}".lower()}
    trusted |= {origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        return origin.lower() in trusted
    referer = request.META.get("HTTP_REFERER")
    return not referer or origin_of(referer) in trusted


def csrf_refusal(request):
    """Django's full CSRF check, for signed-in readers: None when it passes, else the 403 response."""
    return CsrfViewMiddleware(lambda _: None).process_view(request, None, (), {})


def notice(request, message, *, title, status, post=None):
    return render(
        request, "blog/comments/notice.html", {"title": title, "message": message, "post": post}, status=status
    )


def form_page(request, post, form, *, status=200, message="", parent=None, reader=None):
    reader = reader or reader_for(request)
    context = {"post": post, "comment_form": form, "message": message, "parent": parent, "comment_reader": reader}
    return mark_personal(render(request, "blog/comments/form_page.html", context, status=status), reader)


@csrf_exempt
@require_POST
def post_comment(request, slug):
    post = get_object_or_404(Post.objects.live().select_related("author"), slug=slug)
    user = signed_in_user(request)
    if user is not None:
        refusal = csrf_refusal(request)
        if refusal is not None:
            return refusal
    elif not comes_from_this_site(request):
        return notice(request, CROSS_SITE_MESSAGE, title="Comment not accepted", status=403, post=post)
    if not comments_are_open(post):
        return notice(request, CLOSED_MESSAGE, title="Comments are closed", status=403, post=post)
    form = CommentForm(request.POST, post=post, user=user)
    if not form.is_valid():
        form.renew_token()
        return form_page(request, post, form, status=400, parent=form.cleaned_data.get("parent"))
    ip = client_ip(request)
    outcome = submit_comment(form, post, user=user, ip=ip, now=timezone.now())
    if outcome.refused:
        form.renew_token()
        status = 429 if outcome.flood_message else 400
        message = outcome.flood_message or outcome.verdict.reason
        response = form_page(
            request, post, form, status=status, message=message, parent=form.cleaned_data.get("parent")
        )
        if outcome.flood_message:
            response["Retry-After"] = str(min(seconds for seconds, _ in settings.COMMENTS_FLOOD_LIMITS))
        return response
    comment = outcome.comment
    # The query string makes a URL no cache holds, so the reader sees their comment, held or not.
    response = HttpResponseRedirect(f"{post.get_absolute_url()}?comment={comment.pk}#{comment.anchor}")
    # A duplicate earns the edit cookie only when it is the same form sent twice (a double click), never when
    # someone else re-posts the same words.
    same_form = comment.form_issued_at == form.issued_at and comment.ip_network == truncate_ip(ip)
    if user is None and comment.user_id is None and (not outcome.duplicate or same_form):
        remember_comment(request, response, comment)
    return response


@require_safe
def reply_form(request, pk):
    """A page to reply to one comment: works without JavaScript, and caches like a post page."""
    parent = get_object_or_404(Comment.objects.approved().on_live_posts().select_related("post"), pk=pk)
    post = parent.post
    if not comments_are_open(post):
        return notice(request, CLOSED_MESSAGE, title="Comments are closed", status=403, post=post)
    reader = reader_for(request)
    return form_page(
        request, post, CommentForm(post=post, user=reader.user, parent=parent), parent=parent, reader=reader
    )


def own_comment(request, pk):
    """The comment (404 if unknown or not on a live post), the reader, and whether they may still change it."""
    comment = get_object_or_404(Comment.objects.on_live_posts().select_related("post"), pk=pk)
    reader = reader_for(request)
    return comment, reader, comment.can_be_changed_by(reader.user, reader.own_comment_ids)


def not_yours(request, comment):
    message = (
        f"You can change only your own comment, from the browser or account you posted it with, "
        f"for {settings.COMMENTS_EDIT_MINUTES} minutes after posting."
    )
    return notice(request, message, title="This comment cannot be changed", status=403, post=comment.post)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_comment(request, pk):
    comment, reader, allowed = own_comment(request, pk)
    if not allowed:
        return not_yours(request, comment)
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        edit_comment_body(comment, form.cleaned_data["body"], user=reader.user)
        return mark_personal(HttpResponseRedirect(f"{comment.post.get_absolute_url()}#{comment.anchor}"), reader)
    context = {"comment": comment, "form": form, "post": comment.post}
    return mark_personal(
        render(request, "blog/comments/edit.html", context, status=400 if form.errors else 200), reader
    )


@require_http_methods(["GET", "HEAD", "POST"])
def delete_comment(request, pk):
    comment, reader, allowed = own_comment(request, pk)
    if not allowed:
        return not_yours(request, comment)
    if request.method == "POST":
        comment.remove_by_author()
        return mark_personal(HttpResponseRedirect(f"{comment.post.get_absolute_url()}#comments"), reader)
    return mark_personal(
        render(request, "blog/comments/delete.html", {"comment": comment, "post": comment.post}), reader
    )


@never_cache  # an action, and the page names an email address: no cache keeps it
@csrf_exempt  # mail programs send one-click unsubscribes (RFC 8058) as a POST; the signed link is the proof
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_replies(request):
    address = address_from_unsubscribe(request.GET.get("address"), request.GET.get("token"))
    if address is None:
        message = (
            "This unsubscribe link is incomplete or was changed. Please use the link from the email exactly as it came."
        )
        return notice(request, message, title="Link not valid", status=400)
    if request.method != "HEAD":
        unsubscribe(address)
    message = f"Done: {address} will get no more emails about replies to comments."
    return notice(request, message, title="Unsubscribed", status=200)
