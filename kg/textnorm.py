"""Text normalisation for matching only: evidence always keeps the original text.

Arabic: diacritics and tatweel removed, alef forms unified, alef maqsura -> ya,
ta marbuta -> ha, proclitics (wa, fa, bi, li, ka, al and their combinations)
peeled off. English: case-folded. Tokens keep their character offsets.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import repeat
from operator import add
from typing import NamedTuple

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# A word: letters, digits and the Arabic combining marks inside it ("نُشرت" is one token).
_WORD = "[\\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+"  # one class: fast
_TOKEN = re.compile(rf"\d{{1,3}}(?:,\d{{3}})+(?!\d)|{_WORD}(?:[.'’]{_WORD})*", re.UNICODE)
_ARABIC = re.compile("[\u0600-\u06ff]")

# Longest first, so that "وبال" is tried before "و".
_PROCLITICS = sorted(
    [
        "و",
        "ف",
        "ب",
        "ل",
        "ك",
        "ال",
        "وال",
        "فال",
        "بال",
        "كال",
        "لل",
        "ولل",
        "فلل",
        "وب",
        "ول",
        "فب",
        "فل",
        "وك",
        "وبال",
        "فبال",
        "ولل",
    ],
    key=len,
    reverse=True,
)


def normalize(text: str) -> str:
    """Normalise a word or phrase for matching (not for display)."""
    t = unicodedata.normalize("NFKC", text)
    t = _DIACRITICS.sub("", t)
    t = re.sub("[أإآٱ]", "ا", t)
    t = t.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")
    t = t.replace("’", "'").translate(_DIGITS)
    return t.casefold()


@lru_cache(maxsize=200_000)
def _normalize_word(word: str) -> str:
    return normalize(word)


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))


class Token(NamedTuple):  # a tuple: cheap to make, and there is one per word of every article
    text: str  # as in the source
    norm: str  # normalised
    start: int
    end: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with offsets into the original text (``offset`` is added)."""
    # one pass per field with map() over the matches: no Python-level work per token
    found = list(_TOKEN.finditer(text))
    words = list(map(_group, found))
    if "'s" in text or "’s" in text:  # English possessive: "Russia's" matches as "Russia".
        words = [w[:-2] if w.endswith(_POSSESSIVE) else w for w in words]
    starts = list(map(offset.__add__, map(_start, found)) if offset else map(_start, found))
    ends = map(add, starts, map(len, words))
    return list(map(tuple.__new__, repeat(Token), zip(words, map(_normalize_word, words), starts, ends, strict=True)))


_POSSESSIVE = ("'s", "’s")
_group, _start = re.Match.group, re.Match.start


@lru_cache(maxsize=200_000)
def variants(norm: str) -> tuple[tuple[str, str], ...]:
    """Ways to read a normalised token: (proclitic, stem) pairs, the bare word first.

    "لروسيا" -> ("", "لروسيا"), ("ل", "روسيا"); "بالصين" -> ... ("بال", "صين"),
    and "ال" is put back ("بال", "الصين") because names may carry the article.
    """
    out = [("", norm)]
    if not is_arabic(norm):
        return tuple(out)
    for p in _PROCLITICS:
        if norm.startswith(p) and len(norm) - len(p) >= 2:
            stem = norm[len(p) :]
            out.append((p, stem))
            if p.endswith("ل") and len(p) >= 2 and p[-2:] in ("ال", "لل"):
                out.append((p, "ال" + stem))
    return tuple(out)


# Letters a damaged join may leave in front of a name ("ويبروسيا" for "وبروسيا").
_JOIN_DEBRIS = set("وفبلكيا")


def damaged_join(norm: str, known: set[str], min_len: int = 4) -> tuple[str, str] | None:
    """A known single-word name glued behind up to three stray letters, or None."""
    if not is_arabic(norm):
        return None
    for k in (1, 2, 3):
        head, tail = norm[:k], norm[k:]
        if len(tail) >= min_len and tail in known and set(head) <= _JOIN_DEBRIS:
            return head, tail
    return None
