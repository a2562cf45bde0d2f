#!/usr/bin/env python3
"""Checks every golden chart (TAP output): it parses as XML, is a self-contained
accessible SVG (namespace, viewBox, role="img", a <title> and a <desc> first,
no script, style sheet, foreign content or external reference), and all its
text is dark enough to read on white (WCAG AA, 4.5:1)."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def luminance(colour):
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_on_white(colour):
    return 1.05 / (luminance(colour) + 0.05)


def problems(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return [f"not well-formed XML: {e}"]
    found = []
    if root.tag != SVG + "svg":
        found.append(f"root is {root.tag}, not an svg element")
    for attr in ("viewBox", "width", "height"):
        if not root.get(attr):
            found.append(f"no {attr}")
    if root.get("role") != "img":
        found.append('no role="img"')
    children = list(root)
    if len(children) < 2 or children[0].tag != SVG + "title" or children[1].tag != SVG + "desc":
        found.append("<title> and <desc> are not the first children")
    elif not (children[0].text or "").strip() or not (children[1].text or "").strip():
        found.append("empty <title> or <desc>")
    parents = {child: parent for parent in root.iter() for child in parent}
    for el in root.iter():
        name = el.tag.replace(SVG, "")
        if name in ("script", "style", "foreignObject", "image", "use", "a"):
            found.append(f"<{name}> element")
        for key, value in el.attrib.items():
            if key.endswith("href") or "url(" in value or key.startswith("on"):
                found.append(f"external reference or handler: {key}={value!r}")
        if name == "text":
            node, fill = el, None
            while node is not None and fill is None:
                fill = node.get("fill")
                node = parents.get(node)
            if not fill or not re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", fill):
                found.append(f"text without a plain colour: {el.text!r}")
            elif contrast_on_white(fill) < 4.5:
                found.append(f"text {el.text!r} in {fill}: contrast {contrast_on_white(fill):.2f} below 4.5")
    return found


def main():
    folder = pathlib.Path(sys.argv[1])
    files = sorted(folder.glob("*.svg"))
    if not files:
        print("1..0 # no charts found")
        return 1
    print(f"1..{len(files)}")
    failed = 0
    for n, path in enumerate(files, 1):
        found = problems(path)
        if found:
            failed += 1
            print(f"not ok {n} - {path.name}")
            for p in found[:10]:
                print(f"# {p}")
        else:
            print(f"ok {n} - {path.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
