"""Answers in from Python: the form and the template are the command's bytes, collecting folds
answers files into a portfolio all or nothing (the golden document of tests/test_collect.c, every
problem at its exact position), documents read with a caller's instrument, and instruments
browsed in their languages."""

import os
import pathlib
import pickle
import subprocess
import tempfile
import unittest

import support
import portfolio

COLLECT = os.path.join(support.SOURCE_ROOT, "tests", "data", "collect")
TEAM_PULSE = support.example("instruments/team-pulse.yaml")
# As tests/test_collect.c names it, from tests/data/collect: messages quote it.
MINIMAL = "../../../examples/data/minimal.yaml"
TEAM_PULSE_DOC = "../../../examples/data/team-pulse.yaml"


def cli_bytes(*args):
    """The portfolio command's standard output, as bytes."""
    out = subprocess.run([support.CLI, *args], check=True, capture_output=True, cwd=support.SOURCE_ROOT,
                         env=dict(os.environ, NO_COLOR="1"))
    return out.stdout


def slurp(path):
    with open(path, "rb") as f:
        return f.read()


@unittest.skipUnless(support.CLI, "PORTFOLIO_CLI not set")
class Writers(unittest.TestCase):
    """portfolio.form() and portfolio.template() give the command's bytes."""

    INSTRUMENTS = ((None, ()), (TEAM_PULSE, (TEAM_PULSE,)))

    def test_form_equals_the_command(self):
        for instrument, operand in self.INSTRUMENTS:
            for lang in ("en", "fr"):
                with self.subTest(instrument=instrument, lang=lang):
                    want = cli_bytes("form", *operand, "--lang", lang)
                    html = portfolio.form(instrument, lang=lang)
                    self.assertIsInstance(html, str)
                    self.assertTrue(html.startswith("<!DOCTYPE html>"))
                    self.assertEqual(html.encode("utf-8"), want)
        # The same through an Instrument, the method, and a document's instrument.
        want = cli_bytes("form", TEAM_PULSE, "--lang", "fr")
        with portfolio.Instrument.load(TEAM_PULSE) as inst:
            self.assertEqual(portfolio.form(inst, "fr").encode("utf-8"), want)
            self.assertEqual(inst.form(lang="fr").encode("utf-8"), want)
        doc = portfolio.load(support.example("team-pulse.yaml"))
        self.assertEqual(portfolio.form(doc.instrument, lang="fr").encode("utf-8"), want)
        self.assertEqual(portfolio.form().encode("utf-8"), cli_bytes("form"))

    def test_form_to_a_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            ours, theirs = os.path.join(tmp, "ours.html"), os.path.join(tmp, "theirs.html")
            self.assertIsNone(portfolio.form(TEAM_PULSE, lang="fr", path=ours))
            cli_bytes("form", TEAM_PULSE, "--lang", "fr", "-o", theirs)
            self.assertEqual(slurp(ours), slurp(theirs))
            self.assertEqual(sorted(os.listdir(tmp)), ["ours.html", "theirs.html"])  # no temporary file left
            with self.assertRaises(portfolio.FileError) as cm:
                portfolio.form(path=os.path.join(tmp, "missing", "form.html"))
            self.assertEqual(cm.exception.source, os.path.join(tmp, "missing", "form.html"))

    def test_form_languages(self):
        with self.assertRaises(portfolio.ArgumentError) as cm:
            portfolio.form(lang="de")
        self.assertNotIsInstance(cm.exception, TypeError)
        self.assertEqual(cm.exception.code, portfolio.EARG)
        self.assertEqual(str(cm.exception), "lang: unknown language 'de' (expected en or fr)")
        self.assertEqual(portfolio.form(lang=None), portfolio.form(lang="en"))

    def test_template_equals_the_command_and_the_goldens(self):
        goldens = {(None, "en"): "template-opsi-pet-2020.yaml", (None, "fr"): "template-opsi-pet-2020-fr.yaml",
                   (TEAM_PULSE, "en"): "template-team-pulse.yaml", (TEAM_PULSE, "fr"): "template-team-pulse-fr.yaml"}
        for instrument, operand in self.INSTRUMENTS:
            for lang in ("en", "fr"):
                with self.subTest(instrument=instrument, lang=lang):
                    text = portfolio.template(instrument, lang=lang)
                    self.assertEqual(text.encode("utf-8"), cli_bytes("instrument", *operand, "--template", "--lang",
                                                                     lang))
                    self.assertEqual(text.encode("utf-8"), slurp(os.path.join(COLLECT, goldens[instrument, lang])))
        self.assertEqual(portfolio.template(), portfolio.Instrument.default().template())
        # Other languages: notes in English; None: the instrument's own texts.
        self.assertEqual(portfolio.template(TEAM_PULSE, lang="de"), portfolio.template(TEAM_PULSE, lang="en"))
        self.assertEqual(portfolio.template(TEAM_PULSE, lang=None), portfolio.template(TEAM_PULSE, lang="en"))

    def test_a_template_is_an_answers_file_but_for_its_respondent(self):
        text = portfolio.template(TEAM_PULSE)
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.loads(text, source="t.yaml", instrument=TEAM_PULSE)
        self.assertEqual([str(p) for p in cm.exception.problems],
                         ["t.yaml:7:5: assessments[0]: key 'respondent' of an assessment must have a value"])
        filled = text.replace("  - respondent:", "  - respondent: r-9", 1)
        doc = portfolio.loads(filled, source="t.yaml", instrument=TEAM_PULSE)
        self.assertEqual(doc.assessments.ids(), ["r-9"])
        self.assertEqual(doc.assessments["r-9"].answers, {})

    def test_template_to_a_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "blank.yaml")
            self.assertIsNone(portfolio.template(lang="fr", path=path))
            self.assertEqual(slurp(path), slurp(os.path.join(COLLECT, "template-opsi-pet-2020-fr.yaml")))


class Collect(unittest.TestCase):
    """doc.collect(): as tests/test_collect.c, from tests/data/collect."""

    def setUp(self):
        self.here = os.getcwd()
        os.chdir(COLLECT)

    def tearDown(self):
        os.chdir(self.here)

    def answers(self):
        return sorted(os.path.join("answers", f) for f in os.listdir("answers") if not f.startswith("."))

    def test_forty_answers_files_give_the_expected_document(self):
        names = self.answers()
        self.assertEqual(len(names), 40)
        self.assertEqual(names[3], "answers/r-104.json")
        doc = portfolio.load(MINIMAL)
        summary = doc.collect(names)
        self.assertEqual(summary, portfolio.Summary(files=40, added=40, replaced=0, refused=0))
        self.assertEqual((summary.files, summary.added, summary.replaced, summary.refused), (40, 40, 0, 0))
        self.assertEqual(repr(summary), "Summary(files=40, added=40, replaced=0, refused=0)")
        self.assertEqual(str(summary), "40 files: 40 assessments added, 0 replaced, 0 files refused")
        self.assertEqual(summary.to_dict(), {"files": 40, "added": 40, "replaced": 0, "refused": 0})
        self.assertEqual(doc.assessments.ids(), ["r-001"] + [f"r-{101 + i}" for i in range(40)])
        self.assertEqual(doc.dump().encode("utf-8"), slurp("expected.yaml"))
        self.assertEqual(len(doc.score()), 41)
        # os.PathLike and bytes names, any iterable
        again = portfolio.load(MINIMAL)
        self.assertEqual(again.collect(iter([pathlib.Path(n) for n in names[:20]] + [n.encode() for n in names[20:]])),
                         summary)
        self.assertEqual(again.dump(), doc.dump())

    @unittest.skipUnless(support.CLI, "PORTFOLIO_CLI not set")
    def test_collect_equals_the_command(self):
        names = self.answers()
        out = subprocess.run([support.CLI, "collect", MINIMAL, *names], check=True, capture_output=True, cwd=COLLECT)
        doc = portfolio.load(MINIMAL)
        summary = doc.collect(names)
        self.assertEqual(doc.dump().encode("utf-8"), out.stdout)
        self.assertEqual(out.stderr.decode(), f"portfolio collect: {summary}; written to standard output\n")

    def test_broken_files_are_refused_with_located_problems(self):
        doc = portfolio.load(MINIMAL)
        before = doc.dump()
        files = ["answers/r-101.yaml", "broken/syntax.yaml", "broken/unknown-item.yaml",
                 "broken/wrong-instrument.yaml", "broken/projects.yaml", "answers/r-102.yaml", "broken/none.yaml"]
        want = [
            ("broken/syntax.yaml", 9, 10, "YAML syntax error: did not find expected ',' or ']' while parsing a flow "
             "sequence (which began at line 8, column 11)"),
            ("broken/unknown-item.yaml", 9, 7, "assessments[0].answers: unknown item 'q1.missions' (not in "
             "instrument opsi-pet-2020)"),
            ("broken/unknown-item.yaml", 10, 12, "assessments[0].answers.q17: unknown value 'maybe' (expected one "
             "of: yes, no, unsure)"),
            ("broken/wrong-instrument.yaml", 2, 13, "instrument: these answers are to 'team-pulse-2025', but the "
             "portfolio's instrument is 'opsi-pet-2020'"),
            ("broken/projects.yaml", 3, 1, "organisation: an answers file holds only assessments"),
            ("broken/projects.yaml", 6, 1, "projects: an answers file holds only assessments"),
            ("broken/none.yaml", 0, 0, "cannot open: No such file or directory"),
        ]
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(files)
        e = cm.exception
        self.assertEqual(e.problems, [portfolio.Problem(*p) for p in want])
        self.assertEqual(e.total, 7)
        self.assertEqual(e.summary, portfolio.Summary(7, 2, 0, 5))
        self.assertEqual(e.code, portfolio.ESYNTAX)  # the first problem's status
        self.assertEqual((e.source, e.line, e.column), ("broken/syntax.yaml", 9, 10))
        self.assertEqual(str(e).splitlines()[-1], "broken/none.yaml: cannot open: No such file or directory")
        self.assertEqual(doc.dump(), before, "a refused collect leaves the document exactly as it was")
        self.assertEqual(doc.assessments.ids(), ["r-001"])
        # One file that cannot be read: still a refusal, with its own status.
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(["broken/none.yaml"])
        self.assertEqual(cm.exception.code, portfolio.ENOTFOUND)
        self.assertEqual(cm.exception.summary, portfolio.Summary(1, 0, 0, 1))
        self.assertEqual(doc.dump(), before)
        # Nothing to collect changes nothing.
        self.assertEqual(doc.collect([]), portfolio.Summary(0, 0, 0, 0))
        self.assertEqual(doc.dump(), before)

    def test_a_known_respondent_is_refused_then_replaced_in_place(self):
        doc = portfolio.load(MINIMAL)
        before = doc.dump()
        files = ["answers/r-101.yaml", "broken/duplicate.yaml"]
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(files)
        self.assertEqual([str(p) for p in cm.exception.problems],
                         ["broken/duplicate.yaml:8:17: assessments[1].respondent: 'r-001' already has an assessment in "
                          "the portfolio (../../../examples/data/minimal.yaml:32:17); collect with replace to replace "
                          "it"])
        self.assertEqual(cm.exception.code, portfolio.EEXISTS)
        self.assertEqual(cm.exception.summary, portfolio.Summary(2, 1, 0, 1))
        self.assertEqual(doc.dump(), before)

        self.assertEqual(doc.collect(files, replace=True), portfolio.Summary(2, 2, 1, 0))
        self.assertEqual(doc.assessments.ids(), ["r-001", "r-101", "r-205"])  # r-001 kept its place
        first = doc.assessments["r-001"]
        self.assertEqual(first.unit, "Digital Team")
        self.assertEqual(first.date.isoformat(), "2026-12-02")
        self.assertEqual(first.answers, {"q1.enhancement": 1, "q17": "yes"})  # the new answers only
        # Collected again: every respondent is known now.
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(files)
        self.assertEqual(cm.exception.summary, portfolio.Summary(2, 0, 0, 2))
        self.assertEqual(len(cm.exception.problems), 3)
        self.assertEqual(str(cm.exception.problems[0]),
                         "answers/r-101.yaml:5:17: assessments[0].respondent: 'r-101' already has an assessment in "
                         "the portfolio (../../../examples/data/minimal.yaml); collect with replace to replace it")

    def test_a_respondent_in_two_files_of_one_call_is_refused(self):
        doc = portfolio.load(MINIMAL)
        files = ["answers/r-101.yaml", "answers/r-102.yaml", "broken/again-r-101.json", "answers/r-102.yaml"]
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(files, replace=True)
        self.assertEqual([str(p) for p in cm.exception.problems], [
            "broken/again-r-101.json:5:20: assessments[0].respondent: 'r-101' is also in answers/r-101.yaml:5:17, "
            "collected in the same call",
            "answers/r-102.yaml:3:17: assessments[0].respondent: 'r-102' is also in answers/r-102.yaml:3:17, "
            "collected in the same call"])
        self.assertEqual(cm.exception.summary, portfolio.Summary(4, 2, 0, 2))
        self.assertEqual(doc.assessments.ids(), ["r-001"])

    def test_collect_text(self):
        cases = [
            ("portfolio: 1\n", "a.yaml:1:1: missing key 'assessments' in an answers file"),
            ("portfolio: 1\nassessments: []\n", "a.yaml:2:14: assessments: an answers file holds at least one "
             "assessment"),
            ("portfolio: 1\ninstrument: x/pulse.yaml\nassessments: [{respondent: a}]\n",
             "a.yaml:2:13: instrument: 'x/pulse.yaml' is a file; an answers file names its instrument by id (the "
             "portfolio's is 'opsi-pet-2020')"),
        ]
        doc = portfolio.load(MINIMAL)
        before = doc.dump()
        for text, problem in cases:
            with self.subTest(text=text):
                with self.assertRaises(portfolio.ValidationError) as cm:
                    doc.collect_text(text, source="a.yaml")
                self.assertEqual([str(p) for p in cm.exception.problems], [problem])
                self.assertEqual(cm.exception.summary, portfolio.Summary(1, 0, 0, 1))
                self.assertEqual(doc.dump(), before)
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect_text("portfolio: 1\n")
        self.assertEqual(cm.exception.source, "<string>")
        text = '{"portfolio": 1, "assessments": [{"respondent": "a", "answers": {"q17": "yes"}}]}'
        self.assertEqual(doc.collect_text(text.encode("utf-8"), source="a.json"), portfolio.Summary(1, 1, 0, 0))
        self.assertEqual(doc.assessments["a"].answers, {"q17": "yes"})
        with open("answers/r-101.yaml", encoding="utf-8") as f:
            self.assertEqual(doc.collect_text(f.read()), portfolio.Summary(1, 1, 0, 0))
        self.assertEqual(doc.assessments.ids(), ["r-001", "a", "r-101"])

    def test_reading_limits_apply_to_answers_files(self):
        doc = portfolio.load(MINIMAL)
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(["answers/r-101.yaml"], max_bytes=100)
        self.assertEqual(cm.exception.code, portfolio.ELIMIT)
        self.assertEqual(cm.exception.source, "answers/r-101.yaml")
        self.assertEqual(doc.assessments.ids(), ["r-001"])
        self.assertEqual(doc.collect(["answers/r-101.yaml"], max_bytes=10000), portfolio.Summary(1, 1, 0, 0))

    def test_answers_to_a_custom_instrument(self):
        doc = portfolio.load(TEAM_PULSE_DOC)
        files = ["team-pulse/t-01.yaml", "team-pulse/t-02.json"]
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(files)
        self.assertEqual([str(p) for p in cm.exception.problems],
                         ["team-pulse/t-02.json:13:21: assessments[1].respondent: 'r-002' already has an assessment in "
                          "the portfolio (../../../examples/data/team-pulse.yaml:34:17); collect with replace to "
                          "replace it"])
        self.assertEqual(doc.collect(files, replace=True), portfolio.Summary(2, 2, 1, 0))
        self.assertEqual(doc.assessments.ids(), ["r-001", "r-002", "r-003", "r-004"])
        self.assertEqual(doc.assessments["r-002"].answers["p3"], ["challenge"])
        self.assertIn("\ninstrument: instruments/team-pulse.yaml\n", doc.dump())
        r3 = doc.score()["r-003"]
        self.assertEqual(r3.orientation.raw.to_dict(),
                         {"enhancement": 3, "mission": 5, "adaptive": 10, "anticipatory": 4})
        self.assertEqual(r3.capability.score, 17)
        with self.assertRaises(portfolio.ValidationError) as cm:
            doc.collect(["team-pulse/default-instrument.yaml", "answers/r-101.yaml"])
        self.assertEqual([str(p) for p in cm.exception.problems], [
            "team-pulse/default-instrument.yaml:2:1: assessments: without 'instrument:' these answers are to "
            "'opsi-pet-2020', but the portfolio's instrument is 'team-pulse-2025'",
            "answers/r-101.yaml:3:13: instrument: these answers are to 'opsi-pet-2020', but the portfolio's "
            "instrument is 'team-pulse-2025'"])
        self.assertEqual(len(doc.assessments), 4)

    def test_answers_files_to_a_custom_instrument_load_with_it(self):
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.load("team-pulse/t-01.yaml")
        self.assertEqual([str(p) for p in cm.exception.problems],
                         ["team-pulse/t-01.yaml:2:13: instrument: 'team-pulse-2025' is not a known instrument (known: "
                          "opsi-pet-2020)"])
        inst = portfolio.Instrument.load(TEAM_PULSE)
        for instrument in (inst, TEAM_PULSE):
            with self.subTest(instrument=instrument):
                doc = portfolio.load("team-pulse/t-01.yaml", instrument=instrument)
                self.assertEqual(doc.instrument.id, "team-pulse-2025")
                self.assertIsNone(doc.instrument.path)  # named by id, not by a file
                self.assertEqual(doc.assessments["r-003"].answers["p2"],
                                 ["responsiveness", "impact", "efficiency", "foresight"])
                self.assertEqual(doc.score()["r-003"].capability.score, 17)
        doc = portfolio.load("team-pulse/t-02.json", instrument=inst)
        self.assertEqual(doc.instrument, inst, "the document shares the caller's instrument")
        inst.close()  # the document keeps its own hold
        self.assertEqual(doc.instrument.id, "team-pulse-2025")
        self.assertEqual(len(doc.score()), 2)
        self.assertIn("\ninstrument: team-pulse-2025\n", doc.dump())
        # A document without `instrument:` keeps the default even when one is supplied.
        with open("team-pulse/default-instrument.yaml", "rb") as f:
            text = f.read()
        with self.assertRaises(portfolio.ValidationError):
            portfolio.loads(text, instrument=TEAM_PULSE)
        plain = portfolio.loads("portfolio: 1\nassessments: [{respondent: a, answers: {q17: yes}}]\n",
                                instrument=TEAM_PULSE)
        self.assertEqual(plain.instrument.id, "opsi-pet-2020")
        # A problem of the instrument file is the instrument's.
        with self.assertRaises(portfolio.FileError) as cm:
            portfolio.load("team-pulse/t-01.yaml", instrument="no/such/instrument.yaml")
        self.assertEqual(cm.exception.source, "no/such/instrument.yaml")

    def test_a_new_document_for_a_custom_instrument_collects(self):
        inst = portfolio.Instrument.load(TEAM_PULSE)
        doc = portfolio.Document(instrument=inst)
        self.assertEqual(doc.instrument, inst)
        self.assertEqual(doc.dump(), "portfolio: 1\ninstrument: team-pulse-2025\n")
        self.assertEqual(doc.collect(["team-pulse/t-01.yaml", "team-pulse/t-02.json"]), portfolio.Summary(2, 3, 0, 0))
        self.assertEqual(doc.assessments.ids(), ["r-003", "r-004", "r-002"])
        inst.close()
        self.assertEqual(doc.score()["r-003"].capability.score, 17)


CSV = os.path.join(support.SOURCE_ROOT, "tests", "data", "csv")
INVALID_CSV = os.path.join(support.SOURCE_ROOT, "tests", "data", "invalid-csv")


def csv_cases(folder):
    """(base path, kind, mapping file or None) of every case of a golden folder of tests/test_import.c."""
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv"):
            base = os.path.join(folder, name[:-4])
            kind = name.split("-", 1)[0]
            yield base, kind, base + ".map.yaml" if os.path.exists(base + ".map.yaml") else None


def importer(kind, text=False):
    return getattr(portfolio, f"import_{kind}" + ("_text" if text else ""))


class Import(unittest.TestCase):
    """portfolio.import_answers() and import_projects(): the golden suites of tests/test_import.c,
    and the command's output."""

    def test_golden_cases(self):
        cases = list(csv_cases(CSV))
        self.assertGreaterEqual(len(cases), 4)
        for base, kind, map_file in cases:
            with self.subTest(case=os.path.basename(base)):
                want = slurp(base + ".yaml")
                doc = importer(kind)(base + ".csv", map=map_file)
                self.assertIsInstance(doc, portfolio.Document)
                self.assertEqual(doc.dump().encode("utf-8"), want)
                text = importer(kind, text=True)(slurp(base + ".csv"), source="x.csv", map=map_file)
                self.assertEqual(text.dump().encode("utf-8"), want)
                if map_file:
                    with portfolio.ImportMap.load(map_file) as m:
                        self.assertEqual(m.kind, kind)
                        self.assertEqual(importer(kind)(base + ".csv", map=m).dump().encode("utf-8"), want)
                if support.CLI:
                    extra = ("--map", map_file) if map_file else ()
                    self.assertEqual(cli_bytes("import", kind, base + ".csv", *extra), want)

    def test_invalid_cases(self):
        cases = list(csv_cases(INVALID_CSV))
        self.assertGreaterEqual(len(cases), 10)
        for base, kind, map_file in cases:
            with self.subTest(case=os.path.basename(base)):
                with self.assertRaises(portfolio.Error) as cm:
                    importer(kind)(base + ".csv", map=map_file)
                e = cm.exception
                # As the .err files give them: "ROW:COLUMN: message", prefixed by another file's name.
                lines = []
                for p in e.problems:
                    prefix = "" if p.source == base + ".csv" else os.path.relpath(p.source, INVALID_CSV) + ":"
                    lines.append(f"{prefix}{p.line}:{p.column}: {p.message}\n")
                self.assertEqual("".join(lines).encode("utf-8"), slurp(base + ".err"))
                # The exception is at the problem that stopped reading (a syntax error), else the first.
                self.assertIn((e.source, e.line, e.column), [tuple(p[:3]) for p in e.problems])
                if support.CLI:
                    extra = ("--map", map_file) if map_file else ()
                    out = subprocess.run([support.CLI, "import", kind, base + ".csv", *extra], capture_output=True)
                    self.assertEqual(out.returncode, 1)
                    self.assertEqual(out.stdout, b"")
                    self.assertEqual(out.stderr.decode("utf-8"), "".join(f"{p}\n" for p in e.problems))

    def test_errors_by_kind(self):
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.import_answers(os.path.join(INVALID_CSV, "answers-bad-cells.csv"),
                                     map=os.path.join(INVALID_CSV, "answers-bad-cells.map.yaml"))
        self.assertEqual(cm.exception.code, portfolio.EINVALID)
        self.assertEqual(str(cm.exception.problems[0]),
                         os.path.join(INVALID_CSV, "answers-bad-cells.csv") + ":3:2: column \"Role\" (role): unknown "
                         "value 'boss' (expected one of: individual, team, senior-management, steward, external)")
        with self.assertRaises(portfolio.ParseError) as cm:
            portfolio.import_projects(os.path.join(INVALID_CSV, "projects-syntax-latin1.csv"))
        self.assertEqual((cm.exception.line, cm.exception.column), (2, 2))
        with self.assertRaises(portfolio.ArgumentError) as cm:  # a map for answers cannot import projects
            portfolio.import_projects(os.path.join(INVALID_CSV, "projects-map-kind.csv"),
                                      map=os.path.join(INVALID_CSV, "projects-map-kind.map.yaml"))
        self.assertEqual(cm.exception.message, "kind: this mapping file is for answers; it cannot import projects")
        with self.assertRaises(portfolio.FileError) as cm:
            portfolio.import_projects("no-such.csv")
        self.assertEqual(str(cm.exception), "no-such.csv: cannot open: No such file or directory")
        with self.assertRaises(portfolio.FileError) as cm:
            portfolio.import_projects(os.path.join(CSV, "projects-quoted.csv"), map="no-such.map.yaml")
        self.assertEqual(cm.exception.source, "no-such.map.yaml")
        with self.assertRaises(portfolio.NotFoundError) as cm:
            portfolio.import_answers_text("respondent,q17\nr-1,yes\n", instrument="no-such")
        self.assertEqual(str(cm.exception), "instrument: 'no-such' is not a known instrument (known: opsi-pet-2020)")
        with self.assertRaises(portfolio.LimitError):
            portfolio.import_projects(os.path.join(CSV, "projects-quoted.csv"), max_bytes=10)
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.ImportMap.loads("import: 1\nkind: sideways\n", source="m.yaml")
        self.assertEqual(cm.exception.problems[0][:3], ("m.yaml", 2, 7))

    def test_answers_to_a_custom_instrument(self):
        text = "respondent,role,p1.mission,p2,c1\nr-1,team,agree,impact;efficiency;foresight;responsiveness,oui\n"
        doc = portfolio.import_answers_text(text, source="pulse.csv", instrument=TEAM_PULSE)
        self.assertEqual(doc.instrument.id, "team-pulse-2025")
        self.assertIsNone(doc.instrument.path)  # named by its id, as answers files do
        self.assertIn("\ninstrument: team-pulse-2025\n", doc.dump())
        self.assertEqual(doc.assessments["r-1"].answers,
                         {"p1.mission": 3, "p2": ["impact", "efficiency", "foresight", "responsiveness"], "c1": "yes"})
        self.assertEqual(doc.score()["r-1"].capability.score, 8)
        # so it goes into a portfolio of that instrument
        team = portfolio.load(support.example("team-pulse.yaml"))
        self.assertEqual(team.collect_text(doc.dump(), source="pulse.yaml"), portfolio.Summary(1, 1, 0, 0))
        self.assertEqual(team.assessments.ids(), ["r-001", "r-002", "r-1"])
        with self.assertRaises(portfolio.ValidationError) as cm:  # against the default instrument
            portfolio.import_answers_text(text, source="pulse.csv")
        self.assertTrue(str(cm.exception.problems[0]).startswith("pulse.csv:1:3: "), cm.exception.problems[0])
        if support.CLI:
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "pulse.csv")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                self.assertEqual(portfolio.import_answers(path, instrument=TEAM_PULSE).dump().encode("utf-8"),
                                 cli_bytes("import", "answers", path, "--instrument", TEAM_PULSE))

    def test_separators(self):
        doc = portfolio.import_answers_text("respondent;q17;q1.mission\nr-1;yes;3\n")
        self.assertEqual(doc.assessments["r-1"].answers, {"q1.mission": 3, "q17": "yes"})
        self.assertEqual(portfolio.import_answers_text("respondent;q17;q1.mission\nr-1;yes;3\n",
                                                       separator=";").dump(), doc.dump())
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.import_answers_text("respondent;q17;q1.mission\nr-1;yes;3\n", source="s.csv", separator=",")
        self.assertEqual(cm.exception.problems[0][:3], ("s.csv", 1, 1))
        projects = portfolio.import_projects_text(b"id,title,tags\nforms,\"Forms, online\",a;b\n")
        self.assertEqual(projects.projects["forms"].to_dict(), {"id": "forms", "title": "Forms, online",
                                                                "tags": ["a", "b"]})

    def test_import_then_collect(self):
        answers = portfolio.import_answers(os.path.join(CSV, "answers-french.csv"))
        ids = answers.assessments.ids()
        doc = portfolio.Document()
        self.assertEqual(doc.collect_text(answers.dump(), source="answers.yaml"), portfolio.Summary(1, len(ids), 0, 0))
        self.assertEqual(doc.assessments.ids(), ids)
        self.assertEqual([a.to_dict() for a in doc.assessments], [a.to_dict() for a in answers.assessments])
        minimal = portfolio.load(support.example("minimal.yaml"))  # has its own r-001
        with self.assertRaises(portfolio.ValidationError) as cm:
            minimal.collect_text(answers.dump(), source="answers.yaml")
        self.assertEqual(cm.exception.code, portfolio.EEXISTS)
        self.assertEqual(minimal.assessments.ids(), ["r-001"])


class Instruments(unittest.TestCase):
    """portfolio.Instrument: the instrument's texts in its languages, its questions, items and options."""

    def test_the_default_instrument(self):
        inst = portfolio.Instrument.default()
        self.assertEqual(inst.id, "opsi-pet-2020")
        self.assertEqual(inst.language, "en")
        self.assertEqual(inst.languages, ("en", "fr"))
        self.assertIsNone(inst.path)
        self.assertTrue(inst.title.startswith("Innovation portfolio questionnaire"))
        self.assertTrue(inst.title_in("fr").startswith("Questionnaire sur le portefeuille d'innovation"))
        questions = inst.questions()
        self.assertEqual(len(inst), len(questions))
        self.assertEqual([q.id for q in inst], [q.id for q in questions])
        self.assertEqual(questions[0].id, "q1")
        self.assertEqual(questions[0].part, portfolio.Part.ORIENTATION)
        self.assertEqual(questions[0].form, portfolio.Form.AGREE)
        self.assertEqual([i.id for i in questions[0].items],
                         ["q1.enhancement", "q1.mission", "q1.adaptive", "q1.anticipatory"])
        q2 = inst["q2"]
        self.assertEqual(q2.form, "rank")
        self.assertEqual(q2.items, ())
        self.assertEqual(q2.rank_points, (4.0, 2.0, 1.0, 0.0))
        self.assertEqual([(o.id, o.facet) for o in q2.options],
                         [("enhancement", "enhancement"), ("mission", "mission"), ("adaptive", "adaptive"),
                          ("anticipatory", "anticipatory")])
        q17 = inst.question("q17")
        self.assertEqual(q17.part, "capability")
        self.assertEqual(q17.items[0].points, {"yes": 4.0, "no": 0.0, "unsure": 0.0})
        self.assertEqual(q17.items[0].dimension, portfolio.Dimension.SENSE_MAKING)
        self.assertIsNone(q17.items[0].facet)
        self.assertEqual(inst.answer_ids[:5], ["q1.enhancement", "q1.mission", "q1.adaptive", "q1.anticipatory", "q2"])
        self.assertIn("q17", inst)
        self.assertNotIn("q99", inst)
        self.assertNotIn(5, inst)
        with self.assertRaises(portfolio.NotFoundError) as cm:
            inst["q99"]
        self.assertEqual(str(cm.exception), "no question 'q99' in instrument opsi-pet-2020")
        self.assertRegex(repr(inst), r"^<portfolio.Instrument 'opsi-pet-2020': \d+ questions, languages en, fr>$")

    def test_team_pulse_in_english_and_french(self):
        inst = portfolio.Instrument.load(TEAM_PULSE)
        self.assertEqual(inst.id, "team-pulse-2025")
        self.assertEqual(inst.path, TEAM_PULSE)
        self.assertEqual(inst.title, "Team innovation pulse")
        self.assertEqual(inst.title_in("fr"), "Baromètre de l'innovation de l'équipe")
        self.assertEqual(inst.title_in("fr-CA"), inst.title_in("fr"))  # falls back on fr
        self.assertEqual(inst.title_in("FR_ca"), inst.title_in("fr"))
        self.assertEqual(inst.title_in("de"), inst.title)  # unknown: its own language
        self.assertEqual(inst.title_in(None), inst.title)
        self.assertEqual([q.id for q in inst], ["p1", "p2", "p3", "c1", "c2"])
        en, fr = inst.questions(), inst.questions(lang="fr")
        self.assertEqual(inst.questions(lang="en"), en)
        self.assertEqual(en[0].text, "What does your team spend its energy on?")
        self.assertEqual(fr[0].text, "À quoi votre équipe consacre-t-elle son énergie\u202f?")
        self.assertEqual(en[0].items[1].to_dict(), {"id": "p1.mission", "text": "A clear goal that leadership has set.",
                                                    "form": "agree", "facet": "mission"})
        self.assertEqual(fr[0].items[1].text, "Un objectif clair fixé par la direction.")
        self.assertEqual(fr[1].to_dict(), {
            "id": "p2", "text": "Dans lequel de ces domaines votre équipe souhaiterait-elle le plus progresser\u202f?",
            "part": "orientation", "form": "rank", "items": [],
            "options": [
                {"id": "efficiency", "text": "Produire de manière efficiente.", "facet": "enhancement", "points": 0.0},
                {"id": "impact", "text": "Faire réellement avancer notre objectif.", "facet": "mission",
                 "points": 0.0},
                {"id": "responsiveness", "text": "Répondre rapidement aux usagers.", "facet": "adaptive",
                 "points": 0.0},
                {"id": "foresight", "text": "Voir venir les évolutions.", "facet": "anticipatory", "points": 0.0}],
            "rank_points": [4.0, 2.0, 1.0, 0.0]})
        p3 = inst.question("p3", lang="fr")
        self.assertEqual(p3.form, portfolio.Form.MULTI)
        self.assertIsNone(p3.rank_points)
        self.assertEqual([(o.id, o.points) for o in p3.options],
                         [("automation", 2.0), ("challenge", 2.0), ("prototype", 2.0), ("scenarios", 2.0)])
        self.assertEqual(p3.options[1].text, "Un défi ou un prix.")
        c1 = en[3]
        self.assertEqual((c1.part, c1.form, c1.answer_ids), ("capability", "yes-no", ("c1",)))
        self.assertEqual(c1.items[0].points, {"yes": 4.0, "no": 0.0, "unsure": 1.0})
        self.assertEqual(c1.items[0].dimension, "stewardship")
        c2 = fr[4]
        self.assertEqual([(i.id, i.form, i.dimension) for i in c2.items],
                         [("c2.review", "agree", "sense-making"), ("c2.methods", "agree", "structures"),
                          ("c2.budget", "agree", "resources"), ("c2.silos", "agree-reversed", "learning"),
                          ("c2.partners", "agree", "ecosystem")])
        self.assertEqual(c2.items[3].text, "Nous entendons rarement parler de ce que les autres équipes apprennent.")
        self.assertEqual(inst.answer_ids, ["p1.enhancement", "p1.mission", "p1.adaptive", "p1.anticipatory", "p2", "p3",
                                           "c1", "c2.review", "c2.methods", "c2.budget", "c2.silos", "c2.partners"])
        self.assertEqual(repr(en[1]), "<portfolio.Question 'p2' (orientation, rank, 4 options)>")
        self.assertEqual(repr(en[0].items[0]), "<portfolio.Item 'p1.enhancement' (agree)>")
        self.assertEqual(repr(en[1].options[0]), "<portfolio.Option 'efficiency' (enhancement)>")

    def test_descriptions_are_plain_values(self):
        inst = portfolio.Instrument.load(TEAM_PULSE)
        questions = inst.questions("fr")
        inst.close()
        self.assertEqual(questions[0].items[0].id, "p1.enhancement")  # copied: valid after close
        self.assertEqual(pickle.loads(pickle.dumps(questions)), questions)
        with self.assertRaises(AttributeError):
            questions[0].text = "x"
        self.assertEqual(len({questions[0], questions[0]}), 1)

    def test_loads_and_its_problems(self):
        with open(TEAM_PULSE, encoding="utf-8") as f:
            text = f.read()
        inst = portfolio.Instrument.loads(text, source="pulse.yaml")
        self.assertEqual(inst.id, "team-pulse-2025")
        self.assertIsNone(inst.path)
        broken = text.replace("    form: rank\n", "    form: ranked\n")
        with self.assertRaises(portfolio.ValidationError) as cm:
            portfolio.Instrument.loads(broken, source="pulse.yaml")
        self.assertEqual(cm.exception.problems[0].source, "pulse.yaml")
        self.assertEqual(cm.exception.problems[0].line, 43)
        with self.assertRaises(portfolio.FileError):
            portfolio.Instrument.load("no-such-instrument.yaml")
        with self.assertRaises(portfolio.LimitError):
            portfolio.Instrument.load(TEAM_PULSE, max_depth=2)
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.Instrument()

    def test_a_documents_instrument(self):
        doc = portfolio.load(support.example("team-pulse.yaml"))
        inst = doc.instrument
        self.assertEqual(inst.id, "team-pulse-2025")
        self.assertEqual(inst.path, "instruments/team-pulse.yaml")  # as the document names it
        self.assertEqual(inst.title_in("fr"), "Baromètre de l'innovation de l'équipe")
        self.assertEqual(inst, doc.instrument)
        self.assertEqual(hash(inst), hash(doc.instrument))
        self.assertNotEqual(inst, portfolio.Instrument.load(TEAM_PULSE))  # another instrument, the same file
        default = portfolio.Document().instrument
        self.assertEqual(default.id, "opsi-pet-2020")
        self.assertIsNone(default.path)
        # Borrowed: gone with its document, or when the document changes instrument.
        empty = portfolio.Document()
        before = empty.instrument
        empty.instrument = TEAM_PULSE
        self.assertTrue(before.closed)
        with self.assertRaises(portfolio.ClosedError):
            before.id
        self.assertEqual(repr(before), "<portfolio.Instrument closed>")
        self.assertEqual(empty.instrument.id, "team-pulse-2025")
        self.assertEqual(empty.instrument.path, TEAM_PULSE)
        doc.close()
        self.assertTrue(inst.closed)
        with self.assertRaises(portfolio.ClosedError):
            inst.questions()
        kept = portfolio.load(support.example("minimal.yaml"))
        view = kept.instrument
        view.close()
        with self.assertRaises(portfolio.ClosedError):
            view.title
        self.assertEqual(kept.instrument.id, "opsi-pet-2020")  # the document is untouched
        with self.assertRaises(portfolio.ArgumentTypeError):
            kept.instrument = portfolio.Instrument.default()
        # An owned instrument closes once; later calls do nothing.
        owned = portfolio.Instrument.default()
        with owned:
            self.assertFalse(owned.closed)
        self.assertTrue(owned.closed)
        owned.close()
        with self.assertRaises(portfolio.ClosedError):
            owned.id


class Arguments(unittest.TestCase):
    """Wrong types raise ArgumentTypeError naming the parameter; refused values ArgumentError."""

    def test_types(self):
        doc = portfolio.load(support.example("minimal.yaml"))
        inst = portfolio.Instrument.default()
        cases = [
            ("instrument", lambda: portfolio.form(5)),
            ("instrument", lambda: portfolio.form(["a.yaml"])),
            ("instrument", lambda: portfolio.template(instrument=1.5)),
            ("instrument", lambda: portfolio.load(support.example("minimal.yaml"), instrument=5)),
            ("instrument", lambda: portfolio.loads("portfolio: 1\n", instrument=True)),
            ("lang", lambda: portfolio.form(lang=5)),
            ("lang", lambda: portfolio.template(lang=b"fr")),
            ("lang", lambda: inst.title_in(5)),
            ("lang", lambda: inst.questions(lang=["fr"])),
            ("lang", lambda: inst.question("q1", lang=5)),
            ("id", lambda: inst.question(5)),
            ("path", lambda: portfolio.form(path=5)),
            ("path", lambda: portfolio.template(path=["x"])),
            ("path", lambda: portfolio.Instrument.load(5)),
            ("text", lambda: portfolio.Instrument.loads(5)),
            ("paths", lambda: doc.collect("answers/r-101.yaml")),
            ("paths", lambda: doc.collect(5)),
            ("paths", lambda: doc.collect({"a.yaml": 1})),
            ("paths[1]", lambda: doc.collect(["a.yaml", 5])),
            ("paths[0]", lambda: doc.collect([None])),
            ("replace", lambda: doc.collect([], replace=1)),
            ("replace", lambda: doc.collect([], replace="yes")),
            ("text", lambda: doc.collect_text(5)),
            ("source", lambda: doc.collect_text("portfolio: 1\n", source=5)),
            ("replace", lambda: doc.collect_text("portfolio: 1\n", replace=None)),
            ("max_bytes", lambda: doc.collect([], max_bytes="5")),
        ]
        for name, call in cases:
            with self.subTest(parameter=name):
                with self.assertRaises(portfolio.ArgumentTypeError) as cm:
                    call()
                self.assertIsInstance(cm.exception, TypeError)
                self.assertEqual(cm.exception.code, portfolio.EARG)
                self.assertTrue(str(cm.exception).startswith(name + ":"), str(cm.exception))
        csv_file = os.path.join(CSV, "projects-quoted.csv")
        import_cases = [
            ("path", lambda: portfolio.import_projects(5)),
            ("path", lambda: portfolio.import_answers(None)),
            ("map", lambda: portfolio.import_projects(csv_file, map=5)),
            ("map", lambda: portfolio.import_answers(csv_file, map=["m.yaml"])),
            ("instrument", lambda: portfolio.import_answers(csv_file, instrument=5)),
            ("instrument", lambda: portfolio.import_answers(csv_file, instrument=inst)),
            ("separator", lambda: portfolio.import_projects(csv_file, separator=44)),
            ("separator", lambda: portfolio.import_answers_text("respondent\n", separator=b";")),
            ("text", lambda: portfolio.import_projects_text(5)),
            ("source", lambda: portfolio.import_projects_text("id\n", source=5)),
            ("max_items", lambda: portfolio.import_projects(csv_file, max_items=1.5)),
            ("path", lambda: portfolio.ImportMap.load(5)),
            ("text", lambda: portfolio.ImportMap.loads(None)),
        ]
        for name, call in import_cases:
            with self.subTest(parameter=name):
                with self.assertRaises(portfolio.ArgumentTypeError) as cm:
                    call()
                self.assertTrue(str(cm.exception).startswith(name + ":"), str(cm.exception))
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.import_projects(csv_file, nonsense=1)
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.import_projects(csv_file, instrument="x")  # answers only
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.ImportMap()
        with self.assertRaises(portfolio.ArgumentTypeError):
            doc.collect([], nonsense=1)
        self.assertEqual(doc.assessments.ids(), ["r-001"])

    def test_values(self):
        doc = portfolio.load(support.example("minimal.yaml"))
        cases = [
            ("paths[0]", lambda: doc.collect(["a\x00b.yaml"])),
            ("paths[0]", lambda: doc.collect([""])),
            ("paths[0]", lambda: doc.collect(["a\udc80b"])),
            ("lang", lambda: portfolio.form(lang="fr\x00")),
            ("path", lambda: portfolio.form(path="")),
            ("text", lambda: doc.collect_text("a\udc80")),
            ("max_bytes", lambda: doc.collect([], max_bytes=-1)),
            ("separator", lambda: portfolio.import_projects_text("id\n", separator="|")),
            ("separator", lambda: portfolio.import_projects_text("id\n", separator="")),
            ("path", lambda: portfolio.import_projects("")),
            ("instrument", lambda: portfolio.import_answers_text("respondent\n", instrument="a\x00b")),
            ("text", lambda: portfolio.import_answers_text("a\udc80")),
        ]
        for name, call in cases:
            with self.subTest(parameter=name):
                with self.assertRaises(portfolio.ArgumentError) as cm:
                    call()
                self.assertNotIsInstance(cm.exception, TypeError)
                self.assertTrue(str(cm.exception).startswith(name + ":"), str(cm.exception))
        self.assertEqual(doc.assessments.ids(), ["r-001"])


if __name__ == "__main__":
    support.main()
