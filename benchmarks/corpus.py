"""A synthetic corpus for benchmarks: the bundled example and fixture articles
recombined with other countries' names, so that every article differs."""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "fixtures").glob("*.txt"))
SWAPS = {
    "en": [
        ("Russia", ["Belarus", "Iran", "China", "Syria"]),
        ("North Korea", ["Iran", "Venezuela", "Cuba"]),
        ("Ukraine", ["Moldova", "Georgia", "Armenia"]),
        ("Iran", ["Iraq", "Libya", "Sudan"]),
    ],
    "ar": [
        ("روسيا", ["بيلاروسيا", "إيران", "الصين", "سوريا"]),
        ("كوريا الشمالية", ["إيران", "فنزويلا", "كوبا"]),
        ("أوكرانيا", ["مولدوفا", "جورجيا", "أرمينيا"]),
        ("سوريا", ["العراق", "ليبيا", "السودان"]),
    ],
}


def articles(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    out = []
    for i in range(n):
        text = texts[i % len(texts)]
        lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text[:200]) else "en"
        for old, news in SWAPS[lang]:
            if rng.random() < 0.5:
                text = text.replace(old, rng.choice(news))
        out.append(text + f"\n\n{'رقم' if lang == 'ar' else 'No.'} {i}.\n")
    return out


def write(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(articles(n)):
        (folder / f"article-{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder
