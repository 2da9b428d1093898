#!/usr/bin/env python3
"""Writes tests/fixtures/agreement/: a small panel, three coders' annotation
files, and the agreement figures the reference libraries give on them.

The units are found here independently of crosstalk: paragraphs; each
non-whitespace character; and sentences, split by a plain rule (a sentence
ends after `.`, `?` or `!` followed by a space, or after `。`, `？`, `！`) that
agrees with crosstalk's UAX #29 segmentation on this text — the Rust test
checks that crosstalk finds the same sentences before comparing figures. A
coder applied a tag to a unit when one of their highlights with it covers a
non-whitespace character of the unit.

The figures: scikit-learn's cohen_kappa_score, the krippendorff package's
alpha(level_of_measurement="nominal"), statsmodels' fleiss_kappa, and
percent agreement (mean pairwise agreement per unit). Undefined values are
null. The edge cases are in the coding: `risk` coded by both, with one
coder's highlights overlapping; `trust` only one coder has; `doubt` one
coder never codes; `all` both code everywhere; CJK paragraphs; a highlight
ending on the space after a sentence.

    pip install scikit-learn==1.9.1 krippendorff==0.9.0 statsmodels==0.15.0
    python3 scripts/agreement-fixture.py
"""
import hashlib
import importlib.metadata
import json
import math
import os
import re
import warnings

import krippendorff
import numpy as np
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "agreement")
SEP = "\n\n"
CONTEXT = 32

CONTRIBUTORS = [("mod", "Ada Moderator", "moderator"), ("li", "Li Ming", "respondent"), ("zoe", "Zoe Stone", "respondent")]
VOICES = {
    "mod": [
        "Is the ban justified? Answer briefly. Then say why.",
        "We have ten minutes left. Thank you all.",
    ],
    "li": [
        "我认为禁令是错误的。数据安全很重要，但禁止应用不是办法。我们需要规则。",
        "The risk is real. But trust matters more! A ban breaks trust.",
        "Users lose. Companies adapt. Governments gain little.",
    ],
    "zoe": [
        "I disagree with Li. The risk is national. Data flows to Beijing.",
        "信任需要时间。风险是真实的！",
    ],
}

# (coder, voice, paragraph, start char, end char, tags)
HIGHLIGHTS = [
    # risk: both code it; ana's two overlap.
    ("ana", "li", 1, 0, 17, ["risk"]),
    ("ana", "li", 1, 4, 30, ["risk"]),
    ("ben", "li", 1, 0, 17, ["risk"]),
    ("ana", "zoe", 0, 20, 41, ["risk"]),
    ("ben", "zoe", 0, 20, 64, ["risk"]),
    ("ana", "li", 0, 10, 28, ["risk"]),
    ("ben", "li", 0, 10, 19, ["risk"]),
    ("ben", "zoe", 1, 7, 14, ["risk"]),
    # trust: only ana has the tag.
    ("ana", "li", 1, 18, 61, ["trust"]),
    ("ana", "zoe", 1, 0, 7, ["trust"]),
    # doubt: ben codes it, ana never does.
    ("ben", "mod", 0, 0, 21, ["doubt"]),
    ("ben", "li", 2, 0, 11, ["doubt"]),
    # all: both code every paragraph whole.
    *[(c, v, p, 0, len(VOICES[v][p]), ["all"]) for c in ("ana", "ben") for v in VOICES for p in range(len(VOICES[v]))],
    # A highlight ending on the space after a sentence: codes that sentence only.
    ("ana", "mod", 0, 0, 22, ["doubt-free"]),
    ("ben", "mod", 0, 0, 21, ["doubt-free"]),
    # cy, a third coder, for Fleiss' kappa.
    ("cy", "li", 1, 0, 17, ["risk"]),
    ("cy", "zoe", 0, 20, 64, ["risk"]),
    ("cy", "li", 0, 0, 9, ["risk"]),
    ("cy", "mod", 0, 0, 21, ["doubt"]),
]
TAGS = {
    "ana": ["risk", "trust", "doubt", "all", "doubt-free"],
    "ben": ["risk", "doubt", "all", "doubt-free"],
    "cy": ["risk", "doubt"],
}
COLORS = ["#4E79A7", "#E15759", "#59A14F", "#F28E2B", "#B07AA1"]


def ron_str(s):
    return json.dumps(s, ensure_ascii=False)


def conversation():
    out = ['(', '    version: 2,', '    id: "agreement-panel",', '    title: "Agreement panel",',
           '    subtitle: "",', '    source: "",', '    date: "2026-12",', '    contributors: [']
    for cid, name, role in CONTRIBUTORS:
        out += ['        (', f'            id: "{cid}",', f'            name: {ron_str(name)},',
                '            affiliation: "",', f'            role: {role},', '        ),']
    out += ['    ],', '    sections: [']
    for cid, _, _ in CONTRIBUTORS:
        out += ['        (', f'            contributor: "{cid}",', '            paragraphs: [']
        out += [f'                {ron_str(p)},' for p in VOICES[cid]]
        out += ['            ],', '        ),']
    out += ['    ],', ')', '']
    return "\n".join(out)


def text_hash():
    h = hashlib.sha256()
    for cid, _, _ in CONTRIBUTORS:
        h.update(cid.encode())
        h.update(b"\x1f")
        h.update(SEP.join(VOICES[cid]).encode())
        h.update(b"\x1e")
    return "sha256:" + h.hexdigest()


def annotation_file(coder):
    out = ['(', '    version: 1,', '    conversation: "agreement-panel",', f'    text_hash: "{text_hash()}",', '    tags: [']
    for i, t in enumerate(TAGS[coder]):
        out += ['        (', f'            name: "{t}",', f'            color: "{COLORS[i % len(COLORS)]}",',
                '            description: "",', '        ),']
    out += ['    ],', '    highlights: [']
    n = 0
    for c, v, p, s, e, tags in HIGHLIGHTS:
        if c != coder:
            continue
        n += 1
        voice = SEP.join(VOICES[v])
        base = sum(len(x) + len(SEP) for x in VOICES[v][:p])
        a, b = base + s, base + e
        # Paragraphs are numbered from 1 in annotation files; characters
        # from 0 within the paragraph.
        out += ['        (', f'            id: "00000000-0000-4000-8{"abc".index(coder[0]) if coder[0] in "abc" else 9}00-{n:012d}",',
                f'            contributor: "{v}",',
                f'            start: (paragraph: {p + 1}, char: {s}),', f'            end: (paragraph: {p + 1}, char: {e}),',
                f'            quote: {ron_str(voice[a:b])},', f'            prefix: {ron_str(voice[max(0, a - CONTEXT):a])},',
                f'            suffix: {ron_str(voice[b:b + CONTEXT])},',
                '            tags: [' + ", ".join(ron_str(t) for t in tags) + '],',
                f'            coder: "{coder}",', '            created: "2026-12-02T10:00:00Z",',
                '            modified: "2026-12-02T10:00:00Z",', '        ),']
    out += ['    ],', ')', '']
    return "\n".join(out)


def sentences(text):
    """Character ranges of the sentences, tiling the text."""
    out, start = [], 0
    for m in re.finditer(r"[.?!] +|[。？！]", text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def units(voice, unit):
    """(paragraph, start, end) per unit, in reading order."""
    out = []
    for p, text in enumerate(VOICES[voice]):
        if unit == "paragraph":
            out.append((p, 0, len(text)))
        elif unit == "sentence":
            out += [(p, a, b) for a, b in sentences(text)]
        else:
            out += [(p, i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
    return out


def coded(coder, tag, voice, u):
    p, a, b = u
    text = VOICES[voice][p]
    for c, v, hp, s, e, tags in HIGHLIGHTS:
        if c == coder and v == voice and hp == p and tag in tags:
            lo, hi = max(a, s), min(b, e)
            if lo < hi and any(not ch.isspace() for ch in text[lo:hi]):
                return 1
    return 0


def value(f):
    try:
        v = f()
    except ValueError as e:
        return None
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)


def measures(data):
    m = len(data)
    cols = list(zip(*data))
    res = {}
    res["percent"] = value(lambda: sum((sum(c) * (sum(c) - 1) + (m - sum(c)) * (m - sum(c) - 1)) / (m * (m - 1)) for c in cols) / len(cols))
    if m == 2:
        res["cohen_kappa"] = value(lambda: cohen_kappa_score(data[0], data[1]))
    res["krippendorff_alpha"] = value(lambda: krippendorff.alpha(reliability_data=np.array(data, dtype=float), level_of_measurement="nominal"))
    if m >= 3:
        res["fleiss_kappa"] = value(lambda: fleiss_kappa(np.array([[m - sum(c), sum(c)] for c in cols]), method="fleiss"))
    return res


def report(coders, unit):
    tags = []
    for c in coders:
        tags += [t for t in TAGS[c] if t not in tags]
    rows = []
    pooled = {v: [[] for _ in coders] for v in VOICES}
    for tag in tags:
        total = [[] for _ in coders]
        for v in VOICES:
            us = units(v, unit)
            data = [[coded(c, tag, v, u) for u in us] for c in coders]
            for i in range(len(coders)):
                total[i] += data[i]
                pooled[v][i] += data[i]
            rows.append({"tag": tag, "voice": v, "units": len(us), "measures": measures(data)})
        rows.append({"tag": tag, "voice": None, "units": len(total[0]), "measures": measures(total)})
    everything = [[] for _ in coders]
    for v in VOICES:
        for i in range(len(coders)):
            everything[i] += pooled[v][i]
        rows.append({"tag": None, "voice": v, "units": len(pooled[v][0]), "measures": measures(pooled[v])})
    rows.append({"tag": None, "voice": None, "units": len(everything[0]), "measures": measures(everything)})
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "panel.ron"), "w") as f:
        f.write(conversation())
    for c in TAGS:
        with open(os.path.join(OUT, f"{c}.annotations.ron"), "w") as f:
            f.write(annotation_file(c))
    expected = {
        "libraries": {k: importlib.metadata.version(k) for k in ("scikit-learn", "krippendorff", "statsmodels", "numpy")},
        "sentences": {v: [sentences(t) for t in VOICES[v]] for v in VOICES},
        "reports": [],
    }
    for coders in (["ana", "ben"], ["ana", "ben", "cy"]):
        for unit in ("sentence", "paragraph", "char"):
            expected["reports"].append({"coders": coders, "unit": unit, "rows": report(coders, unit)})
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
