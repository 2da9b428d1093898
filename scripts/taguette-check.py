#!/usr/bin/env python3
"""Checks that Taguette takes crosstalk's codebook CSV (`export --format
codebook-csv`): every tag arrives, with its description.

Two codebooks: the bundled debate's (tests/fixtures/bundled.annotations.ron)
and a fixture of awkward tags (non-ASCII and nested `parent/child` names,
commas, quotes, newlines, a formula-like cell). What each should hold is read
from crosstalk's REFI-QDA codebook export of the same file (`--format qdc`),
a second, independent path to the same tags.

Two checks for each:
1. Taguette's own codebook reader, `taguette.import_codebook.list_tags`,
   on the file's bytes (encoding guessed by chardet, as Taguette does).
2. The whole import, as a person does it in a browser: a Taguette server in
   single-user mode on a temporary database, a new project, the file
   uploaded to "Import codebook", the confirmation form sent back as a
   browser sends it, then the project's codebook exported by Taguette
   (CSV) and compared.

Setup (once):  python3 -m venv /tmp/tagvenv
               /tmp/tagvenv/bin/pip install -r scripts/requirements-taguette.txt
Run:           cargo build && /tmp/tagvenv/bin/python scripts/taguette-check.py
Exit status 0 when every tag arrived as it should.
"""

import csv
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import requests
import taguette
from taguette.import_codebook import list_tags

ROOT = Path(__file__).resolve().parent.parent
BINARY = Path(os.environ.get("CROSSTALK", ROOT / "target" / "debug" / "crosstalk"))

BOM = b"\xef\xbb\xbf"
PANEL = "# Panel\n\n## Ada Moderator\n\nAre the bans justified?\n\n## Lee Respondent\n\nNo. The risks are real.\n"

# name, description, colour: written as a crosstalk CSV codebook, taken in
# with `crosstalk tags import`, then exported again.
AWKWARD = [
    ("risk", "Names a risk, real or not", "#112233"),
    ("数据安全/跨境", "Data security — “cross-border”; naïve café 🙂", "#ABCDEF"),
    ("framing/rights/speech", 'Says "rights",\nthen: speech\nand, "more"', "#000000"),
    ("Ünïcödé, with comma", "Line one\r\nline two", "#FFFFFF"),
    ("quote \"in\" name", "", "#010203"),
    ("=SUM(A1)", "-starts like a formula", "#040506"),
]


def crosstalk(*args, home):
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"))
    out = subprocess.run([str(BINARY), *args], env=env, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"crosstalk {' '.join(args)} failed:\n{out.stderr.decode()}")
    return out.stdout


def qdc_tags(xml_bytes):
    """(name, description) of every codable code, nested names joined by '/'."""
    ns = {"q": "urn:QDA-XML:codebook:1.0"}
    out = []

    def walk(code, prefix):
        name = prefix + code.get("name")
        if code.get("isCodable", "true") != "false":
            d = code.find("q:Description", ns)
            out.append((name, (d.text or "") if d is not None else ""))
        for child in code.findall("q:Code", ns):
            walk(child, name + "/")

    root = ET.fromstring(xml_bytes)
    for code in root.find("q:Codes", ns).findall("q:Code", ns):
        walk(code, "")
    return out


class Form(HTMLParser):
    """The fields a browser would send from the page's codebook form:
    hidden and text inputs (a text input drops line breaks from its value,
    as the HTML standard says) and checked checkboxes."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.action = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and "import_codebook" in (a.get("action") or ""):
            self.action = a["action"]
        if tag != "input" or "name" not in a or "disabled" in a:
            return
        kind = a.get("type", "text")
        if kind == "checkbox":
            if "checked" in a:
                self.fields.append((a["name"], a.get("value", "on")))
        elif kind == "text":
            self.fields.append((a["name"], re.sub(r"[\r\n]", "", a.get("value") or "")))
        elif kind == "hidden":
            self.fields.append((a["name"], a.get("value") or ""))


def crosstalk_like(tags):
    """`tags` (name, description) as crosstalk writes a codebook CSV."""
    f = io.StringIO(newline="")
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["name", "description", "color"])
    w.writerows((n, d, "#000000") for n, d in tags)
    return BOM + f.getvalue().encode("utf-8")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A Taguette server in single-user mode on a temporary database."""

    def __init__(self, workdir):
        self.port = free_port()
        self.log = open(workdir / "taguette.log", "w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "taguette.main", "--no-browser", "-p", str(self.port),
             "--database", str(workdir / "taguette.sqlite3")],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        token = None
        for _ in range(300):
            self.log.seek(0)
            m = re.search(r"\?token=([0-9a-f]+)", self.log.read())
            if m:
                token = m.group(1)
                break
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        if token is None:
            self.stop()
            self.log.seek(0)
            sys.exit("Taguette did not start:\n" + self.log.read())
        self.http = requests.Session()
        self.http.get(f"{self.base}/?token={token}").raise_for_status()

    def xsrf(self):
        return self.http.cookies.get("_xsrf")

    def import_codebook(self, name, data):
        """A new project, the codebook imported into it; Taguette's own CSV
        export of the project's codebook, as (path, description) pairs."""
        self.http.get(f"{self.base}/project/new").raise_for_status()
        r = self.http.post(f"{self.base}/project/new",
                           data={"_xsrf": self.xsrf(), "name": name[:50], "description": ""})
        r.raise_for_status()
        project = re.search(r"/project/(\d+)", r.url).group(1)
        url = f"{self.base}/project/{project}/import_codebook"
        self.http.get(url).raise_for_status()
        r = self.http.post(url, data={"_xsrf": self.xsrf()},
                           files={"file": ("codebook.csv", data, "text/csv")})
        if r.status_code != 200:
            m = re.search(r'class="alert[^"]*"[^>]*>(.*?)<', r.text, re.S)
            raise RuntimeError(f"upload refused ({r.status_code}): {m.group(1).strip() if m else r.text[:300]}")
        form = Form()
        form.feed(r.text)
        r = self.http.post(url, data=form.fields)
        r.raise_for_status()
        if "/import_codebook" in r.url:
            raise RuntimeError("the confirmation was refused: " + r.text[:500])
        r = self.http.get(f"{self.base}/project/{project}/export/codebook.csv")
        r.raise_for_status()
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"))))
        return [(row[0], row[1]) for row in rows[1:]]

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def compare(label, expected, got, how):
    """Prints each tag and whether it arrived; returns the number missed."""
    got_map = dict(got)
    bad = 0
    for name, description in expected:
        want = how(description)
        if name not in got_map:
            print(f"  MISSING  {name!r}")
            bad += 1
        elif got_map[name] != want:
            print(f"  CHANGED  {name!r}: description {got_map[name]!r}, expected {want!r}")
            bad += 1
    extra = [n for n in got_map if n not in dict(expected) and n != "interesting"]
    for n in extra:
        print(f"  EXTRA    {n!r}")
        bad += 1
    print(f"{label}: {len(expected) - bad if bad <= len(expected) else 0} of {len(expected)} tags arrived with their description"
          + ("" if bad == 0 else f", {bad} problem(s)"))
    return bad


def main():
    if not BINARY.exists():
        sys.exit(f"{BINARY}: build crosstalk first (cargo build)")
    print(f"Taguette {taguette.__version__}, {BINARY}")
    work = Path(tempfile.mkdtemp(prefix="taguette-check-"))
    try:
        return check(work)
    finally:
        # Also when a step exits early (sys.exit) or raises.
        shutil.rmtree(work, ignore_errors=True)


def check(work):
    """Every case in `work`; 0 if all tags arrived with their description."""
    panel = work / "panel.md"
    panel.write_text(PANEL, encoding="utf-8")
    fixture = work / "awkward.csv"
    with open(fixture, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "description", "color"])
        w.writerows(AWKWARD)
    crosstalk("tags", "import", str(fixture), str(panel), home=work)

    bundled_ann = ROOT / "tests" / "fixtures" / "bundled.annotations.ron"
    cases = [
        ("bundled debate", ["--annotations", str(bundled_ann)], []),
        ("awkward tags", [str(panel)], []),
        ("awkward tags, --raw", [str(panel)], ["--raw"]),
    ]
    server = Server(work)
    problems = 0
    try:
        for label, where, extra in cases:
            data = crosstalk("export", "-f", "codebook-csv", *extra, *where, home=work)
            expected = qdc_tags(crosstalk("export", "-f", "qdc", *where, home=work))
            if not extra:
                # Protected cells carry a ' (formula-like starts) unless --raw.
                protect = lambda s: "'" + s if s[:1] in ("=", "+", "-", "@", "\t", "\r") else s
                expected = [(protect(n), protect(d)) for n, d in expected]
            bom = "yes" if data.startswith(BOM) else "NO"
            print(f"\n== {label}: {len(expected)} tags, {len(data)} bytes, BOM {bom}")
            # 1. Taguette's reader on the file. It trims both ends of each cell.
            parsed = [(t["path"], t["description"]) for t in list_tags(io.BytesIO(data))]
            problems += compare("  list_tags (Taguette's CSV reader)", expected, parsed, str.strip)
            # 2. The whole import through the web server; the form's text
            # field for a description cannot hold a line break.
            exported = server.import_codebook(label, data)
            problems += compare("  web import, then Taguette's codebook export (its one-line form field drops line breaks)",
                                expected, exported,
                                lambda d: re.sub(r"[\r\n]", "", d).strip())
        # A control: the check can fail. One accented tag without the BOM is
        # what chardet guesses wrong; with it, Taguette reads it right.
        one = [("risque", "Un café")]
        with_bom = crosstalk_like(one)
        print("\n== control: one accented description, with and without the BOM")
        problems += compare("  with the BOM", one,
                            [(t["path"], t["description"]) for t in list_tags(io.BytesIO(with_bom))],
                            str.strip)
        misread = [(t["path"], t["description"]) for t in list_tags(io.BytesIO(with_bom[len(BOM):]))]
        print(f"  without the BOM Taguette reads {misread[0][1]!r}"
              + (" (misread: the BOM is needed)" if misread != one else " (read right)"))
    finally:
        server.stop()
        server.log.close()
    print("\nOK: every tag arrived with its description" if problems == 0
          else f"\nFAILED: {problems} problem(s)")
    return 0 if problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
