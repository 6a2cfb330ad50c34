"""The real server and Debian's Chromium, shared by the browser tests and always stopped.

Chromium comes from Debian's package (a test tool's own browser download does not work on
the machines we run on); it is installed here when missing and the machine allows it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from diffexplain.serving.server import BROWSER_ARGS, CHROMIUM, running_app

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
SERVER_START_SECONDS = 120


def _ensure_chromium() -> str | None:
    """Path of Chromium, installing Debian's package (and fonts for 中文 and emoji) if needed."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return None
    packages = ["chromium", "fonts-noto-cjk", "fonts-noto-color-emoji"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update"], check=False, capture_output=True, env=environment)
    subprocess.run(
        ["apt-get", "install", "-y", *packages], check=False, capture_output=True, env=environment
    )
    return CHROMIUM if Path(CHROMIUM).exists() else None


@pytest.fixture(scope="session")
def server_url():
    with open(ROOT / ".e2e-server.log", "wb") as log, running_app(SERVER_START_SECONDS, log) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    chromium = _ensure_chromium()
    if chromium is None:
        pytest.skip("Debian's chromium is not installed and cannot be installed here")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser, server_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(90_000)
    try:
        yield opened
    finally:
        context.close()
