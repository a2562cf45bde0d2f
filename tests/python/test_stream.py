"""Streamed output: ``Document.report(file=...)`` hands the report to a binary file object as
the C library makes it (pf_doc_report_to), ``report(path=...)`` streams it into an atomic
temporary file (pf_doc_report_file), and ``write_json(file)`` of Scores, Map and Relations
streams their JSON (pf_*_write_json_to). The bytes are exactly the text's; an exception of the
file's write() propagates unchanged and stops the writing; nothing is written for a report
refused for its input."""

import gzip
import io
import os
import sys
import tempfile
import unittest

import support
import portfolio
from portfolio import _capi

EXAMPLE = support.example("environment-agency.yaml")
FORMATS = [f.value for f in portfolio.ReportFormat]


def big_document(projects=3000):
    """A portfolio whose every report is well past one 64 KiB piece: one project a line in CSV."""
    lines = ["portfolio: 1", "organisation:", "  name: Streaming Test Office", "projects:"]
    purposes = ["enhancement", "mission", "adaptive", "anticipatory"]
    for i in range(projects):
        lines += [f"  - id: project-{i:05d}",
                  f"    title: Project number {i} with a title long enough to fill a row",
                  f"    purpose: {purposes[i % 4]}",
                  f"    driver: {purposes[(i // 4) % 4]}",
                  f"    budget: {1000 + i}",
                  f"    tags: [theme-{i % 97}, area-{i % 89}]"]
    return portfolio.loads("\n".join(lines) + "\n")


class Pieces:
    """A binary file that keeps each piece written, and raises ``fail`` on write number ``fail_at``."""

    def __init__(self, fail_at=None, fail=None):
        self.pieces = []
        self.calls = 0
        self.fail_at, self.fail = fail_at, fail

    def write(self, data):
        self.calls += 1
        if self.calls == self.fail_at:
            raise self.fail
        self.pieces.append(data)
        return len(data)

    def value(self):
        return b"".join(self.pieces)


class ToFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = portfolio.load(EXAMPLE)
        cls.big = big_document()

    def test_every_format_as_the_text(self):
        for fmt in FORMATS:
            with self.subTest(format=fmt):
                out = io.BytesIO()
                self.assertIsNone(self.doc.report(format=fmt, file=out))
                self.assertEqual(out.getvalue(), self.doc.report(format=fmt).encode("utf-8"))

    def test_every_option_as_the_text(self):
        """The options reach the streamed report as they reach the text (one assembly of them in C)."""
        later = portfolio.load(support.example("environment-agency-2026.yaml"))
        rules = portfolio.Rules.default()
        kwargs = dict(format="md", lang="fr", mode="normalised", weight="budget", anonymous=True, rules=rules,
                      completeness_floor=0.8, respondents=True, min_group=2, since=self.doc)
        text = later.report(**kwargs)
        self.assertIn("## Évolution depuis le relevé précédent", text)
        out = io.BytesIO()
        later.report(**kwargs, file=out)
        self.assertEqual(out.getvalue().decode("utf-8"), text)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.md")
            later.report(**kwargs, path=path)
            with open(path, encoding="utf-8", newline="") as f:
                self.assertEqual(f.read(), text)

    def test_big_report_in_pieces(self):
        for fmt in ("csv", "json", "html", "text"):
            with self.subTest(format=fmt):
                text = self.big.report(format=fmt).encode("utf-8")
                out = Pieces()
                self.big.report(format=fmt, file=out)
                self.assertGreater(len(text), 2 * 64 * 1024)
                self.assertGreater(out.calls, 1, "a report in several pieces")
                self.assertTrue(all(type(p) is bytes and p for p in out.pieces))
                self.assertEqual(out.value(), text)

    def test_write_raising_stops_and_propagates(self):
        error = OSError(28, "No space left on device")
        out = Pieces(fail_at=2, fail=error)
        with self.assertRaises(OSError) as cm:
            self.big.report(format="csv", file=out)
        self.assertIs(cm.exception, error, "the file's own exception, unchanged")
        self.assertEqual(out.calls, 2, "no write after the one that raised")
        self.assertEqual(len(out.pieces), 1)
        self.assertTrue(self.big.report(format="csv").encode("utf-8").startswith(out.value()))

    def test_any_exception_propagates(self):
        class Stop(Exception):
            pass
        for fail in (Stop("enough"), KeyboardInterrupt(), ValueError("I/O operation on closed file")):
            with self.subTest(exception=type(fail).__name__):
                out = Pieces(fail_at=1, fail=fail)
                with self.assertRaises(type(fail)) as cm:
                    self.doc.report(file=out)
                self.assertIs(cm.exception, fail)
                self.assertEqual(out.calls, 1)
        closed = io.BytesIO()
        closed.close()
        with self.assertRaises(ValueError) as cm:
            self.doc.report(file=closed)
        self.assertNotIsInstance(cm.exception, portfolio.Error, "BytesIO's own error")

    def test_refused_input_writes_nothing(self):
        out = Pieces()
        with self.assertRaises(portfolio.ArgumentError):
            self.doc.report(lang="xx", file=out)
        self.assertEqual(out.calls, 0)

    def test_text_file_refused_before_writing(self):
        raw = io.BytesIO()
        wrapper = io.TextIOWrapper(raw, encoding="utf-8")  # kept: its end would close raw
        for text_file in (io.StringIO(), wrapper, sys.stdout):
            with self.subTest(file=text_file):
                with self.assertRaises(TypeError) as cm:
                    self.doc.report(file=text_file)
                self.assertIsInstance(cm.exception, portfolio.ArgumentTypeError)
                self.assertIn("open it with 'wb'", str(cm.exception))
                self.assertTrue(str(cm.exception).startswith("file: "))
        self.assertEqual(raw.getvalue(), b"")
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.txt")
            with open(path, "w", encoding="utf-8") as f, self.assertRaises(portfolio.ArgumentTypeError):
                self.doc.report(file=f)
            self.assertEqual(os.path.getsize(path), 0)

    def test_not_a_file(self):
        for value in (5, "report.txt", b"bytes", object(), [io.BytesIO()]):
            with self.subTest(value=value):
                with self.assertRaises(portfolio.ArgumentTypeError) as cm:
                    self.doc.report(file=value)
                self.assertRegex(str(cm.exception), r"^file: expected a binary file")

    def test_path_and_file_together(self):
        out = Pieces()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.txt")
            with self.assertRaises(ValueError) as cm:
                self.doc.report(path=path, file=out)
            self.assertIsInstance(cm.exception, portfolio.ArgumentError)
            self.assertEqual(str(cm.exception).split(" (got")[0], "file: give path or file, not both")
            self.assertEqual(os.listdir(tmp), [])
        self.assertEqual(out.calls, 0)

    def test_real_files(self):
        text = self.big.report(format="json").encode("utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            plain, raw, packed = (os.path.join(tmp, n) for n in ("r.json", "raw.json", "r.json.gz"))
            with open(plain, "wb") as f:
                self.big.report(format="json", file=f)
            with open(raw, "wb", buffering=0) as f:  # a raw FileIO
                self.big.report(format="json", file=f)
            with gzip.open(packed, "wb") as f:
                self.big.report(format="json", file=f)
            for name in (plain, raw):
                with open(name, "rb") as f:
                    self.assertEqual(f.read(), text)
            with gzip.open(packed, "rb") as f:
                self.assertEqual(f.read(), text)

    def test_short_writes_are_completed(self):
        """A raw file may take fewer bytes than given (its write returns how many): the rest is written again."""
        class Short:
            def __init__(self, most, nothing=False):
                self.data, self.most, self.nothing = bytearray(), most, nothing

            def write(self, data):
                if self.nothing:
                    return 0
                taken = bytes(data[:self.most])
                self.data += taken
                return len(taken)
        text = self.big.report(format="csv").encode("utf-8")
        out = Short(1000)
        self.big.report(format="csv", file=out)
        self.assertEqual(bytes(out.data), text)
        with self.assertRaisesRegex(OSError, r"^write\(\) took none of \d+ bytes$"):
            self.doc.report(file=Short(0, nothing=True))

    def test_no_reference_kept(self):
        out = io.BytesIO()
        before = sys.getrefcount(out)
        for _ in range(50):
            self.doc.report(format="csv", file=out)
        self.assertEqual(sys.getrefcount(out), before)
        failing = Pieces(fail=OSError("full"))
        failing_before = sys.getrefcount(failing)
        for _ in range(50):
            failing.fail_at = failing.calls + 1
            with self.assertRaises(OSError):
                self.doc.report(file=failing)
        self.assertEqual(failing.calls, 50)
        self.assertEqual(sys.getrefcount(failing), failing_before)

    def test_document_not_usable_from_write(self):
        """C reads the document while write() runs: changing or closing it there raises instead."""
        doc = portfolio.load(EXAMPLE)
        since = portfolio.load(EXAMPLE)
        text = doc.report(format="md", since=since)
        attempts = {
            "add a project": lambda: doc.add_project("added-while-writing"),
            "remove a project": lambda: doc.projects.remove(doc.projects.ids()[0]),
            "rename": lambda: setattr(doc.organisation, "name", "Changed"),
            "close": doc.close,
            "close since": since.close,
        }
        for name, attempt in attempts.items():
            with self.subTest(attempt=name):
                class Meddling:
                    def write(self, data):
                        attempt()
                with self.assertRaises(RuntimeError) as cm:
                    doc.report(format="md", since=since, file=Meddling())
                self.assertIsInstance(cm.exception, portfolio.Error)
                self.assertIn("cannot be used or closed from that file's write()", str(cm.exception))
                self.assertFalse(doc.closed or since.closed)
                self.assertEqual(doc.report(format="md", since=since), text, "unchanged, and usable again")
        # Closed at the first of many pieces, the rest would be read from freed memory.
        big = big_document()

        class Closing:
            def write(self, data):
                big.close()
        with self.assertRaises(RuntimeError):
            big.report(format="csv", file=Closing())
        self.assertFalse(big.closed)

    def test_private_module_takes_only_files(self):
        err = _capi.pf_error()
        with self.assertRaisesRegex(TypeError, r"expected a binary file \(an object with a write method\), not int"):
            _capi.pf_doc_report_to(self.doc._ptr(), None, 5, err)
        out = io.BytesIO()
        self.assertEqual(_capi.pf_doc_report_to(self.doc._ptr(), None, out, err), _capi.PF_OK)
        self.assertEqual(out.getvalue(), self.doc.report().encode("utf-8"))
        self.assertFalse(hasattr(_capi, "pf_sink"), "the C function pointer is not wrapped")


class ResultsToFile(unittest.TestCase):
    """Scores, Map and Relations stream their JSON the same way (pf_*_write_json_to)."""

    @classmethod
    def setUpClass(cls):
        doc = portfolio.load(EXAMPLE)
        cls.results = {"scores": doc.score(), "map": doc.map(), "relations": doc.relations()}
        big = big_document()
        cls.big = {"map": big.map(), "relations": big.relations(threshold=0.1)}  # thousands; none by default

    def test_as_to_json(self):
        for name, result in self.results.items():
            with self.subTest(result=name):
                out = io.BytesIO()
                self.assertIsNone(result.write_json(out))
                self.assertEqual(out.getvalue(), result.to_json().encode("utf-8"))
        scores = self.results["scores"]
        out = io.BytesIO()
        scores.write_json(out, anonymous=True)
        self.assertEqual(out.getvalue(), scores.to_json(anonymous=True).encode("utf-8"))
        self.assertNotEqual(scores.to_json(anonymous=True), scores.to_json())

    def test_big_in_pieces(self):
        for name, result in self.big.items():
            with self.subTest(result=name):
                text = result.to_json().encode("utf-8")
                out = Pieces()
                result.write_json(out)
                self.assertGreater(len(text), 2 * 64 * 1024)
                self.assertGreater(out.calls, 1)
                self.assertEqual(out.value(), text)

    def test_write_raising_stops_and_propagates(self):
        for name, result in self.big.items():
            with self.subTest(result=name):
                error = OSError(28, "No space left on device")
                out = Pieces(fail_at=2, fail=error)
                with self.assertRaises(OSError) as cm:
                    result.write_json(out)
                self.assertIs(cm.exception, error)
                self.assertEqual(out.calls, 2)

    def test_text_file_refused(self):
        for name, result in self.results.items():
            with self.subTest(result=name):
                with self.assertRaisesRegex(portfolio.ArgumentTypeError, r"^file: .*open it with 'wb'"):
                    result.write_json(io.StringIO())

    def test_not_closed_from_write(self):
        doc = portfolio.load(EXAMPLE)
        m = doc.map()

        class Closing:
            def write(self, data):
                m.close()
        with self.assertRaises(RuntimeError):
            m.write_json(Closing())
        self.assertFalse(m.closed)
        self.assertEqual(len(m), len(doc.projects))


class ToPath(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = portfolio.load(EXAMPLE)

    def test_written_as_the_text(self):
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in FORMATS:
                with self.subTest(format=fmt):
                    path = os.path.join(tmp, "report." + fmt)
                    self.assertIsNone(self.doc.report(format=fmt, path=path))
                    with open(path, "rb") as f:
                        self.assertEqual(f.read(), self.doc.report(format=fmt).encode("utf-8"))
            self.assertEqual(sorted(os.listdir(tmp)), sorted("report." + f for f in FORMATS))

    def test_refused_input_leaves_no_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "r.txt")
            with self.assertRaises(portfolio.ArgumentError) as cm:
                self.doc.report(lang="xx", path=path)
            self.assertEqual(cm.exception.code, portfolio.EARG)
            self.assertEqual(os.listdir(tmp), [], "no file and no temporary file")
            with open(path, "w", encoding="utf-8") as f:
                f.write("previous report\n")
            with self.assertRaises(portfolio.ArgumentError):
                self.doc.report(lang="xx", path=path)
            self.assertEqual(os.listdir(tmp), ["r.txt"])
            with open(path, encoding="utf-8") as f:
                self.assertEqual(f.read(), "previous report\n", "the previous file kept")

    @unittest.skipIf(os.geteuid() == 0, "root writes into a read-only folder")
    def test_unwritable_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "locked")
            os.mkdir(folder, 0o500)
            try:
                path = os.path.join(folder, "r.txt")
                with self.assertRaises(portfolio.FileError) as cm:
                    self.doc.report(path=path)
                self.assertIsInstance(cm.exception, OSError)
                self.assertEqual(cm.exception.code, portfolio.EIO)
                self.assertEqual(str(cm.exception),
                                 f"cannot create a temporary file beside {path}: Permission denied")
                self.assertEqual(os.listdir(folder), [])
            finally:
                os.chmod(folder, 0o700)

    @unittest.skipUnless(os.path.exists("/dev/full"), "no /dev/full")
    def test_write_failure(self):
        """A device is written in place as the report is made: a full one fails with the C library's FileError."""
        with self.assertRaises(portfolio.FileError) as cm:
            self.doc.report(path="/dev/full")
        self.assertEqual(cm.exception.code, portfolio.EIO)
        self.assertEqual(str(cm.exception), "cannot write /dev/full: No space left on device")


if __name__ == "__main__":
    support.main()
