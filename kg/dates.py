"""Dates in Arabic and English news text, resolved against the publication date.

Precision is kept as the text gives it: "18 ديسمبر" -> 2025-12-18, "في أبريل"
-> 2025-04, "earlier this month" -> the publication month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .lexicon import load_json
from .textnorm import normalize


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, int], re.Pattern, list[tuple[str, str]]]:
    cues = load_json("cues.json")
    months: dict[str, int] = {}
    for lang in ("ar", "en"):
        for word, n in cues["months"][lang].items():
            months[normalize(word)] = n
    alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    m = rf"(?<![\w])(?:[وفب]?(?:في|ب)?\s*)?(?P<month>{alt})(?![\w])"
    pattern = re.compile(
        rf"(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m}(?:,?\s+(?P<year1>\d{{4}}))?"
        rf"|{m.replace('month', 'month2')}\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year2>\d{{4}}))?(?!\d)"
        rf"|{m.replace('month', 'month3')}(?:,?\s+(?P<year3>\d{{4}}))?"
        r"|(?P<iso>\d{4}-\d{2}(?:-\d{2})?)"
        r"|(?<![\d/])(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>\d{4})(?![\d/])",  # 12/1/2025: day first
        re.IGNORECASE,
    )
    relative = []
    for label, spec in cues["relative_dates"].items():
        for lang in ("ar", "en"):
            relative += [(normalize(p), label) for p in spec[lang]]
    relative.sort(key=lambda x: -len(x[0]))
    return months, pattern, relative


@lru_cache(maxsize=1)
def _relative_pattern() -> tuple[re.Pattern, dict[str, str]]:
    """One alternation of every relative phrase, longest first: a single scan per text."""
    _, _, relative = _tables()
    labels = dict(relative)
    alt = "|".join(re.escape(p) for p, _ in relative)
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)"), labels


_WEEKDAY_NUMBERS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    normalize("الاثنين"): 0,
    normalize("الإثنين"): 0,
    normalize("الثلاثاء"): 1,
    normalize("الأربعاء"): 2,
    normalize("الخميس"): 3,
    normalize("الجمعة"): 4,
    normalize("السبت"): 5,
    normalize("الأحد"): 6,
}
# A weekday named in news is a day of the week of publication: "on Tuesday", "Tuesday's clashes", "يوم السبت",
# "أفاد بيان ... السبت"; not Friday's prayer ("صلاة الجمعة", "خطبة الجمعة")
_WEEKDAYS = re.compile(
    r"(?<!\w)(?<!صلاه )(?<!صلاة )(?<!خطبه )(?<!خطبة )[و]?(" + "|".join(map(re.escape, _WEEKDAY_NUMBERS)) + r")(?!\w)"
)


def _month_before(published: date | None, month: int, year: int | None) -> str:
    if year:
        return f"{year:04d}-{month:02d}"
    if published is None:
        return f"--{month:02d}"  # no year known
    y = published.year if month <= published.month else published.year - 1
    return f"{y:04d}-{month:02d}"


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None = None) -> list[str]:
    """Every date the text states, as ISO strings (YYYY-MM-DD or YYYY-MM or YYYY)."""
    return list(_find_dates(text, published))


@lru_cache(maxsize=8192)  # the extractor asks again for each event of a clause
def _find_dates(text: str, published: str | None) -> tuple[str, ...]:
    months, pattern, relative = _tables()
    base = parse_iso(published)
    norm = normalize(text)
    out: list[str] = []
    for m in pattern.finditer(norm):
        g = m.groupdict()
        if g["iso"]:
            out.append(g["iso"])
            continue
        if g["ny"]:
            day, month = int(g["nd"]), int(g["nm"])
            if 1 <= day <= 31 and 1 <= month <= 12:
                out.append(f"{int(g['ny']):04d}-{month:02d}-{day:02d}")
            continue
        month_word = g["month"] or g["month2"] or g["month3"]
        if month_word == "may" and not (g["day1"] or g["day2"] or g["year3"]):
            continue  # the English modal verb, not the month
        if month_word in ("mar", "jan", "dec", "oct", "aug", "jun", "jul", "sep", "nov", "feb", "apr") and not (
            g["day1"] or g["day2"] or g["year3"]
        ):
            continue
        month = months[month_word]
        day_text = g["day1"] or g["day2"]
        year = g["year1"] or g["year2"] or g["year3"]
        ym = _month_before(base, month, int(year) if year else None)
        if day_text and 1 <= int(day_text) <= 31:
            out.append(f"{ym}-{int(day_text):02d}")
        else:
            out.append(ym)
    if base is not None:
        wd = _WEEKDAYS.search(norm)
        if wd:
            day = _WEEKDAY_NUMBERS[wd.group(1)]
            back = (base.weekday() - day) % 7  # the last such day, publication day included
            out.append((base - timedelta(days=back)).isoformat())
        rel_pattern, labels = _relative_pattern()
        found = [m.group() for m in rel_pattern.finditer(norm)]
        if found:  # the longest phrase found, as the phrase-by-phrase scan did
            best = min(found, key=lambda p: [q for q, _ in relative].index(p))
            out.append(_relative(base, labels[best]))
    return tuple(out)


def _relative(base: date, label: str) -> str:
    if label == "this_month":
        return base.isoformat()[:7]
    if label == "last_month":
        first = base.replace(day=1) - timedelta(days=1)
        return first.isoformat()[:7]
    if label == "this_year":
        return str(base.year)
    if label == "last_year":
        return str(base.year - 1)
    if label == "yesterday":
        return (base - timedelta(days=1)).isoformat()
    if label == "today":
        return base.isoformat()
    if label == "last_week":
        return (base - timedelta(days=7)).isoformat()[:7]
    raise ValueError(label)


_PUBLISHED = re.compile(
    r"(?:نشر|نُشر|تاريخ النشر|published|posted|updated)\s*(?:في|on|:)?\s*(?P<rest>.{4,40})", re.IGNORECASE
)


_DATE_ONLY = re.compile(r"^[\w\s,،/.:-]{6,45}$")


def date_line(line: str) -> str | None:
    """A line that is only a date ("الأحد 12/1/2025", "Tuesday 3 March 2024"): the publication date."""
    stripped = line.strip()
    if not _DATE_ONLY.match(stripped) or len(stripped.split()) > 5:
        return None
    found = [d for d in find_dates(stripped) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    leftover = re.sub(r"\d+|[/,،.:-]", " ", normalize(stripped)).split()
    return found[0] if found and len(leftover) <= 3 else None


def published_in_text(line: str) -> str | None:
    """A publication date stated in a line such as "نُشر في 27 ديسمبر 2025" or "Published 3 March 2024"."""
    m = _PUBLISHED.search(normalize(line))
    if not m:
        return date_line(line)
    found = find_dates(m.group("rest"))
    full = [d for d in found if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d)]
    return full[0] if full else None
