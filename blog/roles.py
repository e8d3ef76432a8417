"""The two editorial roles, as Django groups: Authors write their own posts; Editors may change everything.

A data migration creates the groups; `sync_roles` also runs after every `migrate`, so permissions of models
added later (comments, for instance) reach the groups without another hand-written migration.
"""

AUTHOR_PERMISSIONS = [
    "blog.add_post", "blog.change_post", "blog.delete_post", "blog.view_post",
    "blog.add_tag", "blog.view_tag",
    "blog.add_previewlink", "blog.change_previewlink", "blog.view_previewlink",
    "blog.view_postrevision",
]
EDITOR_PERMISSIONS = AUTHOR_PERMISSIONS + [
    "blog.edit_others_posts",
    "blog.change_tag", "blog.delete_tag",
    "blog.view_comment", "blog.change_comment", "blog.delete_comment",
    "blog.view_commentblocklistentry", "blog.add_commentblocklistentry",
    "blog.change_commentblocklistentry", "blog.delete_commentblocklistentry",
    "blog.view_sitesettings", "blog.change_sitesettings",
]
ROLES = {"Authors": AUTHOR_PERMISSIONS, "Editors": EDITOR_PERMISSIONS}


def sync_roles(apps=None, **kwargs):
    """Create the groups if missing and give each every listed permission that exists (extra ones are kept)."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if permission is not None:
                group.permissions.add(permission)
