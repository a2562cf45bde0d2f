"""Files a document names: loads() of text names none unless told, load() keeps any, and the
problems of a named file quote nothing of it (docs/python.md, docs/format.md section 3)."""

import os
import pathlib
import shutil
import tempfile
import unittest

import support
import portfolio

TEAM_PULSE_INSTRUMENT = support.example(os.path.join("instruments", "team-pulse.yaml"))
NOT_AN_INSTRUMENT = "expected a mapping beginning with 'instrument: 1'"


def naming(value):
    return f"portfolio: 1\ninstrument: {value}\n"


class Confine(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="pf-confine-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.docs = os.path.join(self.tmp, "docs")
        self.outside = os.path.join(self.tmp, "outside")
        os.makedirs(os.path.join(self.docs, "sub"))
        os.makedirs(self.outside)
        shutil.copy(TEAM_PULSE_INSTRUMENT, os.path.join(self.docs, "sub", "team.yaml"))
        with open(os.path.join(self.outside, "secret.env"), "w", encoding="utf-8") as f:
            f.write("DB_PASSWORD=s3cr3t-hunter2\n")
        os.symlink(os.path.join("..", "outside", "secret.env"), os.path.join(self.docs, "link.env"))

    def problems(self, call):
        with self.assertRaises(portfolio.ValidationError) as caught:
            call()
        for problem in caught.exception.problems:
            self.assertNotIn("s3cr3t", problem.message)
            self.assertNotIn("hunter2", problem.message)
        self.assertNotIn("s3cr3t", str(caught.exception))
        return [tuple(p) for p in caught.exception.problems]

    def test_loads_names_no_file_by_default(self):
        for value in ("sub/team.yaml", "../outside/secret.env", os.path.join(self.docs, "sub", "team.yaml")):
            with self.subTest(value=value):
                got = self.problems(lambda: portfolio.loads(naming(value), source="upload"))
                self.assertEqual(got, [("upload", 2, 13, f"instrument: '{value}' names a file, and reading the "
                                                         "files a document names is turned off")])
        # ids are not files
        self.assertEqual(portfolio.loads(naming("opsi-pet-2020")).instrument.id, "opsi-pet-2020")

    def test_loads_with_a_folder_names_files_in_it(self):
        for folder in (self.docs, pathlib.Path(self.docs), self.docs.encode("utf-8")):
            with self.subTest(folder=folder):
                doc = portfolio.loads(naming("sub/team.yaml"), folder=folder)
                self.assertEqual(doc.instrument.path, "sub/team.yaml")
        got = self.problems(lambda: portfolio.loads(naming("../outside/secret.env"), folder=self.docs))
        self.assertEqual(got, [("<string>", 2, 13, "instrument: '../outside/secret.env' leaves the document's "
                                                   "folder ('..'); only files in it can be named")])
        got = self.problems(lambda: portfolio.loads(naming("./link.env"), folder=self.docs))
        self.assertEqual(got, [("<string>", 2, 13, "instrument: './link.env' cannot be read as an instrument from "
                                                   "the document's folder (it is missing, unreadable, not a regular "
                                                   "file, too large, or a link out of the folder)")])

    def test_loads_files_folder_without_a_folder(self):
        got = self.problems(lambda: portfolio.loads(naming("sub/team.yaml"), files="folder"))
        self.assertEqual(got, [("<string>", 2, 13, "instrument: 'sub/team.yaml' names a file, but a document read "
                                                   "from memory has no folder to read it from")])

    def test_loads_any_file_when_allowed(self):
        # Relative to the folder given, else to the folder part of the source name.
        doc = portfolio.loads(naming("../docs/sub/team.yaml"), files="any", folder=self.docs)
        self.assertEqual(doc.instrument.path, "../docs/sub/team.yaml")
        source = os.path.join(self.docs, "doc.yaml")
        doc = portfolio.loads(naming("sub/team.yaml"), source=source, files="any")
        self.assertEqual(doc.instrument.path, "sub/team.yaml")
        # A file read still quotes nothing of itself.
        got = self.problems(lambda: portfolio.loads(naming("../outside/secret.env"), source=source, files="any"))
        self.assertEqual(got[1], (os.path.join(self.docs, "../outside/secret.env"), 1, 1, NOT_AN_INSTRUMENT))

    def test_load_reads_any_file_unless_told(self):
        path = os.path.join(self.docs, "doc.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(naming("../outside/secret.env"))
        got = self.problems(lambda: portfolio.load(path))
        self.assertEqual(got, [(path, 2, 13, "instrument: '../outside/secret.env' is not a usable instrument "
                                             "(1 problem in it, listed after this document's)"),
                               (os.path.join(self.docs, "../outside/secret.env"), 1, 1, NOT_AN_INSTRUMENT)])
        got = self.problems(lambda: portfolio.load(path, files="folder"))
        self.assertEqual(got[0][3], "instrument: '../outside/secret.env' leaves the document's folder ('..'); "
                                    "only files in it can be named")
        got = self.problems(lambda: portfolio.load(path, files="none", max_depth=8))
        self.assertEqual(got[0][3], "instrument: '../outside/secret.env' names a file, and reading the files a "
                                    "document names is turned off")

    def test_arguments(self):
        for bad in ("all", "", "FOLDER"):
            with self.subTest(files=bad):
                with self.assertRaises(portfolio.ArgumentError) as caught:
                    portfolio.loads(naming("opsi-pet-2020"), files=bad)
                self.assertEqual(str(caught.exception), f"files: must be 'any', 'folder' or 'none' (got {bad!r})")
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.load(support.example("minimal.yaml"), files=None)
        with self.assertRaises(portfolio.ArgumentTypeError):
            portfolio.loads(naming("opsi-pet-2020"), folder=3)
        with self.assertRaises(portfolio.ArgumentError):
            portfolio.loads(naming("opsi-pet-2020"), folder="")


if __name__ == "__main__":
    support.main()
