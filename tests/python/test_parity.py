"""The Python results are the C library's: the same numbers as `portfolio ... --format json`."""

import json
import os
import unittest

import support
import portfolio


@unittest.skipUnless(support.CLI, "PORTFOLIO_CLI not set")
class Parity(unittest.TestCase):
    def each(self):
        for path in support.EXAMPLES:
            with self.subTest(file=os.path.basename(path)):
                yield path

    def test_score(self):
        for path in self.each():
            for mode in ("pet", "normalised"):
                expected = support.cli("score", path, "--mode", mode, "--format", "json")
                scores = portfolio.load(path).score(mode=mode)
                self.assertEqual(scores.to_dict(), json.loads(expected))
                self.assertEqual(scores.to_json(), expected)

    def test_score_attributes(self):
        expected = json.loads(support.cli("score", support.example("environment-agency.yaml"), "--format", "json"))
        scores = portfolio.load(support.example("environment-agency.yaml")).score()
        first = expected["assessments"][0]
        self.assertEqual(scores.assessments[0].orientation.pct["mission"], first["orientation"]["pct"]["mission"])
        self.assertEqual(scores.assessments[0].orientation.pct.mission, first["orientation"]["pct"]["mission"])
        self.assertEqual(scores.assessments[0].capability.score, first["capability"]["score"])
        self.assertEqual(scores.overall.tendency, expected["overall"]["tendency"])
        self.assertEqual(scores.overall.metrics["capability.score"].mean,
                         expected["overall"]["metrics"]["capability.score"]["mean"])
        self.assertEqual(len(scores), len(expected["assessments"]))
        self.assertEqual(scores[first["respondent"]].completeness, first["completeness"])
        self.assertEqual([f.to_dict() for f in scores.flags], expected["flags"])

    def test_map(self):
        for path in self.each():
            for weight in ("count", "priority", "budget", "fte"):
                expected = support.cli("map", path, "--weight", weight, "--format", "json")
                m = portfolio.load(path).map(weight=weight)
                self.assertEqual(m.to_dict(), json.loads(expected))
                self.assertEqual(m.to_json(), expected)

    def test_map_attributes(self):
        path = support.example("environment-agency.yaml")
        expected = json.loads(support.cli("map", path, "--format", "json"))
        m = portfolio.load(path).map()
        self.assertEqual(m.metrics.hhi, expected["metrics"]["hhi"])
        self.assertEqual(m.metrics.dominant, expected["metrics"]["dominant"])
        self.assertEqual(m.metrics.dominant, portfolio.Facet(expected["metrics"]["dominant"]))
        self.assertEqual(m["flood-ml"].zone, [p for p in expected["projects"] if p["id"] == "flood-ml"][0]["zone"])
        self.assertIn(m["flood-ml"].zone, list(portfolio.Zone))

    def test_relations(self):
        for path in self.each():
            expected = support.cli("relations", path, "--format", "json")
            rel = portfolio.load(path).relations()
            self.assertEqual(rel.to_json(), expected)
            self.assertEqual(len(rel), len(json.loads(expected)["relations"]))
            counts = json.loads(expected)["counts"]
            for kind in portfolio.RelationKind:
                self.assertEqual(len(rel.of_kind(kind)), counts[kind.value])

    def test_synergies_is_the_deprecated_name_of_relations(self):
        path = support.EXAMPLES[0]
        with portfolio.load(path) as doc:
            with self.assertWarnsRegex(DeprecationWarning, r"use Document\.relations\(\)"):
                rel = doc.synergies(threshold=0.5)  # migrate_api_1: keep
            self.assertEqual(rel.to_json(), doc.relations(threshold=0.5).to_json())
            with self.assertRaisesRegex(portfolio.ArgumentError, "relations\\(\\) got an unexpected keyword"):
                doc.synergies(nonsense=1)  # migrate_api_1: keep

    def test_analyse(self):
        for path in self.each():
            with portfolio.load(path) as doc, doc.analyse(lang="fr", weight="budget") as an:
                self.assertEqual(an.scores.to_json(), support.cli("score", path, "--format", "json"))
                self.assertEqual(an.map.to_json(), support.cli("map", path, "--weight", "budget", "--format", "json"))
                self.assertEqual(an.relations.to_json(), support.cli("relations", path, "--format", "json"))
                self.assertEqual(an.advice.to_json(), support.cli("recommend", path, "--weight", "budget", "--lang",
                                                                  "fr", "--format", "json"))
                scores, m, rel, adv = an
                self.assertIs(adv, an.advice)
            self.assertTrue(all(r.closed for r in (scores, m, rel, adv)))

    def test_recommend(self):
        for path in self.each():
            for lang in ("en", "fr"):
                expected = support.cli("recommend", path, "--lang", lang, "--format", "json")
                adv = portfolio.load(path).recommend(lang=lang)
                self.assertEqual(adv.to_json(), expected)
                data = json.loads(expected)
                items = data["recommendations"] if isinstance(data, dict) else data
                self.assertEqual([r.rule for r in adv], [r["rule"] for r in items])
                self.assertEqual([r.message for r in adv], [r["message"] for r in items])

    def test_recommendation_objects(self):
        adv = portfolio.load(support.example("environment-agency.yaml")).recommend()
        self.assertGreater(len(adv), 0)
        for r in adv:
            self.assertIsInstance(r.kind, portfolio.AdviceKind)
            self.assertIsInstance(r.evidence, dict)
            self.assertTrue(r.message)
            self.assertTrue(1 <= r.priority <= 9)
            self.assertEqual(r.to_dict()["rule"], r.rule)

    def test_compare(self):
        old, new = support.example("environment-agency.yaml"), support.example("environment-agency-2026.yaml")
        expected = support.cli("compare", old, new, "--format", "json")
        cmp = portfolio.load(old).compare(portfolio.load(new))
        self.assertEqual(cmp.to_json(), expected)
        data = json.loads(expected)
        self.assertEqual(cmp.to_dict(), data)
        name = data["metrics"][1]["name"]
        self.assertEqual(cmp[name].delta, data["metrics"][1]["delta"])

    def test_report(self):
        for path in self.each():
            for fmt in ("text", "md", "json", "csv", "csv-assessments", "html"):
                for lang in ("en", "fr"):
                    expected = support.cli("report", path, "--format", fmt, "--lang", lang)
                    self.assertEqual(portfolio.load(path).report(format=fmt, lang=lang), expected)

    def test_report_options(self):
        """The report's options give exactly what the command's flags give."""
        minimal = support.example("minimal.yaml")
        old, new = support.example("environment-agency.yaml"), support.example("environment-agency-2026.yaml")
        cases = [
            ([minimal, "--include-incomplete"], minimal, {"include_incomplete": True}),
            ([minimal, "--completeness-floor", "0.1", "--lang", "fr"], minimal, {"completeness_floor": 0.1, "lang": "fr"}),
            ([minimal, "--completeness-floor", "0", "--format", "json"], minimal,
             {"completeness_floor": 0, "format": "json"}),
            ([new, "--respondents", "--format", "md"], new, {"respondents": True, "format": "md"}),
            ([new, "--min-group", "1", "--format", "html"], new, {"min_group": 1, "format": "html"}),
            ([new, "--since", old], new, {"since": portfolio.load(old)}),
        ]
        for args, path, kwargs in cases:
            with self.subTest(args=args):
                self.assertEqual(portfolio.load(path).report(**kwargs), support.cli("report", *args))
        # Without --include-incomplete the report says who is left out; with it, it does not.
        self.assertIn("1 left out of the averages", portfolio.load(minimal).report())
        self.assertNotIn("left out of the averages", portfolio.load(minimal).report(include_incomplete=True))

    def test_completeness_options(self):
        """score, map, recommend, analyse and compare take the floor as the commands do."""
        minimal = support.example("minimal.yaml")
        for args, kwargs in [(["--include-incomplete"], {"include_incomplete": True}),
                             (["--completeness-floor", "0.1"], {"completeness_floor": 0.1}),
                             ([], {})]:
            with self.subTest(args=args):
                doc = portfolio.load(minimal)
                self.assertEqual(doc.score(**kwargs).to_json(), support.cli("score", minimal, "--format", "json", *args))
                self.assertEqual(doc.map(**kwargs).to_json(), support.cli("map", minimal, "--format", "json", *args))
                self.assertEqual(doc.recommend(**kwargs).to_json(),
                                 support.cli("recommend", minimal, "--format", "json", *args))
                with doc.analyse(**kwargs) as a:
                    self.assertEqual(a.scores.to_json(), support.cli("score", minimal, "--format", "json", *args))
                self.assertEqual(doc.compare(doc, **kwargs).to_json(),
                                 support.cli("compare", minimal, minimal, "--format", "json", *args))

    def test_report_to_file(self):
        import tempfile
        path = support.example("minimal.yaml")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r.html")
            self.assertIsNone(portfolio.load(path).report(format="html", path=out))
            with open(out, encoding="utf-8") as f:
                self.assertEqual(f.read(), support.cli("report", path, "--format", "html"))


if __name__ == "__main__":
    support.main()
