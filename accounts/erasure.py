"""Deleting an account: personal data erased, the reader's comments kept as "[deleted user]" or removed.

An author whose essays are on the site cannot be deleted here (Post.author is PROTECT): an editor first hands the
essays to another author in the admin, or deactivates the account instead.
"""

from functools import partial

from axes.models import AccessAttempt
from django.db import transaction

from blog.comment_signals import comment_visibility_changed
from blog.models import Comment

DELETED_NAME = "[deleted user]"


class AccountHasPosts(Exception):
    """The account is the author of posts, which must be handed over before it can go."""


def erase_comment_identity(comment):
    """Detach a comment from its author and forget everything that says who wrote it."""
    comment.user = None
    comment.name = DELETED_NAME
    comment.email = ""
    comment.website = ""
    comment.ip_network = None
    comment.notify_replies = False


def announce_edited(comment):
    transaction.on_commit(
        partial(
            comment_visibility_changed.send,
            sender=Comment,
            comment_id=comment.pk,
            post_id=comment.post_id,
            change="edited",
        )
    )


@transaction.atomic
def delete_account(user, *, keep_comments):
    """Delete `user`. Their comments stay under "[deleted user]" (keep_comments) or are removed: a removed
    comment with replies stays as an empty "[removed]" marker so the thread still reads; the others are deleted."""
    if user.posts.exists():
        raise AccountHasPosts
    comments = list(Comment.objects.select_for_update().filter(user=user))
    for comment in comments:
        erase_comment_identity(comment)
        if keep_comments:
            comment.save()
            if comment.is_public:
                announce_edited(comment)
        else:
            comment.remove_by_author()
    if not keep_comments:
        delete_unanswered([comment.pk for comment in comments])
    AccessAttempt.objects.filter(username=user.get_username()).delete()
    user.delete()


def delete_unanswered(comment_ids):
    """Delete these comments, except those that still have replies (from the leaves of each thread upwards)."""
    while Comment.objects.filter(pk__in=comment_ids, replies__isnull=True).delete()[0]:
        pass
