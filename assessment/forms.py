from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import ConsentForm
from assessment import scoring
from assessment.models import Question


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class SectionForm(forms.Form):
    """The questions of one section. Values come back as scoring wants them: a choice id, a
    tuple of choice ids, or a whole number; an unanswered optional question is None."""

    def __init__(self, questions: list[Question], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = self.build_field(question)

    @staticmethod
    def build_field(question: Question) -> forms.Field:
        label = f"{question.code}. {question.text}" if question.code else question.text
        common = {
            "label": label,
            "required": question.required,
            "help_text": question.help_text,
            "error_messages": {"required": _("Please answer this question.")},
        }
        if question.kind == scoring.SINGLE:
            return forms.TypedChoiceField(
                choices=[(c.pk, c.label) for c in question.choices.all()],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect,
                **common,
            )
        if question.kind == scoring.MULTIPLE:
            return forms.TypedMultipleChoiceField(
                choices=[(c.pk, c.label) for c in question.choices.all()],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                **common,
            )
        if question.kind == scoring.SCALE:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in range(scoring.SCALE_MAX + 1)],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "scale-option"}),
                **common,
            )
        return forms.IntegerField(
            min_value=question.min_value,
            max_value=question.max_value,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            **common,
        )

    def clean(self):
        cleaned = super().clean()
        # MIDAS: days missed plus days with productivity halved cannot exceed the 90 days of the
        # 3 months (scoring.midas_pairs_over). Only number questions coded 1-4 with a 90-day maximum
        # (the MIDAS items) are checked.
        midas = {
            q.code: (field_name(q), cleaned.get(field_name(q)))
            for q in self.questions
            if q.kind == scoring.NUMBER and q.max_value == scoring.MIDAS_DAYS and q.code in {"1", "2", "3", "4"}
        }
        for first, second in scoring.midas_pairs_over({code: value for code, (_n, value) in midas.items()}):
            self.add_error(
                midas[second][0],
                _(
                    "Questions %(first)s and %(second)s together cannot come to more than 90 days (the 3 months). "
                    "Question %(second)s counts only days you did not already count in question %(first)s."
                )
                % {"first": first, "second": second},
            )
        return cleaned

    def answer_values(self, *, only_valid: bool = False) -> dict[int, scoring.AnswerValue | None]:
        """{question_id: value}. With only_valid, questions whose input had an error are left
        out (going back keeps what was answered well and drops nothing else)."""
        values = {}
        for question in self.questions:
            name = field_name(question)
            if only_valid and name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, list):
                value = tuple(value)
            values[question.pk] = value
        return values

    @classmethod
    def initial_from(cls, questions, answers: dict[int, scoring.AnswerValue]) -> dict:
        initial = {}
        for question in questions:
            value = answers.get(question.pk)
            if value is not None:
                initial[field_name(question)] = list(value) if isinstance(value, tuple) else value
        return initial


class StartForm(ConsentForm):
    """An anonymous person agrees to their answers being kept before the first one is stored."""
