#!/usr/bin/env python3
"""Writes the UTF-16 fixtures in tests/fixtures/transcripts/ (run from the
repository root). Windows tools (Notepad, some caption editors) save UTF-16
with a byte order mark; these files are what crosstalk must read as such.

- utf16le.txt: a transcript, UTF-16 little-endian with BOM, CRLF line ends
- utf16be.vtt: WebVTT, UTF-16 big-endian with BOM, LF line ends
"""

import codecs
import os

HERE = os.path.join("tests", "fixtures", "transcripts")

TRANSCRIPT = """# Entrevista: la cooperativa de café
Date: 2019-05-04
Location: Xalapa, Veracruz

[00:00:05] Entrevistadora: ¿Cuándo empezó la cooperativa?
[00:00:09] Don Aurelio: En 1987. Éramos doce familias, nada más.
Hoy somos ciento cuarenta.
[00:00:21] Entrevistadora: ¿Y qué cambió con el precio del café?
[00:00:26] Don Aurelio: Todo. Cuando el precio cayó, vendimos directo.
Un comprador de Kyoto — 京都の喫茶店 — nos paga por adelantado. ☕🙂
[00:01:02] Entrevistadora: Gracias, don Aurelio.
"""

VTT = """WEBVTT
Kind: captions
Language: de

NOTE Exported by a caption editor on Windows.

00:00:01.000 --> 00:00:04.000
<v Jörg Müller>Grüß Gott. Wir beginnen mit der Straßenbahn.</v>

00:00:04.200 --> 00:00:07.500
<v Jörg Müller>Die Linie 5 fährt ab Dezember öfter.</v>

00:00:08.000 --> 00:00:11.000
<v Zoë Fischer>Und nachts? Das ist die Frage — 🚋 um 2 Uhr?</v>

00:00:14.000 --> 00:00:16.000
<v Jörg Müller>Nachts leider nicht.</v>
"""


def write(name, text, encoding, newline):
    path = os.path.join(HERE, name)
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    with open(path, "wb") as f:
        f.write(bom + text.replace("\n", newline).encode(encoding))


write("utf16le.txt", TRANSCRIPT, "utf-16-le", "\r\n")
write("utf16be.vtt", VTT, "utf-16-be", "\n")
