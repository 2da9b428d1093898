#!/usr/bin/env python3
"""Render a terminal capture (with escape sequences) to a PNG.

Used to make the README's screenshots from the real binary:

    tmux new-session -d -s shot -x 120 -y 32 ./target/release/crosstalk
    tmux send-keys -t shot l j j
    tmux capture-pane -e -p -t shot > /tmp/shot.ans
    python3 scripts/screenshot.py /tmp/shot.ans 120 32 docs/images/reader.png

Needs `pip install pyte pillow` and the DejaVu Sans Mono font. Not used by
the build or the tests.
"""
import sys

import pyte
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
SIZE = 15
BG = (24, 24, 27)
FG = (212, 212, 216)
NAMED = {
    "black": (0, 0, 0), "red": (205, 49, 49), "green": (13, 188, 121), "brown": (229, 229, 16),
    "yellow": (229, 229, 16), "blue": (36, 114, 200), "magenta": (188, 63, 188), "cyan": (17, 168, 205),
    "white": (229, 229, 229), "brightblack": (102, 102, 102), "brightred": (241, 76, 76),
    "brightgreen": (35, 209, 139), "brightyellow": (245, 245, 67), "brightblue": (59, 142, 234),
    "brightmagenta": (214, 112, 214), "brightcyan": (41, 184, 219), "brightwhite": (255, 255, 255),
}


def colour(value, default):
    if value == "default":
        return default
    if value in NAMED:
        return NAMED[value]
    if len(value) == 6:
        return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
    return default


def main(path, cols, rows, out):
    screen = pyte.Screen(cols, rows)
    stream = pyte.Stream(screen)
    with open(path, encoding="utf-8") as f:
        stream.feed(f.read().rstrip("\n").replace("\n", "\r\n"))
    font = ImageFont.truetype(FONT, SIZE)
    bold = ImageFont.truetype(FONT_BOLD, SIZE)
    cw, ch = font.getlength("M"), SIZE + 3
    img = Image.new("RGB", (int(cw * cols) + 16, ch * rows + 16), BG)
    draw = ImageDraw.Draw(img)
    for y in range(rows):
        line = screen.buffer[y]
        for x in range(cols):
            cell = line[x]
            fg, bg = colour(cell.fg, FG), colour(cell.bg, BG)
            if cell.reverse:
                fg, bg = bg, fg
            px, py = 8 + x * cw, 8 + y * ch
            if bg != BG:
                draw.rectangle([px, py, px + cw, py + ch], fill=bg)
            if cell.data.strip():
                draw.text((px, py + 2), cell.data, font=bold if cell.bold else font, fill=fg)
            if cell.underscore:
                draw.line([px, py + ch - 2, px + cw, py + ch - 2], fill=fg)
    img.save(out)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
