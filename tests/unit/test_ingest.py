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
