"""The README's pictures: a view with the evidence panel open, and the report (headless Chromium, offline).

    .venv/bin/python scripts/screenshots.py [OUT_DIR]     # default docs/

Builds the bundled examples into a temporary folder, opens the overview, clicks the
North Korea -> Russia deployment (told in Arabic and in English, with different
counts) and saves docs/view-panel.png; then writes the report and saves docs/report.png.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.facts import read_facts  # noqa: E402
from kg.pipeline import build  # noqa: E402
from kg.report import write_report  # noqa: E402


def driver(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = shutil.which("chromium") or "chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--window-size={width},{height}",
    ):
        opts.add_argument(flag)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=opts)


def wait_for(d, attribute: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while d.execute_script(f"return document.body.getAttribute('{attribute}')") != "true":
        if time.time() > deadline:
            raise SystemExit(f"the page did not say {attribute} in {timeout}s")
        time.sleep(0.2)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-shots-") as tmp:
        result = build([ROOT / "examples"], tmp)
        overview = next(p for p in result.views if p.stem == "overview")
        d = driver(1400, 860)
        try:
            d.get(overview.as_uri())
            wait_for(d, "data-settled")
            d.execute_script(
                """var e = kgView.edges.get().filter(function (e) {
                     return /country\\/KP$/.test(e.from) && /country\\/RU$/.test(e.to) && e.types[0] === 'Deployment';
                   })[0];
                   kgView.openEdge(e.id);
                   kgView.network.selectEdges([e.id]);"""
            )
            time.sleep(0.3)
            d.execute_script("kgView.network.fit({animation: false});")
            time.sleep(0.3)
            d.save_screenshot(str(out / "view-panel.png"))
        finally:
            d.quit()
        page = write_report(read_facts(result.dataset), Path(tmp) / "report.html", Path(tmp) / "views")
        d = driver(1280, 1240)
        try:
            d.get(page.as_uri())
            wait_for(d, "data-drawn")
            time.sleep(0.3)
            d.save_screenshot(str(out / "report.png"))
        finally:
            d.quit()
    print(f"wrote {out / 'view-panel.png'} and {out / 'report.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
