#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Completes translations/migration-cockpit_en.ts: the source texts are English, so each entry's translation is
its source text, and plural entries get a singular and a plural form ("%n backend(s)" -> "%n backend",
"%n backends"). Run after `cmake --build build --target update_translations`."""
import re
import sys
import xml.etree.ElementTree as ET

# Plural sources written without "(s)", because their noun or verb changes in more than an ending: their
# singular forms ("0 of 1 entry shown", not "0 of 1 entries shown").
SINGULAR = {
    "Verified: %n entries, hash chain intact.": "Verified: %n entry, hash chain intact.",
    "%n entries": "%n entry",
    "%1 of %n entries shown": "%1 of %n entry shown",
    "Exported all %n entries.": "Exported the %n entry.",
    "Exported the %1 of %n entries the filters show.": "Exported the %1 of %n entry the filters show.",
    "%Ln discrepancies match the filter": "%Ln discrepancy matches the filter",
    "Partial results of a run that did not complete: %n discrepancies found before it stopped. Not stored, "
    "not a complete picture.": "Partial results of a run that did not complete: %n discrepancy found before it "
    "stopped. Not stored, not a complete picture.",
    "✓ %1: ledger and legacy agree; %n entries shown.": "✓ %1: ledger and legacy agree; %n entry shown.",
}

path = sys.argv[1] if len(sys.argv) > 1 else "translations/migration-cockpit_en.ts"
tree = ET.parse(path)
for message in tree.getroot().iter("message"):
    source = message.find("source").text or ""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        singular = SINGULAR.get(source, re.sub(r"\((e?s)\)", "", source))
        for form in (singular, re.sub(r"\((e?s)\)", r"\1", source)):
            numerus = ET.SubElement(translation, "numerusform")
            numerus.text = form
    else:
        translation.text = source
    translation.attrib.pop("type", None)
with open(path, "wb") as f:
    f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    tree.write(f, encoding="utf-8", xml_declaration=False)
    f.write(b"\n")
