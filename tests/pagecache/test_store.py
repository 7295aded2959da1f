"""Fragments read together: a page made of several shared fragments asks the cache twice, and
what it gets is exactly what reading them one by one would give."""

import pytest

from pagecache import keys, store


class CountingCache:
    """The cache, counting the calls that go to it."""

    def __init__(self, cache):
        self.cache = cache
        self.calls = []

    def __getattr__(self, name):
        method = getattr(self.cache, name)

        def counted(*args, **kwargs):
            self.calls.append(name)
            return method(*args, **kwargs)

        return counted


@pytest.fixture
def counting(monkeypatch):
    counting = CountingCache(store.cache)
    monkeypatch.setattr(store, "cache", counting)
    return counting


def build(value, *tags):
    def make():
        keys.add(*tags)
        return value

    return make


def test_fresh_fragments_are_read_in_two_round_trips(counting):
    """Three cached fragments: one read of the entries, one of their keys' marks, and nothing
    more for the fragments themselves."""
    for name in ("a", "b", "c"):
        store.fragment(name, build(name.upper(), f"tag-{name}", "news-uk"))
    counting.calls.clear()
    prefetched = store.prefetch(["a", "b", "c"])
    values = [store.fragment(name, build("new"), prefetched=prefetched) for name in "abc"]
    assert values == ["A", "B", "C"]
    assert counting.calls == ["get_many", "get_many"]


def test_a_purged_fragment_is_rebuilt_and_the_others_still_read_together(counting):
    """A soft purge of one key: the fragment carrying it is rebuilt, the other is served."""
    store.fragment("a", build("old a", "tag-1"))
    store.fragment("b", build("old b", "tag-2"))
    store.invalidate(["tag-1"])
    prefetched = store.prefetch(["a", "b"])
    assert store.fragment("a", build("new a", "tag-1"), prefetched=prefetched) == "new a"
    assert store.fragment("b", build("new b", "tag-2"), prefetched=prefetched) == "old b"
    assert store.fragment("a", build("newer a", "tag-1")) == "new a"


def test_a_lost_mark_or_a_missing_entry_is_a_miss(counting):
    """A mark evicted from the cache, or a fragment never built, is rebuilt — never served."""
    store.fragment("a", build("old a", "tag-1"))
    store.cache.delete("pc:s:tag-1")
    prefetched = store.prefetch(["a", "never"])
    assert store.fragment("a", build("new a", "tag-1"), prefetched=prefetched) == "new a"
    assert store.fragment("never", build("built"), prefetched=prefetched) == "built"


def test_a_fragment_read_together_names_its_keys_on_the_page(counting):
    """A fragment served from a prefetch adds its keys to the response, as one read alone."""
    store.fragment("a", build("A", "tag-7", "news-en"))
    prefetched = store.prefetch(["a"])
    token = keys.start()
    try:
        store.fragment("a", build("new"), prefetched=prefetched)
    finally:
        added = keys.stop(token)
    assert {"tag-7", "news-en"} <= added


def test_a_fragment_not_named_in_the_prefetch_is_read_alone(counting):
    """The prefetch only answers for the names it read."""
    store.fragment("z", build("Z", "tag-9"))
    prefetched = store.prefetch(["a"])
    counting.calls.clear()
    assert store.fragment("z", build("new"), prefetched=prefetched) == "Z"
    assert counting.calls == ["get", "get_many"]


def test_fragments_whose_keys_are_known_are_read_in_one_round_trip(counting):
    """Given the keys the fragment carries, its entry and their marks come in one read; a key
    purged since is still seen."""
    store.fragment("s", build("S", "schedule"))
    counting.calls.clear()
    prefetched = store.prefetch(["s"], expected_keys=["schedule", keys.ALL])
    assert store.fragment("s", build("new"), prefetched=prefetched) == "S"
    assert counting.calls == ["get_many"]
    store.invalidate(["schedule"])
    prefetched = store.prefetch(["s"], expected_keys=["schedule", keys.ALL])
    assert store.fragment("s", build("new"), prefetched=prefetched) == "new"
