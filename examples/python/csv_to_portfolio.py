#!/usr/bin/env python3
"""Builds a portfolio from a spreadsheet's CSV export and writes it as YAML.

    csv_to_portfolio.py PROJECTS.csv OUT.yaml [--name "Organisation"] [--country NL] [--level team]
                        [--map MAP.yaml]

One row per project, with the columns id, title, unit, purpose, driver, priority, stage,
budget, fte, start, end, tags and partners (lists separated by ';'), and optionally one
column per facet (explicit facet weights); other headers through a mapping file (--map).
The C library reads the file (docs/import.md), so every bad cell is reported as
FILE:ROW:COLUMN: message, and nothing is written unless every row is valid.
"""

import argparse
import sys

import portfolio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--name", default="Harbour Town")
    parser.add_argument("--country", default="NL")
    parser.add_argument("--level", default="local", choices=[g.value for g in portfolio.GovLevel])
    parser.add_argument("--map", help="a mapping file for other column headers (docs/import.md)")
    args = parser.parse_args()

    try:
        doc = portfolio.import_projects(args.csv, map=args.map)
        doc.organisation.name = args.name
        doc.organisation.country = args.country
        doc.organisation.level = args.level
        doc.save(args.out)
    except portfolio.Error as e:
        # Every problem of the file (and of the map), located; a file error has just one.
        for line in [str(p) for p in e.problems] or [str(e)]:
            print(line, file=sys.stderr)
        return 1
    print(f"{args.out}: {len(doc.projects)} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
