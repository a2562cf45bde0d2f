"""Typed use of the portfolio package: checked by mypy --strict against the package's stubs
(tests/python/test_types.py) and run by that test too, so what it states is also true."""

import datetime
import io
import json
import os
import tempfile

import portfolio


def build() -> portfolio.Document:
    doc = portfolio.Document()
    doc.organisation.name = "Typed Team"
    doc.organisation.level = portfolio.GovLevel.TEAM
    # Setters take strings too; mypy versions that check an assignment against the getter's
    # type (Debian 12's 1.0) want the getter's type, so these use enumeration members and dates.
    doc.organisation.sectors = frozenset({portfolio.Sector.HEALTH, portfolio.Sector.HOUSING})
    doc.targets = {"enhancement": 0.4, portfolio.Facet.MISSION: 0.6}
    p: portfolio.Project = doc.add_project(id="flood-ml", title="Flood forecasting", purpose="anticipatory",
                                           driver=portfolio.Facet.MISSION, budget=250_000, fte=2.5,
                                           start=datetime.date(2025, 1, 6), tags=["flooding", "data"],
                                           facets={"anticipatory": 0.7, "mission": 0.3})
    p.stage = portfolio.Stage.PILOTING
    p.end = datetime.date(2026, 12, 31)
    doc.add_project(id="warnings", title="Flood warnings", purpose="mission", driver="mission",
                    tags=["flooding"], links={"flood-ml": portfolio.LinkKind.SYNERGY})
    a: portfolio.Assessment = doc.add_assessment(respondent="r-001", role="team",
                                                 answers={"q1.mission": 3, "q17": "yes"})
    a.answer("q2", ["enhancement", "adaptive", "mission", "anticipatory"])
    doc.validate()
    return doc


def analyse(doc: portfolio.Document) -> dict[str, object]:
    scores: portfolio.Scores = doc.score(mode=portfolio.ScoreMode.PET)
    mine: portfolio.AssessmentScores = scores["r-001"]
    level: str | None = scores.overall.capability_level
    pct: float = mine.orientation.pct["mission"]
    assert "r-001" in scores and scores.get("r-404") is None
    m: portfolio.Map = doc.map(weight="budget", scores=scores)
    placement: portfolio.Placement | None = m.get("flood-ml")
    assert placement is not None and placement.project == placement.id == "flood-ml"
    zones: list[str | None] = [pl.zone for pl in m]
    relations: portfolio.Relations = doc.relations(threshold=0.2)
    pairs: list[tuple[str, str]] = relations.keys()
    advice: portfolio.Advice = doc.recommend(lang="fr")
    first: portfolio.Recommendation | None = advice.get(0)
    kinds: list[portfolio.AdviceKind] = [r.kind for r in advice]
    svg: str = scores.diamond_svg(width=480) + m.to_svg(titles=True)
    page: str = doc._repr_html_()
    report: str = doc.report(format=portfolio.ReportFormat.MD)
    streamed = io.BytesIO()  # any binary file: open(path, "wb"), sys.stdout.buffer, gzip.open(path, "wb")
    doc.report(format=portfolio.ReportFormat.MD, file=streamed)
    assert streamed.getvalue().decode("utf-8") == report
    map_json = io.BytesIO()
    m.write_json(map_json)
    assert map_json.getvalue().decode("utf-8") == m.to_json()
    return {"level": level, "pct": pct, "zones": zones, "pairs": pairs, "first": first and first.rule,
            "kinds": [k.value for k in kinds], "svg": len(svg), "page": len(page), "report": len(report)}


def round_trip(doc: portfolio.Document) -> portfolio.Document:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "typed.yaml")
        doc.save(path)
        again = portfolio.load(path, files="none")
    text = json.dumps({"portfolio": 1, "organisation": {"name": "Emoji \U0001F600"}})
    emoji = portfolio.loads(text, source="emoji.json")
    assert emoji.organisation.name == "Emoji \U0001F600"
    return again


def errors() -> list[portfolio.Problem]:
    try:
        portfolio.loads("portfolio: 1\nprojects:\n  - id: x\n    budget: -1\n")
    except portfolio.ValidationError as e:
        return e.problems
    return []


def main() -> int:
    doc = build()
    figures = analyse(doc)
    again = round_trip(doc)
    assert again.projects["flood-ml"].stage is portfolio.Stage.PILOTING
    assert again.projects["flood-ml"].end == datetime.date(2026, 12, 31)
    problems = errors()
    assert [(p.line, p.column) for p in problems] == [(4, 13)], problems
    later = portfolio.load(os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data",
                                        "environment-agency.yaml"))
    change: portfolio.Comparison = later.compare(later)
    assert all(c.delta in (0, None) for c in change)
    print(sorted(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
