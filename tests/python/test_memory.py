"""Ownership: C objects are freed exactly once, results never read freed memory, and
thousands of load/score/map cycles do not grow the process."""

import gc
import os
import resource
import unittest

import support
import portfolio

EXAMPLE = support.example("environment-agency.yaml")
SMALL = support.example("minimal.yaml")
with open(EXAMPLE, "rb") as _f:
    TEXT = _f.read()
# Under AddressSanitizer freed memory stays in quarantine (up to 256 MiB), so the resident size
# says nothing about leaks there: only the live Python objects are checked.
UNDER_ASAN = "asan" in os.environ.get("LD_PRELOAD", "")
RSS_LIMIT_KIB = float("inf") if UNDER_ASAN else 4096


def rss_kib():
    """Resident set size now, in KiB (Linux), else the peak."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cycle(explicit):
    doc = portfolio.load(SMALL)
    scores = doc.score()
    m = doc.map(scores=scores)
    value = (scores.overall.n, m.metrics.hhi)
    if explicit:
        m.close()
        scores.close()
        doc.close()
    return value


class Memory(unittest.TestCase):
    def grows(self, fn, n, warmup=200):
        for _ in range(warmup):
            fn()
        gc.collect()
        objects = len(gc.get_objects())
        before = rss_kib()
        for _ in range(n):
            fn()
        gc.collect()
        after = rss_kib()
        return after - before, len(gc.get_objects()) - objects

    def test_load_score_map_explicit_close(self):
        growth, objects = self.grows(lambda: cycle(True), 2000)
        self.assertLess(growth, RSS_LIMIT_KIB, f"RSS grew by {growth} KiB over 2000 cycles")
        self.assertLess(objects, 100)

    def test_load_score_map_garbage_collected(self):
        growth, objects = self.grows(lambda: cycle(False), 2000)
        self.assertLess(growth, RSS_LIMIT_KIB, f"RSS grew by {growth} KiB over 2000 cycles")
        self.assertLess(objects, 100)

    def test_everything_else(self):
        other = portfolio.load(support.example("environment-agency-2026.yaml"))

        def everything():
            doc = portfolio.loads(TEXT, source="mem.yaml")
            doc.relations()
            doc.recommend(lang="fr")
            doc.compare(other).to_dict()
            doc.report(format="html")
            doc.dump()
            doc.add_project("extra", title="Extra", tags=["a", "b"], facets={"mission": 1})
            doc.projects["extra"].tags = ["c"]
            try:
                portfolio.loads(b"portfolio: 1\nprojects:\n  - id: a\n    budget: -2\n")
            except portfolio.ValidationError:
                pass
        growth, objects = self.grows(everything, 100, warmup=30)
        self.assertLess(growth, RSS_LIMIT_KIB, f"RSS grew by {growth} KiB over 100 cycles")
        self.assertLess(objects, 100)

    def test_answers_in(self):
        pulse = support.example("instruments/team-pulse.yaml")
        answers = os.path.join(support.SOURCE_ROOT, "tests", "data", "collect", "answers")
        files = sorted(os.path.join(answers, f) for f in os.listdir(answers))[:5]
        shared = portfolio.Instrument.load(pulse)
        pulse_answers = "portfolio: 1\ninstrument: team-pulse-2025\nassessments: [{respondent: a, answers: {c1: yes}}]\n"

        def answers_in(explicit):
            inst = portfolio.Instrument.load(pulse)
            inst.questions("fr")
            portfolio.form(inst, lang="fr")
            portfolio.template(lang="fr")
            doc = portfolio.load(SMALL)
            doc.collect(files)
            try:
                doc.collect(files)  # refused: every respondent is known now
            except portfolio.ValidationError:
                pass
            doc.instrument.questions()
            answered = portfolio.loads(pulse_answers, instrument=shared)
            answered.score()
            if explicit:
                answered.close()
                doc.close()
                inst.close()

        for explicit in (True, False):
            with self.subTest(explicit=explicit):
                growth, objects = self.grows(lambda: answers_in(explicit), 300, warmup=30)
                self.assertLess(growth, RSS_LIMIT_KIB, f"RSS grew by {growth} KiB over 300 cycles")
                self.assertLess(objects, 100)

    def test_instruments_freed_once_and_shared(self):
        inst = portfolio.Instrument.default()
        f = inst._finalizer
        inst.close()
        inst.close()
        self.assertFalse(f.alive)
        inst = portfolio.Instrument.load(support.example("instruments/team-pulse.yaml"))
        f = inst._finalizer
        doc = portfolio.loads("portfolio: 1\ninstrument: team-pulse-2025\n", instrument=inst)
        del inst
        gc.collect()
        self.assertFalse(f.alive)  # the caller's hold is gone; the document keeps its own
        self.assertEqual(doc.instrument.id, "team-pulse-2025")
        self.assertEqual(len(doc.instrument.questions("fr")), 5)

    def test_freed_exactly_once(self):
        doc = portfolio.load(EXAMPLE)
        results = [doc.score(), doc.map(), doc.relations(), doc.recommend(), doc.compare(doc)]
        finalizers = [r._finalizer for r in results] + [doc._finalizer]
        for r in results:
            r.close()
            r.close()
        doc.close()
        doc.close()
        self.assertFalse(any(f.alive for f in finalizers))
        doc2 = portfolio.load(EXAMPLE)
        f = doc2.score()._finalizer  # never closed: freed when collected
        del doc2
        gc.collect()
        self.assertFalse(f.alive)

    def test_children_keep_document_alive(self):
        project = portfolio.load(EXAMPLE).projects["flood-ml"]
        gc.collect()
        self.assertEqual(project.id, "flood-ml")
        self.assertTrue(project.title)
        org = portfolio.load(EXAMPLE).organisation
        gc.collect()
        self.assertEqual(org.country, "GB")

    def test_results_outlive_documents(self):
        results = []
        for _ in range(50):
            doc = portfolio.load(EXAMPLE)
            results.append((doc.score(), doc.map(), doc.relations()))
            del doc
        gc.collect()
        first = [r.to_json() for r in results[0]]
        for trio in results:
            self.assertEqual([r.to_json() for r in trio], first)


if __name__ == "__main__":
    support.main()
