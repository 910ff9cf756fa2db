"""A second set of our own articles (tests/data/fixtures/heldout/), written after the rules of the
construction fixtures and scored before any rule was fitted to it: how the extractor does on stories and
styles it was not tuned on. Floors only (today's scores minus 0.03): this set measures, it does not steer."""

from __future__ import annotations

import json

import pytest

from kg.evaluate import score
from kg.pipeline import build

from ..conftest import DATA

FIXTURES = DATA / "fixtures" / "heldout"
GOLD = DATA / "gold" / "heldout"

# (precision, recall, F1) per language and part, scored with kg.evaluate: today's minus 0.03. First
# scores (before any rule was changed for these articles) were ar overall 0.610, en 0.676 (README.md there)
FLOORS = {
    "ar": {"entities": (0.87, 0.82, 0.85), "events": (0.74, 0.58, 0.65), "claims": (0.57, 0.29, 0.39)},
    "en": {"entities": (0.91, 0.85, 0.88), "events": (0.82, 0.58, 0.68), "claims": (0.70, 0.39, 0.50)},
}


def _gold_files(lang: str) -> list:
    return [g for g in sorted(GOLD.glob("*.json")) if json.loads(g.read_text(encoding="utf-8"))["lang"] == lang]


def test_every_article_has_gold_in_both_languages():
    assert {p.stem for p in FIXTURES.glob("*.txt")} == {p.stem for p in GOLD.glob("*.json")}
    assert len(_gold_files("ar")) == len(_gold_files("en")) == 8


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_quality_on_the_held_out_articles(tmp_path, lang):
    golds = _gold_files(lang)
    result = build([FIXTURES / f"{g.stem}.txt" for g in golds], tmp_path, write_views=False)
    report = score(result.dataset, golds)
    assert not report.shortfalls(FLOORS[lang]), (lang, report.shortfalls(FLOORS[lang]), report.lines())
