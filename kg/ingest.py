"""Sources -> Documents: plain text, saved HTML pages and JSON lines.

Every document keeps the text its offsets refer to; page clutter (related-article
links, comment and share prompts, bylines, photo credits, the publication line)
is marked as dropped so that no fact is ever taken from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from .dates import date_line, published_in_text
from .errors import EmptyInputError, InputError
from .lexicon import load_json
from .model import Document, Span
from .textnorm import normalize

MAX_BYTES = 20 * 1024 * 1024  # one source file; a larger one is refused, not truncated
TEXT_SUFFIXES = {".txt", ".text"}  # a folder's README.md is not an article; name .md files explicitly
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

__all__ = ["read_sources", "document_from_text", "detect_language", "document_id"]


def document_id(name: str, text: str, url: str | None = None) -> str:
    """A stable id: a readable stem plus a short hash of the URL, or else of the text.

    It does not depend on where the file lies, so building the same article from
    another folder (or another machine) gives the same document IRI.
    """
    stem = re.sub(r"[^\w-]+", "-", Path(name.split("#")[0].rstrip("/")).stem or "doc").strip("-")[:60] or "doc"
    digest = hashlib.sha256((url or text).encode("utf-8")).hexdigest()[:10]
    return f"{stem}-{digest}"


def detect_language(text: str) -> str:
    """'ar' when Arabic letters make up a fair share of the letters, else 'en'."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return "en"
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    return "ar" if arabic / len(letters) > 0.3 else "en"


@lru_cache(maxsize=1)
def _boilerplate() -> tuple[list[re.Pattern], list[re.Pattern]]:
    """Arabic patterns are matched on normalised lines, English ones on the line as written."""
    spec = load_json("cues.json")["boilerplate"]
    return [re.compile(normalize(p)) for p in spec["ar"]], [re.compile(p) for p in spec["en"]]


# Page chrome is short; a line of this many words is a sentence even when it opens with "شارك" (took
# part / share) or "Share", "Follow", "Comments".
CHROME_MAX_WORDS = 12


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    arabic, english = _boilerplate()
    norm = normalize(stripped)
    if len(stripped.split()) > CHROME_MAX_WORDS and stripped.endswith((".", "؟", "?", "!", "»", '"', "”")):
        return False
    return any(p.search(norm) for p in arabic) or any(p.search(stripped) for p in english)


_RELATED_HEADER = re.compile(
    normalize(r"^(?:اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|يقرأ|اقرأ المزيد|مواضيع ذات صلة|أخبار ذات صلة)[:.]?$")
    + r"|^(?:read more|read also|also read|related|related articles|more on this story|see also)[:.]?$",
    re.IGNORECASE,
)


def _headline(line: str) -> bool:
    """A short line with no sentence end: the title of a linked article."""
    stripped = line.strip()
    return len(stripped) < 120 and not stripped.endswith((".", "؟", "?", "!", "»", '"'))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        yield pos, pos + len(line.rstrip("\r\n"))
        pos += len(line)


def document_from_text(
    text: str,
    source: str,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    lang: str | None = None,
) -> Document:
    """Split a text into kept and dropped lines and fill in missing metadata from it."""
    keep: list[Span] = []
    dropped: list[Span] = []
    first_kept: str | None = None
    related = False  # after a bare "Read more" / "اقرأ أيضا" header come the related headlines
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip():
            continue
        if related and _headline(line):
            dropped.append(Span(start, end))
            continue
        related = False
        if is_boilerplate(line) or date_line(line):
            dropped.append(Span(start, end))
            published = published or published_in_text(line)
            related = bool(_RELATED_HEADER.match(normalize(line.strip())))
            continue
        keep.append(Span(start, end))
        if first_kept is None:
            first_kept = line.strip()
    if title is None and first_kept and len(first_kept) < 200 and not first_kept.endswith((".", "؟", "?", "!")):
        title = first_kept
    if not keep:
        raise EmptyInputError(f"{source}: no article text (empty, or only page furniture)")
    return Document(
        id=document_id(source, text, url),
        text=text,
        source=source,
        lang=lang or detect_language(text),
        title=title,
        published=published,
        url=url,
        keep=keep,
        dropped=dropped,
    )


def _read_bytes(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is larger than the {MAX_BYTES} byte limit for one source")
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks binary, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not valid UTF-8 (byte {e.start}); re-save the file as UTF-8") from None


def _from_html(html: str, source: str) -> Document:
    try:
        import trafilatura
    except ImportError as e:  # a broken install, not bad input: say what is missing
        raise InputError(f"{source}: reading HTML needs trafilatura and its dependencies ({e})") from None

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if extracted is None:
        raise EmptyInputError(f"{source}: no article text found in the page")
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    body = meta.get("text") or ""
    if not body.strip():
        raise EmptyInputError(f"{source}: no article text found in the page")
    title = meta.get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    return document_from_text(text, source, title=title, published=meta.get("date"), url=meta.get("url"))


def _from_jsonl(content: str, source: str) -> Iterator[Document]:
    for n, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{source}:{n}: not valid JSON ({e.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f"{source}:{n}: each line needs a JSON object with a 'text' string")
        url = rec.get("url") if isinstance(rec.get("url"), str) else None
        yield document_from_text(
            rec["text"],
            f"{source}#L{n}",
            title=rec.get("title") if isinstance(rec.get("title"), str) else None,
            published=rec.get("published") if isinstance(rec.get("published"), str) else None,
            url=url,
            lang=rec.get("lang") if rec.get("lang") in ("ar", "en") else None,
        )


def read_file(path: Path) -> list[Document]:
    content = _read_bytes(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [_from_html(content, str(path))]
    if suffix in JSONL_SUFFIXES:
        return list(_from_jsonl(content, str(path)))
    return [document_from_text(content, str(path))]


def read_sources(sources: Iterable[str | Path]) -> list[Document]:
    """Read files and folders (recursively, known suffixes only) into documents."""
    files: list[Path] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES)
        elif p.exists():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    if not files:
        raise EmptyInputError("no article files found in " + ", ".join(map(str, sources)))
    docs: list[Document] = []
    seen: set[str] = set()
    for f in files:
        for doc in read_file(f):
            if doc.id not in seen:
                seen.add(doc.id)
                docs.append(doc)
    return docs
