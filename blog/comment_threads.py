"""A post's comments as a tree for one reader: one query, the nesting done in Python."""

from dataclasses import dataclass, field

from django.utils import timezone

from blog.models import Comment


@dataclass
class Thread:
    roots: list = field(default_factory=list)
    approved_count: int = 0


def load_thread(post, reader, now=None):
    """Approved comments oldest first, threaded; "[removed]" markers where replies need them; the reader's own
    comments awaiting moderation, marked as such. Each comment gets `thread_replies`, `is_placeholder`,
    `is_awaiting` and `can_change`."""
    now = now or timezone.now()
    comments = list(Comment.objects.for_thread(post, user=reader.user, own_ids=reader.own_comment_ids))
    by_id = {}
    thread = Thread()
    for comment in comments:
        mine = comment.pk in reader.own_comment_ids or (reader.user is not None and comment.user_id == reader.user.pk)
        comment.thread_replies = []
        comment.is_awaiting = mine and comment.status in (Comment.Status.PENDING, Comment.Status.SPAM)
        comment.is_placeholder = not comment.is_public and not comment.is_awaiting
        comment.can_change = not comment.is_placeholder and comment.can_be_changed_by(
            reader.user, reader.own_comment_ids, now
        )
        thread.approved_count += comment.is_public
        by_id[comment.pk] = comment
    for comment in comments:
        if comment.parent_id is None:
            thread.roots.append(comment)
        elif comment.parent_id in by_id:
            by_id[comment.parent_id].thread_replies.append(comment)
    thread.roots = prune_empty_placeholders(thread.roots)
    return thread


def prune_empty_placeholders(comments):
    """Drop "[removed]" markers with nothing visible under them."""
    kept = []
    for comment in comments:
        comment.thread_replies = prune_empty_placeholders(comment.thread_replies)
        if not comment.is_placeholder or comment.thread_replies:
            kept.append(comment)
    return kept
