from kg.textnorm import damaged_join, normalize, tokenize, variants


def test_normalize_removes_diacritics_tatweel_and_unifies_letters():
    assert normalize("نُشِرَت") == normalize("نشرت")
    assert normalize("بـوتـين") == normalize("بوتين")
    assert normalize("أوكرانيا") == normalize("اوكرانيا") == normalize("إوكرانيا")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("منطقة") == normalize("منطقه")
    assert normalize("٢٠٢٥") == "2025"


def test_tokens_keep_offsets_into_the_original_text():
    text = "وأكدت بيونغ يانغ رسمياً في أبريل"
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_a_word_with_combining_marks_is_one_token():
    assert [t.text for t in tokenize("قوات نُشرت توغّل")] == ["قوات", "نُشرت", "توغّل"]


def test_numbers_with_thousands_separators_are_one_token():
    assert [t.text for t in tokenize("about 10,000 troops")] == ["about", "10,000", "troops"]


def test_proclitic_readings():
    stems = dict(variants(normalize("لروسيا")))
    assert stems.get("ل") == normalize("روسيا")
    readings = {stem for _, stem in variants(normalize("بالصين"))}
    assert normalize("الصين") in readings
    assert variants("russia") == (("", "russia"),)


def test_damaged_join_finds_a_name_behind_stray_letters():
    known = {normalize("روسيا")}
    assert damaged_join(normalize("ويبروسيا"), known) == ("ويب", normalize("روسيا"))
    assert damaged_join(normalize("مروسيا"), known) is None  # "م" is no clitic debris
    assert damaged_join(normalize("روسيا"), known) is None
