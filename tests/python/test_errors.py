"""Every failure raises the right exception, located, with every problem."""

import os
import pickle
import tempfile
import unittest

import support
import portfolio

MINIMAL = support.example("minimal.yaml")


class Hierarchy(unittest.TestCase):
    def test_classes(self):
        for cls in (portfolio.ParseError, portfolio.ValidationError, portfolio.FileError, portfolio.LimitError,
                    portfolio.ArgumentError, portfolio.NotFoundError, portfolio.ExistsError,
                    portfolio.OutOfMemoryError, portfolio.ClosedError):
            self.assertTrue(issubclass(cls, portfolio.Error))
        self.assertTrue(issubclass(portfolio.FileError, OSError))
        self.assertTrue(issubclass(portfolio.ArgumentError, ValueError))
        self.assertTrue(issubclass(portfolio.ExistsError, ValueError))
        self.assertTrue(issubclass(portfolio.NotFoundError, KeyError))

    def test_pickle(self):
        e = portfolio.ValidationError("x: bad", portfolio.EINVALID, "f.yaml", 3, 4,
                                      problems=[portfolio.Problem("f.yaml", 3, 4, "x: bad")])
        e2 = pickle.loads(pickle.dumps(e))
        self.assertEqual((e2.code, e2.line, e2.column, e2.problems), (e.code, 3, 4, e.problems))


class Reading(unittest.TestCase):
    def test_missing_file(self):
        with self.assertRaises(portfolio.FileError) as cm:
            portfolio.load("/nonexistent/portfolio.yaml")
        e = cm.exception
        self.assertIsInstance(e, OSError)
        self.assertEqual(e.source, "/nonexistent/portfolio.yaml")
        self.assertEqual(e.code, portfolio.ENOTFOUND)
        self.assertEqual((e.line, e.column), (0, 0))
        self.assertIn("/nonexistent/portfolio.yaml", str(e))

    def test_directory(self):
        with self.assertRaises(portfolio.FileError) as cm:
            portfolio.load(support.DATA)
        self.assertIn(cm.exception.code, (portfolio.EIO, portfolio.ENOTFOUND))

    def test_syntax(self):
        with self.assertRaises(portfolio.ParseError) as cm:
            portfolio.loads("portfolio: 1\nprojects: [a, b\n", source="broken.yaml")
        e = cm.exception
        self.assertEqual(e.code, portfolio.ESYNTAX)
        self.assertEqual(e.source, "broken.yaml")
        self.assertGreater(e.line, 0)
        self.assertGreater(e.column, 0)
        self.assertTrue(str(e).startswith(f"broken.yaml:{e.line}:{e.column}: "))

    def test_invalid_lists_every_problem(self):
        text = ("portfolio: 1\nprojects:\n  - id: a\n    budget: -2\n  - id: b\n    start: 2024-02-30\n"
                "    stage: flying\n")
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.loads(text, source="bad.yaml")
        e = cm.exception
        self.assertEqual(e.code, portfolio.EINVALID)
        self.assertEqual(len(e.problems), 3)
        self.assertEqual([p.line for p in e.problems], [4, 6, 7])
        source, line, column, message = e.problems[0]
        self.assertEqual((source, line, column), ("bad.yaml", 4, 13))
        self.assertIn("projects[0].budget", message)
        self.assertEqual((e.source, e.line, e.column), ("bad.yaml", 4, 13))
        self.assertEqual(str(e).count("\n"), 2)

    def test_limit(self):
        with self.assertRaises(portfolio.LimitError) as cm:
            portfolio.load(MINIMAL, max_depth=2)
        self.assertEqual(cm.exception.code, portfolio.ELIMIT)
        self.assertGreater(cm.exception.line, 0)
        with self.assertRaises(portfolio.LimitError):
            portfolio.load(MINIMAL, max_bytes=100)
        with self.assertRaises(TypeError):
            portfolio.load(MINIMAL, max_nonsense=1)
        with self.assertRaises(portfolio.ArgumentError):
            portfolio.load(MINIMAL, max_depth=-1)

    def test_not_text(self):
        with self.assertRaises(TypeError):
            portfolio.loads(42)

    def test_golden_invalid_cases(self):
        """Every golden case of tests/data/invalid: the exception's problems are the .err file."""
        cases = sorted(f[:-4] for f in os.listdir(support.INVALID) if f.endswith(".err"))
        self.assertGreater(len(cases), 50)
        for case in cases:
            with self.subTest(case=case):
                yaml = os.path.join(support.INVALID, case + ".yaml")
                with open(os.path.join(support.INVALID, case + ".err"), encoding="utf-8") as f:
                    expected = f.read()
                with self.assertRaises(portfolio.Error) as cm:
                    portfolio.load(yaml)
                e = cm.exception
                self.assertNotIsInstance(e, portfolio.FileError)
                got = "".join(("" if p.source == yaml else os.path.relpath(p.source, support.INVALID) + ":")
                              + f"{p.line}:{p.column}: {p.message}\n" for p in e.problems)
                self.assertEqual(got, expected)
                self.assertEqual(e.source, yaml)


class Arguments(unittest.TestCase):
    def setUp(self):
        self.doc = portfolio.load(MINIMAL)

    def test_bad_values(self):
        p = self.doc.projects["online-forms"]
        with self.assertRaises(portfolio.ArgumentError) as cm:
            p.budget = -2
        self.assertIsInstance(cm.exception, ValueError)
        self.assertEqual(cm.exception.code, portfolio.EARG)
        self.assertIn("budget", str(cm.exception))
        self.assertIsNone(p.budget)  # unchanged
        with self.assertRaises(ValueError):
            p.purpose = "world-peace"
        with self.assertRaises(ValueError):
            p.stage = "flying"
        with self.assertRaises(ValueError):
            p.budget = "lots"
        with self.assertRaises(ValueError):
            p.title = ""
        with self.assertRaises(ValueError):
            p.start = "2024-02-30"
        with self.assertRaises(ValueError):
            p.facets = {"mission": -1}
        with self.assertRaises(ValueError):
            p.facets = {"sideways": 1}
        with self.assertRaises(ValueError):
            p.tags = "one-string"
        with self.assertRaises(ValueError):
            self.doc.organisation.country = "Narnia"
        with self.assertRaises(ValueError):
            self.doc.targets = [0, 0, 0, 0]

    def test_bad_id(self):
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.add_project("has spaces")

    def test_duplicate(self):
        with self.assertRaises(portfolio.ExistsError) as cm:
            self.doc.add_project("online-forms")
        self.assertEqual(cm.exception.code, portfolio.EEXISTS)
        with self.assertRaises(portfolio.ExistsError):
            self.doc.add_assessment("r-001")
        with self.assertRaises(portfolio.ExistsError):
            self.doc.projects["online-forms"].tags = ["a", "a"]

    def test_failed_add_leaves_nothing(self):
        n = len(self.doc.projects)
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.add_project("new-one", title="ok", budget=-1)
        self.assertEqual(len(self.doc.projects), n)
        self.assertNotIn("new-one", self.doc.projects)
        with self.assertRaises(TypeError):
            self.doc.add_project("new-two", colour="blue")
        self.assertNotIn("new-two", self.doc.projects)
        with self.assertRaises(portfolio.NotFoundError):
            self.doc.add_assessment("r-002", answers={"q99": 3})
        self.assertNotIn("r-002", self.doc.assessments)
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.add_assessment("r-003", answers={"q1.mission": 7})
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.add_assessment("r-004", role="boss")
        self.assertEqual(len(self.doc.assessments), 1)

    def test_bad_answers(self):
        a = self.doc.assessments["r-001"]
        with self.assertRaises(portfolio.ArgumentError):
            a.answer("q2", ["mission"])           # a rank must list every option
        with self.assertRaises(portfolio.ArgumentError):
            a.answer("q17", "maybe")
        with self.assertRaises(portfolio.ArgumentError):
            a.answer("q17", True)
        with self.assertRaises(portfolio.NotFoundError):
            a.answer("q0", 1)

    def test_not_found(self):
        with self.assertRaises(KeyError):
            self.doc.projects["nope"]
        with self.assertRaises(portfolio.NotFoundError) as cm:
            self.doc.assessments["nobody"]
        self.assertEqual(cm.exception.code, portfolio.ENOTFOUND)
        with self.assertRaises(IndexError):
            self.doc.projects[99]
        with self.assertRaises(portfolio.NotFoundError):
            del self.doc.projects["nope"]
        with self.assertRaises(portfolio.NotFoundError):
            portfolio.Document().instrument = "no-such-instrument"

    def test_options(self):
        with self.assertRaises(ValueError):
            self.doc.score(mode="exact")
        with self.assertRaises(ValueError):
            self.doc.map(weight="colour")
        with self.assertRaises(ValueError):
            self.doc.report(format="pdf")
        with self.assertRaises(ValueError):
            self.doc.relations(threshold=2)
        with self.assertRaises(TypeError):
            self.doc.relations(nonsense=1)
        with self.assertRaises(TypeError):
            self.doc.compare("other.yaml")

    def test_strict_scoring(self):
        with self.assertRaises(portfolio.ValidationError) as cm:
            self.doc.score(strict=True)
        self.assertGreater(len(cm.exception.problems), 10)
        self.assertEqual(cm.exception.code, portfolio.EINVALID)

    def test_instrument_with_assessments(self):
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.instrument = "opsi-pet-2020"


class Files(unittest.TestCase):
    def test_save_into_missing_directory(self):
        doc = portfolio.load(MINIMAL)
        with self.assertRaises(portfolio.FileError) as cm:
            doc.save("/nonexistent-dir/x.yaml")
        self.assertEqual(cm.exception.code, portfolio.EIO)
        with self.assertRaises(portfolio.FileError):
            doc.report(format="text", path="/nonexistent-dir/x.txt")

    def test_rules(self):
        with self.assertRaises(portfolio.FileError):
            portfolio.Rules.load("/nonexistent/rules.yaml")
        with self.assertRaises(portfolio.ParseError):
            portfolio.Rules.loads("rules: [\n")
        with self.assertRaises(portfolio.Error):
            portfolio.Rules.loads("rules:\n  - id: X1\n    when: 'nonsense >>> 3'\n")
        with self.assertRaises(portfolio.FileError):
            portfolio.load(MINIMAL).recommend(rules="/nonexistent/rules.yaml")


class Closed(unittest.TestCase):
    def test_closed_document(self):
        doc = portfolio.load(MINIMAL)
        project = doc.projects[0]
        doc.close()
        doc.close()  # a second close does nothing
        self.assertTrue(doc.closed)
        with self.assertRaises(portfolio.ClosedError):
            doc.score()
        with self.assertRaises(portfolio.ClosedError):
            project.title
        self.assertIn("closed", repr(doc))

    def test_removed_project(self):
        doc = portfolio.load(MINIMAL)
        project = doc.projects["quay-futures"]
        del doc.projects["quay-futures"]
        with self.assertRaises(portfolio.ClosedError):
            project.title = "x"
        self.assertIn("removed", repr(project))

    def test_closed_result(self):
        scores = portfolio.load(MINIMAL).score()
        n = scores.overall.n
        scores.close()
        scores.close()
        self.assertEqual(scores.overall.n, n)  # data read before closing stays
        with self.assertRaises(portfolio.ClosedError):
            scores.diamond_svg()


if __name__ == "__main__":
    support.main()
