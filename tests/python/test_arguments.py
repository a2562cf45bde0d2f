"""Every public entry point checks the values it hands to the C library (issue 13).

A wrong type raises ArgumentTypeError (an ArgumentError and a TypeError), a refused value
ArgumentError, each naming the parameter, never SWIG's own TypeError or OverflowError; a
string with a NUL or a lone surrogate never reaches C (where "a\\x00b" would become "a"), and
a refused value leaves the document unchanged. A last test lists the public members of every
class so an entry point added later cannot escape these checks.
"""

import inspect
import io
import os
import re
import tempfile
import unittest

import support
import portfolio
from portfolio import _capi

MINIMAL = support.example("minimal.yaml")

# Wrong values, by the kind of parameter. Each must be refused with the package's exception.
NUL, SURROGATE = "a\x00b", "a\udc80b"
TEXT = [5, 1.5, True, b"text", ["a"], {"a": 1}, NUL, SURROGATE, "x" * 100 + "\x00"]
TEXT_REQUIRED = TEXT + [None]
PATH = [None, 5, 1.5, True, ["a.yaml"], {"a": 1}, "", NUL, SURROGATE, b"\xff.yaml", b"a\x00b"]
WHOLE = ["5", 1.5, 2.0, True, False, b"5", [5], {"n": 5}, 1j]
NUMBER = ["12", True, False, b"12", [12], {"n": 12}, 1j, 10 ** 400]
FLAG = [None, 0, 1, "yes", "", [True], 1.0]
TEXTS = ["one-string", b"bytes", 5, {"a": 1}, [1], ["ok", None], [b"x"], ["ok", NUL], [SURROGATE]]
MAPPING = [[("a", "b")], "ab", 5, b"x", ("a",)]
ENUM = [3, True, 1.5, b"idea", ["idea"], {"idea": 1}, NUL, "idea\x00x", "nonsense"]
ENUM_REQUIRED = ENUM + [None]
DATE = [5, 1.5, True, b"2024-01-01", [2024, 1, 1], {"y": 2024}, "2024-02-30", NUL]
FACETS = ["abcd", b"abcd", 5, True, [1, 2, 3], ["1", 0, 0, 0], [True, 0, 0, 0], {"mission": "1"},
          {"sideways": 1}, {5: 1}, {NUL: 1}]
RULES = [5, 1.5, True, ["r.yaml"], {"a": 1}, "", NUL, SURROGATE]
FILES = [5, "report.txt", b"x", ["x"], io.StringIO(), io.TextIOWrapper(io.BytesIO())]  # binary files only
INSTRUMENT = RULES + [b"\xff.yaml"]  # None is the default instrument (or, reading, none supplied)
PATHS = ["a.yaml", b"a.yaml", 5, None, {"a.yaml": 1}, [5], [None], [""], [NUL], [SURROGATE], ["a.yaml", b"\xff"]]


class Checks(unittest.TestCase):
    """Helpers: every bad value raises the package's exception naming the parameter."""

    def refused(self, name, call, values, unchanged=None):
        for value in values:
            with self.subTest(parameter=name, value=value):
                before = unchanged() if unchanged else None
                with self.assertRaises(portfolio.ArgumentError) as cm:
                    call(value)
                e = cm.exception
                self.assertIsInstance(e, portfolio.Error)
                self.assertEqual(e.code, portfolio.EARG)
                self.assertRegex(str(e), r"^" + re.escape(name) + r"[\[.:]", "the message names the parameter")
                if unchanged:
                    self.assertEqual(unchanged(), before, "a refused value changes nothing")

    def setter(self, obj, attribute, values, name=None):
        def assign(value):
            setattr(obj, attribute, value)
        self.refused(name or attribute, assign, values, lambda: getattr(obj, attribute))


class Regressions(Checks):
    """The findings of issue 13, each as it was reported."""

    def setUp(self):
        self.doc = portfolio.load(MINIMAL)
        self.project = self.doc.projects["online-forms"]

    def test_nul_in_text_is_refused_not_cut(self):
        self.project.title = "Online forms"
        with self.assertRaises(portfolio.ArgumentError) as cm:
            self.project.title = "a\x00b"
        self.assertEqual(str(cm.exception), r"title: must not contain a NUL character (at index 1) (got 'a\x00b')")
        self.assertEqual(self.project.title, "Online forms")
        with self.assertRaises(portfolio.ArgumentError) as cm:
            self.project.title = "a\udc80b"
        self.assertEqual(str(cm.exception),
                         r"title: must be valid Unicode: '\udc80' at index 1 has no UTF-8 form (got 'a\udc80b')")
        self.assertEqual(self.project.title, "Online forms")

    def test_nul_in_ids_is_not_cut(self):
        # C would have found "online-forms" for "online-forms\0x"
        self.assertNotIn("online-forms\x00x", self.doc.projects)
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.projects["online-forms\x00x"]
        with self.assertRaises(portfolio.ArgumentError):
            del self.doc.projects["online-forms\x00x"]
        self.assertIn("online-forms", self.doc.projects)
        with self.assertRaises(portfolio.ArgumentError):
            portfolio.load(MINIMAL + "\x00.not-read")

    def test_people(self):
        org = self.doc.organisation
        org.people = 12
        with self.assertRaises(portfolio.ArgumentError) as cm:
            org.people = 0
        self.assertEqual(str(cm.exception), "organisation.people: must be at least 1 (got 0)")
        self.assertNotIsInstance(cm.exception, TypeError)
        for value, shown in (("5", "'5'"), (1.5, "1.5"), (True, "True"), (5.0, "5.0")):
            with self.assertRaises(portfolio.ArgumentTypeError) as cm:
                org.people = value
            self.assertIsInstance(cm.exception, TypeError)
            self.assertEqual(str(cm.exception), f"organisation.people: expected a whole number (int) (got {shown})")
        with self.assertRaises(portfolio.ArgumentError) as cm:
            org.people = 2 ** 63
        self.assertEqual(str(cm.exception),
                         f"organisation.people: must be at most {2 ** 63 - 1} (got {2 ** 63})")
        self.assertEqual(org.people, 12)
        org.people = 2 ** 63 - 1
        self.assertEqual(org.people, 2 ** 63 - 1)
        org.people = None
        self.assertIsNone(org.people)

    def test_numbers_are_consistent(self):
        for value in ("12", True, b"12"):
            with self.assertRaises(portfolio.ArgumentTypeError) as cm:
                self.project.budget = value
            self.assertTrue(str(cm.exception).startswith("budget: expected a number (int or float) (got "))
            with self.assertRaises(portfolio.ArgumentTypeError):
                self.project.fte = value
        self.project.budget = 12
        self.assertEqual(self.project.budget, 12.0)
        self.project.fte = 1.5
        self.assertEqual(self.project.fte, 1.5)
        with self.assertRaises(portfolio.ArgumentError) as cm:
            self.project.budget = 10 ** 400
        self.assertTrue(str(cm.exception).startswith("budget: too large (got 1000"))
        self.assertLessEqual(len(str(cm.exception)), 110, "a huge value is shown cut short")
        self.assertEqual(self.project.budget, 12.0)

    def test_bool_flags(self):
        with self.assertRaises(portfolio.ArgumentTypeError) as cm:
            self.doc.report(anonymous="no")  # truthy: would have left the pseudonyms out
        self.assertEqual(str(cm.exception), "anonymous: expected True or False (got 'no')")

    def test_swig_messages_never_show(self):
        scores = self.doc.score()
        cases = [lambda: setattr(self.project, "title", 5), lambda: self.doc.add_project(5),
                 lambda: scores.diamond_svg(width=-1), lambda: scores.diamond_svg(lang=5),
                 lambda: self.doc.relations(threshold="x"), lambda: portfolio.load(MINIMAL, max_depth=2 ** 70),
                 lambda: self.doc.assessments[0].answer("q1.mission", 2 ** 40),
                 lambda: setattr(self.doc.organisation, "people", 2 ** 70)]
        for call in cases:
            with self.assertRaises(portfolio.ArgumentError) as cm:
                call()
            self.assertNotIn("in method", str(cm.exception))
            self.assertNotIn("argument", str(cm.exception))

    def test_private_module_refuses_nul(self):
        """The SWIG layer itself refuses what it would cut, for callers of portfolio._capi."""
        err = _capi.pf_error()
        p = _capi.pf_doc_find_project(self.doc._ptr(), "online-forms")
        with self.assertRaises(ValueError) as cm:
            _capi.pf_project_set_title(p, "a\x00b", err)
        self.assertIn("embedded NUL", str(cm.exception))
        with self.assertRaises(UnicodeEncodeError):
            _capi.pf_project_set_title(p, "a\udc80b", err)
        with self.assertRaises(TypeError):
            _capi.pf_project_set_title(p, b"bytes", err)
        with self.assertRaises(ValueError):
            _capi.pf_doc_find_project(self.doc._ptr(), "online-forms\x00x")
        self.assertEqual(_capi.pf_project_set_title(p, None, err), _capi.PF_OK)  # None is NULL: clears
        self.assertIsNone(_capi.pf_project_title(p))


class EveryEntryPoint(Checks):
    """Every public function and setter with wrong values of every kind."""

    def setUp(self):
        self.doc = portfolio.load(MINIMAL)
        self.project = self.doc.projects["online-forms"]
        self.assessment = self.doc.assessments["r-001"]
        self.org = self.doc.organisation

    def test_reading(self):
        self.refused("path", portfolio.load, PATH)
        self.refused("text", portfolio.loads, [None, 5, 1.5, ["portfolio: 1"], {"portfolio": 1}, "a\udc80"])
        self.refused("source", lambda v: portfolio.loads("portfolio: 1\n", source=v), TEXT_REQUIRED)
        for limit in ("max_bytes", "max_depth", "max_string", "max_items", "max_diagnostics"):
            self.refused(limit, lambda v: portfolio.load(MINIMAL, **{limit: v}), WHOLE + [None, -1, 2 ** 64])
            self.refused(limit, lambda v: portfolio.loads("portfolio: 1\n", **{limit: v}), ["5", -1])
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.load(MINIMAL, max_nonsense=1)
        self.refused("path", portfolio.Rules.load, PATH)
        self.refused("text", portfolio.Rules.loads, [None, 5, ["rules: []"]])
        self.refused("source", lambda v: portfolio.Rules.loads("rules: []\n", source=v), TEXT_REQUIRED)
        self.refused("instrument", portfolio.Document, [5, 1.5, True, ["opsi-pet-2020"], "", NUL, SURROGATE])

    def test_document(self):
        d = self.doc
        here = os.getcwd()
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)  # a name cut at its NUL would have been written here
            try:
                self.refused("path", d.save, PATH)
                self.refused("path", lambda v: d.report(path=v), PATH[1:])
            finally:
                os.chdir(here)
            self.assertEqual(os.listdir(tmp), [])
        self.setter(portfolio.Document(), "instrument", [None, 5, True, ["x"], "", NUL, SURROGATE])
        self.setter(d, "targets", FACETS)
        self.refused("id", d.add_project, TEXT_REQUIRED, lambda: d.projects.ids())
        self.refused("respondent", d.add_assessment, TEXT_REQUIRED, lambda: d.assessments.ids())
        self.refused("answers", lambda v: d.add_assessment("r-009", answers=v), MAPPING,
                     lambda: d.assessments.ids())
        self.refused("role", lambda v: d.add_assessment("r-009", role=v), ENUM, lambda: d.assessments.ids())
        self.refused("unit", lambda v: d.add_assessment("r-009", unit=v), TEXT, lambda: d.assessments.ids())
        self.refused("date", lambda v: d.add_assessment("r-009", date=v), DATE, lambda: d.assessments.ids())
        with self.assertRaises(portfolio.ArgumentTypeError):
            d.add_project("new-one", colour="blue")
        self.assertNotIn("new-one", d.projects)

    def test_analyses(self):
        d = self.doc
        self.refused("mode", lambda v: d.score(mode=v), ENUM_REQUIRED)
        self.refused("strict", lambda v: d.score(strict=v), FLAG)
        self.refused("strong_threshold", lambda v: d.score(strong_threshold=v),
                     NUMBER + [0, -1, 100.5, float("nan"), float("inf")])
        self.refused("weight", lambda v: d.map(weight=v), ENUM_REQUIRED)
        self.refused("scores", lambda v: d.map(scores=v), [5, "scores", d.map(), d])
        self.refused("mode", lambda v: d.map(mode=v), ENUM_REQUIRED)
        self.refused("other", d.compare, [None, 5, MINIMAL, d.score()])
        self.refused("mode", lambda v: d.compare(d, mode=v), ENUM_REQUIRED)
        self.refused("weight", lambda v: d.compare(d, weight=v), ENUM_REQUIRED)
        self.refused("allow_different_instruments", lambda v: d.compare(d, allow_different_instruments=v), FLAG)
        for key in ("tag_weight", "partner_weight", "threshold", "duplicate_threshold", "common_share"):
            self.refused(key, lambda v: d.relations(**{key: v}), NUMBER + [None, -1, float("nan")])
        for key in ("top_k", "common_min", "work_limit"):
            self.refused(key, lambda v: d.relations(**{key: v}), WHOLE + [None, -1, 2 ** 64])
        with self.assertRaises(portfolio.ArgumentTypeError):
            d.relations(nonsense=1)
        self.refused("lang", lambda v: d.recommend(lang=v), TEXT_REQUIRED)
        self.refused("rules", lambda v: d.recommend(rules=v), RULES)
        self.refused("mode", lambda v: d.recommend(mode=v), ENUM_REQUIRED)
        self.refused("weight", lambda v: d.recommend(weight=v), ENUM_REQUIRED)
        self.refused("lang", lambda v: d.analyse(lang=v), TEXT_REQUIRED)
        self.refused("rules", lambda v: d.analyse(rules=v), RULES)
        self.refused("mode", lambda v: d.analyse(mode=v), ENUM_REQUIRED)
        self.refused("weight", lambda v: d.analyse(weight=v), ENUM_REQUIRED)
        self.refused("format", lambda v: d.report(format=v), ENUM_REQUIRED)
        self.refused("lang", lambda v: d.report(lang=v), TEXT_REQUIRED)
        self.refused("mode", lambda v: d.report(mode=v), ENUM_REQUIRED)
        self.refused("weight", lambda v: d.report(weight=v), ENUM_REQUIRED)
        self.refused("anonymous", lambda v: d.report(anonymous=v), FLAG)
        self.refused("color", lambda v: d.report(color=v), FLAG)
        self.refused("rules", lambda v: d.report(rules=v), RULES)
        # A binary file: not a text file (its write takes str), nor with path= too.
        self.refused("file", lambda v: d.report(file=v), FILES)
        self.refused("file", lambda v: d.report(path="r.txt", file=v), [io.BytesIO()])
        # The completeness floor, wherever respondents are scored (--completeness-floor, --include-incomplete).
        floors = NUMBER + [-0.1, 1.5, float("nan"), float("inf")]
        calls = {"score": d.score, "map": d.map, "recommend": d.recommend, "analyse": d.analyse,
                 "report": d.report, "compare": lambda **kw: d.compare(d, **kw)}
        for name, call in calls.items():
            with self.subTest(call=name):
                self.refused("completeness_floor", lambda v: call(completeness_floor=v), floors)
                self.refused("include_incomplete", lambda v: call(include_incomplete=v), FLAG[1:])
        self.refused("respondents", lambda v: d.report(respondents=v), FLAG)
        self.refused("min_group", lambda v: d.report(min_group=v), WHOLE + [0, -1, 1000001, 2 ** 64])
        self.refused("since", lambda v: d.report(since=v), [5, "old.yaml", MINIMAL, d.score()])

    def test_organisation(self):
        o = self.org
        o.people = 40
        self.setter(o, "name", TEXT, "organisation.name")
        self.setter(o, "country", TEXT + ["Narnia"], "organisation.country")
        self.setter(o, "level", ENUM, "organisation.level")
        self.setter(o, "people", WHOLE + [0, -1, 2 ** 63, 2 ** 64, 10 ** 400], "organisation.people")
        self.setter(o, "sectors", [5, 1.5, True, b"health", {"health": 1}, ["health", 5], ["nonsense"], NUL],
                    "organisation.sectors")

    def test_project(self):
        p = self.project
        for attribute in ("title", "unit"):
            self.setter(p, attribute, TEXT)
        for attribute in ("purpose", "driver", "priority", "stage"):
            self.setter(p, attribute, ENUM)
        for attribute in ("budget", "fte"):
            self.setter(p, attribute, NUMBER + [-1, float("nan"), float("inf")])
        for attribute in ("start", "end"):
            self.setter(p, attribute, DATE)
        for attribute in ("tags", "partners"):
            self.setter(p, attribute, TEXTS)
        self.setter(p, "facets", FACETS)
        self.setter(p, "links", MAPPING + [{5: "synergy"}, {NUL: "synergy"}, {"quay-futures": 5},
                                           {"quay-futures": "friends"}])

    def test_assessment(self):
        a = self.assessment
        self.setter(a, "role", ENUM)
        self.setter(a, "unit", TEXT)
        self.setter(a, "date", DATE)
        answers = lambda: a.answers  # noqa: E731
        self.refused("item", lambda v: a.answer(v, 2), TEXT_REQUIRED, answers)
        self.refused("answers.q1.mission", lambda v: a.answer("q1.mission", v),
                     [None, 1.5, True, b"agree", {"a": 1}, NUL, "agreed"], answers)
        # beyond C's int, the library's own message (as for 7)
        self.refused("q1.mission", lambda v: a.answer("q1.mission", v), [7, 2 ** 40, -2 ** 40], answers)
        self.refused("answers.q2", lambda v: a.answer("q2", v), [[1, 2, 3, 4], ["mission", None], [NUL]], answers)
        self.refused("item", a.clear_answer, TEXT_REQUIRED, answers)

    def test_lists(self):
        for items in (self.doc.projects, self.doc.assessments):
            self.refused("key", items.__getitem__, [None, 1.5, b"x", ["x"], NUL, SURROGATE])
            self.refused("key", items.get, [None, 1.5, NUL])
            self.refused("key", items.remove, [None, 5, b"x", NUL, SURROGATE], items.ids)
            self.refused("key", items.__delitem__, [None, NUL], items.ids)
            for value in (None, 5, b"x", NUL, SURROGATE, ["x"]):
                self.assertNotIn(value, items)

    def test_answers_in(self):
        d = self.doc
        before = d.dump
        here = os.getcwd()
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)  # a name cut at its NUL would have been written here
            try:
                for writer in (portfolio.form, portfolio.template):
                    self.refused("instrument", writer, INSTRUMENT)
                    self.refused("lang", lambda v: writer(lang=v), TEXT)
                    self.refused("path", lambda v: writer(path=v), PATH[1:])
            finally:
                os.chdir(here)
            self.assertEqual(os.listdir(tmp), [])
        self.refused("lang", lambda v: portfolio.form(lang=v), ["de", "english"])
        self.refused("instrument", lambda v: portfolio.load(MINIMAL, instrument=v), INSTRUMENT)
        self.refused("instrument", lambda v: portfolio.loads("portfolio: 1\n", instrument=v), INSTRUMENT)
        self.refused("paths", d.collect, PATHS, before)
        self.refused("replace", lambda v: d.collect([], replace=v), FLAG, before)
        for limit in ("max_bytes", "max_depth", "max_string", "max_items", "max_diagnostics"):
            self.refused(limit, lambda v: d.collect([], **{limit: v}), WHOLE + [None, -1, 2 ** 64], before)
        with self.assertRaises(portfolio.ArgumentTypeError):
            d.collect([], max_nonsense=1)
        self.refused("text", d.collect_text, [None, 5, 1.5, ["portfolio: 1"], {"portfolio": 1}, "a\udc80"], before)
        self.refused("source", lambda v: d.collect_text("portfolio: 1\n", source=v), TEXT_REQUIRED, before)
        self.refused("replace", lambda v: d.collect_text("portfolio: 1\n", replace=v), FLAG, before)
        self.refused("path", portfolio.Instrument.load, PATH)
        self.refused("text", portfolio.Instrument.loads, [None, 5, ["instrument: 1"]])
        self.refused("source", lambda v: portfolio.Instrument.loads("instrument: 1\n", source=v), TEXT_REQUIRED)
        inst = d.instrument
        self.refused("lang", inst.title_in, TEXT)
        self.refused("lang", lambda v: inst.questions(lang=v), TEXT)
        self.refused("id", inst.question, TEXT_REQUIRED)
        self.refused("id", inst.__getitem__, TEXT_REQUIRED)
        self.refused("lang", lambda v: inst.question("q1", lang=v), TEXT)
        self.refused("lang", lambda v: inst.form(lang=v), TEXT)
        self.refused("path", lambda v: inst.template(path=v), PATH[1:])
        for value in (None, 5, b"q1", NUL, SURROGATE):
            self.assertNotIn(value, inst)
        # the good values still work
        self.assertEqual(inst.title_in("fr"), inst.title_in("fr-CA"))

    def test_imports(self):
        csv_file = os.path.join(support.SOURCE_ROOT, "tests", "data", "csv", "projects-quoted.csv")
        maps = [5, 1.5, True, ["m.yaml"], {"a": 1}, "", NUL, SURROGATE, b"\xff.yaml"]
        separators = [5, 44, True, b",", [","], "|", "", ",;", NUL]
        for kind in ("answers", "projects"):
            from_file = getattr(portfolio, f"import_{kind}")
            from_text = getattr(portfolio, f"import_{kind}_text")
            self.refused("path", from_file, PATH)
            self.refused("map", lambda v: from_file(csv_file, map=v), maps)
            self.refused("separator", lambda v: from_file(csv_file, separator=v), separators)
            for limit in ("max_bytes", "max_depth", "max_string", "max_items", "max_diagnostics"):
                self.refused(limit, lambda v: from_file(csv_file, **{limit: v}), WHOLE + [None, -1, 2 ** 64])
            self.refused("text", from_text, [None, 5, 1.5, ["id"], {"id": 1}, "a\udc80"])
            self.refused("source", lambda v: from_text("id\n", source=v), TEXT_REQUIRED)
            self.refused("map", lambda v: from_text("id\n", map=v), maps)
            self.refused("separator", lambda v: from_text("id\n", separator=v), separators)
        instruments = [5, 1.5, True, ["opsi-pet-2020"], "", NUL, SURROGATE, portfolio.Instrument.default()]
        self.refused("instrument", lambda v: portfolio.import_answers(csv_file, instrument=v), instruments)
        self.refused("instrument", lambda v: portfolio.import_answers_text("respondent\n", instrument=v), instruments)
        self.refused("path", portfolio.ImportMap.load, PATH)
        self.refused("text", portfolio.ImportMap.loads, [None, 5, ["import: 1"]])
        self.refused("source", lambda v: portfolio.ImportMap.loads("import: 1\n", source=v), TEXT_REQUIRED)

    def test_results(self):
        scores = self.doc.score()
        m = self.doc.map()
        cmp = self.doc.compare(self.doc)
        rel = self.doc.relations()
        charts = [scores.diamond_svg, scores.capability_svg, scores.roles_svg, m.to_svg, m.targets_svg, cmp.to_svg]
        for chart in charts:
            self.refused("lang", lambda v: chart(lang=v), TEXT_REQUIRED)
            self.refused("width", lambda v: chart(width=v), WHOLE + [None, -1, 2 ** 32])
        self.refused("titles", lambda v: m.to_svg(titles=v), FLAG)
        self.refused("anonymous", lambda v: scores.to_json(anonymous=v), FLAG)
        self.refused("anonymous", lambda v: scores.write_json(io.BytesIO(), anonymous=v), FLAG)
        for result in (scores, m, rel):
            self.refused("file", result.write_json, FILES)
        self.refused("metric", lambda v: scores.divergence(v, "team", "team"), [None, 5, b"x", ["x"]])
        self.refused("role", lambda v: scores.divergence("capability.score", v, "team"), ENUM_REQUIRED)
        self.refused("role", lambda v: scores.divergence("capability.score", "team", v), ENUM_REQUIRED)
        self.refused("kind", rel.of_kind, ENUM_REQUIRED)
        self.refused("other", portfolio.Rules.default().merge, [None, 5, "rules.yaml", scores])
        # the good values still work
        self.assertTrue(m.to_svg(lang="fr", width=800, titles=True).startswith("<svg"))
        self.assertEqual(rel.of_kind("synergy"), rel.of_kind(portfolio.RelationKind.SYNERGY))


class Coverage(unittest.TestCase):
    """The public members of every class, sorted into those taking user values (each checked
    above) and those that take none: a new public member must be added to one list."""

    TAKES_VALUES = {
        "Document": {"save", "instrument", "targets", "add_project", "add_assessment", "score", "map", "compare",
                     "relations", "synergies", "recommend", "analyse", "report", "collect", "collect_text"},
        "Organisation": {"name", "country", "level", "people", "sectors"},
        "Project": {"title", "unit", "purpose", "driver", "priority", "stage", "budget", "fte", "start", "end",
                    "tags", "partners", "facets", "links"},
        "Assessment": {"role", "unit", "date", "answer", "clear_answer"},
        "ProjectList": {"__getitem__", "get", "__contains__", "__delitem__", "remove"},
        "AssessmentList": {"__getitem__", "get", "__contains__", "__delitem__", "remove"},
        "Scores": {"divergence", "to_json", "write_json", "diamond_svg", "capability_svg", "roles_svg"},
        "Map": {"to_svg", "targets_svg", "write_json"},
        "Comparison": {"to_svg"},
        "Relations": {"of_kind", "write_json"},
        "Rules": {"load", "loads", "merge"},
        "Advice": set(),
        "Recommendation": set(),
        "Record": set(),
        "Instrument": {"load", "loads", "title_in", "questions", "question", "__getitem__", "__contains__", "form",
                       "template"},
        "Question": set(),
        "Item": set(),
        "Option": set(),
        "Summary": set(),
        "ImportMap": {"load", "loads"},
    }
    # Members that take no value, or only keys looked up in Python (never passed to C).
    NO_VALUES = {"close", "closed", "dump", "validate", "problems", "organisation", "projects", "assessments",
                 "to_dict", "to_json", "id", "respondent", "answers", "ids", "default", "title", "language",
                 "languages", "path", "answer_ids", "files", "added", "replaced", "refused",
                 "kind", "keys"}
    # Lookups in Python data (the results' entries by key), never passed to C.
    PYTHON_KEYS = {"Scores", "Map", "Comparison", "Relations", "Advice", "Record", "Rules"}
    PYTHON_LOOKUPS = {"__getitem__", "__contains__", "get", "of_rule"}
    DUNDERS = ("__getitem__", "__setitem__", "__contains__", "__delitem__", "__call__")

    def public_members(self, cls):
        names = set()
        for klass in cls.__mro__:
            if klass.__module__.startswith("portfolio"):
                names |= {n for n, v in vars(klass).items()
                          if (not n.startswith("_") or n in self.DUNDERS) and not inspect.ismemberdescriptor(v)}
        return names

    def test_every_public_member_is_sorted(self):
        doc = portfolio.load(MINIMAL)
        classes = [portfolio.Document, portfolio.Organisation, portfolio.Project, portfolio.Assessment,
                   type(doc.projects), type(doc.assessments), portfolio.Scores, portfolio.Map, portfolio.Comparison,
                   portfolio.Relations, portfolio.Rules, portfolio.Advice, portfolio.Recommendation,
                   portfolio.Record, portfolio.Instrument, portfolio.Question, portfolio.Item, portfolio.Option,
                   portfolio.Summary, portfolio.ImportMap]
        for cls in classes:
            for name in sorted(self.public_members(cls)):
                with self.subTest(member=f"{cls.__name__}.{name}"):
                    sorted_in = (name in self.TAKES_VALUES[cls.__name__] or name in self.NO_VALUES or
                                 (name in self.PYTHON_LOOKUPS and cls.__name__ in self.PYTHON_KEYS))
                    self.assertTrue(sorted_in, "a new public member: test it with wrong values")
        functions = {n for n in portfolio.__all__ if inspect.isfunction(getattr(portfolio, n))}
        self.assertEqual(functions, {"load", "loads", "form", "template", "import_answers", "import_answers_text",
                                     "import_projects", "import_projects_text"})


if __name__ == "__main__":
    support.main()
