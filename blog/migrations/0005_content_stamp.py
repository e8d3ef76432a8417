"""The content stamp behind ETags, Last-Modified and the page cache (blog/content_version.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_roles"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentStamp",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changed_at", models.DateTimeField()),
                ("next_publish_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={"verbose_name": "content stamp"},
        ),
    ]
