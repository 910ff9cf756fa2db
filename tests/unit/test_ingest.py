import json

import pytest

from kg.errors import EmptyInputError, InputError
from kg.ingest import detect_language, document_from_text, read_sources

from ..conftest import DEV_CORPUS, EXAMPLES


def kept_text(doc) -> str:
    return "\n".join(doc.text[s.start : s.end] for s in doc.keep)


def test_boilerplate_lines_are_dropped_in_both_languages():
    text = (
        "عنوان الخبر\n\nنُشر في 27 ديسمبر 2025\n\nأرسلت روسيا مساعدات.\n\nيقرأ  وزير ألماني يلتقي بعائلات\n"
        "أضف تعليق\nRead more: Germany and Israel\nAdd a comment\nShare this\nPhoto: AFP\nBy Jane Doe\n"
    )
    doc = document_from_text(text, "x.txt")
    kept = kept_text(doc)
    assert "أرسلت روسيا مساعدات." in kept
    for clutter in ("وزير ألماني", "أضف تعليق", "Read more", "Add a comment", "Share", "Photo", "Jane Doe", "نُشر"):
        assert clutter not in kept
    assert doc.published == "2025-12-27"
    assert doc.title == "عنوان الخبر"


def test_publication_date_from_an_english_line():
    doc = document_from_text("Title\n\nPublished 3 March 2024\n\nRussia sent troops.", "x.txt")
    assert doc.published == "2024-03-03"
    assert doc.lang == "en"


def test_language_detection():
    assert detect_language("أرسلت روسيا مساعدات إلى سوريا") == "ar"
    assert detect_language("Russia sent aid to Syria") == "en"


def test_document_ids_do_not_depend_on_the_folder(tmp_path):
    a = tmp_path / "a"
    b = tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "story.txt").write_text("Russia sent troops to Syria.", encoding="utf-8")
    (b / "story.txt").write_text("Russia sent troops to Syria.", encoding="utf-8")
    assert read_sources([a])[0].id == read_sources([b])[0].id


def test_html_page_main_text_only():
    docs = read_sources([EXAMPLES / "en-iran-drones.html"])
    assert len(docs) == 1
    kept = kept_text(docs[0])
    assert "Iran had delivered hundreds of drones" in kept
    assert "Germany pledges tanks" not in kept  # the related-links aside
    assert "Subscribe" not in kept


def test_jsonl_records_with_metadata():
    docs = read_sources([EXAMPLES / "mixed.jsonl"])
    assert [d.lang for d in docs] == ["ar", "en"]
    assert docs[0].url == "https://example.org/ar/turkey-syria-aid"
    assert docs[1].published == "2025-05-20"


def test_folders_are_read_recursively_and_skip_readmes(tmp_path):
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text("Russia sent troops to Syria.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# notes about Iran", encoding="utf-8")
    docs = read_sources([tmp_path])
    assert len(docs) == 1 and docs[0].source.endswith("x.txt")


SEED = DEV_CORPUS / "ar-kim-putin-new-year-2025-12-27.txt"


@pytest.mark.skipif(not SEED.exists(), reason="../shared/corpus/dev is not here")
def test_dev_article_boilerplate_line_is_dropped():
    (doc,) = read_sources([SEED])
    assert "وزير ألماني" not in kept_text(doc)
    assert doc.published == "2025-12-27"


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "no article text"),
        (b"   \n\n  ", "no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
        ("روسيا".encode("cp1256"), "UTF-8"),
        (b"Read more: nothing here\nAdd a comment\n", "no article text"),
    ],
)
def test_bad_files_raise_one_clear_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_sources([f])


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_sources([tmp_path / "nope.txt"])
    with pytest.raises(EmptyInputError):
        read_sources([tmp_path])


def test_huge_file_is_refused(tmp_path, monkeypatch):
    import kg.ingest

    monkeypatch.setattr(kg.ingest, "MAX_BYTES", 100)
    f = tmp_path / "big.txt"
    f.write_text("Russia sent troops. " * 20, encoding="utf-8")
    with pytest.raises(InputError, match="larger than"):
        read_sources([f])


def test_malformed_jsonl_names_the_line(tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"text": "Russia sent troops."}) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.jsonl:2"):
        read_sources([f])


def test_related_headlines_after_a_bare_header_and_date_lines_are_dropped():
    text = (
        "عنوان الخبر\n\nالأحد 12/1/2025\n\nأرسلت مصر مساعدات إلى السودان.\n\nاقرأ أيضا\n\n"
        "السودان.. أزمة إنسانية تتفاقم\n\nشارك\n"
    )
    doc = document_from_text(text, "x.txt")
    assert doc.published == "2025-01-12"
    kept = kept_text(doc)
    assert "أرسلت مصر" in kept and "أزمة إنسانية" not in kept and "12/1/2025" not in kept


# ---------------------------------------------------------------- limits and encodings (issue #13)
def collect(sources):
    problems = []
    return read_sources(sources, on_error=problems.append), [str(p) for p in problems]


def test_a_record_over_the_size_limit_is_refused_alone_and_the_rest_are_read(tmp_path):
    from kg.ingest import MAX_RECORD_CHARS

    long_text = "Russia sent troops to Syria. " * (MAX_RECORD_CHARS // 29 + 1)
    lines = [{"text": "Iran sent drones to Russia."}, {"text": long_text}, {"text": "Turkey sent food to Syria."}]
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text(long_text, encoding="utf-8")
    docs, problems = collect([jsonl, tmp_path / "long.txt"])
    assert [d.text for d in docs] == ["Iran sent drones to Russia.", "Turkey sent food to Syria."]
    assert len(problems) == 2
    assert problems[0].startswith(f"{jsonl}#L2: ") and f"{MAX_RECORD_CHARS} character limit" in problems[0]
    assert problems[1].startswith(f"{tmp_path / 'long.txt'}: ") and "character limit" in problems[1]
    assert document_from_text("x" * MAX_RECORD_CHARS, "at-the-limit.txt")  # the limit itself is allowed


def test_the_size_limit_is_per_record_not_per_jsonl_file(tmp_path, monkeypatch):
    import kg.ingest

    monkeypatch.setattr(kg.ingest, "MAX_BYTES", 2000)  # a file limit far below this file's size
    jsonl = tmp_path / "many.jsonl"
    jsonl.write_text("".join(json.dumps({"text": f"Russia sent {n} troops to Syria."}) + "\n" for n in range(200)))
    assert jsonl.stat().st_size > 2000
    docs, problems = collect([jsonl])
    assert len(docs) == 200 and problems == []


def test_a_ten_megabyte_line_is_refused_at_once(tmp_path):
    import time

    jsonl = tmp_path / "huge.jsonl"
    jsonl.write_text(json.dumps({"text": "Russia sent troops to Syria and " * 330_000}) + "\n" + '{"text": "ok."}\n')
    assert jsonl.stat().st_size > 10_000_000
    started = time.monotonic()
    docs, problems = collect([jsonl])
    assert time.monotonic() - started < 5
    assert len(docs) == 1 and len(problems) == 1 and "huge.jsonl:1" in problems[0]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding):
    import codecs

    text = "أرسلت روسيا قوات إلى سوريا. Russia sent troops to Syria."
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + text.encode(encoding))
    (doc,) = read_sources([path])
    assert doc.text == text


def test_a_broken_utf16_file_says_what_it_claims_to_be(tmp_path):
    import codecs

    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Russia".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="UTF-16 byte-order mark but is not valid UTF-16"):
        read_sources([path])
