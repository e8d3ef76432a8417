"""A reader's data as JSON: their profile and every comment linked to their account."""

from blog.absolute import absolute_url


def isoformat(moment):
    return moment.isoformat() if moment else None


def account_data(user):
    comments = user.comments.select_related("post").order_by("created_at", "pk")
    return {
        "profile": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "email_verified": user.email_verified,
            "bio": user.bio,
            "website": user.website,
            "date_joined": isoformat(user.date_joined),
            "last_login": isoformat(user.last_login),
        },
        "comments": [
            {
                "id": comment.pk,
                "post": {"title": comment.post.title, "url": absolute_url(comment.post.get_absolute_url())},
                "in_reply_to": comment.parent_id,
                "status": comment.status,
                "name": comment.name,
                "email": comment.email,
                "website": comment.website,
                "body": comment.body,
                "email_me_replies": comment.notify_replies,
                "created_at": isoformat(comment.created_at),
                "edited_at": isoformat(comment.edited_at),
            }
            for comment in comments
        ],
    }
