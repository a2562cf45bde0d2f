#!/usr/bin/env python3
"""Scores an example portfolio and reports on it.

    score_and_report.py [FILE] [-o REPORT.html]

Prints each respondent's facet orientation and capability, the portfolio's facet shares and
concentration, and the first recommendations; with -o, also writes the HTML report.
"""

import argparse
import os
import sys

import portfolio

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "data", "environment-agency.yaml")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=DEFAULT)
    parser.add_argument("-o", "--output", help="write the HTML report here")
    parser.add_argument("--lang", default="en", choices=["en", "fr"])
    args = parser.parse_args()

    try:
        doc = portfolio.load(args.file)
    except portfolio.ValidationError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except portfolio.Error as e:
        print(e, file=sys.stderr)
        return 1

    print(f"{doc.organisation.name}: {len(doc.projects)} projects, {len(doc.assessments)} assessments")

    scores = doc.score()
    print("\nFacet orientation (PET percentages) and capability")
    facets = [f.value for f in portfolio.Facet]
    print(f"  {'respondent':<12} {'role':<18} " + " ".join(f"{f[:5]:>6}" for f in facets) + "  capability")
    for a in scores.assessments:
        pct = " ".join(f"{a.orientation.pct[f]:>6g}" for f in facets)
        print(f"  {a.respondent:<12} {a.role or '-':<18} {pct}  {a.capability.score:g} ({a.capability.level})")
    print(f"  overall tendency: {scores.overall.tendency}, capability level {scores.overall.capability_level}")

    m = doc.map(scores=scores)
    print("\nProjects by facet share")
    for f in facets:
        print(f"  {f:<13} {m.metrics.share[f]:6.1%}")
    print(f"  concentration (HHI) {m.metrics.hhi:.3f}, effective facets {m.metrics.effective_facets:.2f}")

    print("\nRecommendations")
    for r in list(doc.recommend(lang=args.lang))[:5]:
        print(f"  [{r.kind.value}] {r.rule}: {r.message}")

    if args.output:
        doc.report(format="html", lang=args.lang, path=args.output)
        print(f"\nHTML report written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
