#!/usr/bin/env python3
"""The web console in a real browser (Chromium through Selenium) against a real `trawl serve` crawling a fixture site.

Opens the runs list, starts a run from a job, watches its progress change without a reload, pauses, resumes and stops
it (and sees the API's 409 message for resuming a finished run), filters the crawl log, runs a search and clicks a
result; saves screenshots of the main pages (at 1280 px and on a phone) into the directory given.

Usage: console_test.py TRAWL_BINARY SCREENSHOT_DIR
Everything listens on 127.0.0.1; the run is bounded (a few hundred pages, stopped by hand) and so is every wait.
"""
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

TOPICS = ["harbour", "lighthouse", "estuary", "seagrass", "tidepool", "mangrove", "kelp", "reef"]
PAGES = 400


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site(http.server.BaseHTTPRequestHandler):
    """Pages about coastal topics, each linking to the next three, answered after a short delay."""

    def do_GET(self):
        time.sleep(0.02)
        match = re.fullmatch(r"/p/(\d+)", self.path)
        if self.path == "/":
            number, title = -1, "Coast index"
        elif match and int(match.group(1)) < PAGES:
            number = int(match.group(1))
            title = f"The {TOPICS[number % len(TOPICS)]} page {number}"
        else:
            self.send_error(404)
            return
        links = "".join(f'<a href="/p/{n}">page {n}</a> ' for n in range(number + 1, min(PAGES, number + 4)))
        topic = TOPICS[max(number, 0) % len(TOPICS)]
        body = (f"<html><head><title>{title}</title></head><body><main><h1>{title}</h1>"
                f"<p>This page tells about the {topic}: how the {topic} changes with the tide and the seasons.</p>"
                f"<p>{links}</p></main></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def api(base, method, path, body=None):
    request = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode() if body else None,
                                     headers={"Content-Type": "application/json", "X-Trawl-Client": "browser-test"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def wait(what, condition, timeout=30, every=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = condition()
        except (NoSuchElementException, StaleElementReferenceException):
            value = None  # the page is being replaced (a form's redirect): look again
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


def main():
    trawl, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    site = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Site)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    site_url = f"http://127.0.0.1:{site.server_address[1]}"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    workdir = tempfile.mkdtemp(prefix="trawl-console-")
    server = subprocess.Popen([trawl, "serve", "--db", os.path.join(workdir, "trawl.db"), "--port", str(port),
                               "--allow-private-networks"], stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(workdir, "serve.log"), "w"))
    driver = None
    try:
        wait("the server", lambda: _healthy(base))
        job = api(base, "POST", "/v1/jobs", {
            "name": "coast <site>", "labels": {"team": "search"},
            "config": {
                "seeds": [{"kind": "static_list", "params": {"urls": [site_url + "/"]}}],
                "policies": [{"kind": "robots_txt", "params": {"obey": False}}],
                # Slow enough to watch and steer: two requests at a time, 150 ms apart.
                "speed": {"kind": "fixed", "params": {"concurrency": 2, "per_host_concurrency": 2, "delay": "150ms",
                                                      "delay_factor": 0}},
                "pipelines": [{"kind": "markdown"}, {"kind": "chunk"}],
            }})
        options = Options()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_page_load_timeout(20)
        run_steps(driver, base, site_url, job, shots)
        print("console browser test: passed")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        server.wait(timeout=20)
        site.shutdown()


def _healthy(base):
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def submit(driver, label):
    """Clicks the button `label` and waits for the page its form leads to (the old page's live updates would
    otherwise answer the next question)."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.XPATH, f"//button[text()='{label}']").click()
    WebDriverWait(driver, 10).until(lambda _: is_stale(page))


def is_stale(element):
    """Whether `element`'s page has gone. Asked while the browser swaps documents, Chromium may answer "Node with given
    id does not belong to the document" instead of a stale reference (`staleness_of` lets that through as an error):
    either means the old page is gone."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def status(driver):
    return driver.find_element(By.CSS_SELECTOR, "[data-field=status]").text


def run_steps(driver, base, site_url, job, shots):
    # The runs list, empty, then the job's page (its name is text, not markup) and "Start a run".
    driver.get(base + "/ui/runs")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Runs"
    driver.find_element(By.LINK_TEXT, "Jobs").click()
    driver.find_element(By.LINK_TEXT, "coast <site>").click()
    assert driver.find_element(By.TAG_NAME, "h1").text == "coast <site>"
    driver.save_screenshot(os.path.join(shots, "job.png"))
    submit(driver, "Start a run")
    WebDriverWait(driver, 10).until(lambda d: "/ui/runs/" in d.current_url)
    run_url = driver.current_url
    run_id = run_url.rsplit("/", 1)[1]

    # Live progress: the fetched count grows while the page stays the same document (no reload).
    driver.execute_script("window.__sameDocument = true")
    first = int(wait("a first fetch", lambda: _number(driver, "progress.fetched") or None, timeout=20))
    wait("the fetched count to grow on its own", lambda: _number(driver, "progress.fetched") > first + 3, timeout=20)
    assert driver.execute_script("return window.__sameDocument === true"), "the page reloaded"
    wait("the rate chart", lambda: len(driver.find_element(By.CSS_SELECTOR, "#rate-chart polyline")
                                       .get_attribute("points").split()) >= 6, timeout=20)
    driver.save_screenshot(os.path.join(shots, "run.png"))

    # Pause, resume, a resume that cannot happen (the API's 409 message), stop.
    submit(driver, "Pause")
    wait("the run to show paused", lambda: status(driver) == "paused")
    paused_at = wait("the paused count", lambda: _number(driver, "progress.fetched") or None)
    submit(driver, "Resume")
    wait("the run to show running", lambda: status(driver) == "running")
    wait("more pages after the resume", lambda: _number(driver, "progress.fetched") > paused_at, timeout=20)
    submit(driver, "Stop")
    wait("the run to show finished", lambda: status(driver) == "finished")
    assert driver.find_element(By.CSS_SELECTOR, "[data-field=stop_reason]").text == "manual"
    # A finished run cannot be resumed: the page says so with the API's own message.
    submit(driver, "Resume")
    alert = driver.find_element(By.CSS_SELECTOR, "[role=alert]").text
    message = _api_error(base, f"/v1/runs/{run_id}/resume")
    assert message and message in alert, (alert, message)
    driver.get(run_url)

    # The crawl log, filtered to successful fetches: the address keeps the filter, every row is one.
    driver.find_element(By.LINK_TEXT, "Crawl log").click()
    Select(driver.find_element(By.ID, "f-steps")).select_by_value("fetch")
    Select(driver.find_element(By.ID, "f-statuses")).select_by_value("ok")
    driver.find_element(By.XPATH, "//button[text()='Filter']").click()
    WebDriverWait(driver, 10).until(lambda d: "steps=fetch" in d.current_url)
    rows = driver.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert rows, "no log rows"
    assert all(row.find_elements(By.TAG_NAME, "td")[1].text == "fetch" for row in rows)
    driver.save_screenshot(os.path.join(shots, "log.png"))

    # Search, once the run's text is indexed: a result per page, then click one.
    wait("the text index", lambda: api(base, "GET", f"/v1/runs/{run_id}")["ready_for"]["text_search"], timeout=60)
    driver.find_element(By.LINK_TEXT, "Search").click()
    driver.find_element(By.ID, "f-q").send_keys("lighthouse tide")
    Select(driver.find_element(By.ID, "f-mode")).select_by_value("text")
    driver.find_element(By.XPATH, "//button[text()='Search']").click()
    results = WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".result h2 a"))
    assert "lighthouse" in results[0].text.lower(), results[0].text
    assert driver.find_elements(By.CSS_SELECTOR, ".snippet mark"), "no highlighted snippet"
    driver.save_screenshot(os.path.join(shots, "search.png"))
    target = results[0].get_attribute("href")
    results[0].click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url == target)
    assert target.startswith(site_url)

    # Every control has a label, and the run page and list fit a phone.
    for path in ["/ui/runs", run_url.replace(base, ""), "/ui/search", "/ui/jobs/new"]:
        driver.get(base + path)
        unlabelled = driver.execute_script("""
            return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
              .filter(e => e.labels.length === 0).map(e => e.name)""")
        assert not unlabelled, (path, unlabelled)
    driver.get(base + "/ui/runs")
    driver.save_screenshot(os.path.join(shots, "runs.png"))
    driver.set_window_size(390, 844)
    driver.get(run_url)
    wide = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    assert not wide, "the run page scrolls sideways on a phone"
    driver.save_screenshot(os.path.join(shots, "run-phone.png"))


def _number(driver, field):
    text = driver.find_element(By.CSS_SELECTOR, f"[data-field='{field}']").text.replace(",", "")
    return int(text) if text.isdigit() else 0


def _api_error(base, path):
    request = urllib.request.Request(base + path, method="PUT", headers={"X-Trawl-Client": "browser-test"})
    try:
        urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return json.loads(error.read())["error"]["message"]
    return None


if __name__ == "__main__":
    main()
