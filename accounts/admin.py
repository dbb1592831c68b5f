from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts only: a person's health data is never shown in the admin."""

    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "is_active", "is_staff", "date_joined", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Name"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),)

    def get_deleted_objects(self, objs, request):
        """The confirmation page would list every row that goes with the person: the names of
        their medicines and triggers, the dates of their diary days. Staff see only the people
        and how many rows of each kind go with them."""
        _rows, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if protected:
            protected = [
                ngettext(
                    "%(count)d row that other records still need",
                    "%(count)d rows that other records still need",
                    len(protected),
                )
                % {"count": len(protected)}
            ]
        return [str(user) for user in objs], model_count, perms_needed, protected
