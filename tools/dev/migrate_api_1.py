#!/usr/bin/env python3
"""One-off migration aid from the libportfolio 0.x API to the 1.x API (NEWS.md).

It rewrites source text in place:

1. Every call, prototype and definition of a constructor or reader that took its
   output first (`pf_doc_read_file(&doc, path, opts, diags, err)`) is reordered so
   the output is the last parameter before `diags` and `err`
   (`pf_doc_read_file(path, opts, &doc, diags, err)`), as docs/conventions.md says;
   and pf_doc_map() and pf_doc_relations(), which took their options before their
   input, take them after it (`pf_doc_map(doc, scores, opts, &map, err)`): options
   struct recognised by `&`, or a name o, opt, opts, options (`map_opts`, `o.map`).
2. The names of the relations module are renamed (`pf_synergy_options` ->
   `pf_relation_options`, `PF_SYNERGY_*` -> `PF_RELATION_*`, `synergy.h` ->
   `relations.h`, docs/synergies.md -> docs/relations.md, Python `.synergies(` ->
   `.relations(`, the command `portfolio synergies` -> `portfolio relations`).

It is idempotent: a call already in the new order is left alone, so it can be run
again on code written against the old API after the first run. The old order is
recognised by its first argument being the output: `&x` where x is a handle
pointer (not an options struct or an allocator), a name declared `T **x` in the
same file, or `out`. A call whose first argument is NULL is taken to be in the old
order only when no argument is an output and the second one is a value
(`pf_rules_read_file(NULL, "x.yaml", NULL, NULL, &err)`); other NULL-first calls
are listed on standard error for a person to check. Calls with a different number
of arguments (the Python binding, where SWIG drops the output) are left alone, and so
are NEWS.md, CHANGELOG.md, every line holding the marker `migrate_api_1: keep` (code that
uses an old name on purpose, such as a deprecated alias and its test) and every file holding
`migrate_api_1: keep-file` (tests of this script).

Usage: tools/dev/migrate_api_1.py [--check] [PATH...]
  PATH       files or folders (default: the current folder); folders are walked
             for *.c, *.h, *.i, *.md, *.py, *.sh and meson.build files, skipping
             build*, .git and subprojects.
  --check    change nothing; list the files that would change and exit 1 if any.
"""
import os
import re
import sys

# name -> (arity, position of the output in the new order). In the old order it was 0.
REORDER = {
    "pf_diagnostics_new": (2, 1),
    "pf_doc_new": (3, 1),
    "pf_rules_open_default": (3, 1),
    "pf_instrument_open_default": (3, 1),
}
for _kind in ("pf_doc_read", "pf_rules_read", "pf_instrument_read", "pf_import_map_read", "pf_record_read"):
    REORDER[_kind + "_file"] = (5, 2)
    REORDER[_kind + "_buffer"] = (7, 4)
for _kind in ("pf_import_answers", "pf_import_projects"):
    REORDER[_kind + "_file"] = (5, 2)
    REORDER[_kind + "_buffer"] = (7, 4)

# name -> arity in C: the options came before the input they take; now inputs, then options
# (pf_doc_map(doc, scores, opts, &map, err)). In Python SWIG drops the output: one argument fewer.
SWAP_OPTIONS = {"pf_doc_map": 5, "pf_doc_relations": 5}

# (pattern, replacement, file suffixes or None for all)
RENAMES = [
    (r"\bpf_synergy_options\b", "pf_relation_options", None),
    (r"\bPF_SYNERGY_(OPTIONS_INIT|OPTIONS_VERSION|DEFAULT_\w+|WORK_\w+)\b", r"PF_RELATION_\1", None),
    (r"\bPORTFOLIO_SYNERGY_H\b", "PORTFOLIO_RELATIONS_H", None),
    (r"(?<![\w/])synergy\.h\b", "relations.h", None),
    (r"portfolio/synergy\.h\b", "portfolio/relations.h", None),
    (r"\bsynergies\.md\b", "relations.md", None),
    (r"\.synergies\(", ".relations(", (".py", ".md")),
    (r"\bportfolio synergies\b", "portfolio relations", (".md",)),
]

SUFFIXES = (".c", ".h", ".i", ".md", ".py", ".sh")
# Files that describe the old API on purpose.
SKIPPED = ("NEWS.md", "CHANGELOG.md")
# A line holding this is left alone (code that uses an old name on purpose, as a deprecated alias).
KEEP = "migrate_api_1: keep"
# A file holding this is left alone (tests of this script).
KEEP_FILE = "migrate_api_1: keep-file"
CALL = re.compile(r"\b(" + "|".join(sorted(REORDER, key=len, reverse=True)) + r")\s*\(")
SWAP_CALL = re.compile(r"\b(" + "|".join(sorted(SWAP_OPTIONS, key=len, reverse=True)) + r")\s*\(")
VALUE_NAME = re.compile(r"(^|_)(o|a|ro|io|opt|opts|options|alloc|allocator|counting|read)$", re.I)


def split_args(text, start):
    """Splits the argument list opening at text[start] == '('; returns (pieces, end) or None."""
    depth, i, piece_start, pieces = 0, start, start + 1, []
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            q, i = c, i + 1
            while i < n and text[i] != q:
                i += 2 if text[i] == "\\" else 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                return None
            i = j + 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                pieces.append(text[piece_start:i])
                return pieces, i
        elif c == "," and depth == 1:
            pieces.append(text[piece_start:i])
            piece_start = i + 1
        elif c == ";" and depth == 1:
            return None  # not a call after all (prose, a broken snippet)
        i += 1
    return None


def declared_type(text, name, at):
    """The declaration of `name` nearest before offset `at` (else the first after): '**' for a pointer
    to a pointer, 'value' for an options struct or an allocator, 'handle' for a handle pointer, None
    when not found. Only libportfolio types (pf_*) are looked at."""
    pattern = re.compile(r"\b(pf_\w+)\s*(\*?\s*\*?)\s*(?:const\s+)?" + re.escape(name) + r"\s*(?:\[[^\]]*\]\s*)?[=;,)\[]")
    found = None
    for m in pattern.finditer(text):
        if found is None or m.start() < at:
            found = m
        if m.start() >= at:
            break
    if not found:
        return None
    stars = found.group(2).replace(" ", "")
    if stars == "**":
        return "**"
    if stars:
        return "handle"
    return "value" if re.search(r"options|allocator|error|diagnostics", found.group(1)) else None


def classify(arg, text, at):
    a = re.sub(r"/\*.*?\*/", "", arg, flags=re.S).strip()
    if a in ("NULL", "None", "0", "nullptr"):
        return "null"
    if "**" in a.replace(" ", "") and not a.startswith("&"):
        return "out"  # a parameter declaration: pf_doc **out
    if a.startswith("&"):
        names = re.findall(r"[A-Za-z_]\w*", re.sub(r"\[[^\]]*\]", "", a[1:]))
        if not names:
            return "value"
        kind = declared_type(text, names[-1], at) if len(names) == 1 else None
        if kind in ("handle", "**"):
            return "out"
        if kind == "value" or VALUE_NAME.search(names[-1]):
            return "value"
        return "out"
    if re.fullmatch(r"[A-Za-z_]\w*", a):
        if a == "out" or declared_type(text, a, at) == "**":
            return "out"
    return "value"


def reorder(text, path, notes):
    out, pos = [], 0
    for m in CALL.finditer(text):
        if m.start() < pos:
            continue
        name = m.group(1)
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if KEEP in text[line_start : line_end if line_end >= 0 else len(text)]:
            continue
        arity, k = REORDER[name]
        split = split_args(text, m.end() - 1)
        if not split:
            continue
        pieces, end = split
        if len(pieces) != arity:
            continue
        kinds = [classify(p, text, m.start()) for p in pieces]
        old = False
        if kinds[0] == "out" and kinds[k] != "out":
            old = True
        elif kinds[0] == "null" and "out" not in kinds[1 : k + 1]:
            if kinds[1] not in ("null",) and not pieces[1].strip().startswith("&"):
                old = True
            elif kinds[1] == "null" and all(kd == "null" for kd in kinds[: k + 1]):
                old = False  # rotating NULLs changes nothing
            else:
                line = text.count("\n", 0, m.start()) + 1
                notes.append(f"{path}:{line}: {name}: first argument NULL, order unclear; left as it is")
        if not old:
            continue
        cores, frames = [], []
        for p in pieces:
            lead = p[: len(p) - len(p.lstrip())]
            trail = p[len(p.rstrip()):]
            frames.append((lead, trail))
            cores.append(p.strip())
        cores = cores[1 : k + 1] + [cores[0]] + cores[k + 1 :]
        new_args = ",".join(lead + core + trail for (lead, trail), core in zip(frames, cores))
        out.append(text[pos : m.end()])
        out.append(new_args)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def options_kind(arg):
    """'null', 'opt' (an options struct: taken by address, or named o/opt/opts/options) or 'in'."""
    a = re.sub(r"/\*.*?\*/", "", arg, flags=re.S).strip()
    if a in ("NULL", "None", "0", "nullptr"):
        return "null"
    if a.startswith("&") or any(re.fullmatch(r"o|.*opts?|.*options?", n, re.I) or "options" in n.lower()
                                for n in re.findall(r"[A-Za-z_]\w*", a)):
        return "opt"
    return "in"


def swap_options(text, path):
    """pf_doc_map(doc, opts, scores, ...) -> pf_doc_map(doc, scores, opts, ...); same for pf_doc_relations."""
    out, pos = [], 0
    for m in SWAP_CALL.finditer(text):
        if m.start() < pos:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if KEEP in text[line_start : line_end if line_end >= 0 else len(text)]:
            continue
        split = split_args(text, m.end() - 1)
        if not split:
            continue
        pieces, end = split
        if len(pieces) not in (SWAP_OPTIONS[m.group(1)], SWAP_OPTIONS[m.group(1)] - 1):
            continue
        first, second = options_kind(pieces[1]), options_kind(pieces[2])
        if not ((first == "opt" and second != "opt") or (first == "null" and second == "in")):
            continue
        frames = [(p[: len(p) - len(p.lstrip())], p[len(p.rstrip()):]) for p in pieces]
        cores = [p.strip() for p in pieces]
        cores[1], cores[2] = cores[2], cores[1]
        out.append(text[pos : m.end()])
        out.append(",".join(lead + core + trail for (lead, trail), core in zip(frames, cores)))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def rename(text, path):
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if KEEP in line:
            continue
        for pattern, repl, suffixes in RENAMES:
            if suffixes is None or path.endswith(suffixes):
                line = re.sub(pattern, repl, line)
        lines[i] = line
    return "".join(lines)


def migrate(path, notes):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if KEEP_FILE in text:
        return text, text
    new = rename(swap_options(reorder(text, path, notes), path), path)
    return text, new


def walk(paths):
    for root in paths:
        if os.path.isfile(root):
            yield root
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not (d.startswith("build") or d in (".git", "subprojects", "__pycache__")))
            for name in sorted(files):
                if (name.endswith(SUFFIXES) or name == "meson.build") and name not in SKIPPED:
                    yield os.path.join(folder, name)


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"] or ["."]
    changed, notes = [], []
    for path in walk(paths):
        if os.path.abspath(path) == os.path.abspath(__file__):
            continue
        text, new = migrate(path, notes)
        if new != text:
            changed.append(path)
            if not check:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
    for note in notes:
        print(note, file=sys.stderr)
    for path in changed:
        print(("would change " if check else "changed ") + path)
    return 1 if check and changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
