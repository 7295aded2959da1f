"""Entries in the shared cache that are invalidated by surrogate key.

A purge does not look for the entries carrying a key (there is no index to keep and nothing to
scan): it moves the key's *purge mark* to the current value of a shared clock. Each entry
remembers the clock value read when its rendering *started*; an entry is fresh while every key
it carries was last purged before that. A purge that lands while a page is being rendered
therefore leaves the new entry stale too, so no entry built from data read before a change
passes for fresh after it.

Two marks per key: `soft` (the content changed: a stale copy may still be served while one
request renders the new one) and `hard` (something left the site: the stale copy must never be
served again). Marks have no expiry; a mark that is missing all the same (evicted, or a Redis
restart) makes every entry carrying the key a miss, never a false hit.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache

from . import keys as surrogate

CLOCK = "pc:clock"
PREFIX = "pc:"


def _soft(key):
    return f"{PREFIX}s:{key}"


def _hard(key):
    return f"{PREFIX}h:{key}"


def now() -> int:
    """The shared clock's value: read when rendering starts."""
    value = cache.get(CLOCK)
    if value is None:
        cache.add(CLOCK, 1, None)
        value = cache.get(CLOCK, 0)
    return value


def tick() -> int:
    try:
        return cache.incr(CLOCK)
    except ValueError:  # no clock yet (a new or restarted cache): start one
        cache.add(CLOCK, 1, None)
        try:
            return cache.incr(CLOCK)
        except ValueError:  # the cache is down: nothing cached can be read either
            return 0


def invalidate(keys: Iterable[str], *, hard: bool = False) -> bool:
    """Mark `keys` purged now: entries carrying any of them become stale (soft) or unusable
    (hard). False if the cache could not be reached (the caller keeps the purge to retry)."""
    keys = set(keys)
    if not keys:
        return True
    mark = tick()
    if not mark:
        return False
    marks = {_soft(key): mark for key in keys}
    if hard:
        marks.update({_hard(key): mark for key in keys})
    return not cache.set_many(marks, None)


def purged_since(keys: Iterable[str], clock: int) -> str | None:
    """How `keys` were purged after `clock`: None (not at all), STALE (only softly: what was
    read may be served as a softly purged copy is) or GONE (one of them hard)."""
    keys = list(keys)
    marks = cache.get_many([_soft(key) for key in keys])
    moved = [key for key in keys if marks.get(_soft(key), clock) > clock]
    if not moved:
        return None
    hard = cache.get_many([_hard(key) for key in moved])
    return GONE if any(mark > clock for mark in hard.values()) else STALE


@dataclass
class Entry:
    """A cached value, the keys it carries and the clock value its rendering started at."""

    value: object
    keys: frozenset
    clock: int
    extra: dict = field(default_factory=dict)


FRESH, STALE, GONE = "fresh", "stale", "gone"


def state(entry: Entry) -> str:
    """FRESH, STALE (purged softly: may be served while refreshed) or GONE (purged hard, or
    its marks are lost).

    A hard purge moves the soft mark too, so the hard marks are read only for keys whose soft
    mark moved: a fresh entry costs one read of one mark per key.
    """
    moved = _moved(entry, cache.get_many([_soft(key) for key in entry.keys]))
    if moved is None:
        return GONE
    if not moved:
        return FRESH
    hard = [_hard(key) for key in moved]
    hard_marks = cache.get_many(hard)
    if len(hard_marks) < len(hard) or any(mark > entry.clock for mark in hard_marks.values()):
        return GONE
    return STALE


def _moved(entry: Entry, marks: dict):
    """The keys of `entry` whose soft mark (in `marks`, by mark name) moved past its clock;
    None if one of them is missing (lost marks: the entry can no longer be trusted)."""
    if any(_soft(key) not in marks for key in entry.keys):
        return None
    return [key for key in entry.keys if marks[_soft(key)] > entry.clock]


def store(name: str, entry: Entry, timeout: int) -> None:
    """Keep `entry`, first making sure each of its keys has marks.

    A missing mark is set to the entry's own clock: the entry is fresh, and any older entry
    carrying the key — which may have been purged while the mark was lost — is not.
    """
    names = [_soft(key) for key in entry.keys] + [_hard(key) for key in entry.keys]
    known = cache.get_many(names)
    for missing in set(names) - set(known):
        cache.add(missing, entry.clock, None)
    cache.set(name, entry, timeout)


def _fragment_name(name):
    return f"{PREFIX}f:{name}"


class Prefetched:
    """The fresh fragments among some names, read together (see `prefetch`)."""

    def __init__(self, names, fresh):
        self.names = frozenset(names)
        self.fresh = fresh

    def __repr__(self):
        return f"<Prefetched {len(self.fresh)} of {len(self.names)} fresh>"


def prefetch(names: Iterable[str], *, expected_keys: Iterable[str] = ()) -> Prefetched:
    """Read the fragments under `names` and the marks of all their keys in two round trips,
    for `fragment(..., prefetched=)` calls that follow: a page made of several shared
    fragments would otherwise pay two round trips for each. The marks of `expected_keys` (the
    keys the fragments are known to carry) are read with the fragments: one round trip when
    those are all. Fresh means what `state()` calls FRESH; any other is rebuilt by
    `fragment()` anyway."""
    names = list(dict.fromkeys(names))
    expected = [_soft(key) for key in expected_keys]
    found = cache.get_many([_fragment_name(name) for name in names] + expected)
    entries = {
        name: entry for name in names if isinstance(entry := found.get(_fragment_name(name)), Entry)
    }
    marks = {mark: found[mark] for mark in expected if mark in found}
    wanted = {_soft(key) for entry in entries.values() for key in entry.keys} - set(expected)
    if wanted:
        marks.update(cache.get_many(wanted))
    fresh = {name: entry for name, entry in entries.items() if _moved(entry, marks) == []}
    return Prefetched(names, fresh)


def fragment(
    name: str,
    build: Callable[[], object],
    *,
    timeout: int = 3600,
    prefetched: Prefetched | None = None,
):
    """The value `build()` returns, cached under `name` until a key it added is purged.

    The keys that `build()` adds (`keys.add`) are kept with the value and added to the
    current response again on every hit, so a page made of cached fragments still names
    everything it shows. A stale fragment is rebuilt: fragments are cheap next to pages.
    With `prefetched` (from `prefetch()`) naming `name`, the cache is not asked again.
    """
    cache_name = _fragment_name(name)
    if prefetched is not None and name in prefetched.names:
        entry = prefetched.fresh.get(name)
        fresh = entry is not None
    else:
        entry = cache.get(cache_name)
        fresh = isinstance(entry, Entry) and state(entry) == FRESH
    if fresh:
        surrogate.add(*entry.keys)
        return entry.value
    started = now()
    token = surrogate.start()
    try:
        value = build()
    finally:
        added = surrogate.stop(token)
    surrogate.add(*added)
    store(cache_name, Entry(value, frozenset(added | {surrogate.ALL}), started), timeout)
    return value
