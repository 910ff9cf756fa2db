"""Shared fixtures. Integration tests need real servers: a Neo4j over Bolt
(scripts/neo4j.sh, instance "test") and Debian's Chromium. Outside CI a missing
server skips them; with CI=true it fails them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.config import Neo4jSettings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"


def run_kg(*args, env=None, cwd=None, timeout=300) -> subprocess.CompletedProcess:
    """`kg ARGS...` in a fresh process (cli.py of this checkout), environment extended by ``env``."""
    return subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=timeout,
    )
DEV_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing server is a failure, not a skip)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_settings() -> Neo4jSettings:
    return Neo4jSettings.from_env(uri=os.environ.get("NEO4J_TEST_URI", "bolt://127.0.0.1:7688"))


@pytest.fixture
def store(neo4j_settings):
    from kg.errors import Neo4jError
    from kg.neo4j_store import Store

    try:
        s = Store(neo4j_settings)
    except Neo4jError as e:
        unavailable(f"no Neo4j for the tests: {e}")
    s.run("MATCH (n) DETACH DELETE n", write=True)
    yield s
    s.close()


@pytest.fixture(scope="session")
def examples_build(tmp_path_factory):
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("examples-build")
    return build([EXAMPLES], out)


@pytest.fixture(scope="session")
def chromium():
    """A headless Debian Chromium driven by Selenium through Debian's chromedriver."""
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        unavailable("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1280,900",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=opts)
    yield driver
    driver.quit()
