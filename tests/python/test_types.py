"""The type hints (PEP 561): the package carries py.typed and its stubs (__init__.pyi); mypy --strict
accepts the examples and tests/python/typed_usage.py against them; the stubs name every public
class, function and member of the running package and every member of its enumerations.

    test_types.py [MYPY]      (default: mypy on PATH; skipped without it, unless CI is set)
"""

import ast
import inspect
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MYPY = sys.argv.pop(1) if len(sys.argv) > 1 else shutil.which("mypy")

import support  # noqa: E402 - after taking our own argument from sys.argv

import portfolio  # noqa: E402

PACKAGE = os.path.dirname(portfolio.__file__)
STUB = os.path.join(PACKAGE, "__init__.pyi")


def stub_classes():
    """{class name: (set of member names, [base names])} and the module-level names of the stub."""
    with open(STUB, encoding="utf-8") as f:
        tree = ast.parse(f.read(), STUB)
    classes, names = {}, set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    members |= {t.id for t in item.targets if isinstance(t, ast.Name)}
            bases = [b.value.id if isinstance(b, ast.Subscript) else getattr(b, "id", "") for b in node.bases]
            classes[node.name] = (members, bases)
            names.add(node.name)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    return classes, names


def stub_members(classes, name):
    members, bases = classes.get(name, (set(), []))
    out = set(members)
    for base in bases:
        out |= stub_members(classes, base)
    return out


class Stubs(unittest.TestCase):
    def test_installed_with_the_package(self):
        self.assertTrue(os.path.isfile(os.path.join(PACKAGE, "py.typed")))
        self.assertTrue(os.path.isfile(STUB))

    def test_every_public_name(self):
        classes, names = stub_classes()
        for name in portfolio.__all__ + ["__version__", "OK", "EARG", "ENOTFOUND", "EINVALID"]:
            with self.subTest(name=name):
                self.assertIn(name, names)

    def test_every_public_member(self):
        classes, _ = stub_classes()
        for name in portfolio.__all__:
            cls = getattr(portfolio, name)
            if not inspect.isclass(cls) or issubclass(cls, BaseException):
                continue
            declared = stub_members(classes, name)
            public = set()
            for klass in cls.__mro__:
                if klass.__module__.startswith("portfolio"):
                    public |= {n for n in vars(klass) if not n.startswith("_") or n in ("__getitem__", "__contains__",
                                                                                        "__len__", "__iter__")}
            if issubclass(cls, portfolio.Record) or name == "Summary":
                public -= {"count", "index"}  # Mapping and namedtuple machinery, typed by their bases
            for member in sorted(public):
                with self.subTest(member=f"{name}.{member}"):
                    self.assertIn(member, declared)

    def test_enumerations(self):
        classes, _ = stub_classes()
        for name in portfolio.__all__:
            cls = getattr(portfolio, name)
            if inspect.isclass(cls) and issubclass(cls, portfolio.Facet.__mro__[1]) and cls is not str:
                with self.subTest(enum=name):
                    self.assertEqual(classes[name][0], {m.name for m in cls})
        with open(STUB, encoding="utf-8") as f:
            text = f.read()
        for member in portfolio.Role:
            self.assertIn(f"    {member.name} = {member.value!r}\n", text)


@unittest.skipUnless(MYPY or os.environ.get("CI"), "mypy is not installed (apt-get install mypy)")
class Mypy(unittest.TestCase):
    def test_strict(self):
        files = [os.path.join(support.SOURCE_ROOT, "examples", "python", f)
                 for f in sorted(os.listdir(os.path.join(support.SOURCE_ROOT, "examples", "python")))
                 if f.endswith(".py")]
        files.append(os.path.join(support.SOURCE_ROOT, "tests", "python", "typed_usage.py"))
        self.assertGreaterEqual(len(files), 4)
        env = dict(os.environ)
        args = [MYPY, "--strict", "--no-error-summary"]
        if env.get("PYTHONPATH"):
            env["MYPYPATH"] = env["PYTHONPATH"]  # the package in the build directory
        else:
            args.append("--python-executable=" + sys.executable)  # the package installed (PEP 561)
        env.pop("PYTHONPATH", None)
        with tempfile.TemporaryDirectory() as cache:
            out = subprocess.run(args + ["--cache-dir", cache] + files, capture_output=True, text=True, env=env)
        self.assertEqual(out.stdout + out.stderr, "")
        self.assertEqual(out.returncode, 0)

    def test_mypy_finds_mistakes(self):
        """The check is not vacuous: a wrong use of the API is reported, at its line."""
        with tempfile.TemporaryDirectory() as folder:
            bad = os.path.join(folder, "bad.py")
            with open(bad, "w", encoding="utf-8") as f:
                f.write("import portfolio\n"
                        "doc = portfolio.load('x.yaml')\n"
                        "n: int = doc.score()['r-1'].respondent\n"
                        "doc.map(weight=3)\n"
                        "doc.report(file=open('x.txt', 'w'))\n")  # a text file: report() writes bytes
            env = dict(os.environ)
            args = [MYPY, "--strict", "--no-error-summary", "--cache-dir", os.path.join(folder, "cache")]
            if env.get("PYTHONPATH"):
                env["MYPYPATH"] = env["PYTHONPATH"]
            else:
                args.append("--python-executable=" + sys.executable)
            env.pop("PYTHONPATH", None)
            out = subprocess.run(args + [bad], capture_output=True, text=True, env=env, cwd=folder)
        lines = [line for line in out.stdout.splitlines() if ": error:" in line]  # not the overloads' notes
        self.assertEqual(out.returncode, 1)
        self.assertEqual([line.split(":")[1] for line in lines], ["3", "4", "5"], out.stdout)

    def test_typed_usage_runs(self):
        out = subprocess.run([sys.executable, os.path.join(support.SOURCE_ROOT, "tests", "python", "typed_usage.py")],
                             capture_output=True, text=True)
        self.assertEqual(out.stderr, "")
        self.assertEqual(out.stdout, "['first', 'kinds', 'level', 'page', 'pairs', 'pct', 'report', 'svg', 'zones']\n")


if __name__ == "__main__":
    support.main()
