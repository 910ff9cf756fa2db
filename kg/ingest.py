"""Sources -> Documents: plain text, saved HTML pages and JSON lines.

Every document keeps the text its offsets refer to; page clutter (related-article
links, comment and share prompts, bylines, photo credits, the publication line)
is marked as dropped so that no fact is ever taken from it.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import date_line, published_in_text
from .errors import EmptyInputError, InputError
from .lexicon import load_json
from .model import Document, Span
from .textnorm import normalize

MAX_BYTES = 20 * 1024 * 1024  # one .txt or .html file; a larger one is refused, not truncated
# One article: a text file, the text of an HTML page, or one JSON line's "text". Extraction time grows
# faster than the length of one long article (see README, "Reliability"), so a longer one is refused.
MAX_RECORD_CHARS = 100_000
MAX_LINE_BYTES = 8 * MAX_RECORD_CHARS  # one JSON line, before it is parsed (escapes make JSON longer than its text)
# Byte-order marks and the encodings they announce; UTF-32 first, its marks begin like UTF-16's.
BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
TEXT_SUFFIXES = {".txt", ".text"}  # a folder's README.md is not an article; name .md files explicitly
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

__all__ = [
    "read_sources",
    "units",
    "document_of",
    "Unit",
    "document_from_text",
    "detect_language",
    "document_id",
    "MAX_RECORD_CHARS",
]


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
    if len(text) > MAX_RECORD_CHARS:
        raise InputError(
            f"{source}: {len(text)} characters of text is more than the {MAX_RECORD_CHARS} character limit "
            "for one article; split it"
        )
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


def decode(raw: bytes, source: str) -> str:
    """Text from bytes: the encoding a byte-order mark announces, else UTF-8."""
    encoding = next((enc for bom, enc in BOMS if raw.startswith(bom)), None)
    if encoding is None and b"\x00" in raw[:8192]:
        raise InputError(f"{source}: looks binary, not text")
    try:
        text = raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as e:
        if encoding:
            raise InputError(
                f"{source}: starts with a {encoding.upper()} byte-order mark but is not valid "
                f"{encoding.upper()} (byte {e.start})"
            ) from None
        raise InputError(f"{source}: not valid UTF-8 (byte {e.start}); re-save the file as UTF-8") from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise InputError(f"{source}: holds NUL characters, not text")
    return text


def _raw_bytes(path: Path) -> bytes:
    """The bytes of one file, or an InputError naming it (unreadable, or above the limit for one file)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is larger than the {MAX_BYTES} byte limit for one file")
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def _read_bytes(path: Path) -> str:
    return decode(_raw_bytes(path), str(path))


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


OnError = Callable[[InputError], None]  # told of each bad file or record


def _raise(e: InputError) -> None:
    raise e


def _jsonl_record(raw: bytes, source: str, n: int) -> Document | None:
    """One JSON line as a document; None for a blank line."""
    where = f"{source}:{n}"
    if len(raw) > MAX_LINE_BYTES:
        raise InputError(f"{where}: a {len(raw)} byte line is more than the {MAX_LINE_BYTES} byte limit for one record")
    try:
        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not valid UTF-8 (byte {e.start} of the line)") from None
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as e:
        reason = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
        raise InputError(f"{where}: not valid JSON ({reason})") from None
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise InputError(f"{where}: each line needs a JSON object with a 'text' string")
    url = rec.get("url") if isinstance(rec.get("url"), str) else None
    return document_from_text(
        rec["text"],
        f"{source}#L{n}",
        title=rec.get("title") if isinstance(rec.get("title"), str) else None,
        published=rec.get("published") if isinstance(rec.get("published"), str) else None,
        url=url,
        lang=rec.get("lang") if rec.get("lang") in ("ar", "en") else None,
    )


def _from_jsonl(path: Path, on_error: OnError) -> Iterator[Document]:
    """The records of a JSON-lines file, read a line at a time (no limit on the file, one on each line).

    A bad line is handed to `on_error`, naming file:line, and the next line is read.
    """
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None
    with fh:
        head = fh.read(8192)
        if any(head.startswith(bom) for bom, enc in BOMS if enc != "utf-8-sig"):
            raise InputError(f"{path}: JSON lines must be UTF-8; this file starts with a UTF-16 or UTF-32 mark")
        if b"\x00" in head:
            raise InputError(f"{path}: looks binary, not text")
        fh.seek(0)
        for n, raw in enumerate(fh, start=1):
            try:
                doc = _jsonl_record(raw.rstrip(b"\r\n"), str(path), n)
            except InputError as e:
                on_error(e)
                continue
            if doc is not None:
                yield doc


def read_file(path: Path, on_error: OnError = _raise) -> list[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return list(_from_jsonl(path, on_error))
    content = _read_bytes(path)
    if suffix in HTML_SUFFIXES:
        return [_from_html(content, str(path))]
    return [document_from_text(content, str(path))]


@dataclass(frozen=True)
class Unit:
    """One article's raw input, read but not parsed: a whole .txt or .html file, or one JSON line.

    A streamed build sends these to worker processes (or Dask workers, which may not see
    the files), where :func:`document_of` turns each into a Document.
    """

    kind: str  # "text", "html" or "jsonl"
    source: str  # the file
    line: int  # JSON lines: the line number (from 1); else 0
    raw: bytes


def document_of(unit: Unit) -> Document | None:
    """The document of one unit (None for a blank JSON line); a bad one raises its InputError."""
    if unit.kind == "jsonl":
        return _jsonl_record(unit.raw, unit.source, unit.line)
    text = decode(unit.raw, unit.source)
    if unit.kind == "html":
        return _from_html(text, unit.source)
    return document_from_text(text, unit.source)


def _files(sources: Iterable[str | Path], report: OnError) -> list[Path]:
    files: list[Path] = []
    for src in sources:
        p = Path(src)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_SUFFIXES)
            if not found:
                report(EmptyInputError(f"{p}: no .txt, .html or .jsonl files in this folder"))
            files += found
        elif p.exists():
            files.append(p)
        else:
            report(InputError(f"{p}: no such file or folder"))
    return files


def _jsonl_units(path: Path) -> Iterator[Unit | InputError]:
    try:
        fh = path.open("rb")
    except OSError as e:
        yield InputError(f"{path}: cannot read ({e.strerror or e})")
        return
    with fh:
        head = fh.read(8192)
        if any(head.startswith(bom) for bom, enc in BOMS if enc != "utf-8-sig"):
            yield InputError(f"{path}: JSON lines must be UTF-8; this file starts with a UTF-16 or UTF-32 mark")
            return
        if b"\x00" in head:
            yield InputError(f"{path}: looks binary, not text")
            return
        fh.seek(0)
        records = 0
        for n, raw in enumerate(fh, start=1):
            raw = raw.rstrip(b"\r\n")
            if raw.strip() and raw.strip() != codecs.BOM_UTF8:
                records += 1
                yield Unit("jsonl", str(path), n, raw)
        if not records:
            yield EmptyInputError(f"{path}: no records, only blank lines")


def units(sources: Iterable[str | Path], on_error: OnError | None = None) -> Iterator[Unit | InputError]:
    """The articles of files and folders one at a time, in order, read but not parsed.

    A file that cannot be read comes as its InputError, in its place; a source that is
    missing (or an empty folder) is handed to `on_error` (default: raised) before any unit.
    The size limits are per article: a .txt or .html file, or one JSON line; a JSON lines
    file of any size is read a line at a time.
    """
    report = on_error or _raise
    sources = list(sources)
    files = _files(sources, report)
    if not files and not sources:
        raise EmptyInputError("no sources given")
    for f in files:
        suffix = f.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_units(f)
            continue
        try:
            raw = _raw_bytes(f)
        except InputError as e:
            yield e
            continue
        yield Unit("html" if suffix in HTML_SUFFIXES else "text", str(f), 0, raw)


def read_sources(sources: Iterable[str | Path], on_error: OnError | None = None) -> list[Document]:
    """Read files and folders (recursively, known suffixes only) into documents.

    Without `on_error` the first bad file or record raises its InputError. With it,
    each one is handed to `on_error` and the rest are read; an EmptyInputError is
    raised only when nothing at all was given. A document read twice (same id) is kept once.
    """
    report = on_error or _raise
    docs: list[Document] = []
    seen: set[str] = set()
    for unit in units(sources, report):
        try:
            if isinstance(unit, InputError):
                raise unit
            doc = document_of(unit)
        except InputError as e:
            report(e)
            continue
        if doc is not None and doc.id not in seen:
            seen.add(doc.id)
            docs.append(doc)
    return docs
