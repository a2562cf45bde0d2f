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
    import unittest
    os.chdir(SOURCE_ROOT)
    sys.exit(unittest.main(module="__main__", verbosity=2, exit=False).result.wasSuccessful() is False)
