"""The site in a real browser: headless Debian Chromium (Selenium + chromium-driver), the Nu
HTML checker (vnu-jar) and axe-core. ``make test`` installs all three (``make site-test-deps``);
nothing is downloaded here. Screenshots go to the test's temporary folder (and to
``$GONGKAI_SCREENSHOTS`` when set, to look at them).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_site import INITIATIVE, _report_page, site_out, site_store  # noqa: F401 - fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TOOLS = ROOT / ".site-tools" / "node_modules"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")


def _need(path: str | Path, what: str) -> None:
    if not Path(path).exists():
        pytest.fail(f"{what} missing at {path}: run `make site-test-deps` (make test does it)")


@pytest.fixture(scope="module")
def server(site_out: Path) -> Iterator[str]:  # noqa: F811
    """The site served on 127.0.0.1 (fetch() of the search index needs http, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(site_out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    _need(CHROMIUM, "Debian chromium")
    _need(CHROMEDRIVER, "Debian chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    opts.add_argument("--window-size=1280,1600")
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_script_timeout(60)
    yield driver
    driver.quit()


def _pages(site_out: Path) -> dict[str, str]:  # noqa: F811
    agency = next(p for p in site_out.glob("id/agency/110105-*.html") if ".en." not in p.name)
    initiative = next(p for p in site_out.glob("id/initiative/*.html")
                      if ".en." not in p.name and INITIATIVE in p.read_text("utf-8"))
    return {
        "home": "index.html", "agency": agency.relative_to(site_out).as_posix(),
        "report": _report_page(site_out, 2021).relative_to(site_out).as_posix(),
        "initiative": initiative.relative_to(site_out).as_posix(),
    }


def test_screenshots_of_home_agency_report_initiative(browser, server: str, site_out: Path,  # noqa: F811
                                                      tmp_path: Path) -> None:
    shots = Path(os.environ.get("GONGKAI_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    for name, page in _pages(site_out).items():
        for lang_page, suffix in ((page, ""), (page.replace(".html", ".en.html"), "-en")):
            browser.get(server + lang_page)
            assert browser.find_element("css selector", "h1").text.strip()
            # nothing hangs off the side on a desktop window
            assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
            png = shots / f"{name}{suffix}.png"
            browser.save_screenshot(str(png))
            assert png.stat().st_size > 10_000
    # a phone: the agency page's charts fit the screen
    browser.set_window_size(390, 844)
    try:
        browser.get(server + _pages(site_out)["agency"])
        widths = browser.execute_script(
            "return Array.from(document.querySelectorAll('svg.chart')).map(s => s.getBoundingClientRect().right)")
        assert widths and all(w <= 390 for w in widths)
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(shots / "agency-phone.png"))
    finally:
        browser.set_window_size(1280, 1600)


def test_fact_and_sentence_link_both_ways(browser, server: str, site_out: Path) -> None:  # noqa: F811
    browser.get(server + _pages(site_out)["report"])
    mark = browser.find_element("css selector", "mark.metric a")
    fact_id = mark.get_attribute("href").split("#", 1)[1]
    browser.execute_script("arguments[0].click()", mark)
    assert browser.execute_script("return location.hash") == f"#{fact_id}"
    back = browser.find_element("css selector", f"[id='{fact_id}'] a[href^='#ev-']")
    browser.execute_script("arguments[0].click()", back)
    target = browser.execute_script("return document.getElementById(location.hash.slice(1)).tagName")
    assert target == "MARK"


def test_search_finds_chinese_and_english(browser, server: str) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    for page, query, expect in (("search.html", "通办", INITIATIVE), ("search.en.html", "agen", "agency")):
        browser.get(server + page)
        box = browser.find_element("id", "q")
        box.send_keys(query)
        WebDriverWait(browser, 20).until(
            lambda d: d.find_elements("css selector", "#search-results li"))
        texts = [e.text for e in browser.find_elements("css selector", "#search-results li a")]
        assert any(expect in t.lower() for t in texts), texts


def test_facets_filter_the_report_list(browser, server: str, site_store: Path) -> None:  # noqa: F811
    from selenium.webdriver.support.ui import Select

    from gongkai.store import open_store

    mentioning = int(open_store(str(site_store), read_only=True).select(
        f'SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ ?r gk:mentions ?x . ?x skos:prefLabel "{INITIATIVE}"@zh }}')[0]["n"])

    browser.get(server + "reports.html")
    rows = lambda: [r for r in browser.find_elements("css selector", "#list tbody tr") if r.is_displayed()]  # noqa: E731
    total = len(rows())
    Select(browser.find_element("css selector", "select[data-facet=year]")).select_by_value("2021")
    assert len(rows()) == 1 < total
    Select(browser.find_element("css selector", "select[data-facet=year]")).select_by_value("")
    Select(browser.find_element("css selector", "select[data-facet=initiatives]")).select_by_visible_text(INITIATIVE)
    assert len(rows()) == mentioning >= 2


def test_no_serious_accessibility_violations(browser, server: str, site_out: Path) -> None:  # noqa: F811
    axe = TOOLS / "axe-core" / "axe.min.js"
    _need(axe, "axe-core")
    source = axe.read_text("utf-8")
    pages = list(_pages(site_out).values()) + ["reports.html", "search.html", "sparql.en.html", "ontology.html",
                                               "scheme/indicator/H.requestsReceived.en.html", "agencies.en.html",
                                               "id/region/110105.html", "ontology/Report.en.html"]
    pages += [p.relative_to(site_out).as_posix() for p in sorted(site_out.glob("id/platform/*/*.html"))[:1]]
    problems = []
    for page in pages:
        browser.get(server + page)
        browser.execute_script(source)
        result = browser.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations)))"
            ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical', help: String(e)}])));")
        for v in json.loads(result):
            if v.get("impact") in ("serious", "critical"):
                problems.append(f"{page}: {v['id']} ({v['impact']}): {v.get('help')}")
    assert not problems, "\n".join(problems)


def test_html_validates_with_the_nu_checker(site_out: Path) -> None:  # noqa: F811
    jar = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
    _need(jar, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java missing: run `make site-test-deps`")
    pages = sorted(str(p) for p in site_out.rglob("*.html"))
    proc = subprocess.run([java, "-Xss4m", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').rsplit('/out/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
              for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(errors[:30])
    assert len(pages) > 100
