"""The console in real headless Chromium (Debian's): sign-in, dashboard, records, proof, export, Art. 30.

Each page is screenshotted into tests/artifacts/screenshots/. The browser may load nothing but what
the gateway serves (the console works air-gapped), and the pages pass basic accessibility checks:
labelled controls, a skip link first in the tab order, text contrast of at least 4.5:1.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from audit import bundle_verify
from audit.query.counts import ANSWERS
from tests.compliance.conftest import gateway_config, issue_tokens, make_app
from tests.compliance.trail import SIGNER, build_trail
from tests.support.system import ROOT, chromium_binary

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests/artifacts/screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Unlabelled form controls, and text whose contrast with its background is under 4.5:1.
A11Y_PROBLEMS = """
() => {
  const problems = [];
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden") continue;
    const byFor = el.id && document.querySelector(`label[for="${el.id}"]`);
    const labelled = byFor || el.getAttribute("aria-label");
    if (!labelled) problems.push(`unlabelled ${el.tagName.toLowerCase()} ${el.name}`);
  }
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || seen.has(el) || !walker.currentNode.textContent.trim()) continue;
    seen.add(el);
    if (el.closest("svg, .sr-only, .skip")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const text = el.textContent.trim().slice(0, 40);
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for "${text}"`);
  }
  return problems;
}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    trail = build_trail(tmp_path_factory.mktemp("console"))
    tokens, _ = issue_tokens(trail)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(make_app(gateway_config(trail)), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the console server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", tokens
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    binary = chromium_binary()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(binary), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, served):
    base, _ = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    yield page
    context.close()
    assert outside == [], f"the console loaded something from elsewhere: {outside}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def accessible(page) -> None:
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate(A11Y_PROBLEMS) == []


def sign_in(page, base: str, token: str) -> None:
    page.goto(f"{base}/console")
    page.get_by_label("Access token").fill(token)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/console/dashboard")


def test_sign_in_refuses_bad_tokens_and_is_keyboard_operable(page, served):
    base, tokens = served
    page.goto(f"{base}/console/records")
    assert page.url == f"{base}/console/sign-in"  # no session: nothing shown
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    accessible(page)
    shot(page, "01-sign-in")
    page.get_by_label("Access token").fill("sk-sovgw-an-inference-key")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "That token is unknown, revoked or expired."
    shot(page, "02-sign-in-refused")
    page.get_by_label("Access token").focus()
    page.keyboard.type(tokens["officer"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/console/dashboard")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(f"{base}/console/sign-in")
    page.goto(f"{base}/console/dashboard")
    assert page.url == f"{base}/console/sign-in"


def test_dashboard_charts_requests_and_denials_with_the_trail_status(page, served):
    base, tokens = served
    sign_in(page, base, tokens["admin"])
    page.goto(f"{base}/console/dashboard?from=2026-10-31&to=2026-11-11")
    charts = page.locator("svg.chart")
    assert charts.count() == 4
    titles = [charts.nth(i).locator("title").first.inner_html() for i in range(4)]
    assert titles == [
        "Requests forwarded per day, by jurisdiction",
        "Requests forwarded per day, by data category",
        "Requests refused by the policy (451) per day, by data category",
        "Requests unavailable (503, node failures) per day, by cause",
    ]
    assert page.locator("svg.chart rect").count() > 20
    legend = page.locator("table.legend").first.inner_text()
    assert "DE" in legend and "CH" in legend and "FR" in legend
    assert page.locator(".badge.ok").first.inner_text().strip() == "Trail verified"
    forwarded = int(page.locator(".totals .num").first.inner_text())
    assert forwarded > 50
    accessible(page)
    shot(page, "03-dashboard")


def test_the_dashboard_shows_refusals_unavailability_and_client_errors_apart(page, served):
    """A 503 for a node that is down is not a refusal: each class has its own total and chart."""
    base, tokens = served
    sign_in(page, base, tokens["admin"])
    page.goto(f"{base}/console/dashboard?from=2026-10-31&to=2026-11-11")
    api = {"Authorization": f"Bearer {tokens['admin']}"}
    counts = page.request.get(
        f"{base}/audit/v1/aggregates?from=2026-10-31&to=2026-11-11", headers=api
    ).json()["counts"]
    expected = {a: sum(c["count"] for c in counts if c["answer"] == a) for a in ANSWERS}
    assert all(expected.values()), expected  # the trail holds each class
    for answer in ANSWERS:
        shown = page.locator(f"#total-{answer.replace('_', '-')} .num").inner_text()
        assert int(shown) == expected[answer], answer
    unavailable = page.locator("section", has=page.locator("#unavailable-h")).locator("table.legend")
    causes = unavailable.inner_text()
    assert "no allowed node healthy" in causes and "node failed" in causes
    assert "classification or policy engine down" in causes
    refusals = page.locator("section", has=page.locator("#refusals-h")).locator("table.legend")
    refused_total = sum(int(n) for n in refusals.locator("td.n").all_inner_texts())
    assert refused_total == expected["refused"]
    shot(page, "03b-dashboard-answers")


def test_records_filter_and_a_record_page_checks_its_proof(page, served):
    base, tokens = served
    sign_in(page, base, tokens["officer"])
    page.get_by_role("link", name="Records", exact=True).click()
    page.get_by_label("Data category").select_option("special")
    page.get_by_label("Kind").select_option("forward")
    page.get_by_role("button", name="Search").click()
    rows = page.locator("table.records tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.nth(3).inner_text() == "acme"  # an officer of acme sees acme only
        assert cells.nth(5).inner_text() == "special"
    accessible(page)
    shot(page, "04-records")
    rows.first.locator("a").click()
    page.wait_for_selector("#browser-check[data-state='ok']")
    assert "Included in the signed log." in page.locator(".proof.ok").first.inner_text()
    assert "Checked in your browser too" in page.locator("#browser-check").inner_text()
    accessible(page)
    shot(page, "05-record")


def test_denials_show_what_the_client_was_answered(page, served):
    base, tokens = served
    sign_in(page, base, tokens["admin"])
    page.goto(f"{base}/console/records?kind=denial")
    rows = page.locator("table.records tbody tr")
    statuses = {rows.nth(i).locator("td").last.inner_text() for i in range(rows.count())}
    assert statuses == {"451", "503", ""}  # "": recorded before denials carried their status


def test_another_tenants_record_page_is_not_found(page, served):
    base, tokens = served
    sign_in(page, base, tokens["officer2"])
    page.goto(f"{base}/console/records?tenant=acme")
    assert page.get_by_role("alert").inner_text() == "that tenant is outside this token's scope"


def test_export_from_the_page_downloads_a_bundle_that_verifies(page, served, tmp_path):
    base, tokens = served
    sign_in(page, base, tokens["officer"])
    page.goto(f"{base}/console/records")
    page.get_by_label("From").nth(1).fill("2026-11-02")
    page.get_by_label("To (inclusive)").fill("2026-11-04")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download bundle").click()
    path = Path(tmp_path / "bundle.zip")
    info.value.save_as(path)
    with zipfile.ZipFile(path) as zf:
        records = next(n for n in zf.namelist() if n.endswith("data/records.jsonl"))
        tenants = {json.loads(line)["request"]["tenant"] for line in zf.read(records).splitlines()}
    assert tenants == {"acme"}
    assert bundle_verify.main([str(path), "--key", SIGNER.vkey()]) == 0


def test_records_of_processing_page(page, served):
    base, tokens = served
    sign_in(page, base, tokens["officer"])
    page.get_by_role("link", name="Records of processing").click()
    page.get_by_role("button", name="Show").click()
    text = page.locator(".report").inner_text()
    assert "Records of processing: acme" in text
    for heading in ("Purposes", "Recipients", "Transfers and their basis", "Not in the trail"):
        assert heading in text
    assert "Alpine Compute AG" in text and "adequacy:CH" in text
    accessible(page)
    shot(page, "06-processing")
