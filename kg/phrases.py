"""Longest-match lookup of normalised phrases over the tokens of a sentence.

The lexicons (kg/lexicon.py) fill these indexes with names and cue words; the
rule extractor asks them, word by word, which phrase starts where. This module
is on the extractor's hot path and is compiled with mypyc when available
(scripts/native.py), so its annotations are checked and must be true.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .textnorm import Token, is_arabic, tokenize, variants


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))


@dataclass(frozen=True)
class Entry:
    """What a phrase stands for: an entity mention, or a cue label."""

    value: str  # entity key, or cue label such as "Ammunition"
    role: str = "name"  # name | adj | metonym | context | cue
    case_sensitive: str | None = None  # the exact surface an acronym must have
    group: str | None = None  # the cue group, in the index of all cues

    def __reduce__(self) -> tuple:
        # copy and pickle rebuild it through its constructor (mypyc's frozen classes refuse setattr)
        return (Entry, (self.value, self.role, self.case_sensitive, self.group))


@dataclass
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entries: list[Entry]
    proclitic: str  # peeled off the first token ("ل" in "لروسيا")


_NO_WORDS: set[str] = set()  # the second words of a word that starts no longer phrase; never written to
Longest = tuple[str | None, int, str, tuple[str, ...]]  # (group, length, proclitic, values): see longest_by_group


class PhraseIndex:
    """Longest-match lookup of normalised multi-word phrases over tokens.

    Phrases are stored by first word, then by length, then by the rest of their words, so a lookup
    costs one dictionary probe per phrase length that starts with the word, however many phrases there are.
    """

    def __init__(self) -> None:
        # first word -> [(length, {rest of the words: entries})], longest first
        self._by_first: dict[str, list[tuple[int, dict[tuple[str, ...], list[Entry]]]]] = {}
        # first word -> the second words of its phrases of two words or more: a lookup tries the longer
        # lengths only when the next word is one of them
        self._second: dict[str, set[str]] = {}
        self.single_arabic: set[str] = set()
        # normalised word -> its readings that start a phrase, memoised (see readings)
        self._readings: dict[str, tuple[tuple[str, set[str], list[tuple[int, dict]]], ...]] = {}
        # normalised word -> longest_by_group of the word alone, memoised
        self._alone: dict[str, tuple[Longest, ...]] = {}
        # (normalised word, surface) -> match_at of the word alone, as (entries, proclitic) or None, memoised
        self._alone_match: dict[tuple[str, str], tuple[tuple[Entry, ...], str] | None] = {}

    _READINGS_MAX = 200_000  # words memoised before the memo is emptied (as textnorm's caches)

    def readings(self, norm: str) -> tuple[tuple[str, set[str], list[tuple[int, dict]]], ...]:
        """The readings of a normalised word whose stem starts a phrase, in the order of ``variants``, as
        (proclitic, second words of its longer phrases, [(length, {rest: entries})] longest first):
        empty for most words, and then one dictionary probe."""
        got = self._readings.get(norm)
        if got is None:
            by_first, second = self._by_first, self._second
            got = tuple(
                (p, second.get(stem, _NO_WORDS), by_first[stem]) for p, stem in variants(norm) if stem in by_first
            )
            if len(self._readings) >= self._READINGS_MAX:
                self._readings.clear()
            self._readings[norm] = got
        return got

    def cache_clear(self) -> None:
        """Forget the memoised readings (done by every insertion; benchmarks call it to time a cold start)."""
        self._readings.clear()
        self._alone.clear()
        self._alone_match.clear()

    def add(self, phrase: str, entry: Entry) -> None:
        toks = phrase_tokens(phrase)
        if not toks:
            return
        if entry.role == "cue" and len(toks) > 1 and is_arabic(toks[0]) and not all(t.startswith("ال") for t in toks):
            # "طائرات مسيرة" is also written definite: "الطائرات المسيرة"
            self._insert(tuple(t if t.startswith("ال") else "ال" + t for t in toks), entry, phrase)
        self._insert(toks, entry, phrase)

    def _insert(self, toks: tuple[str, ...], entry: Entry, phrase: str) -> None:
        if self._readings or self._alone or self._alone_match:
            self.cache_clear()
        if entry.role != "cue" and len(toks) == 1 and re.fullmatch(r"[A-Z][A-Z.]{1,5}", phrase.strip()):
            entry = Entry(entry.value, entry.role, case_sensitive=phrase.strip().rstrip("."))
        by_len = self._by_first.setdefault(toks[0], [])
        table = next((t for n, t in by_len if n == len(toks)), None)
        if table is None:
            table = {}
            by_len.append((len(toks), table))
            by_len.sort(key=lambda x: -x[0])
        entries = table.setdefault(toks[1:], [])
        if entry not in entries:
            entries.append(entry)
        if len(toks) > 1:
            self._second.setdefault(toks[0], set()).add(toks[1])
        if len(toks) == 1 and is_arabic(toks[0]):
            self.single_arabic.add(toks[0])

    def phrases(self) -> Iterator[tuple[tuple[str, ...], Entry]]:
        """Every (normalised words, entry) pair in the index."""
        for first, by_len in self._by_first.items():
            for _, table in by_len:
                for rest, entries in table.items():
                    for entry in entries:
                        yield (first, *rest), entry

    def matches_at(self, norms: list[str], i: int) -> list[tuple[int, str, Entry]]:
        """Every phrase starting at word i of ``norms`` (the normalised words of a sentence), as
        (length, proclitic, entry): readings in order, longest first."""
        out = []
        left = len(norms) - i
        following = norms[i + 1] if left > 1 else None
        for proclitic, second, tables in self.readings(norms[i]):
            if following in second:
                for n, table in tables:
                    if n <= left:
                        entries = table.get(tuple(norms[i + 1 : i + n]))
                        if entries:
                            out += [(n, proclitic, e) for e in entries]
            elif tables[-1][0] == 1:  # no longer phrase can start here: only the word alone
                out += [(1, proclitic, e) for e in tables[-1][1][()]]
        return out

    def longest_by_group(self, norms: list[str]) -> list[tuple[int, tuple[Longest, ...]]]:
        """In one pass over ``norms`` (the normalised words of a sentence), the words where phrases start,
        as (i, per entry group the longest phrase starting at word i): (group, length, proclitic, values),
        the first reading winning a tie and the values of the entries of the same length and reading
        gathered. Memoised for a word that no longer phrase can start with."""
        out = []
        memo, alone = self._readings, self._alone
        got: tuple[Longest, ...] | None
        last = len(norms) - 1
        for i, word in enumerate(norms):
            readings = memo.get(word)
            if readings is None:
                readings = self.readings(word)
            if not readings:
                continue  # most words start nothing
            following = norms[i + 1] if i < last else None
            for _, second, _ in readings:
                if following in second:
                    got = self._longest_by_group(norms, i)
                    break
            else:
                got = alone.get(word)
                if got is None:
                    got = self._longest_by_group([word], 0)  # only the word alone can match, whatever follows
                    if len(alone) >= self._READINGS_MAX:
                        alone.clear()
                    alone[word] = got
            if got:
                out.append((i, got))
        return out

    def _longest_by_group(self, norms: list[str], i: int) -> tuple[Longest, ...]:
        best: dict[str | None, list] = {}
        for n, proclitic, entry in self.matches_at(norms, i):
            b = best.get(entry.group)
            if b is None or n > b[0]:
                best[entry.group] = [n, proclitic, [entry.value]]
            elif n == b[0] and proclitic == b[1] and entry.value not in b[2]:
                b[2].append(entry.value)
        return tuple((group, n, proclitic, tuple(values)) for group, (n, proclitic, values) in best.items())

    def match_at(self, tokens: list[Token], i: int, first: str | None = None) -> Match | None:
        """The longest phrase starting at token i, trying proclitic readings of it."""
        if first is not None:
            return self._match_at(tokens, i, (("", self._second.get(first, _NO_WORDS), self._by_first.get(first, ())),))
        tok = tokens[i]
        readings = self._readings.get(tok.norm)
        if readings is None:
            readings = self.readings(tok.norm)
        if not readings:
            return None
        following = tokens[i + 1].norm if i + 1 < len(tokens) else None
        for _, second, _ in readings:
            if following in second:
                return self._match_at(tokens, i, readings)
        # only the word alone can match, whatever follows: memoised by word and surface (acronyms)
        key = (tok.norm, tok.text)
        if key in self._alone_match:
            got = self._alone_match[key]
        else:
            m = self._match_at([tok], 0, readings)
            got = None if m is None else (tuple(m.entries), m.proclitic)
            if len(self._alone_match) >= self._READINGS_MAX:
                self._alone_match.clear()
            self._alone_match[key] = got
        return None if got is None else Match(i, i + 1, list(got[0]), got[1])

    def _match_at(self, tokens: list[Token], i: int, readings: tuple) -> Match | None:
        best: Match | None = None
        left = len(tokens) - i
        following = tokens[i + 1].norm if left > 1 else None
        for proclitic, second, tables in readings:
            if following not in second:  # no longer phrase can start here: only the word alone
                tables = tables[-1:] if tables and tables[-1][0] == 1 else ()
            for n, table in tables:
                if n > left:
                    continue
                if best is not None and n < best.end - best.start:
                    break
                entries = table.get(tuple(tokens[i + k].norm for k in range(1, n)))
                if not entries:
                    continue
                for entry in entries:
                    if entry.case_sensitive and tokens[i].text.rstrip(".") != entry.case_sensitive:
                        continue
                    if best is None or n > best.end - best.start:
                        best = Match(i, i + n, [entry], proclitic)
                    elif best.proclitic == proclitic:
                        if entry not in best.entries:
                            best.entries.append(entry)
                    elif _ROLE_RANK[entry.role] < _ROLE_RANK[best.entries[0].role]:
                        # "والسعودية": "و" + the name beats "وال" + the adjective "سعودية"
                        best = Match(i, i + n, [entry], proclitic)
                if best is not None and best.end - best.start == n:
                    break
        return best


_ROLE_RANK = {"name": 0, "cue": 0, "metonym": 1, "adj": 2, "context": 3}
