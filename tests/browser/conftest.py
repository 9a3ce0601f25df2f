"""Real headless Chromium (Debian's) driven by Playwright against pytest-django's
live server on the real PostGIS database.

Playwright's sync API runs an event loop in the test thread, which makes Django
refuse ORM calls from that thread unless told the loop is not ours to worry
about; the ORM calls here are plain synchronous test set-up.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import sync_playwright  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 375, "height": 760}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield browser
        browser.close()


def _keep_to(origin: str):
    """Let requests reach the live server only: map tiles and anything else from
    another host are refused, as on a machine without internet."""

    def handle(route):
        parts = urlsplit(route.request.url)
        if f"{parts.scheme}://{parts.netloc}" == origin:
            route.continue_()
        else:
            route.abort()

    return handle


# Every Content-Security-Policy violation on a page fails the test that opened
# it (the browse fixture's check below), so pages stay within our policy.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " +
                (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def _csp_violation(message) -> bool:
    return message.text.startswith("CSP violation") or "Content Security Policy" in message.text


class Browse:
    """Opens pages of the live server as a given user (or nobody)."""

    def __init__(self, browser, live_server):
        self.browser = browser
        self.origin = live_server.url
        self.contexts = []
        self.errors: list[str] = []
        self.expected_blocks: set[str] = set()

    def expect_blocked(self, fragment: str) -> None:
        """A request the policy must refuse (a third party's): its violation
        reports are expected, and at least one must come."""
        self.expected_blocks.add(fragment)

    def unexpected_errors(self) -> list[str]:
        for fragment in self.expected_blocks:
            assert any(fragment in error for error in self.errors), f"{fragment} not blocked"
        return [
            error
            for error in self.errors
            if not any(fragment in error for fragment in self.expected_blocks)
        ]

    def page(self, user=None, *, viewport=DESKTOP, language=None):
        context = self.browser.new_context(viewport=viewport, locale="en-US")
        self.contexts.append(context)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": self.origin,
                    }
                ]
            )
        if language:
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": self.origin}]
            )
        context.add_init_script(CSP_LISTENER)
        page = context.new_page()
        page.route("**/*", _keep_to(self.origin))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            lambda message: self.errors.append(message.text) if _csp_violation(message) else None,
        )
        page.set_default_timeout(15_000)
        return page

    def open(self, page, path: str, *, wait_ready: bool = True):
        page.goto(self.origin + path)
        if wait_ready:
            page.wait_for_function("() => document.body?.dataset.ready === '1'")
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(browser, live_server):
    helper = Browse(browser, live_server)
    yield helper
    helper.close()
    errors = helper.unexpected_errors()
    assert errors == [], f"JavaScript errors or CSP violations: {errors}"


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
