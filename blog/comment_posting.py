"""Posting a comment: judge it, refuse floods, store it once (even when sent twice at the same moment), and
tell the moderators after the transaction commits."""

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from blog.comment_markdown import render_comment_markdown
from blog.models import Comment
from blog.models.comments import content_fingerprint
from blog.moderation import EDIT_RULES, REJECT, Submission, Verdict, flood_message, judge
from config.client_ip import truncate_ip


@dataclass
class Outcome:
    comment: Comment | None = None
    verdict: Verdict | None = None
    duplicate: bool = False
    flood_message: str | None = None

    @property
    def refused(self):
        return self.comment is None


def build_comment(form, post, user, ip, now):
    data = form.cleaned_data
    comment = Comment(
        post=post,
        user=user,
        name=user.public_name if user else data["name"],
        email=(user.email if user else data["email"]).strip().lower(),
        website=(user.website if user else data["website"]) or "",
        body=data["body"],
        notify_replies=data["notify_replies"],
        ip_network=truncate_ip(ip),
        form_issued_at=form.issued_at,
        created_at=now,
    )
    comment.attach_to(data.get("parent"))
    comment.content_hash = content_fingerprint(post.pk, comment.parent_id, comment.fingerprint_identity(), comment.body)
    return comment


def submit_comment(form, post, *, user, ip, now):
    """Store the comment in `form` (a valid CommentForm) for `post`, or say why not."""
    comment = build_comment(form, post, user, ip, now)
    verdict = judge(
        Submission(
            post=post,
            body=comment.body,
            body_html=render_comment_markdown(comment.body),
            name=comment.name,
            email=comment.email,
            website=comment.website,
            ip=ip,
            user=user,
            honeypot=form.cleaned_data.get("homepage_url", ""),
            form_issued_at=form.issued_at,
            now=now,
        )
    )
    if verdict.action == REJECT:
        return Outcome(verdict=verdict)
    with transaction.atomic():
        lock_sender(comment.ip_network, comment.email)
        earlier = recent_duplicate(comment, now)
        if earlier is not None:
            return Outcome(comment=earlier, duplicate=True)
        message = flood_message(comment.ip_network, comment.email, now)
        if message:
            # Without the lock (not PostgreSQL) the "flood" may be this very comment, committed a moment ago.
            earlier = recent_duplicate(comment, now)
            if earlier is not None:
                return Outcome(comment=earlier, duplicate=True)
            return Outcome(verdict=verdict, flood_message=message)
        comment.status, comment.moderation_reason = verdict.status, verdict.reason
        try:
            with transaction.atomic():
                comment.save()
        except IntegrityError:
            # The same form was sent twice at the same moment and the other request stored it first.
            earlier = Comment.objects.get(content_hash=comment.content_hash, form_issued_at=comment.form_issued_at)
            return Outcome(comment=earlier, duplicate=True)
        if comment.status != Comment.Status.SPAM:
            from blog.notifications import notify_moderators

            transaction.on_commit(partial(notify_moderators, comment.pk))
    return Outcome(comment=comment, verdict=verdict)


def recent_duplicate(comment, now):
    window = now - timedelta(seconds=settings.COMMENTS_DUPLICATE_SECONDS)
    return Comment.objects.filter(content_hash=comment.content_hash, created_at__gt=window).order_by("pk").first()


def lock_sender(*keys):
    """On PostgreSQL, serialise posts from one IP network or email until commit, so that the flood and duplicate
    checks see each other's rows. Keys are locked in sorted order (no deadlock between two senders)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted({key for key in keys if key}):
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"blog.comment:{key}"])


def edit_comment_body(comment, body, *, user=None, now=None):
    """The author's edit: new words, marked as edited, and held or marked as spam again if they now break a rule."""
    if body == comment.body:
        return comment
    comment.body = body
    comment.edited_at = now or timezone.now()
    submission = Submission(
        post=comment.post,
        body=body,
        body_html=render_comment_markdown(body),
        name=comment.name,
        email=comment.email,
        website=comment.website,
        user=user,
    )
    verdict = judge(submission, rules=EDIT_RULES)
    if verdict is not None and comment.status != Comment.Status.SPAM:
        comment.status, comment.moderation_reason = verdict.status, verdict.reason
    comment.save()
    return comment
