from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = DjangoUserAdmin.fieldsets + (
        ("Public profile", {"fields": ("display_name", "bio", "website")}),
        ("Email confirmation", {"fields": ("verified_email",)}),
    )
    list_display = ("username", "display_name", "email", "email_confirmed", "is_staff", "is_active")

    @admin.display(boolean=True, description="email confirmed")
    def email_confirmed(self, user):
        return user.email_verified
