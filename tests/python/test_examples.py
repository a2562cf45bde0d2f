"""Every example of examples/python runs and does what it says."""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import support
import portfolio

EXAMPLES = os.path.join(support.SOURCE_ROOT, "examples", "python")


def run(name, *args, cwd=None):
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, name), *args], capture_output=True, text=True,
                          cwd=cwd or support.SOURCE_ROOT, env=dict(os.environ), timeout=120)


class Examples(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_score_and_report(self):
        out = os.path.join(self.tmp, "report.html")
        r = run("score_and_report.py", support.example("environment-agency.yaml"), "-o", out)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("Environment and Rivers Agency: 27 projects, 10 assessments", r.stdout)
        self.assertIn("overall tendency: enhancement+mission", r.stdout)
        self.assertIn("concentration (HHI)", r.stdout)
        with open(out, encoding="utf-8") as f:
            self.assertTrue(f.read().lstrip().lower().startswith("<!doctype html"))
        r = run("score_and_report.py", "/nonexistent.yaml")
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent.yaml", r.stderr)

    def test_csv_to_portfolio(self):
        src = support.example("harbour-town-projects.csv")
        out = os.path.join(self.tmp, "harbour.yaml")
        r = run("csv_to_portfolio.py", src, out)
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = portfolio.load(out)
        with open(src, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([p.id for p in doc.projects], [row["id"] for row in rows])
        ferry = doc.projects["ferry-app"]
        self.assertEqual(ferry.title, "Ferry tickets and timetables, in one app")
        self.assertEqual(ferry.facets, {"enhancement": 0.5, "mission": 0.3, "adaptive": 0.0, "anticipatory": 0.2})
        self.assertEqual(doc.projects["quay-futures"].partners, ("university", "port-authority"))
        self.assertIsNone(doc.projects["quay-futures"].budget)
        self.assertEqual(len(doc.map()), len(rows))
        # the C library's import, as `portfolio import projects`, with the organisation added
        self.assertEqual([p.to_dict() for p in doc.projects],
                         [p.to_dict() for p in portfolio.import_projects(src).projects])
        self.assertEqual(r.stdout, f"{out}: {len(rows)} projects\n")
        self.assertEqual((doc.organisation.name, doc.organisation.country, doc.organisation.level),
                         ("Harbour Town", "NL", "local"))
        # other headers through a mapping file
        mapped = os.path.join(support.SOURCE_ROOT, "tests", "data", "csv", "projects-mapped")
        r = run("csv_to_portfolio.py", mapped + ".csv", out, "--map", mapped + ".map.yaml", "--name", "Mapped")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([p.to_dict() for p in portfolio.load(out).projects],
                         [p.to_dict() for p in portfolio.load(mapped + ".yaml").projects])
        # every bad cell is reported at its row and column, and nothing is written
        bad = os.path.join(self.tmp, "bad.csv")
        with open(src, encoding="utf-8") as f, open(bad, "w", encoding="utf-8") as g:
            g.write(f.read() + "broken,Broken,,sideways,,,,-5,,,,,,,,,\n")
        out2 = os.path.join(self.tmp, "bad.yaml")
        r = run("csv_to_portfolio.py", bad, out2)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, f"{bad}:7:4: column \"purpose\": unknown value 'sideways' (expected one of: "
                                   f"enhancement, mission, adaptive, anticipatory, all)\n"
                                   f"{bad}:7:8: column \"budget\": must be >= 0 (got -5)\n")
        self.assertFalse(os.path.exists(out2))

    def test_pipeline(self):
        in_dir = os.path.join(self.tmp, "in")
        out_dir = os.path.join(self.tmp, "out")
        shutil.copytree(support.DATA, in_dir, ignore=shutil.ignore_patterns("*.csv"))
        shutil.copy(os.path.join(support.INVALID, "agreement-out-of-range.yaml"), os.path.join(in_dir, "broken.yaml"))
        with open(os.path.join(in_dir, "syntax.yaml"), "w") as f:
            f.write("portfolio: [\n")
        r = run("pipeline.py", in_dir, out_dir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("broken.yaml: invalid, 3 problem(s); skipped", r.stderr)
        self.assertIn(":8:19: assessments[0].answers.q1.mission: agreement must be 0..4 (got 5)", r.stderr)
        self.assertIn("syntax.yaml: ParseError:", r.stderr)
        with open(os.path.join(out_dir, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        good = sorted(os.path.basename(p) for p in support.EXAMPLES)
        self.assertEqual([s["file"] for s in summary["portfolios"]], good)
        self.assertEqual(summary["failed"], 2)
        ea = [s for s in summary["portfolios"] if s["file"] == "environment-agency.yaml"][0]
        self.assertEqual(ea["hhi"], portfolio.load(support.example("environment-agency.yaml")).map().metrics.hhi)
        with open(os.path.join(out_dir, "summary.csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual([row["file"] for row in rows], good)
        # all valid: exit 0
        os.unlink(os.path.join(in_dir, "broken.yaml"))
        os.unlink(os.path.join(in_dir, "syntax.yaml"))
        r = run("pipeline.py", in_dir, out_dir)
        self.assertEqual(r.returncode, 0, r.stderr)


if __name__ == "__main__":
    support.main()
