"""Documents from Python: iteration and lookup, attributes, building, round trips."""

import datetime
import json
import os
import tempfile
import unittest

import support
import portfolio


class Reading(unittest.TestCase):
    def setUp(self):
        self.doc = portfolio.load(support.example("environment-agency.yaml"))

    def test_iteration_and_lookup(self):
        projects = self.doc.projects
        ids = [p.id for p in projects]
        self.assertEqual(len(projects), len(ids))
        self.assertEqual(len(set(ids)), len(ids))
        self.assertIn("flood-ml", projects)
        self.assertNotIn("nope", projects)
        self.assertEqual(projects["flood-ml"].id, "flood-ml")
        self.assertEqual(projects[0].id, ids[0])
        self.assertEqual(projects[-1].id, ids[-1])
        self.assertEqual([p.id for p in projects[1:3]], ids[1:3])
        self.assertEqual(projects.ids(), ids)
        self.assertIsNone(projects.get("nope"))
        self.assertEqual(projects["flood-ml"], projects[ids.index("flood-ml")])
        respondents = [a.respondent for a in self.doc.assessments]
        self.assertEqual(len(self.doc.assessments), len(respondents))
        self.assertEqual(self.doc.assessments[respondents[0]].respondent, respondents[0])
        self.assertIn(respondents[-1], self.doc.assessments)

    def test_project_attributes(self):
        p = self.doc.projects["permit-online"]
        self.assertEqual(p.title, "Digital permit applications")
        self.assertEqual(p.purpose, portfolio.Purpose.ENHANCEMENT)
        self.assertEqual(p.purpose, "enhancement")
        self.assertIsInstance(p.driver, portfolio.Facet)
        self.assertIsInstance(p.priority, portfolio.Priority)
        self.assertIsInstance(p.stage, portfolio.Stage)
        self.assertIsInstance(p.budget, float)
        self.assertIsInstance(p.start, datetime.date)
        self.assertIsInstance(p.tags, tuple)
        self.assertIsInstance(p.links, dict)
        for kind in p.links.values():
            self.assertIsInstance(kind, portfolio.LinkKind)

    def test_organisation_and_targets(self):
        org = self.doc.organisation
        self.assertEqual(org.name, "Environment and Rivers Agency")
        self.assertEqual(org.country, "GB")
        self.assertEqual(org.level, portfolio.GovLevel.NATIONAL)
        self.assertEqual(org.people, 1900)
        self.assertTrue(all(isinstance(s, portfolio.Sector) for s in org.sectors))
        self.assertEqual(sorted(self.doc.targets), sorted(f.value for f in portfolio.Facet))
        self.assertEqual(self.doc.instrument.id, "opsi-pet-2020")
        self.assertIsNone(self.doc.instrument.path)

    def test_answers(self):
        a = self.doc.assessments[0]
        answers = a.answers
        self.assertIsInstance(answers["q1.mission"], int)
        self.assertIsInstance(answers["q2"], list)
        self.assertIn(answers["q17"], ("yes", "no", "unsure"))
        self.assertIsInstance(a.role, portfolio.Role)

    def test_setters(self):
        p = self.doc.projects["flood-ml"]
        p.title = "Machine learning for flood forecasts"
        p.budget = 125000
        p.fte = 2.5
        p.stage = portfolio.Stage.SCALING
        p.priority = "low"
        p.start = datetime.date(2025, 1, 6)
        p.end = "2027-12-31"
        p.tags = ["flooding", "ml"]
        p.partners = []
        p.facets = {"anticipatory": 0.7, "mission": 0.3}
        p.unit = None
        self.assertEqual(p.title, "Machine learning for flood forecasts")
        self.assertEqual(p.budget, 125000.0)
        self.assertEqual(p.fte, 2.5)
        self.assertEqual(p.stage, "scaling")
        self.assertEqual(p.priority, portfolio.Priority.LOW)
        self.assertEqual(p.start, datetime.date(2025, 1, 6))
        self.assertEqual(p.end, datetime.date(2027, 12, 31))
        self.assertEqual(p.tags, ("flooding", "ml"))
        self.assertEqual(p.partners, ())
        self.assertEqual(p.facets, {"enhancement": 0.0, "mission": 0.3, "adaptive": 0.0, "anticipatory": 0.7})
        self.assertIsNone(p.unit)
        p.budget = None
        p.facets = None
        p.stage = None
        self.assertIsNone(p.budget)
        self.assertIsNone(p.facets)
        self.assertIsNone(p.stage)
        # the change is in the document: it is written and scored
        self.assertIn("Machine learning for flood forecasts", self.doc.dump())

    def test_remove(self):
        n = len(self.doc.projects)
        target = next(p for p in self.doc.projects if p.links)
        linked_to = next(iter(target.links))
        del self.doc.projects[linked_to]
        self.assertEqual(len(self.doc.projects), n - 1)
        self.assertNotIn(linked_to, target.links)  # links to it went with it
        self.doc.validate()
        self.doc.assessments.remove(self.doc.assessments[0])
        self.assertEqual(len(self.doc.assessments), 9)


class RoundTrip(unittest.TestCase):
    def test_every_example(self):
        for path in support.EXAMPLES:
            with self.subTest(file=os.path.basename(path)):
                doc = portfolio.load(path)
                text = doc.dump()
                # Text names files only in the folder it is said to be in (team-pulse names its instrument).
                again = portfolio.loads(text, source=path, folder=os.path.dirname(path))
                self.assertEqual(again.dump(), text)
                self.assertEqual(again.score().to_dict(), doc.score().to_dict())
                self.assertEqual(again.map().to_dict(), doc.map().to_dict())

    def test_bytes_and_save(self):
        doc = portfolio.load(support.example("minimal.yaml"))
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "copy.yaml")
            doc.save(out)
            self.assertEqual(portfolio.load(out).dump(), doc.dump())
            from pathlib import Path
            self.assertEqual(portfolio.load(Path(out)).dump(), doc.dump())
        self.assertEqual(portfolio.loads(doc.dump().encode("utf-8")).dump(), doc.dump())


class Building(unittest.TestCase):
    def build(self):
        doc = portfolio.Document()
        org = doc.organisation
        org.name = "Harbour Town Digital Team"
        org.country = "NL"
        org.level = "team"
        org.people = 12
        org.sectors = ["public_admin", portfolio.Sector.INFORMATION]
        doc.targets = {"enhancement": 0.4, "mission": 0.2, "adaptive": 0.2, "anticipatory": 0.2}
        doc.add_project(id="flood-ml", title="Flood forecasting with machine learning", purpose="anticipatory",
                        driver="mission", priority="high", stage="piloting", budget=250000, fte=3.5,
                        tags=["flooding", "data"], partners=["met-office"],
                        facets={"anticipatory": 0.7, "mission": 0.3}, start="2025-01-06")
        doc.add_project(id="flood-warnings", title="Flood warnings by text message", purpose=portfolio.Purpose.MISSION,
                        driver=portfolio.Facet.MISSION, priority="medium", stage="implementing",
                        tags=["flooding", "data", "alerts"], partners=["met-office"], links={"flood-ml": "synergy"})
        doc.add_assessment(respondent="r-001", role="team", unit="Digital", date=datetime.date(2025, 6, 2),
                           answers={"q1.mission": 3, "q1.enhancement": "strongly-agree", "q1.adaptive": 2,
                                    "q1.anticipatory": 1, "q2": ["enhancement", "adaptive", "mission", "anticipatory"],
                                    "q10": ["enhancement"], "q17": "yes", "q18b": "agree"})
        return doc

    def test_build(self):
        doc = self.build()
        doc.validate()
        self.assertEqual(doc.problems, [])
        self.assertEqual(len(doc.projects), 2)
        self.assertEqual(doc.projects["flood-ml"].facets["anticipatory"], 0.7)
        self.assertEqual(doc.projects["flood-warnings"].links, {"flood-ml": portfolio.LinkKind.SYNERGY})
        a = doc.assessments["r-001"]
        self.assertEqual(a.answers["q1.enhancement"], 4)
        self.assertEqual(a.answers["q18b"], 3)
        self.assertEqual(a.answers["q17"], "yes")
        self.assertEqual(a.date, datetime.date(2025, 6, 2))
        a.answer("q17", "no")
        a.clear_answer("q10")
        self.assertEqual(a.answers["q17"], "no")
        self.assertNotIn("q10", a.answers)
        self.assertEqual(doc.organisation.sectors, {portfolio.Sector.PUBLIC_ADMIN, portfolio.Sector.INFORMATION})

    def test_build_round_trip_and_analyse(self):
        doc = self.build()
        again = portfolio.loads(doc.dump())
        self.assertEqual(again.dump(), doc.dump())
        self.assertEqual([p.to_dict() for p in again.projects], [p.to_dict() for p in doc.projects])
        self.assertEqual([a.to_dict() for a in again.assessments], [a.to_dict() for a in doc.assessments])
        scores = doc.score()
        self.assertEqual(len(scores), 1)
        self.assertEqual(scores["r-001"].role, "team")
        m = doc.map(weight="budget")
        self.assertEqual(m.metrics.weighted, 1)
        self.assertEqual(m["flood-ml"]["from"], "facets")
        rel = doc.relations()
        self.assertTrue(any(r.a == "flood-ml" and r.b == "flood-warnings" for r in rel))
        self.assertGreater(len(doc.recommend()), 0)
        self.assertIn("Harbour Town Digital Team", doc.report(format="md"))

    def test_invalid_cross_rules(self):
        doc = portfolio.Document()
        doc.add_project("a", links={"ghost": "dependency"}, start="2025-05-01", end="2024-01-01")
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.validate()
        self.assertEqual(len(cm.exception.problems), 2)
        self.assertEqual(len(doc.problems), 2)

    def test_context_manager(self):
        with self.build() as doc:
            with doc.score() as scores:
                self.assertFalse(scores.closed)
            self.assertTrue(scores.closed)
        self.assertTrue(doc.closed)


class Results(unittest.TestCase):
    def test_results_outlive_document(self):
        doc = portfolio.load(support.example("environment-agency.yaml"))
        scores, m, rel, adv = doc.score(), doc.map(), doc.relations(), doc.recommend()
        cmp = doc.compare(portfolio.load(support.example("environment-agency-2026.yaml")))
        expected = (scores.to_json(), m.to_json(), rel.to_json(), adv.to_json(), cmp.to_json())
        doc.close()
        del doc
        import gc
        gc.collect()
        self.assertEqual((scores.to_json(), m.to_json(), rel.to_json(), adv.to_json(), cmp.to_json()), expected)
        self.assertTrue(scores.diamond_svg().startswith("<svg"))
        self.assertTrue(m.to_svg().startswith("<svg"))
        self.assertTrue(cmp.to_svg().startswith("<svg"))

    def test_compare_different_instruments(self):
        pet = portfolio.load(support.example("environment-agency.yaml"))
        pulse = portfolio.load(support.example("team-pulse.yaml"))
        with self.assertRaises(portfolio.ValidationError) as caught:
            pet.compare(pulse)
        self.assertIn("'opsi-pet-2020' (old) and 'team-pulse-2025' (new)", str(caught.exception))
        cmp = pet.compare(pulse, allow_different_instruments=True)
        self.assertEqual(json.loads(cmp.to_json())["instruments"],
                         {"old": "opsi-pet-2020", "new": "team-pulse-2025", "differ": True})

    def test_records(self):
        scores = portfolio.load(support.example("environment-agency.yaml")).score()
        a = scores.assessments[0]
        self.assertIsInstance(a, portfolio.Record)
        self.assertEqual(a.orientation.pct["mission"], a["orientation"]["pct"]["mission"])
        self.assertEqual(dict(a.orientation.pct), a.to_dict()["orientation"]["pct"])
        with self.assertRaises(AttributeError):
            a.role = "x"
        with self.assertRaises(AttributeError):
            a.nonexistent
        self.assertIn("orientation", dir(a))
        d = scores.to_dict()
        self.assertIsInstance(d["assessments"][0]["orientation"], dict)

    def test_enums(self):
        self.assertEqual([f.value for f in portfolio.Facet], ["enhancement", "mission", "adaptive", "anticipatory"])
        self.assertEqual(len(portfolio.Zone), 9)
        self.assertEqual(portfolio.Role("senior-management"), portfolio.Role.SENIOR_MANAGEMENT)
        self.assertEqual(str(portfolio.Zone.MIXED), "mixed")


if __name__ == "__main__":
    support.main()
