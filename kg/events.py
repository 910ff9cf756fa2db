"""The event grammar (kg/lexicons/events.json) and what is computed from it.

One table says, for each event type, its key roles, the roles it needs, and how a
trigger word gets the type from the words around it. The extractor interprets the
table (``type_of``); the model's event types, the role keys ``kg eval`` compares and
the shapes' required roles (checked by a test) come from the same table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache

from .lexicon import load_json
from .textnorm import normalize


def _fields_of(obj) -> tuple:
    return tuple(getattr(obj, f.name) for f in fields(obj))


@dataclass(frozen=True)
class EventSpec:
    type: str
    roles: tuple[str, ...]  # key roles, in the order kg eval compares them
    required: tuple[str, ...]  # roles an event must have to be stated
    count: tuple[str, ...] = ()  # the noun groups whose number is the event's count, the first found wins
    state_roles: bool = True  # leaders, ministries and armies act for their state
    recipient_after: frozenset[str] = frozenset()  # normalised words after which the recipient is named

    def __reduce__(self) -> tuple:  # copy and pickle go through the constructor (mypyc's frozen classes need it)
        return (type(self), _fields_of(self))


@dataclass(frozen=True)
class TypingRule:
    type: str | None  # None: the trigger is refused
    families: frozenset[str]
    windows: dict[str, tuple[int, int]] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    precedes: tuple[str, str] | None = None
    strict: bool = False
    words: frozenset[str] = frozenset()  # the trigger word itself must be one of these
    next: frozenset[str] = frozenset()  # ... and the word after it one of these
    story: frozenset[str] = frozenset()  # aid categories one of which the story must have told before

    def __reduce__(self) -> tuple:  # copy and pickle go through the constructor (mypyc's frozen classes need it)
        return (type(self), _fields_of(self))


@dataclass(frozen=True)
class EventGrammar:
    version: str
    events: dict[str, EventSpec]
    typing: tuple[TypingRule, ...]

    def __reduce__(self) -> tuple:  # copy and pickle go through the constructor (mypyc's frozen classes need it)
        return (type(self), _fields_of(self))

    def type_of(
        self,
        families: Sequence[str],
        word: str,
        next_word: str,
        near: Callable[[str, int, int], list[int]],
        story: frozenset[str] | set[str] = frozenset(),
    ) -> str | None:
        """The event type of a trigger: the first rule that holds. ``near(group, before, after)`` gives
        the token positions of a group's words in that window around the trigger; ``story`` the aid
        categories the document told before it."""
        fams = set(families)
        found: dict[tuple[str, int, int], list[int]] = {}  # near() by group and window, for all the rules
        for rule in self.typing:
            if not fams & rule.families:
                continue
            if rule.words and (word not in rule.words or next_word not in rule.next):
                continue
            if rule.story and not rule.story & story:
                continue
            # only the windows the rule reads, required ones first, each once: near() is pure, so the same type
            if any(not _near(found, rule, g, near) for g in rule.requires):
                continue
            if rule.precedes:
                a, b = (_near(found, rule, g, near) for g in rule.precedes)
                if a and b and (a[0] > b[0] or (rule.strict and a[0] == b[0])):
                    continue
            return rule.type
        return None


def _near(found: dict, rule: TypingRule, group: str, near: Callable[[str, int, int], list[int]]) -> list[int] | None:
    """near() for a group in the rule's window, memoised in ``found``; None for a group the rule has no window for."""
    window = rule.windows.get(group)
    if window is None:
        return None
    key = (group, *window)
    got = found.get(key)
    if got is None:
        got = found[key] = near(group, *window)
    return got


def parse(data: dict) -> EventGrammar:
    events = {
        name: EventSpec(
            name,
            tuple(e["roles"]),
            tuple(e["required"]),
            (e["count"],) if isinstance(e.get("count"), str) else tuple(e.get("count", ())),
            e.get("state_roles", True),
            frozenset(normalize(w) for w in e.get("recipient_after", ())),
        )
        for name, e in data["events"].items()
    }
    rules = []
    for r in data["typing"]:
        if r["type"] is not None and r["type"] not in events:
            raise ValueError(f"typing rule for unknown event type {r['type']!r}")
        rules.append(
            TypingRule(
                r["type"],
                frozenset(r["families"]),
                {g: (w[0], w[1]) for g, w in r.get("windows", {}).items()},
                tuple(r.get("requires", ())),
                tuple(r["precedes"]) if r.get("precedes") else None,
                r.get("strict", False),
                frozenset(r.get("words", ())),
                frozenset(r.get("next", ())),
                frozenset(r.get("story", ())),
            )
        )
    return EventGrammar(data["version"], events, tuple(rules))


@lru_cache(maxsize=1)
def grammar() -> EventGrammar:
    return parse(load_json("events.json"))
