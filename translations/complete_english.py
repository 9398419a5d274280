#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Completes translations/migration-cockpit_en.ts: the source texts are English, so each entry's translation is
its source text, and plural entries get a singular and a plural form ("%n backend(s)" -> "%n backend",
"%n backends"). Run after `cmake --build build --target update_translations`."""
import re
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1] if len(sys.argv) > 1 else "translations/migration-cockpit_en.ts"
tree = ET.parse(path)
for message in tree.getroot().iter("message"):
    source = message.find("source").text or ""
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        for child in list(translation):
            translation.remove(child)
        translation.text = None
        for form in (re.sub(r"\((e?s)\)", "", source), re.sub(r"\((e?s)\)", r"\1", source)):
            numerus = ET.SubElement(translation, "numerusform")
            numerus.text = form
    else:
        translation.text = source
    translation.attrib.pop("type", None)
with open(path, "wb") as f:
    f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
    tree.write(f, encoding="utf-8", xml_declaration=False)
    f.write(b"\n")
