"""One node per person across languages: names found by pattern in both scripts."""

from kg.extract import get_extractor
from kg.ingest import document_from_text
from kg.resolve import resolve, skeleton


def test_a_name_and_its_transliteration_share_a_skeleton():
    assert skeleton("Nabil Abdallah") == skeleton("نبيل عبد الله")
    assert skeleton("Ahmed al-Mismari") == skeleton("أحمد المسماري")
    assert skeleton("Kipchumba Murkomen") == skeleton("كيبتشومبا موركومين")
    assert skeleton("Nabil Abdallah") != skeleton("Nabil Hamdallah")


def _extract(*texts):
    ex = get_extractor()
    return [ex.extract(document_from_text(t, f"d{i}.txt", published="2025-03-01")) for i, t in enumerate(texts)]


def test_a_person_found_in_english_and_in_arabic_is_one_entity():
    extractions = _extract(
        "The spokesman for the Sudanese army, Brig. Gen. Nabil Abdallah, said the RSF attacked El Obeid.",
        "قال المتحدث باسم الجيش السوداني العميد نبيل عبد الله إن الدعم السريع هاجم الأبيض.",
    )
    entities = resolve(extractions)
    people = [e for e in entities.values() if e.type == "Person"]
    assert len(people) == 1, people
    assert "Nabil Abdallah" in people[0].labels["en"] and "نبيل عبد الله" in people[0].labels["ar"]
    # every reference in the Arabic extraction now points at the one key
    assert {m.entity for m in extractions[1].mentions if m.role == "title"} == {people[0].key}


def test_different_people_stay_apart():
    extractions = _extract(
        "Army spokesman Brig. Gen. Nabil Abdallah spoke on Monday.",
        "وقال العميد خالد الأعيسر إن الوضع هادئ.",
    )
    assert len([e for e in resolve(extractions).values() if e.type == "Person"]) == 2
