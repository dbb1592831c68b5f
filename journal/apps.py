from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from journal.models import Attack, Dose, Entry, Medication, ReminderSetting, ReportShare, Trigger

        for model in (Entry, Attack, Medication, Trigger, ReminderSetting, ReportShare):
            page_cache.watch(model)
        page_cache.watch(Dose, person="entry__user_id")
        page_cache.watch_many_to_many(Entry.triggers.through)  # the instance is the entry
