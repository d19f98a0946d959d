"""Browser fixtures: the real site built once, served on localhost and opened in headless Chromium."""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = BROWSER_TESTS / "node_modules" / "axe-core" / "axe.min.js"

# Without the background-networking flags Chromium phones home at start-up, and this machine's closed
# network refuses those connections loudly.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: the built site in headless Chromium (needs chromium, tests/browser/node_modules)"
    )


def skip_or_fail(missing: str, install: str) -> NoReturn:
    """Skip on a developer's machine without the tool; fail in CI, which is meant to install it."""
    message = f"{missing} is missing; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI installs it, so the browser tests may not be skipped there)")
    pytest.skip(message)


def build_project_site(site: Path, *, environment: Mapping[str, str] | None = None) -> Path:
    """Build the project's own site into ``site`` with `mkdocs build --strict`, or fail the test."""
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT,
        env=os.environ | dict(environment or {}),
        capture_output=True,
        text=True,
        check=False,
    )
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr[-4000:]}")
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, from the same command CI and `make site` use."""
    return build_project_site(tmp_path_factory.mktemp("browser-site"))


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site with the search engine that large sites get (see docs/zoeken.md)."""
    site = tmp_path_factory.mktemp("pagefind-site")
    return build_project_site(site, environment={"SEARCH_ENGINE": "pagefind"})


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - named so by the base class
        pass


def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on localhost while the generator runs; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    yield from serve(built_site)


@pytest.fixture(scope="session")
def pagefind_site_url(pagefind_site: Path) -> Iterator[str]:
    yield from serve(pagefind_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium from Debian; Playwright gives every launch a new, empty profile directory."""
    if not CHROMIUM.exists():
        skip_or_fail(str(CHROMIUM), "apt-get install -y chromium chromium-driver")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_script() -> str:
    if not AXE_SCRIPT.exists():
        skip_or_fail(str(AXE_SCRIPT.relative_to(ROOT)), "npm ci --prefix tests/browser")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@dataclass(frozen=True, kw_only=True)
class SiteTab:
    """One browser tab on the served site, with what went wrong in it while it was open."""

    page: Page
    site_url: str
    console_errors: list[str] = field(default_factory=list)
    requests_to_other_hosts: list[str] = field(default_factory=list)

    def open(self, path: str) -> Page:
        self.page.goto(self.site_url + path)
        return self.page

    def url_of(self, path: str) -> str:
        return self.site_url + path


def open_tab(context: BrowserContext, site_url: str) -> Iterator[SiteTab]:
    tab = SiteTab(page=context.new_page(), site_url=site_url)

    def answer_other_hosts(route: Route, request: Request) -> None:
        # Readers have the internet and this machine has not: record what would leave the site (its own
        # test judges that) and answer with nothing, so the other tests see the site as readers do.
        tab.requests_to_other_hosts.append(request.url)
        content_type = {"stylesheet": "text/css", "script": "text/javascript"}.get(request.resource_type)
        route.fulfill(status=200, content_type=content_type or "text/plain", body="")

    # A pattern, not a Python predicate: the browser matches it without asking Python for each request.
    tab.page.route(re.compile("^(?!" + re.escape(site_url) + ")"), answer_other_hosts)
    tab.page.on("console", lambda line: line.type == "error" and tab.console_errors.append(line.text))
    tab.page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
    try:
        yield tab
    finally:
        tab.page.close()


def new_context(browser: Browser, **options: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(**options)
    try:
        yield context
    finally:
        context.close()


# Tabs share a context per kind of device, as a reader's tabs share a browser: its cache makes the
# suite fast, and each test still gets a new tab with its own history, listeners and session storage.
@pytest.fixture(scope="session")
def desktop(browser: Browser) -> Iterator[BrowserContext]:
    yield from new_context(browser, viewport=DESKTOP)


@pytest.fixture(scope="session")
def phone(browser: Browser) -> Iterator[BrowserContext]:
    yield from new_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def tab(desktop: BrowserContext, site_url: str) -> Iterator[SiteTab]:
    yield from open_tab(desktop, site_url)


@pytest.fixture
def pagefind_tab(desktop: BrowserContext, pagefind_site_url: str) -> Iterator[SiteTab]:
    yield from open_tab(desktop, pagefind_site_url)


@pytest.fixture
def phone_tab(phone: BrowserContext, site_url: str) -> Iterator[SiteTab]:
    yield from open_tab(phone, site_url)


@pytest.fixture
def pagefind_tab_without_javascript(browser: Browser, pagefind_site_url: str) -> Iterator[SiteTab]:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        yield from open_tab(context, pagefind_site_url)
    finally:
        context.close()


@pytest.fixture
def tab_without_javascript(browser: Browser, site_url: str) -> Iterator[SiteTab]:
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        yield from open_tab(context, site_url)
    finally:
        context.close()
