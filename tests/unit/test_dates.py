from kg.dates import find_dates, published_in_text


def test_arabic_dates_keep_the_precision_the_text_gives():
    assert find_dates("في 18 ديسمبر", "2025-12-27") == ["2025-12-18"]
    assert find_dates("في أغسطس 2025", "2025-12-27") == ["2025-08"]
    assert find_dates("في أبريل", "2025-12-27") == ["2025-04"]


def test_a_month_later_than_publication_is_last_year():
    assert find_dates("في نوفمبر", "2025-03-01") == ["2024-11"]


def test_relative_dates():
    assert find_dates("في وقت سابق من هذا الشهر", "2025-12-27") == ["2025-12"]
    assert find_dates("earlier this month", "2025-12-27") == ["2025-12"]
    assert find_dates("last month", "2025-01-10") == ["2024-12"]
    assert find_dates("on Thursday", "2025-09-12") == ["2025-09-11"]
    assert find_dates("يوم الأحد", "2025-02-03") == ["2025-02-02"]


def test_a_weekday_without_on_is_a_day_of_the_week_of_publication():
    assert find_dates("during Tuesday’s clashes", "2021-11-17") == ["2021-11-16"]
    assert find_dates("كما أفاد بيان صادر عن الجيش السبت.", "2021-11-17") == ["2021-11-13"]
    assert find_dates("بعد صلاة الجمعة في المسجد", "2021-11-17") == []  # Friday's prayer is no date


def test_english_dates_and_the_modal_may():
    assert find_dates("on March 3, 2024") == ["2024-03-03"]
    assert find_dates("3 March 2024") == ["2024-03-03"]
    assert find_dates("it may happen", "2025-01-01") == []


def test_publication_lines():
    assert published_in_text("نُشر في 27 ديسمبر 2025") == "2025-12-27"
    assert published_in_text("Published: March 3, 2024") == "2024-03-03"
    assert published_in_text("Nothing here") is None
