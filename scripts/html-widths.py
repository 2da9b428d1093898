#!/usr/bin/env python3
"""Lay out the HTML export in a real browser at every width and check it fits.

    python3 scripts/html-widths.py                # the table; exit 1 on a failure
    python3 scripts/html-widths.py --shots docs/images   # also html-narrow.png, html-wide.png

Exports two pages with the crosstalk binary (built with `cargo build` first):
the bundled debate with tests/fixtures/bundled.annotations.ron, and
tests/fixtures/wide.ron, a hostile panel of eight voices with a long URL, CJK
and Arabic runs, long unbroken words and names, coded here with
`crosstalk autocode` (one tag name is 80 characters without a space). Each
page is opened in headless Chromium (Debian's `chromium` package) driven over
the DevTools protocol on a pipe (the standard library only, no pip package),
with the viewport set to 360, 480, 768, 1024, 1280, 1920 and 2560 CSS pixels,
in four states: side by side (on a narrow screen, the first voice), side by
side with "All voices", in turn order, and a tag filter on. A state fits when
the document is no wider than the viewport (scrollWidth <= clientWidth) and no
visible element's box reaches past its right edge.

It also checks what the page does, with real clicks and key presses (the page
itself has no script): on a narrow screen the switcher shows one voice, a
click on another voice's label or an arrow key on the focused switch shows
that voice; on a wide one the switcher is hidden and every voice shows; a
click on a tag's chip, or Space on its focused filter, leaves only that tag's
highlights coloured, and a second one colours them all again.

Needs `apt-get install chromium fonts-noto-cjk` (the fonts give CJK text its
real width). Not part of `cargo test` (CI has no browser);
tests/html_layout.rs checks the page's rules without one.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WIDTHS = [360, 480, 768, 1024, 1280, 1920, 2560]
NARROW = 640  # the page's `@media (max-width: 40rem)`

# Tags for the hostile fixture: (pattern, unit, tag name).
WIDE_CODING = [
    ("data", "match", "data-security-and-cross-border-flows-a-tag-name-without-spaces-that-goes-on-and-on"),
    ("数据", "sentence", "数据安全"),
    ("example.org", "paragraph", "url"),
    ("security", "sentence", "security"),
    ("Donau", "paragraph", "long word"),
    ("日本語", "sentence", "日本語"),
]

MEASURE = r"""
(() => {
  const de = document.documentElement, W = de.clientWidth;
  let right = 0, worst = '';
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right > right) { right = r.right; worst = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).replace(/ /g, '.') : ''); }
  }
  const voices = [...document.querySelectorAll('#voices > .voice')];
  const shown = voices.filter(v => v.offsetParent !== null);
  const tops = shown.map(v => Math.round(v.getBoundingClientRect().top));
  const columns = shown.length ? tops.filter(t => t === Math.min(...tops)).length : 0;
  return { W, sw: de.scrollWidth, right: Math.ceil(right), worst, shown: shown.length,
           voices: voices.length, columns };
})()
"""


class Chrome:
    """Headless Chromium over --remote-debugging-pipe (NUL-separated JSON)."""

    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="crosstalk-chrome-")
        self.proc = None
        try:
            self.start(binary)
        except BaseException:
            # No Chrome to close later: its profile goes now.
            if self.proc is not None:
                self.proc.kill()
                self.proc.wait()
            shutil.rmtree(self.profile, ignore_errors=True)
            raise

    def start(self, binary):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def fds():
            # Chromium reads commands on fd 3 and answers on fd 4.
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--hide-scrollbars", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
             "about:blank"],
            pass_fds=(3, 4), preexec_fn=fds,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def page(self, method, params=None):
        return self.call(method, params, self.session)

    def wait(self, event):
        while True:
            for i, m in enumerate(self.events):
                if m.get("method") == event:
                    del self.events[i]
                    return m
            self.events.append(self._read())

    def js(self, expression):
        r = self.page("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def open(self, path, width, height=900):
        self.page("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        self.events.clear()
        self.page("Page.navigate", {"url": "file://" + path})
        self.wait("Page.loadEventFired")

    def key(self, key, code, keycode, text=None):
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": keycode}
            if text and kind == "keyDown":
                params["text"] = text
            self.page("Input.dispatchKeyEvent", params)

    def screenshot(self, out, clip):
        import base64
        r = self.page("Page.captureScreenshot",
                      {"format": "png", "clip": {**clip, "scale": 1}, "captureBeyondViewport": True})
        with open(out, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        self.proc.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def export(binary, out_dir):
    """The pages: name -> path."""
    pages = {}
    bundled = os.path.join(out_dir, "bundled.html")
    subprocess.run([binary, "export", "--format", "html", "--annotations",
                    os.path.join(ROOT, "tests/fixtures/bundled.annotations.ron"), "-o", bundled],
                   check=True)
    pages["bundled debate"] = bundled
    wide = os.path.join(ROOT, "tests/fixtures/wide.ron")
    notes = os.path.join(out_dir, "wide.annotations.ron")
    for pattern, unit, tag in WIDE_CODING:
        subprocess.run([binary, "autocode", "--annotations", notes, "--pattern", pattern,
                        "--unit", unit, "--tag", tag, "--coder", "html-widths", wide],
                       check=True, stdout=subprocess.DEVNULL)
    page = os.path.join(out_dir, "wide.html")
    subprocess.run([binary, "export", "--format", "html", "--annotations", notes, "-o", page, wide],
                   check=True)
    pages["8 voices, hostile"] = page
    for path in pages.values():
        with open(path, encoding="utf-8") as f:
            assert "<script" not in f.read(), f"{path} has a script"
    return pages


def click(chrome, selector):
    """Click the element; False if the page has none."""
    return chrome.js(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                     " if (!e) return false; e.click(); return true; })()")


def visible_voices(chrome):
    return chrome.js("[...document.querySelectorAll('#voices > .voice')]"
                     ".filter(v => v.offsetParent !== null).map(v => v.id)")


def coloured_marks(chrome):
    """How many marks are painted, and how many of those lack tag 0's class."""
    return chrome.js("""(() => { const m = [...document.querySelectorAll('#voices mark')];
      const painted = m.filter(x => getComputedStyle(x).backgroundColor !== 'rgba(0, 0, 0, 0)');
      return [m.length, painted.length, painted.filter(x => !x.classList.contains('t0')).length,
              m.filter(x => x.classList.contains('t0')).length]; })()""")


def behaviour(chrome, path, width, failures, name):
    """What the switcher and the filters do at `width`."""
    chrome.open(path, width)
    ids = chrome.js("[...document.querySelectorAll('#voices > .voice')].map(v => v.id)")
    nav = chrome.js("(() => { const n = document.querySelector('nav.voices');"
                    " return n && n.offsetParent !== null ? [...n.querySelectorAll('label')]"
                    ".map(l => l.getBoundingClientRect().width > 0 && l.textContent) : null; })()")

    def check(ok, what):
        if not ok:
            failures.append(f"{name} @ {width}px: {what}")

    if width <= NARROW and nav is None:
        check(False, "no voice switcher on a narrow screen")
    elif width <= NARROW:
        check(nav is not None and len(nav) == len(ids) + 1 and all(nav),
              f"a visible, labelled switch per voice and 'All voices' (got {nav})")
        check(visible_voices(chrome) == ids[:1], "the first voice alone at first")
        click(chrome, "label[for=pick-2]")
        check(visible_voices(chrome) == ids[2:3], "a click on the third voice shows it alone")
        chrome.js("document.getElementById('pick-0').focus()")
        chrome.key("ArrowRight", "ArrowRight", 39)
        check(visible_voices(chrome) == ids[1:2], "ArrowRight on the switch shows the next voice")
        click(chrome, "label[for=pick-all]")
        check(visible_voices(chrome) == ids, "'All voices' shows them all")
    else:
        check(nav is None, "no switcher on a wide screen")
        check(visible_voices(chrome) == ids, "every voice on a wide screen")
    chrome.open(path, width)
    if width <= NARROW:
        click(chrome, "label[for=pick-all]")
    total, painted, others, t0 = coloured_marks(chrome)
    check(painted == total, "every mark painted before a filter")
    if not click(chrome, ".legend label[for=only-0]"):
        check(False, "no tag filter on the legend's chips")
        return
    total, painted, others, t0 = coloured_marks(chrome)
    check(others == 0 and painted == t0 > 0, f"a chip click keeps tag 0's marks only ({painted} painted, {others} others)")
    click(chrome, ".legend label[for=only-0]")
    check(coloured_marks(chrome)[1] == total, "a second click colours them all again")
    chrome.js("document.getElementById('only-0').focus()")
    chrome.key(" ", "Space", 32, " ")
    check(chrome.js("document.getElementById('only-0').checked"), "Space on the focused filter sets it")
    check(coloured_marks(chrome)[2] == 0, "... and filters")


def measure(chrome, path, width):
    """The states of the page at `width`: name -> measurement."""
    states = {}
    chrome.open(path, width)
    states["side by side"] = chrome.js(MEASURE)
    click(chrome, "label[for=pick-all]")
    states["all voices"] = chrome.js(MEASURE)
    click(chrome, ".legend label[for=only-0]")
    states["filtered"] = chrome.js(MEASURE)
    click(chrome, "label[for=layout-turns]")
    states["turn order"] = chrome.js(MEASURE)
    return states


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", help="the crosstalk binary (default: cargo build, target/debug)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    ap.add_argument("--shots", help="a folder for html-narrow.png and html-wide.png")
    args = ap.parse_args()
    if not args.chromium:
        sys.exit("needs headless Chromium: apt-get install chromium")
    binary = args.binary
    if not binary:
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target/debug/crosstalk")
    out_dir = tempfile.mkdtemp(prefix="crosstalk-html-")
    chrome = None
    failures = []
    try:
        # Inside the try: a failed export or browser start removes out_dir too.
        pages = export(binary, out_dir)
        chrome = Chrome(args.chromium)
        print(f"| page | width (px) | side by side: columns × rows shown | widest state: document / rightmost box (px) | fits |")
        print("|---|---|---|---|---|")
        for name, path in pages.items():
            for width in WIDTHS:
                states = measure(chrome, path, width)
                first = states["side by side"]
                rows = -(-first["shown"] // max(first["columns"], 1))
                doc = max(s["sw"] for s in states.values())
                right = max(s["right"] for s in states.values())
                fits = all(s["sw"] <= s["W"] and s["right"] <= s["W"] for s in states.values())
                if not fits:
                    worst = max(states.items(), key=lambda kv: kv[1]["right"])
                    failures.append(f"{name} @ {width}px: {worst[0]}: {worst[1]}")
                layout = f"{first['columns']} × {rows}" + (
                    f" (switcher: 1 of {first['voices']})" if first["shown"] < first["voices"] else "")
                print(f"| {name} | {width} | {layout} | {doc} / {right} | {'yes' if fits else 'NO'} |")
                behaviour(chrome, path, width, failures, name)
        if args.shots:
            os.makedirs(args.shots, exist_ok=True)
            path = pages["bundled debate"]
            chrome.open(path, 360, 1400)
            top = chrome.js("document.querySelector('main').getBoundingClientRect().top + scrollY")
            chrome.screenshot(os.path.join(args.shots, "html-narrow.png"),
                              {"x": 0, "y": top - 40, "width": 360, "height": 1100})
            chrome.open(path, 1440, 1000)
            chrome.screenshot(os.path.join(args.shots, "html-wide.png"),
                              {"x": 0, "y": 0, "width": 1440, "height": 1400})
    finally:
        if chrome is not None:
            chrome.close()
        shutil.rmtree(out_dir, ignore_errors=True)
    print()
    if failures:
        print("\n".join(f"FAIL {f}" for f in failures))
        sys.exit(1)
    print(f"every page fits and behaves at {', '.join(map(str, WIDTHS))} px")


if __name__ == "__main__":
    main()
