#!/usr/bin/env python3
"""Writes the Word and OpenDocument documents in tests/fixtures/documents/
with python-docx (the library many transcription tools' exports are made
with), by hand (an OpenDocument as LibreOffice writes an edited one) and, if
it is given, pandoc: the layouts researchers get transcripts in, and the parts of
WordprocessingML a reader must get right (tracked changes, fields, text
boxes, merged cells, content controls).

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install python-docx==1.2.0
    /tmp/venv/bin/python scripts/make_docx_fixtures.py [--pandoc PATH]

A zip entry carries the time it was written, and pandoc dates the document:
both are fixed, so that a second run gives the same bytes.
"""

import argparse
import io
import os
import subprocess
import tempfile
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "documents")
W = nsdecls("w")


def save(document, name):
    buf = io.BytesIO()
    document.save(buf)
    fixed(buf.getvalue(), name)


def fixed(data, name):
    """The archive rewritten with every entry dated 2024-03-12 10:00 (an
    OpenDocument's mimetype kept first and stored)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 12, 10, 0, 0))
            entry.compress_type = info.compress_type
            dst.writestr(entry, src.read(info.filename))
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(out.getvalue())


def bold_run(p, text):
    r = p.add_run(text)
    r.bold = True
    return r


def otter():
    """Otter.ai's export: title, date, keywords, then each turn as a name and
    a time on one line (two spaces between) above the paragraph said."""
    d = docx.Document()
    d.add_paragraph("Library budget interview", style="Title")
    d.add_paragraph("Tue, Mar 12, 2024 10:02AM • 12:41")
    d.add_paragraph("SUMMARY KEYWORDS")
    d.add_paragraph("library, budget, hours, staff")
    d.add_paragraph("SPEAKERS")
    d.add_paragraph("Priya Raman, Lars Jensen")
    turns = [
        ("Priya Raman", "0:03", ["Thanks for making the time. Could you start with how the cuts landed?"]),
        ("Lars Jensen", "0:11", ["Sure. We lost two branches’ evening hours — that’s the headline.",
                                 "And the U.S. grant we counted on didn’t come through."]),
        ("Priya Raman", "0:40", ["How did the staff take it?"]),
        ("Lars Jensen", "0:44", ["Hard. People had been there for twenty years; some left."]),
        ("Priya Raman", "1:02", ["What would you change, if you could?"]),
        ("Lars Jensen", "1:09", ["Open the doors in the evening again. That is where the students were."]),
    ]
    for name, time, paragraphs in turns:
        p = d.add_paragraph()
        bold_run(p, name)
        p.add_run(f"  {time}")
        for text in paragraphs:
            d.add_paragraph(text)
    d.add_paragraph("Transcribed by https://otter.ai")
    save(d, "otter.docx")


def teams():
    """Microsoft Teams' transcript as Word: meeting, date, length, then
    `Surname, Given   0:03` above each turn's text."""
    d = docx.Document()
    d.add_paragraph("Weekly sync-20240312_100302-Meeting Recording")
    d.add_paragraph("March 12, 2024, 10:03AM")
    d.add_paragraph("4m 12s")
    d.add_paragraph("")
    turns = [
        ("Jensen, Lars", "0:03", "Okay, let's get started. Can everyone see the agenda?"),
        ("Raman, Priya", "0:08", "Yes, I can see it."),
        ("Okafor, Daniel", "0:12", "Same here. Before we begin, a quick update on the survey."),
        ("Jensen, Lars", "0:20", "Go ahead."),
        ("Okafor, Daniel", "0:23", "We have 212 responses, 40 of them from the evening users."),
        ("Raman, Priya", "0:35", "That's more than I expected."),
    ]
    for name, time, text in turns:
        d.add_paragraph(f"{name}   {time}")
        d.add_paragraph(text)
        d.add_paragraph("")
    d.add_paragraph("Jensen, Lars stopped transcription")
    save(d, "teams.docx")


def merged(cell_above, cell):
    """Merges `cell` with the one above it, as Word does (w:vMerge)."""
    cell_above.merge(cell)


def table():
    """A transcript typed as a table: a header row, the speaker's cell
    merged down over two rows of their speech, a cell of two paragraphs."""
    d = docx.Document()
    d.add_paragraph("Focus group 3, 12 March 2024")
    t = d.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text = "Speaker"
    t.rows[0].cells[1].text = "Text"
    rows = [
        ("Moderator", ["Welcome, everyone. Let’s go round the table: what brought you here?"]),
        ("Aisha", ["The evening hours. I study after work, and the library was the only quiet place."]),
        ("Tom", ["Same for me.", "Also the printers — mine broke in March."]),
        ("Moderator", ["And what changed when the hours were cut?"]),
        ("Aisha", ["I moved to the café down the street. It’s loud."]),
        ("", ["Honestly, I read less now."]),
        ("Tom", ["I stopped coming."]),
        ("Moderator", ["Thank you both."]),
    ]
    for speaker, paragraphs in rows:
        r = t.add_row()
        r.cells[0].text = speaker
        r.cells[1].text = paragraphs[0]
        for more in paragraphs[1:]:
            r.cells[1].add_paragraph(more)
    # Aisha's second row: her cell merged with the one above.
    merged(t.rows[5].cells[0], t.rows[6].cells[0])
    save(d, "table.docx")


def nvivo():
    """Three columns, as NVivo and transcription services lay a transcript
    out: time, speaker, what was said."""
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Timestamp", "Speaker", "Content"]):
        cell.text = text
    rows = [
        ("00:00:02", "Interviewer", "Can you tell me about your first year here?"),
        ("00:00:06", "Fatima Al-Sayed", "It was hard. I did not know anyone, and the forms were all in English."),
        ("00:00:15", "Interviewer", "Who helped you?"),
        ("00:00:18", "Fatima Al-Sayed", "A neighbour — she came with me to the office twice."),
        ("00:00:30", "Interviewer", "And now?"),
        ("00:00:32", "Fatima Al-Sayed", "Now I help others. That is the circle."),
    ]
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    save(d, "nvivo-table.docx")


def service():
    """A transcription service's table: speaker, then time, then text, the
    header row repeated on each page (w:tblHeader), a span of times."""
    d = docx.Document()
    d.add_paragraph("Community meeting, Ward 4")
    t = d.add_table(rows=1, cols=3)
    for cell, text in zip(t.rows[0].cells, ["Speaker", "Time", "Text"]):
        cell.text = text
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    rows = [
        ("Chair", "00:00:01 - 00:00:09", "Good evening. We have one item tonight: the branch library."),
        ("Resident 1", "00:00:10 - 00:00:21", "My kids did their homework there every night. Where do they go now?"),
        ("Chair", "00:00:22 - 00:00:25", "That is the question before us."),
        ("Resident 2", "00:00:26 - 00:00:40", "Could the school keep its library open later instead?"),
        ("Resident 1", "00:00:41 - 00:00:44", "Only if the buses run."),
        ("Chair", "00:00:45 - 00:00:50", "Noted. Next speaker, please."),
    ]
    for row in rows:
        for cell, text in zip(t.add_row().cells, row):
            cell.text = text
    save(d, "service-table.docx")


def run_xml(inner):
    return parse_xml(f"<w:r {W}>{inner}</w:r>")


def labels():
    """An interview with labels, edited with changes tracked, and the parts
    of WordprocessingML that hold or hide text."""
    d = docx.Document()
    d.add_paragraph("Interview 7 — transcript (revised)", style="Heading 1")

    # Tracked changes: an insertion is read, a deletion is not; a move's
    # source is not, its destination is.
    p = d.add_paragraph()
    p.add_run("Interviewer: How long have you lived on ")
    p._p.append(parse_xml(
        f'<w:del {W} w:id="1" w:author="Ed" w:date="2024-03-12T10:00:00Z">'
        '<w:r><w:delText>Elm Street</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(
        f'<w:ins {W} w:id="2" w:author="Ed" w:date="2024-03-12T10:00:00Z">'
        '<w:r><w:t>Oak Street</w:t></w:r></w:ins>'))
    p.add_run("?")

    # Curly quotes, an em dash, U.S., a soft hyphen (not shown), a
    # non-breaking hyphen, a tab, CJK, an emoji with ZWJ, combining marks.
    p = d.add_paragraph()
    p.add_run("Respondent: Since ’98 — when the U.S. office moved. My “home” is co")
    p._p.append(run_xml("<w:softHyphen/>"))
    p.add_run("operative, a self")
    p._p.append(run_xml("<w:noBreakHyphen/>"))
    p.add_run("run place.")
    p._p.append(run_xml("<w:tab/>"))
    p.add_run("We call it 家 (jiā) 👩‍👩‍👧 and Zoë says cafe\u0301 for it.")

    # A hyperlink's text; a simple field's result; a complex field's
    # result, not its code.
    p = d.add_paragraph()
    p.add_run("Interviewer: You wrote about it on ")
    p._p.append(parse_xml(
        f'<w:hyperlink {W} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'w:anchor="blog"><w:r><w:t>your blog</w:t></w:r></w:hyperlink>'))
    p.add_run(" on ")
    p._p.append(parse_xml(
        f'<w:fldSimple {W} w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">'
        '<w:r><w:t>12 March 2024</w:t></w:r></w:fldSimple>'))
    p.add_run(", page ")
    for inner in ['<w:fldChar w:fldCharType="begin"/>', '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                  '<w:fldChar w:fldCharType="separate"/>', '<w:t>4</w:t>', '<w:fldChar w:fldCharType="end"/>']:
        p._p.append(run_xml(inner))
    p.add_run(".")

    # A footnote's mark, a comment's range, a bookmark: no text of their own.
    p = d.add_paragraph()
    p._p.append(parse_xml(f'<w:bookmarkStart {W} w:id="0" w:name="blog"/>'))
    p._p.append(parse_xml(f'<w:commentRangeStart {W} w:id="0"/>'))
    p.add_run("Respondent: I did, yes")
    p._p.append(parse_xml(f'<w:commentRangeEnd {W} w:id="0"/>'))
    p._p.append(run_xml('<w:footnoteReference w:id="1"/>'))
    p.add_run(". Twice.")
    p._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="0"/>'))

    # A text box (drawn, with VML as its fallback): not part of the talk.
    p = d.add_paragraph()
    p.add_run("Interviewer: And the neighbours?")
    p._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        '<w:p><w:r><w:t>PULL QUOTE: home</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>'
        '</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>PULL QUOTE: home</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'))

    # A content control holding a paragraph; a line break inside a turn.
    d.element.body.sectPr.addprevious(parse_xml(
        f'<w:sdt {W}><w:sdtPr><w:alias w:val="Answer"/><w:text/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t xml:space="preserve">Respondent: They stayed. Most of them.</w:t></w:r>'
        '<w:r><w:br/><w:t>The young ones left.</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    # Moved text: the source is gone, the destination is read.
    p = d.add_paragraph()
    p.add_run("Interviewer: Thank you. ")
    p._p.append(parse_xml(
        f'<w:moveFrom {W} w:id="5" w:author="Ed" w:date="2024-03-12T10:00:00Z">'
        '<w:r><w:t>That is all.</w:t></w:r></w:moveFrom>'))
    p = d.add_paragraph()
    p.add_run("Respondent: You are welcome. ")
    p._p.append(parse_xml(
        f'<w:moveTo {W} w:id="6" w:author="Ed" w:date="2024-03-12T10:00:00Z">'
        '<w:r><w:t>That is all.</w:t></w:r></w:moveTo>'))
    for p in d.paragraphs:
        for r in p.runs:
            r.font.size = Pt(11)
    save(d, "labels.docx")


MILL = (
    "# Oral history: the mill\n\n"
    "**Interviewer:** When did you start at the mill?\n\n"
    "**Maria Garcia:** In 1971. I was *sixteen*. My father worked the looms.\n\n"
    "**Interviewer:** What was the work like?\n\n"
    "**Maria Garcia:** Loud. We read lips. There is a [recording](https://example.org/mill) of it.\n\n"
    "**Interviewer:** And when it closed?\n\n"
    "**Maria Garcia:** 1989. The whole street went quiet.[^1]\n\n"
    "[^1]: The mill closed in March 1989.\n"
)

MEETING = (
    "Community meeting, Ward 4\n\n"
    "| Speaker | Time | Text |\n"
    "|---|---|---|\n"
    "| Chair | 00:00:01 | Good evening. We have one item tonight: the branch library. |\n"
    "| Resident 1 | 00:00:10 | My kids did their homework there every night. Where do they go now? |\n"
    "| Chair | 00:00:22 | That is the question before us. |\n"
    "| Resident 2 | 00:00:26 | Could the school keep its library open later instead? |\n"
    "| Resident 1 | 00:00:41 | Only if the buses run. |\n"
    "| Chair | 00:00:45 | Noted. Next speaker, please. |\n"
)


def pandoc(binary, md, name):
    """pandoc's Word or OpenDocument (by `name`) from Markdown a transcriber
    typed: bold labels, a link, emphasis, a footnote; a table of turns."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.md")
        out = os.path.join(tmp, name)
        with open(src, "w") as f:
            f.write(md)
        # pandoc dates the document now unless told otherwise.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1710237600")
        subprocess.run([binary, src, "-o", out], check=True, env=env)
        with open(out, "rb") as f:
            fixed(f.read(), name)


def revised_odt():
    """OpenDocument as LibreOffice writes an edited interview: a deletion
    recorded with changes tracked (its text kept in text:tracked-changes),
    an insertion, a comment, a footnote, spaces set with text:s, a list, a
    soft page break, a frame. The mimetype entry first and stored, as the
    standard asks."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        "<office:automatic-styles/><office:body><office:text>"
        '<text:tracked-changes text:track-changes="false">'
        '<text:changed-region xml:id="ct1" text:id="ct1"><text:deletion><office:change-info>'
        "<dc:creator>Ed</dc:creator><dc:date>2024-03-12T10:00:00</dc:date></office:change-info>"
        "<text:p>Elm Street</text:p></text:deletion></text:changed-region>"
        '<text:changed-region xml:id="ct2" text:id="ct2"><text:insertion><office:change-info>'
        "<dc:creator>Ed</dc:creator><dc:date>2024-03-12T10:00:00</dc:date></office:change-info>"
        "</text:insertion></text:changed-region></text:tracked-changes>"
        '<text:h text:outline-level="1">Interview 7 — transcript (revised)</text:h>'
        '<text:p>Interviewer: How long have you lived on <text:change text:change-id="ct1"/>'
        '<text:change-start text:change-id="ct2"/>Oak Street<text:change-end text:change-id="ct2"/>?</text:p>'
        "<text:p>Respondent: Since ’98 — when the U.S. office moved.<text:s/>"
        'We call it 家 (jiā) 👩‍👩‍👧 and<text:s text:c="2"/>Zoë says café for it.</text:p>'
        "<text:p>Interviewer: You wrote about it on "
        '<text:a xlink:href="https://example.org/blog" xmlns:xlink="http://www.w3.org/1999/xlink">your blog</text:a>'
        '<office:annotation><dc:creator>Ed</dc:creator><text:p>check the date</text:p></office:annotation>'
        ', page <text:page-number text:select-page="current">4</text:page-number>.</text:p>'
        '<text:p>Respondent: I did, yes<text:note text:id="ftn1" text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Twice, in fact.</text:p>"
        "</text:note-body></text:note>. Twice.</text:p>"
        "<text:soft-page-break/>"
        '<text:p>Interviewer: And the neighbours?<draw:frame draw:name="Pull quote"><draw:text-box>'
        "<text:p>PULL QUOTE: home</text:p></draw:text-box></draw:frame></text:p>"
        "<text:p>Respondent: They stayed.\n   Most of them:</text:p>"
        "<text:list><text:list-item><text:p>the Kims,</text:p></text:list-item>"
        "<text:list-item><text:p>the Ortegas.</text:p></text:list-item></text:list>"
        "<text:p>Interviewer: Thank you.</text:p>"
        "<text:p>Respondent: You are welcome.</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        stamp = (2024, 3, 12, 10, 0, 0)
        z.writestr(zipfile.ZipInfo("mimetype", stamp), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        for name, data in (("content.xml", content), ("META-INF/manifest.xml", manifest)):
            z.writestr(zipfile.ZipInfo(name, stamp), data, compress_type=zipfile.ZIP_DEFLATED)
    with open(os.path.join(OUT, "revised.odt"), "wb") as f:
        f.write(out.getvalue())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pandoc", help="pandoc's binary, for pandoc.docx")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    otter()
    teams()
    table()
    nvivo()
    service()
    labels()
    revised_odt()
    if a.pandoc:
        pandoc(a.pandoc, MILL, "pandoc.docx")
        pandoc(a.pandoc, MILL, "pandoc.odt")
        pandoc(a.pandoc, MEETING, "meeting.odt")


if __name__ == "__main__":
    main()
