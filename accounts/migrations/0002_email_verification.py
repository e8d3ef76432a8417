# Email verification for reader accounts (issue 5).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="verification_sent_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="verified_email",
            field=models.EmailField(
                blank=True,
                help_text="The address this person proved is theirs by following the emailed link. Changing the "
                "email address makes it unverified again.",
                max_length=254,
            ),
        ),
    ]
