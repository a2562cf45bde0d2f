#!/usr/bin/env python3
"""Builds a portfolio from a spreadsheet's CSV export and writes it as YAML.

    csv_to_portfolio.py PROJECTS.csv OUT.yaml [--name "Organisation"] [--country NL] [--level team]

One row per project, with the columns id, title, unit, purpose, driver, priority, stage,
budget, fte, start, end, tags and partners (lists separated by ';'), and optionally one
column per facet (explicit facet weights). Empty cells are left unset. A row the library
refuses is reported with its line number, and nothing is written.
"""

import argparse
import csv
import sys

import portfolio

FACETS = [f.value for f in portfolio.Facet]


def project_fields(row):
    fields = {}
    for key in ("title", "unit", "purpose", "driver", "priority", "stage", "start", "end"):
        if row.get(key):
            fields[key] = row[key].strip()
    for key in ("budget", "fte"):
        if row.get(key):
            fields[key] = float(row[key])
    for key in ("tags", "partners"):
        if row.get(key):
            fields[key] = [v.strip() for v in row[key].split(";") if v.strip()]
    weights = {f: float(row[f]) for f in FACETS if row.get(f)}
    if weights:
        fields["facets"] = weights
    return fields


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--name", default="Harbour Town")
    parser.add_argument("--country", default="NL")
    parser.add_argument("--level", default="local", choices=[g.value for g in portfolio.GovLevel])
    args = parser.parse_args()

    doc = portfolio.Document()
    doc.organisation.name = args.name
    doc.organisation.country = args.country
    doc.organisation.level = args.level

    failed = False
    with open(args.csv, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        for row in reader:
            try:
                doc.add_project(row["id"].strip(), **project_fields(row))
            except (portfolio.Error, ValueError) as e:
                print(f"{args.csv}:{reader.line_num}: {e}", file=sys.stderr)
                failed = True
    if failed:
        return 1
    try:
        doc.validate()
        doc.save(args.out)
    except portfolio.ValidationError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except portfolio.FileError as e:
        print(e, file=sys.stderr)
        return 1
    print(f"{args.out}: {len(doc.projects)} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
