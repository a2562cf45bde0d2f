#!/usr/bin/env python3
"""tools/dev/migrate_api_1.py: rewrites 0.x calls exactly, leaves 1.x calls alone (so a second run
changes nothing), and the tree itself has nothing left to migrate. TAP output.
Usage: check_migrate.py SOURCE_ROOT
This file holds 0.x code on purpose: migrate_api_1: keep-file"""
import importlib.util
import os
import subprocess
import sys

root = sys.argv[1]
script = os.path.join(root, "tools", "dev", "migrate_api_1.py")
spec = importlib.util.spec_from_file_location("migrate_api_1", script)
migrate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(migrate)

OLD_C = """\
#include <portfolio/synergy.h>
PF_API pf_status pf_doc_read_file(pf_doc **out, const char *path, const pf_read_options *opts,
                                  pf_diagnostics *diags, pf_error *err);
void f(const pf_read_options *ro, const pf_allocator *a)
{
    pf_doc *doc = NULL, *built;
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_synergy_options so = PF_SYNERGY_OPTIONS_INIT;
    so.top_k = PF_SYNERGY_DEFAULT_TOP_K;
    pf_diagnostics *d;
    pf_error err;
    pf_diagnostics_new(&d, a);
    pf_doc_new(&built, NULL, &err);
    pf_doc_read_file(&doc, "a.yaml", &opts, d, &err);
    pf_doc_read_buffer(&doc, text, strlen(text) /* (sic) */, "t, u", ro,
                       d, &err);
    pf_rules_read_file(NULL, "x.yaml", NULL, NULL, &err); /* a NULL output, on purpose */
    pf_doc_map(doc, &mo, scores, &map, &err);
    pf_doc_relations(doc, &so, NULL, &rel, &err);
    pf_doc_read_file(&doc, "keep.yaml", &opts, d, &err); /* migrate_api_1: keep */
}
"""

NEW_C = """\
#include <portfolio/relations.h>
PF_API pf_status pf_doc_read_file(const char *path, const pf_read_options *opts, pf_doc **out,
                                  pf_diagnostics *diags, pf_error *err);
void f(const pf_read_options *ro, const pf_allocator *a)
{
    pf_doc *doc = NULL, *built;
    pf_read_options opts = PF_READ_OPTIONS_INIT;
    pf_relation_options so = PF_RELATION_OPTIONS_INIT;
    so.top_k = PF_RELATION_DEFAULT_TOP_K;
    pf_diagnostics *d;
    pf_error err;
    pf_diagnostics_new(a, &d);
    pf_doc_new(NULL, &built, &err);
    pf_doc_read_file("a.yaml", &opts, &doc, d, &err);
    pf_doc_read_buffer(text, strlen(text) /* (sic) */, "t, u", ro, &doc,
                       d, &err);
    pf_rules_read_file("x.yaml", NULL, NULL, NULL, &err); /* a NULL output, on purpose */
    pf_doc_map(doc, scores, &mo, &map, &err);
    pf_doc_relations(doc, NULL, &so, &rel, &err);
    pf_doc_read_file(&doc, "keep.yaml", &opts, d, &err); /* migrate_api_1: keep */
}
"""

OLD_PY = """\
rel = doc.synergies(threshold=0.5)
m = _capi.pf_doc_map(self._ptr(), opts, scores._ptr(), err)
d = _capi.pf_doc_read_file(path, opts, diags, err)  # SWIG drops the output: not a 0.x call
"""

NEW_PY = """\
rel = doc.relations(threshold=0.5)
m = _capi.pf_doc_map(self._ptr(), scores._ptr(), opts, err)
d = _capi.pf_doc_read_file(path, opts, diags, err)  # SWIG drops the output: not a 0.x call
"""

OLD_MD = "See [relations](synergies.md) and run `portfolio synergies FILE`; `pf_doc_read_file()` reads.\n"
NEW_MD = "See [relations](relations.md) and run `portfolio relations FILE`; `pf_doc_read_file()` reads.\n"

n = 0
failures = 0


def ok(cond, name, detail=""):
    global n, failures
    n += 1
    print(("ok" if cond else "not ok") + f" {n} - {name}")
    if not cond:
        failures += 1
        for line in detail.splitlines():
            print("# " + line)


def run(text, path):
    notes = []
    return migrate.rename(migrate.swap_options(migrate.reorder(text, path, notes), path), path), notes


for label, old, new, path in (("C", OLD_C, NEW_C, "x.c"), ("Python", OLD_PY, NEW_PY, "x.py"),
                              ("Markdown", OLD_MD, NEW_MD, "x.md")):
    got, notes = run(old, path)
    ok(got == new, f"{label}: 0.x code is rewritten", "expected:\n" + new + "got:\n" + got)
    again, _ = run(got, path)
    ok(again == got, f"{label}: a second run changes nothing", again)
    ok(run(new, path)[0] == new, f"{label}: 1.x code is left alone")
    ok(not notes, f"{label}: no call left for a person", "\n".join(notes))

ambiguous = "pf_rules_read_buffer(NULL, 0, NULL, &o, NULL, NULL, &err);\n"
got, notes = run(ambiguous, "y.c")
ok(got == ambiguous and len(notes) == 1 and "y.c:1: pf_rules_read_buffer" in notes[0],
   "a NULL-first call of unclear order is listed, not changed", "\n".join(notes) + got)

tree = [os.path.join(root, d) for d in ("lib", "include", "tools", "tests", "examples", "bench", "fuzz", "bindings",
                                         "docs", "README.md")]
proc = subprocess.run([sys.executable, script, "--check"] + tree, capture_output=True, text=True)
ok(proc.returncode == 0 and not proc.stdout, "the tree has nothing left to migrate (--check)",
   proc.stdout + proc.stderr)

print(f"1..{n}")
sys.exit(1 if failures else 0)
