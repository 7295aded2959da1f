"""Forms of the public site."""

from datetime import date, datetime, time, timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom import params

from .models import Section

DATE = forms.DateInput({"type": "date"}, format="%Y-%m-%d")
# No archive date lies outside these (and 9999-12-31 plus a day would overflow).
DATE_BOUNDS = [MinValueValidator(date(1991, 1, 1)), MaxValueValidator(date(2100, 12, 31))]


class SlugChoiceField(forms.ModelChoiceField):
    """A choice among objects by slug that refuses a value no slug can be before any query
    (a NUL byte in it would be a database error on PostgreSQL)."""

    def to_python(self, value):
        if value not in self.empty_values and params.slug(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SearchForm(forms.Form):
    """The search page's filters. The query itself is never invalid: any text is searched
    (shortened if it is very long, see articles/search.py)."""

    q = forms.CharField(label=_("Search"), required=False)
    section = SlugChoiceField(
        label=_("Section"),
        queryset=Section.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sections"),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DATE, validators=DATE_BOUNDS)
    until = forms.DateField(label=_("To"), required=False, widget=DATE, validators=DATE_BOUNDS)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            raise forms.ValidationError(
                _("The end date comes before the start date."), code="dates_reversed"
            )
        return cleaned

    def period(self):
        """(from, to) as aware datetimes covering whole Kyiv days; None where not given."""
        zone = timezone.get_current_timezone()
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        return (
            since and datetime.combine(since, time.min, zone),
            until and datetime.combine(until + timedelta(days=1), time.min, zone),
        )
