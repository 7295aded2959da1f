"""The rules of a state change live in the services; the admin form asks them and shows their
answer on the field concerned."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.admin.forms import ArticleAdminForm
from articles.models import Status
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


def problems_of(**kwargs):
    with pytest.raises(ValidationError) as raised:
        services.validate_state_change(**kwargs)
    return {error.code: error.messages[0] for error in raised.value.error_list}


def test_every_problem_of_a_state_change_is_listed_at_once():
    """A publication without a title that would also expire before it starts names both."""
    article = ArticleFactory(title_uk="")
    now = timezone.now()
    problems = problems_of(
        article=article,
        language="uk",
        from_status=Status.DRAFT,
        status=Status.PUBLISHED,
        by=None,
        title="",
        publish_at=now,
        unpublish_at=now - datetime.timedelta(hours=1),
    )
    assert set(problems) == {"title_required", "expires_before_publication"}


def test_a_journalist_may_not_publish_and_an_unchanged_state_checks_only_its_title():
    """Transitions are checked only when the state changes; a published version keeps a title."""
    journalist = UserFactory(username="writer")
    article = ArticleFactory(created_by=journalist)
    assert "not_allowed" in problems_of(
        article=article,
        language="uk",
        from_status=Status.DRAFT,
        status=Status.PUBLISHED,
        by=journalist,
        title="Заголовок",
    )
    services.validate_state_change(
        article=article,
        language="uk",
        from_status=Status.PUBLISHED,
        status=Status.PUBLISHED,
        by=journalist,
        title="Заголовок",
    )
    assert set(
        problems_of(
            article=article,
            language="uk",
            from_status=Status.PUBLISHED,
            status=Status.PUBLISHED,
            by=journalist,
            title=" ",
        )
    ) == {"title_required"}


def test_the_form_shows_the_services_own_words_on_each_field(admin_user):
    """Publishing without a title and returning without a comment: the services' messages, on
    the title and on the comment."""
    article = ArticleFactory(title_en="")
    services.article_submit_for_review(article=article, language="uk", by=admin_user)
    data = {
        "section": SectionFactory().pk,
        "title_uk": article.title_uk,
        "state_uk": Status.RETURNED,
        "initial-state_uk": Status.REVIEW,
        "state_ru": Status.DRAFT,
        "initial-state_ru": Status.DRAFT,
        "state_en": Status.PUBLISHED,
        "initial-state_en": Status.DRAFT,
        "state_comment": "",
    }
    form_class = type("Form", (ArticleAdminForm,), {"current_user": admin_user})
    form = form_class(data=data, instance=article)
    assert not form.is_valid()
    expected = problems_of(
        article=article,
        language="en",
        from_status=Status.REVIEW,
        status=Status.PUBLISHED,
        by=None,
        title="",
    ) | problems_of(
        article=article,
        language="uk",
        from_status=Status.REVIEW,
        status=Status.RETURNED,
        by=None,
        title="x",
    )
    assert form.errors["title_en"] == [expected["title_required"]]
    assert form.errors["state_comment"] == [expected["comment_required"]]
