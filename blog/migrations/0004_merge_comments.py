# Joins the comments migration (0002_comments) with the authoring line (0002_authoring, 0003_roles).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_comments"),
        ("blog", "0003_roles"),
    ]

    operations = []
