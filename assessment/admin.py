"""Staff manage questionnaire content here. People's attempts and answers are not in the
admin at all (only a count per version, so staff can see a version is in use).

A version that people have answered is read-only: staff duplicate it as a new draft, edit
that, preview it, and publish it, which retires the old one. Old results keep pointing at
the exact questions and bands they were scored with."""

from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from assessment.forms import SectionForm
from assessment.models import Band, Choice, CrisisText, Dimension, Pattern, Question, Questionnaire, Section
from assessment.selectors import sections_with_questions
from assessment.services import questionnaire_duplicate, questionnaire_publish


def is_locked(questionnaire: Questionnaire | None) -> bool:
    return questionnaire is not None and questionnaire.pk is not None and questionnaire.has_attempts()


class LockedVersionMixin:
    """Read-only once the questionnaire version this object belongs to has attempts."""

    def questionnaire_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not is_locked(self.questionnaire_of(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not is_locked(self.questionnaire_of(obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New sections, questions and dimensions can only go into versions nobody has answered.
        if db_field.name == "questionnaire":
            kwargs["queryset"] = Questionnaire.objects.filter(attempts__isnull=True).distinct()
        elif db_field.name == "section":
            kwargs["queryset"] = Section.objects.filter(questionnaire__attempts__isnull=True).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class LockedInlineMixin(LockedVersionMixin):
    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not is_locked(self.questionnaire_of(obj))


class SectionInline(LockedInlineMixin, admin.TabularInline):
    model = Section
    fields = ["order", "title", "edit_link"]
    readonly_fields = ["edit_link"]
    extra = 0
    ordering = ["order"]

    def questionnaire_of(self, obj):
        return obj

    @admin.display(description=_("questions"))
    def edit_link(self, section):
        if not section.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:assessment_section_change", args=[section.pk]), _("Edit questions")
        )


class DimensionInline(LockedInlineMixin, admin.TabularInline):
    model = Dimension
    fields = ["order", "key", "name", "band_basis", "edit_link"]
    readonly_fields = ["edit_link"]
    extra = 0

    def questionnaire_of(self, obj):
        return obj

    @admin.display(description=_("bands"))
    def edit_link(self, dimension):
        if not dimension.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:assessment_dimension_change", args=[dimension.pk]), _("Edit bands")
        )


class PatternInline(LockedInlineMixin, admin.StackedInline):
    model = Pattern
    extra = 0

    def questionnaire_of(self, obj):
        return obj


@admin.register(Questionnaire)
class QuestionnaireAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "version", "status", "kind", "attempt_count", "preview_link"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "slug", "summary"]
    ordering = ["order", "slug", "-version"]
    readonly_fields = ["status", "version", "published_at", "created_at"]
    inlines = [DimensionInline, SectionInline, PatternInline]
    actions = ["duplicate_as_draft", "publish"]
    fieldsets = [
        (None, {"fields": ["slug", "version", "status", "kind", "order"]}),
        (_("What people read"), {"fields": ["title", "summary", "introduction", "what_you_get", "estimated_minutes"]}),
        (_("Source"), {"fields": ["validated", "attribution"]}),
        (_("Dates"), {"fields": ["created_at", "published_at"]}),
    ]

    def questionnaire_of(self, obj):
        return obj

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(attempt_total=Count("attempts"))

    @admin.display(description=_("attempts"), ordering="attempt_total")
    def attempt_count(self, questionnaire):
        return questionnaire.attempt_total

    @admin.display(description=_("preview"))
    def preview_link(self, questionnaire):
        url = reverse("admin:assessment_questionnaire_preview", args=[questionnaire.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    def get_urls(self):
        preview = path(
            "<int:pk>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="assessment_questionnaire_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, pk):
        """Every step of a version, as a person would see it; nothing can be submitted."""
        questionnaire = get_object_or_404(Questionnaire, pk=pk)
        sections = sections_with_questions(questionnaire=questionnaire)
        steps = [(section, SectionForm(list(section.questions.all()))) for section in sections]
        return render(request, "assessment/preview.html", {"questionnaire": questionnaire, "steps": steps})

    @admin.action(description=_("Duplicate as a new draft"))
    def duplicate_as_draft(self, request, queryset):
        for questionnaire in queryset:
            copy = questionnaire_duplicate(questionnaire=questionnaire)
            self.message_user(request, _("Created %(copy)s.") % {"copy": copy}, messages.SUCCESS)

    @admin.action(description=_("Publish (retires the version published before)"))
    def publish(self, request, queryset):
        drafts = list(queryset.filter(status=Questionnaire.Status.DRAFT))
        if len({q.slug for q in drafts}) != len(drafts):
            self.message_user(request, _("Publish one version of each questionnaire at a time."), messages.ERROR)
            return
        for questionnaire in drafts:
            questionnaire_publish(questionnaire=questionnaire)
        self.message_user(
            request,
            ngettext("Published %(n)d version.", "Published %(n)d versions.", len(drafts)) % {"n": len(drafts)},
            messages.SUCCESS if drafts else messages.WARNING,
        )


class QuestionInline(LockedInlineMixin, admin.StackedInline):
    model = Question
    extra = 0
    fields = [
        ("order", "code", "kind", "required"),
        "text",
        "help_text",
        ("dimension", "min_value", "max_value", "is_crisis_item"),
        "edit_link",
    ]
    readonly_fields = ["edit_link"]

    def questionnaire_of(self, obj):
        return obj.questionnaire if obj else None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "dimension" and (section_id := request.resolver_match.kwargs.get("object_id")):
            kwargs["queryset"] = Dimension.objects.filter(questionnaire__sections=section_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("choices"))
    def edit_link(self, question):
        if not question.pk:
            return "–"
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:assessment_question_change", args=[question.pk]), _("Edit choices")
        )


@admin.register(Section)
class SectionAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ["title", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    search_fields = ["title", "questions__text"]
    inlines = [QuestionInline]

    def questionnaire_of(self, obj):
        return obj.questionnaire if obj else None


class ChoiceInline(LockedInlineMixin, admin.TabularInline):
    model = Choice
    extra = 0
    fields = ["order", "label", "points", "not_applicable"]

    def questionnaire_of(self, obj):
        return obj.section.questionnaire if obj else None


@admin.register(Question)
class QuestionAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ["text", "section", "kind", "dimension", "required"]
    list_filter = ["section__questionnaire", "kind"]
    search_fields = ["text", "code"]
    list_select_related = ["section", "dimension"]
    inlines = [ChoiceInline]

    def questionnaire_of(self, obj):
        return obj.section.questionnaire if obj else None


class BandInline(LockedInlineMixin, admin.TabularInline):
    model = Band
    extra = 0
    fields = ["min_score", "max_score", "label", "severity", "advice"]

    def questionnaire_of(self, obj):
        return obj.questionnaire if obj else None


@admin.register(Dimension)
class DimensionAdmin(LockedVersionMixin, admin.ModelAdmin):
    list_display = ["name", "key", "questionnaire", "band_basis"]
    list_filter = ["questionnaire"]
    search_fields = ["name", "key"]
    inlines = [BandInline]

    def questionnaire_of(self, obj):
        return obj.questionnaire if obj else None


@admin.register(CrisisText)
class CrisisTextAdmin(admin.ModelAdmin):
    list_display = ["title", "active", "updated_at"]
    search_fields = ["title", "body"]
