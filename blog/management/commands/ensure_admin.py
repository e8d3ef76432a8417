"""Create an `admin` superuser with a generated password when the site has no superuser yet."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create a superuser named 'admin' with a random password if there is no superuser; print it once."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.com", password, display_name="Site admin")
        self.stdout.write(self.style.SUCCESS(f"Created an admin login. User name: admin  Password: {password}"))
        self.stdout.write("Save the password now: it is not shown again. Log in at /admin/.")
