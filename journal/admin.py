"""Staff manage the default trigger list only. Diaries, doses, personal medicines and personal
triggers are health data and never appear in the admin."""

from django.contrib import admin
from django.db.models import Count

from journal.models import Trigger


class DefaultTrigger(Trigger):
    class Meta:
        proxy = True
        verbose_name = "default trigger"


@admin.register(DefaultTrigger)
class DefaultTriggerAdmin(admin.ModelAdmin):
    list_display = ["name", "pathway", "active", "times_used"]
    list_editable = ["pathway", "active"]
    search_fields = ["name"]
    fields = ["name", "pathway", "active"]
    list_filter = ["pathway", "active"]

    def get_queryset(self, request):
        # Only the shared list; the count is an aggregate, never whose diary it is in.
        return super().get_queryset(request).filter(user__isnull=True).annotate(uses=Count("entries"))

    @admin.display(description="days noted (all people)", ordering="uses")
    def times_used(self, trigger):
        return trigger.uses
