"""Shared helpers of the Python tests: paths from the environment meson sets."""

import os
import subprocess
import sys

SOURCE_ROOT = os.environ.get("SOURCE_ROOT") or os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("PORTFOLIO_CLI", "")
DATA = os.path.join(SOURCE_ROOT, "examples", "data")
EXAMPLES = sorted(os.path.join(DATA, f) for f in os.listdir(DATA) if f.endswith(".yaml"))
INVALID = os.path.join(SOURCE_ROOT, "tests", "data", "invalid")


def example(name):
    return os.path.join(DATA, name)


def cli(*args):
    """Runs the portfolio command; returns its standard output as text."""
    if not CLI:
        raise RuntimeError("PORTFOLIO_CLI is not set")
    env = dict(os.environ, NO_COLOR="1")
    out = subprocess.run([CLI, *args], check=True, capture_output=True, env=env, cwd=SOURCE_ROOT)
    return out.stdout.decode("utf-8")


def main():
    """Runs the tests of __main__: the usual unittest report on standard error and, on standard
    output, one TAP line per test (meson counts them with protocol 'tap')."""
    import unittest

    class TapResult(unittest.TextTestResult):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.tap = []
            self.failed_now = False

        def startTest(self, test):
            super().startTest(test)
            self.failed_now = False

        def addSubTest(self, test, subtest, err):
            super().addSubTest(test, subtest, err)
            if err is not None:
                self.failed_now = True

        def stopTest(self, test):
            super().stopTest(test)
            name = test.id().replace("__main__.", "")
            ids = {id(t) for t, _ in self.failures + self.errors}
            bad = self.failed_now or id(test) in ids
            skipped = [reason for t, reason in self.skipped if t is test]
            line = ("not ok" if bad else "ok") + f" {len(self.tap) + 1} - {name}"
            if skipped and not bad:
                line += f" # SKIP {skipped[0]}"
            self.tap.append(line)
            print(line, flush=True)

    os.chdir(SOURCE_ROOT)
    runner = unittest.TextTestRunner(stream=sys.stderr, verbosity=2, resultclass=TapResult)
    program = unittest.main(module="__main__", testRunner=runner, exit=False)
    print(f"1..{len(program.result.tap)}", flush=True)
    sys.exit(0 if program.result.wasSuccessful() else 1)
