"""Python that feels like Python: every result is a container keyed the same way by len,
iteration, in, [] and get; every object has a useful repr; dir() lists what attributes reach;
notebooks get HTML with the charts; JSON from json.dumps (surrogate pairs for emoji) reads back."""

import html
import json
import unittest

import support

import portfolio

MISSING = object()


class Containers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = portfolio.load(support.example("environment-agency.yaml"))
        cls.later = portfolio.load(support.example("environment-agency-2026.yaml"))
        cls.results = {
            "scores": cls.doc.score(),
            "map": cls.doc.map(),
            "comparison": cls.doc.compare(cls.later),
            "relations": cls.doc.synergies(),
            "advice": cls.doc.recommend(),
        }

    def check_protocol(self, name, result, missing_key):
        entries = list(result)
        self.assertGreater(len(entries), 0, name)
        self.assertEqual(len(result), len(entries))
        keys = result.keys()
        self.assertEqual(len(keys), len(entries))
        for i, (key, entry) in enumerate(zip(keys, entries)):
            # The first entry of a key is what [], get and in find (keys are unique but for Advice's rule ids).
            first = keys.index(key)
            self.assertIn(key, result)
            self.assertIs(result[key], entries[first])
            self.assertIs(result.get(key), entries[first])
            self.assertIs(result.get(key, MISSING), entries[first])
            self.assertIs(result[i], entry)
            self.assertIs(result[i - len(entries)], entry)
            self.assertIn(entry, result)
        self.assertEqual(result[1:3], entries[1:3])
        # A missing key: KeyError (NotFoundError) from [], the default from get, False from in.
        self.assertNotIn(missing_key, result)
        self.assertIsNone(result.get(missing_key))
        self.assertIs(result.get(missing_key, MISSING), MISSING)
        with self.assertRaises(KeyError) as cm:
            result[missing_key]
        self.assertIsInstance(cm.exception, portfolio.NotFoundError)
        self.assertEqual(cm.exception.code, portfolio.ENOTFOUND)
        with self.assertRaises(IndexError):
            result[len(entries)]
        self.assertIs(result.get(len(entries), MISSING), MISSING)
        # Keys that cannot be keys: TypeError from [], False from in, the default from get.
        for bad in ([], {}, {"a"}):
            with self.assertRaises(TypeError):
                result[bad]
            self.assertNotIn(bad, result)
            self.assertIs(result.get(bad, MISSING), MISSING)

    def test_scores_by_respondent(self):
        scores = self.results["scores"]
        self.check_protocol("scores", scores, "r-999")
        self.assertEqual(scores.keys(), [a.respondent for a in self.doc.assessments])
        # The bug users found: in was False while [] worked.
        self.assertIn("r-004", scores)
        self.assertEqual(scores["r-004"].respondent, "r-004")
        self.assertEqual(scores.get("r-004").capability.score, scores["r-004"]["capability"]["score"])

    def test_map_by_project(self):
        m = self.results["map"]
        self.check_protocol("map", m, "no-such-project")
        self.assertEqual(m.keys(), self.doc.projects.ids())
        # The bug users found: get returned None (the top record's get) where [] worked.
        self.assertIs(m.get("flood-ml"), m["flood-ml"])
        p = m["flood-ml"]
        # project, as in C's pf_placement; id kept as an alias, and the JSON's key.
        self.assertEqual(p.project, "flood-ml")
        self.assertEqual(p["project"], "flood-ml")
        self.assertEqual(p.id, "flood-ml")
        self.assertIn("project", p)
        self.assertEqual(p.to_dict()["id"], "flood-ml")
        self.assertNotIn("project", p.to_dict())
        self.assertEqual(m.to_dict(), json.loads(m.to_json()))

    def test_comparison_by_metric(self):
        c = self.results["comparison"]
        self.check_protocol("comparison", c, "no.such.metric")
        self.assertEqual(c.keys(), [x["name"] for x in json.loads(c.to_json())["metrics"]])
        self.assertEqual(len(c), 280)
        hhi = c["portfolio.hhi"]
        self.assertEqual((hhi.old, hhi.new), (json.loads(c.to_json())["metrics"][c.keys().index("portfolio.hhi")]["old"],
                                              json.loads(c.to_json())["metrics"][c.keys().index("portfolio.hhi")]["new"]))
        moved = [p for p in c.projects if p.change == "moved"]
        self.assertEqual([(p.project, p.id, p.old_zone, p.new_zone) for p in moved],
                         [("pfas-scenarios", "pfas-scenarios", "transformative", "anticipatory")])

    def test_relations_by_pair(self):
        rel = self.results["relations"]
        self.check_protocol("relations", rel, ("flood-ml", "no-such-project"))
        first = rel[0]
        self.assertEqual((first.a, first.b), ("flood-ml", "flood-warnings"))
        # Either order of the pair.
        self.assertIs(rel["flood-warnings", "flood-ml"], first)
        self.assertIn(("flood-warnings", "flood-ml"), rel)
        self.assertIs(rel.get(("flood-ml", "flood-warnings")), first)
        self.assertNotIn("flood-ml", rel)

    def test_advice_by_rule(self):
        advice = self.results["advice"]
        self.check_protocol("advice", advice, "Z99")
        strengths = advice.of_rule("S01")
        self.assertEqual([r.subject for r in strengths], ["enhancement", "mission"])
        self.assertIs(advice["S01"], strengths[0])
        self.assertIs(advice["S01", "mission"], strengths[1])
        self.assertIn(("S01", "mission"), advice)
        self.assertNotIn(("S01", "adaptive"), advice)
        self.assertIsNone(advice.get(("S01", "adaptive")))

    def test_rules(self):
        rules = portfolio.Rules.default()
        self.assertEqual(list(rules), rules.ids)
        self.assertIn("S01", rules)
        self.assertNotIn("Z99", rules)
        self.assertNotIn(5, rules)


class Reprs(unittest.TestCase):
    def test_every_object(self):
        doc = portfolio.load(support.example("minimal.yaml"))
        scores = doc.score()
        m = doc.map(scores=scores)
        advice = doc.recommend()
        self.assertEqual(repr(doc), "<portfolio.Document 'Harbour Town Digital Team': 3 projects, 1 assessment>")
        self.assertEqual(repr(scores), "<portfolio.Scores of 1 assessment: tendency None, capability level None>")
        self.assertEqual(repr(scores["r-001"]),
                         "<AssessmentScores 'r-001' (team): tendency 'weak-in-all', capability 13 (low)>")
        self.assertEqual(repr(scores.overall), "<Group of 0 assessments: tendency None, capability level None>")
        self.assertEqual(repr(scores.roles), "Record({})")  # its only respondent is left out (11 % answered)
        self.assertEqual(repr(m), "<portfolio.Map of 3 projects by count: dominant 'enhancement', hhi 0.389>")
        self.assertEqual(repr(m["online-forms"]), "<Placement 'online-forms': zone 'enhancement', weight 1>")
        self.assertEqual(repr(doc.synergies()),
                         "<portfolio.Relations: 0 relations (0 synergy, 0 tension, 0 duplicate, 0 handover)>")
        self.assertEqual(repr(advice), "<portfolio.Advice: 2 recommendations (2 warning)>")
        self.assertEqual(repr(advice["R13"]),
                         "<Recommendation R13 warning, priority 2: "
                         "'Some respondents left much of the questionnaire blank: the l'>")
        self.assertEqual(repr(portfolio.Rules.default()), "<portfolio.Rules: 35 rules>")
        self.assertEqual(repr(portfolio.Instrument.default()),
                         "<portfolio.Instrument 'opsi-pet-2020': 24 questions, languages en, fr>")
        big = portfolio.load(support.example("environment-agency.yaml"))
        c = big.compare(portfolio.load(support.example("environment-agency-2026.yaml")))
        self.assertEqual(repr(c), "<portfolio.Comparison of 280 metrics, 4 projects changed>")
        self.assertEqual(repr(c["portfolio.hhi"]), "<MetricChange 'portfolio.hhi': 0.294 -> 0.286 (-0.008)>")
        self.assertEqual(repr(c.projects[1]), "<ProjectChange 'pfas-scenarios' moved: 'transformative' -> 'anticipatory'>")
        self.assertEqual(repr(big.synergies()["flood-ml", "flood-warnings"]),
                         "<Relation synergy 'flood-ml' ~ 'flood-warnings': similarity 0.493>")
        for result in (scores, m, c):
            result.close()
            self.assertEqual(repr(result), f"<portfolio.{type(result).__name__} closed>")


class Dir(unittest.TestCase):
    def test_attributes_are_listed(self):
        doc = portfolio.load(support.example("minimal.yaml"))
        scores, m = doc.score(), doc.map()
        for name in ("assessments", "overall", "roles", "flags", "options", "diamond_svg", "get", "keys", "to_dict"):
            self.assertIn(name, dir(scores))
        for name in ("projects", "metrics", "weighting", "to_svg"):
            self.assertIn(name, dir(m))
        a = scores["r-001"]
        for name in ("respondent", "orientation", "capability", "completeness", "to_dict"):
            self.assertIn(name, dir(a))
        self.assertIn("pct_normalised", dir(a.orientation))
        dims = a.capability.dimensions
        self.assertIn("sense_making", dir(dims))          # the key 'sense-making', as an attribute
        self.assertEqual(dims.sense_making, dims["sense-making"])
        p = m["online-forms"]
        self.assertIn("project", dir(p))
        self.assertNotIn("from", dir(p))                  # a keyword: only p["from"]
        self.assertIn("rule", dir(doc.recommend()[0]))
        # Every name dir() offers is reachable.
        for obj in (scores, m, a, p):
            for name in dir(obj):
                getattr(obj, name)


class Html(unittest.TestCase):
    def test_results_show_their_charts(self):
        doc = portfolio.load(support.example("environment-agency.yaml"))
        scores = doc.score()
        m = doc.map(scores=scores)
        c = doc.compare(portfolio.load(support.example("environment-agency-2026.yaml")))
        page = scores._repr_html_()
        self.assertIn(scores.diamond_svg(), page)
        self.assertIn("<tr><th style=\"text-align:left\">tendency</th><td style=\"text-align:left\">"
                      "enhancement+mission</td></tr>", page)
        self.assertIn(m.to_svg(), m._repr_html_())
        self.assertIn(c.to_svg(), c._repr_html_())
        whole = doc._repr_html_()
        self.assertTrue(whole.startswith('<div class="portfolio-summary">\n<strong>Environment and Rivers Agency</strong>'))
        self.assertIn(scores.diamond_svg(), whole)
        self.assertIn(m.to_svg(), whole)
        self.assertEqual(whole.count("<svg"), 2)
        self.assertIn("<td style=\"text-align:left\">27</td>", whole)
        advice = doc.recommend()._repr_html_()
        self.assertEqual(advice.count("<tr>"), len(doc.recommend()))

    def test_text_is_escaped(self):
        doc = portfolio.Document()
        doc.organisation.name = "<script>alert('x')</script> & \"co\""
        page = doc._repr_html_()
        self.assertNotIn("<script>", page)
        self.assertIn("<strong>" + html.escape(doc.organisation.name) + "</strong>", page)
        self.assertIn("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;co&quot;", page)
        # No assessments and no projects: no charts, no failure.
        self.assertNotIn("<svg", page)
        doc.add_project(id="a", title="<b>bold</b>", purpose="mission", driver="mission")
        doc.add_assessment(respondent="r-1", role="team", answers={"q17": "yes"})
        page = doc._repr_html_()
        self.assertEqual(page.count("<svg"), 2)
        self.assertNotIn("<b>", page)
        doc.close()
        self.assertEqual(doc._repr_html_(), '<div class="portfolio-summary">\n<strong>portfolio.Document (closed)'
                                            '</strong>\n</div>')


class SurrogatePairs(unittest.TestCase):
    """json.dumps writes characters beyond U+FFFF as surrogate pairs (\\ud83d\\ude00): the library reads them."""

    def test_round_trip_of_json_dumps(self):
        name = "Caf\u00e9 \U0001F600 team \U0001F389"
        text = json.dumps({"portfolio": 1, "organisation": {"name": name},
                           "projects": [{"id": "p1", "title": "Emoji \U0001F30A flood", "tags": ["wave-\U0001F30A"]}]})
        self.assertIn("\\ud83d\\ude00", text)
        doc = portfolio.loads(text)
        self.assertEqual(doc.organisation.name, name)
        self.assertEqual(doc.projects["p1"].title, "Emoji \U0001F30A flood")
        self.assertEqual(doc.projects["p1"].tags, ("wave-\U0001F30A",))
        self.assertEqual(doc.organisation.name.encode("utf-8"), b"Caf\xc3\xa9 \xf0\x9f\x98\x80 team \xf0\x9f\x8e\x89")
        # And back: what the library writes reads again as the same document.
        again = portfolio.loads(doc.dump())
        self.assertEqual(again.organisation.name, name)
        self.assertEqual(json.loads(again.score().to_json())["assessments"], [])

    def test_lone_surrogate_is_located(self):
        text = json.dumps({"portfolio": 1, "organisation": {"name": "a\ud83d b"}})
        self.assertEqual(text, '{"portfolio": 1, "organisation": {"name": "a\\ud83d b"}}')
        with self.assertRaises(portfolio.ParseError) as cm:
            portfolio.loads(text, source="upload.json")
        e = cm.exception
        self.assertEqual((e.source, e.line, e.column, e.offset), ("upload.json", 1, 45, 44))
        self.assertEqual(e.message, "lone surrogate \\ud83d: a high surrogate not followed by a low one (a character "
                                    "beyond U+FFFF is written as a pair, such as \\ud83d\\ude00, or as \\U0001F600)")


if __name__ == "__main__":
    support.main()
