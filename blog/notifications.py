"""Comment emails: moderators hear of each new comment; subscribers hear of approved replies.

Called after the transaction commits. A failure to send is logged and changes nothing that was stored.
"""

import logging

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from blog.absolute import absolute_url
from blog.models import Comment, SiteSettings

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "blog.comments.unsubscribe"


def unsubscribe_signer():
    return signing.Signer(salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(email):
    """A link that stops reply emails to `email` and to no other address; it needs no login and never expires."""
    signed = unsubscribe_signer().sign(email.lower())
    token = signed.rpartition(unsubscribe_signer().sep)[2]
    return absolute_url(
        reverse("blog:comment-unsubscribe") + "?" + urlencode({"address": email.lower(), "token": token})
    )


def address_from_unsubscribe(address, token):
    """The address an unsubscribe link was made for, or None when the link was altered or made for another."""
    signer = unsubscribe_signer()
    try:
        return signer.unsign(f"{(address or '').lower()}{signer.sep}{token or ''}")
    except signing.BadSignature:
        return None


def moderator_addresses(post):
    """The post's author and every active editor who may moderate comments."""
    editors = get_user_model().objects.with_perm(
        "blog.change_comment", include_superusers=True, backend="django.contrib.auth.backends.ModelBackend"
    ).filter(is_active=True)
    addresses = [post.author.email] + [user.email for user in editors]
    return sorted({address.strip().lower() for address in addresses if address and address.strip()})


def send_safely(messages, what):
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages)
    except Exception:
        logger.exception("Could not send %s; the comment is stored and nothing else changed.", what)
        return 0


def notify_moderators(comment_id):
    """One email to each moderator about a new comment, with a link to moderate it."""
    comment = Comment.objects.select_related("post__author").filter(pk=comment_id).first()
    if comment is None:
        return 0
    site = SiteSettings.load()
    context = {
        "comment": comment,
        "site": site,
        "moderate_url": absolute_url(reverse("admin:blog_comment_change", args=[comment.pk])),
        "queue_url": absolute_url(reverse("admin:blog_comment_changelist") + "?status__exact=pending"),
        "comment_url": absolute_url(comment.get_absolute_url()),
    }
    held = "" if comment.is_public else " (awaiting moderation)"
    subject = f"[{site.title}] New comment on “{comment.post.title}”{held}"
    body = render_to_string("blog/comments/email_moderators.txt", context)
    messages = [
        EmailMessage(subject, body, to=[address])
        for address in moderator_addresses(comment.post)
        if address != comment.email
    ]
    return send_safely(messages, f"the moderator email for comment {comment.pk}")


def notify_reply_subscriber(comment_id):
    """Tell the author of the comment replied to, if they asked, once per reply, when the reply is approved."""
    reply = Comment.objects.select_related("post", "parent").filter(pk=comment_id).first()
    if reply is None or reply.replies_notified or not reply.is_public or reply.parent is None:
        return 0
    parent = reply.parent
    Comment.objects.filter(pk=reply.pk).update(replies_notified=True)
    if not (parent.notify_replies and parent.email and parent.is_public) or parent.email == reply.email:
        return 0
    site = SiteSettings.load()
    unsubscribe = unsubscribe_url(parent.email)
    context = {
        "reply": reply,
        "parent": parent,
        "site": site,
        "reply_url": absolute_url(reply.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMessage(
        f"[{site.title}] {reply.name} replied to your comment on “{reply.post.title}”",
        render_to_string("blog/comments/email_reply.txt", context),
        to=[parent.email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    return send_safely([message], f"the reply email for comment {reply.pk}")


def unsubscribe(address):
    """Stop every reply email to `address`; the number of comments that had asked for them."""
    return Comment.objects.filter(email=address.lower(), notify_replies=True).update(notify_replies=False)
