#!/usr/bin/env python3
"""Opens Faultline HTML reports in headless Chromium over the DevTools protocol and
fails unless each page loads with no console errors, no exceptions and no network
request other than its own file:// URL, and lays out without horizontal overflow on
a desktop and a phone-sized viewport. Optionally saves a screenshot of the first page.

    python3 scripts/check-html.py reports/sample/index.html --screenshot docs/report.png
    python3 scripts/check-html.py --self-test   # proves the checks catch a bad page

Needs `chromium` (Debian package) and `websocket-client` (scripts/requirements-test.txt).
Everything stays on 127.0.0.1; each page gets at most --timeout seconds.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket


class Browser:
    """One headless Chromium with a private profile, driven over one page target."""

    def __init__(self, binary, timeout):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="faultline-chromium-")
        self.process = subprocess.Popen(
            [binary, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
             "--no-default-browser-check", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--hide-scrollbars",
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
             "--user-data-dir=" + self.profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port = self._devtools_port()
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=timeout))
        page = next(t for t in targets if t.get("type") == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=timeout, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def _devtools_port(self):
        marker = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if os.path.exists(marker):
                with open(marker) as handle:
                    first = handle.readline().strip()
                if first:
                    return int(first)
            if self.process.poll() is not None:
                raise RuntimeError("chromium exited before opening the DevTools port")
            time.sleep(0.1)
        raise RuntimeError("chromium did not open the DevTools port in time")

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"{method}: no answer in {self.timeout} s")

    def wait_for(self, event, seconds):
        """Collects events until `event` arrives, then keeps listening briefly for stragglers."""
        deadline = time.monotonic() + seconds
        seen = any(e["method"] == event for e in self.events)
        settle_until = None
        while time.monotonic() < deadline:
            if seen and settle_until is None:
                settle_until = time.monotonic() + 0.5
            if settle_until is not None and time.monotonic() >= settle_until:
                return True
            self.socket.settimeout(0.1)
            try:
                message = json.loads(self.socket.recv())
            except websocket.WebSocketTimeoutException:
                continue
            finally:
                self.socket.settimeout(self.timeout)
            if "method" in message:
                self.events.append(message)
                seen = seen or message["method"] == event
        return seen

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def check(browser, path, screenshot=None):
    """Returns the problems found on one page (empty when it is clean)."""
    url = "file://" + os.path.abspath(path)
    browser.events.clear()
    for domain in ("Network", "Runtime", "Log", "Page"):
        browser.call(domain + ".enable")
    browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=2000, deviceScaleFactor=1, mobile=False)
    browser.call("Page.navigate", url=url)
    problems = []
    if not browser.wait_for("Page.loadEventFired", browser.timeout):
        problems.append("the page did not finish loading")

    for event in browser.events:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested != url:
                problems.append(f"network request to {requested}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            problems.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            problems.append("exception: " + params.get("exceptionDetails", {}).get("text", ""))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            problems.append(f"log {entry['level']} ({entry.get('source')}): {entry.get('text')}")

    def evaluate(expression):
        return browser.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    if not evaluate("document.querySelector('h1') !== null"):
        problems.append("no <h1>: the page did not render")
    if evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        problems.append("horizontal overflow at 1280 px")

    if screenshot:
        height = min(int(evaluate("document.documentElement.scrollHeight") or 2000), 2000)
        browser.call("Emulation.setDeviceMetricsOverride", width=1280, height=height, deviceScaleFactor=1, mobile=False)
        time.sleep(0.2)
        data = browser.call("Page.captureScreenshot", format="png")["data"]
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        with open(screenshot, "wb") as handle:
            handle.write(base64.b64decode(data))

    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    time.sleep(0.2)
    if evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
        problems.append("horizontal overflow at 390 px (phone)")
    return problems


BAD_PAGE = """<!DOCTYPE html><html><head><title>bad</title></head><body><h1>bad</h1>
<img src="http://127.0.0.1:9/tracker.png"/><script>console.error("boom")</script></body></html>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--screenshot", help="save a 1280 px wide PNG of the first page here")
    parser.add_argument("--self-test", action="store_true", help="check that a bad page is caught")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "chromium")
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()

    browser = Browser(args.chromium, args.timeout)
    failed = False
    try:
        if args.self_test:
            with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as handle:
                handle.write(BAD_PAGE)
            problems = check(browser, handle.name)
            os.unlink(handle.name)
            caught_request = any("network request to http://127.0.0.1:9/" in p for p in problems)
            caught_console = any("console error: boom" in p for p in problems)
            if caught_request and caught_console:
                print("self-test: ok (bad page caught: " + "; ".join(problems) + ")")
            else:
                print("self-test: FAILED, the checks missed a bad page: " + "; ".join(problems))
                failed = True
        for index, page in enumerate(args.pages):
            problems = check(browser, page, args.screenshot if index == 0 else None)
            if problems:
                failed = True
                print(f"{page}: FAILED")
                for problem in problems:
                    print("  - " + problem)
            else:
                print(f"{page}: ok (no console errors, no network requests, no overflow)")
        if args.screenshot and args.pages:
            print("screenshot: " + args.screenshot)
    finally:
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
