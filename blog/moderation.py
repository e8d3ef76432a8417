"""Moderation and spam rules for new comments: each rule a small function, `judge` runs them in order.

A rule looks at a `Submission` and returns a `Verdict` (approve, hold, spam or reject, with the reason the admin
shows) or None to pass it on. The first verdict wins. Flood limits are separate (`flood_message`): they answer
HTTP 429 instead of judging the comment. Defaults come from the COMMENTS_* settings.
"""

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q

from blog.comment_markdown import count_links
from blog.models import Comment, CommentBlocklistEntry

APPROVE, HOLD, SPAM, REJECT = "approve", "hold", "spam", "reject"
STATUS_FOR_ACTION = {APPROVE: Comment.Status.APPROVED, HOLD: Comment.Status.PENDING, SPAM: Comment.Status.SPAM}


@dataclass(frozen=True)
class Verdict:
    action: str
    reason: str

    @property
    def status(self):
        """The status a comment gets; a rejected comment is not stored at all."""
        return STATUS_FOR_ACTION.get(self.action)


@dataclass
class Submission:
    post: object
    body: str
    body_html: str
    name: str
    email: str
    website: str = ""
    ip: str = ""
    user: object = None
    honeypot: str = ""
    form_issued_at: datetime | None = None
    now: datetime | None = None


def honeypot(submission):
    """Only a robot fills in the field people cannot see."""
    if submission.honeypot.strip():
        return Verdict(SPAM, "The hidden honeypot field was filled in.")


def form_timing(submission):
    """A form sent back within seconds of being shown is a robot's; a very old one is stale."""
    age = (submission.now - submission.form_issued_at).total_seconds()
    if age < settings.COMMENTS_MIN_FORM_SECONDS:
        return Verdict(REJECT, "That was quicker than anyone can type. Please wait a moment and send it again.")
    if age > settings.COMMENTS_MAX_FORM_SECONDS:
        return Verdict(REJECT, "This form was open for too long and has expired. Please send it again.")


def blocklisted(submission):
    """Blocked words in any text, blocked email domains (and their subdomains), blocked IP networks."""
    text = " ".join([submission.body, submission.name, submission.website, submission.email]).lower()
    domain = submission.email.rpartition("@")[2].lower()
    try:
        ip = ipaddress.ip_address(submission.ip)
    except ValueError:
        ip = None
    for entry in CommentBlocklistEntry.objects.all():
        value = entry.value.lower()
        if entry.kind == CommentBlocklistEntry.Kind.WORD and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text):
            return Verdict(SPAM, f"Contains the blocked word “{entry.value}”.")
        if (
            entry.kind == CommentBlocklistEntry.Kind.EMAIL_DOMAIN
            and domain
            and (domain == value or domain.endswith("." + value))
        ):
            return Verdict(SPAM, f"Email domain {entry.value} is blocked.")
        if entry.kind == CommentBlocklistEntry.Kind.IP and ip is not None and in_network(ip, value):
            return Verdict(SPAM, f"IP address in the blocked network {entry.value}.")


def in_network(ip, network):
    try:
        return ip in ipaddress.ip_network(network, strict=False)
    except ValueError:
        return False


def too_many_links(submission):
    links = count_links(submission.body, submission.body_html)
    if links >= settings.COMMENTS_HOLD_LINK_COUNT:
        return Verdict(HOLD, f"Contains {links} links.")


def verified_reader(submission):
    """A signed-in reader whose email address is verified. The accounts app provides `email_verified`."""
    if submission.user is not None and getattr(submission.user, "email_verified", False):
        return Verdict(APPROVE, "Signed-in reader with a verified email address.")


def known_commenter(submission):
    """An approved comment under the same name and email (as WordPress does): anyone can type an address, so the
    name must match too, and a website the earlier comments did not give still sends it to moderation."""
    if not submission.email:
        return None
    earlier = Comment.objects.approved().filter(email=submission.email.lower(), name__iexact=submission.name.strip())
    if submission.website:
        earlier = earlier.filter(website=submission.website)
    if earlier.exists():
        return Verdict(APPROVE, "This name and email address have an approved comment.")


def first_comment(submission):
    return Verdict(HOLD, "First comment from this email address.")


RULES = [honeypot, form_timing, blocklisted, too_many_links, verified_reader, known_commenter, first_comment]
# An edited comment is looked at again for what its new words contain; None keeps its status.
EDIT_RULES = [blocklisted, too_many_links]


def judge(submission, rules=RULES):
    """The first verdict any rule gives, in order (with RULES there always is one)."""
    for rule in rules:
        verdict = rule(submission)
        if verdict is not None:
            return verdict
    return None


def flood_message(ip_network, email, now):
    """A message for HTTP 429 when this IP network or email already posted the most allowed in a window, else
    None. Counted from the database, so the limit holds across worker processes."""
    longest = max(seconds for seconds, _ in settings.COMMENTS_FLOOD_LIMITS)
    sender = Q(ip_network=ip_network) if ip_network else Q(pk__in=[])
    if email:
        sender |= Q(email=email.lower())
    recent = list(
        Comment.objects.filter(sender, created_at__gt=now - timedelta(seconds=longest)).values_list(
            "created_at", "ip_network", "email"
        )
    )
    for seconds, limit in settings.COMMENTS_FLOOD_LIMITS:
        since = now - timedelta(seconds=seconds)
        in_window = [row for row in recent if row[0] > since]
        by_ip = sum(1 for _, network, _ in in_window if ip_network and network == ip_network)
        by_email = sum(1 for _, _, address in in_window if email and address == email.lower())
        if max(by_ip, by_email) >= limit:
            return (
                f"You have posted {limit} comment{'s' if limit != 1 else ''} in the last {describe_seconds(seconds)}, "
                f"the most we accept. Please wait a little and send it again; your text is kept below."
            )
    return None


def describe_seconds(seconds):
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return "hour" if hours == 1 else f"{hours} hours"
    if seconds % 60 == 0:
        minutes = seconds // 60
        return "minute" if minutes == 1 else f"{minutes} minutes"
    return f"{seconds} seconds"
