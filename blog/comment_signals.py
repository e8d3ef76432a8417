"""Hooks for code that caches what readers see (pages, feeds) and must forget it when comments change."""

from django.dispatch import Signal

# Sent after the transaction commits, with sender=Comment and keyword arguments:
#   comment_id, post_id, and change: "approved" (became visible: new, or approved by a moderator),
#   "hidden" (was visible, now removed, spam, pending again or deleted) or "edited" (visible, and its words, name
#   or website changed).
comment_visibility_changed = Signal()
