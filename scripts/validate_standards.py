#!/usr/bin/env python3
"""Validate crosstalk exports against the official schemas.

    validate_standards.py STANDARDS_DIR [--json FILE]... [--qde FILE]... [--qdc FILE]...

- JSON (W3C Web Annotation): every annotation in the file (an
  AnnotationCollection's pages, an array, or one annotation) is checked
  against each MUST assertion listed in
  STANDARDS_DIR/web-annotation/annotations/annotationMusts.test, using the
  suite's definitions/ schemas (JSON Schema draft 4).
- QDE / QDC (REFI-QDA): validated against Project-mrt2019.xsd /
  Codebook-mrt2019.xsd in STANDARDS_DIR/refi-qda/.

Exit status: 0 when everything is valid, 1 when something is not (each
failure is printed), 3 when a Python module it needs is missing (jsonschema,
referencing, xmlschema; rfc3987 and rfc3339-validator make the uri and
date-time format checks strict). `.ci/run` installs them; `cargo test` runs
this through tests/standards.rs.
"""
import json
import os
import sys

BASE = "https://crosstalk.invalid/web-annotation/"


def need(modules):
    missing = []
    for m in modules:
        try:
            __import__(m)
        except ImportError:
            missing.append(m)
    if missing:
        print("missing Python modules: " + ", ".join(missing), file=sys.stderr)
        sys.exit(3)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def annotations_in(doc):
    """Every annotation in an exported document."""
    if isinstance(doc, list):
        return doc
    if doc.get("type") == "AnnotationCollection":
        out = []
        page = doc.get("first")
        while isinstance(page, dict):
            out.extend(page.get("items", []))
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return out
    return [doc]


def check_json(standards, paths):
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    root = os.path.join(standards, "web-annotation")
    resources = []
    for name in sorted(os.listdir(os.path.join(root, "definitions"))):
        if name.endswith(".json"):
            schema = load_json(os.path.join(root, "definitions", name))
            schema["id"] = BASE + schema.get("id", name)
            resource = Resource(contents=schema, specification=DRAFT4)
            resources.append((schema["id"], resource))
            # Draft 4 ignores `id` beside a top-level `$ref`, so some
            # assertions resolve "id.json#..." with no base: register the
            # bare name too (the suite's harness resolved it by file).
            resources.append((name, resource))
    registry = Registry().with_resources(resources)
    musts = load_json(os.path.join(root, "annotations", "annotationMusts.test"))
    assertions = []
    for rel in musts["assertions"]:
        schema = load_json(os.path.join(root, rel))
        schema["id"] = BASE + schema.get("id", os.path.basename(rel))
        validator = Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
        assertions.append((rel, schema, validator))

    failures = 0
    checked = 0
    for path in paths:
        items = annotations_in(load_json(path))
        if not items:
            print(f"{path}: no annotations to check")
            failures += 1
        for i, annotation in enumerate(items):
            checked += 1
            for rel, schema, validator in assertions:
                valid = validator.is_valid(annotation)
                expected = schema.get("expectedResult", "valid") == "valid"
                if valid != expected:
                    failures += 1
                    print(f"{path}: annotation {i} ({annotation.get('id')}): {rel}: "
                          f"{schema.get('errorMessage', 'failed')}")
    print(f"web annotation: {checked} annotation(s) x {len(assertions)} MUST assertions, "
          f"{failures} failure(s)")
    return failures


def check_xml(xsd_path, paths, label):
    import xmlschema

    schema = xmlschema.XMLSchema(xsd_path)
    failures = 0
    for path in paths:
        # A file that is not well-formed XML (a control character XML 1.0
        # forbids, say) is a failure to report, not a crash.
        try:
            errors = list(schema.iter_errors(path))
        except xmlschema.XMLResourceError as e:
            print(f"{path}: {label}: not well-formed XML: {e}")
            failures += 1
            print(f"{label}: {path}: not XML")
            continue
        for e in errors:
            print(f"{path}: {label}: {e.reason} at {e.path}")
        failures += len(errors)
        print(f"{label}: {path}: {'valid' if not errors else f'{len(errors)} error(s)'}")
    return failures


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    standards = argv[1]
    files = {"--json": [], "--qde": [], "--qdc": []}
    args = argv[2:]
    while args:
        flag = args.pop(0)
        if flag not in files or not args:
            print(f"unexpected argument {flag!r}", file=sys.stderr)
            return 2
        files[flag].append(args.pop(0))
    need(["jsonschema", "referencing", "xmlschema"])
    failures = 0
    if files["--json"]:
        failures += check_json(standards, files["--json"])
    if files["--qde"]:
        xsd = os.path.join(standards, "refi-qda", "Project-mrt2019.xsd")
        failures += check_xml(xsd, files["--qde"], "REFI-QDA project")
    if files["--qdc"]:
        xsd = os.path.join(standards, "refi-qda", "Codebook-mrt2019.xsd")
        failures += check_xml(xsd, files["--qdc"], "REFI-QDA codebook")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
