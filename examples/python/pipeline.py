#!/usr/bin/env python3
"""A reporting pipeline: a folder of portfolio files in, one JSON and one CSV summary out.

    pipeline.py IN_DIR OUT_DIR

Reads every .yaml, .yml and .json file of IN_DIR. A file that cannot be read or is invalid
is reported on standard error, one line per problem (FILE:LINE:COLUMN: message), and the
others are still processed. Writes OUT_DIR/summary.json (one entry per portfolio with its
key figures and recommendations) and OUT_DIR/summary.csv (one row per portfolio).
Exits 0 when every file was summarised, 1 when some failed.
"""

import csv
import json
import os
import sys
from typing import Any

import portfolio

FACETS = [f.value for f in portfolio.Facet]


def summarise(doc: portfolio.Document, name: str) -> dict[str, Any]:
    scores = doc.score()
    m = doc.map(scores=scores)
    advice = doc.recommend()
    relations = doc.synergies()
    return {
        "file": name,
        "organisation": doc.organisation.name,
        "projects": len(doc.projects),
        "assessments": len(doc.assessments),
        "tendency": scores.overall.tendency if scores.overall.n else None,
        "capability": scores.overall.metrics["capability.score"].mean if scores.overall.n else None,
        "share": dict(m.metrics.share) if m.metrics.get("share") else None,
        "hhi": m.metrics.get("hhi"),
        "dominant": m.metrics.get("dominant"),
        "balance_distance": m.metrics.get("balance_distance"),
        "relations": dict(relations.counts),
        "recommendations": [{"rule": r.rule, "kind": r.kind.value, "message": r.message} for r in advice],
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    in_dir, out_dir = argv[1], argv[2]
    names = sorted(n for n in os.listdir(in_dir) if n.endswith((".yaml", ".yml", ".json")))
    summaries, failures = [], 0
    for name in names:
        path = os.path.join(in_dir, name)
        try:
            doc = portfolio.load(path)
        except portfolio.ValidationError as e:
            failures += 1
            print(f"{name}: invalid, {len(e.problems)} problem(s); skipped", file=sys.stderr)
            for problem in e.problems:
                print(f"  {problem}", file=sys.stderr)
            continue
        except portfolio.Error as e:
            failures += 1
            print(f"{name}: {type(e).__name__}: {e}; skipped", file=sys.stderr)
            continue
        with doc:
            summaries.append(summarise(doc, name))

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "summary.json"), "w", encoding="utf-8") as f:
        json.dump({"portfolios": summaries, "failed": failures}, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(out_dir, "summary.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["file", "organisation", "projects", "assessments", "tendency", "capability", "hhi", "dominant"]
                   + [f"share_{x}" for x in FACETS] + ["recommendations"])
        for s in summaries:
            share = s["share"] or {}
            w.writerow([s["file"], s["organisation"], s["projects"], s["assessments"], s["tendency"] or "",
                        "" if s["capability"] is None else f"{s['capability']:.1f}",
                        "" if s["hhi"] is None else f"{s['hhi']:.4f}", s["dominant"] or ""]
                       + ["" if x not in share else f"{share[x]:.4f}" for x in FACETS]
                       + [len(s["recommendations"])])
    print(f"{len(summaries)} portfolio(s) summarised in {out_dir}, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
