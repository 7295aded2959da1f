"""The demo newsroom has a story with a correction and an editor's note, seeded once."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.demo import corrections as demo
from corrections.models import Correction
from tests.factories import live_article

pytestmark = pytest.mark.django_db


def test_the_demo_story_gets_its_notes_once():
    """A correction and an editor's note in uk and en, a correction in ru; a second run adds
    nothing."""
    article = live_article(["uk", "ru", "en"], title_uk=demo.STORY["title"]["uk"])
    assert demo.seed() == 5
    assert demo.seed() == 0
    found = set(Correction.objects.filter(article=article).values_list("language", "kind"))
    assert {("uk", "correction"), ("uk", "editors_note")} <= found
    assert {("en", "correction"), ("en", "editors_note"), ("ru", "correction")} <= found


def test_seed_demo_shows_the_notes_on_the_public_list(client):
    """After `seed_demo` (twice), the notes are on the lists of uk and en, once each."""
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    assert Correction.objects.count() == 5
    for url in ("/corrections/", "/en/corrections/"):
        page = client.get(url).content.decode()
        assert page.count('class="correction correction-') == 2, url
