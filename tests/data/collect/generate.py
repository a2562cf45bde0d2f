#!/usr/bin/env python3
"""Writes the answers files of tests/data/collect/answers/: 40 fictional respondents (r-101 to
r-140) answering opsi-pet-2020, as the questionnaire template and the HTML form save them.

Deterministic (a fixed linear congruential generator, not Python's random module), so running
it again rewrites the same bytes. Every fourth file is JSON; the others are YAML, some with
comments, some without an `instrument:` line (the default), some answering in words, some
only partly. tests/test_collect.c collects them into examples/data/minimal.yaml and compares
the result with expected.yaml (regenerate that with PF_REGENERATE_GOLDEN=1).

    python3 tests/data/collect/generate.py
"""
import json
import os

FACETS = ["enhancement", "mission", "adaptive", "anticipatory"]
AGREE_WORDS = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"]
ROLES = ["individual", "team", "senior-management", "steward", "external"]
UNITS = ["Digital Team", "Harbour Office", "Parking & Permits", "Data and Statistics",
         "Town Council", "Customer Services", "Planning: Quays 2040"]


def items(prefix, suffixes):
    return [("agree", f"{prefix}.{s}") for s in suffixes]


def paired(facets, n):
    return [f"{f}{i}" for f in facets for i in range(1, n + 1)]


# The answer slots of opsi-pet-2020 in instrument order (docs/format.md, section 4).
SLOTS = (
    items("q1", FACETS) + [("rank", "q2", FACETS)] + items("q3", FACETS) + items("q4", FACETS)
    + [("rank", "q5", FACETS)] + items("q6", paired(FACETS[:3], 2)) + items("q7", FACETS)
    + [("rank", "q8", FACETS)] + items("q9", FACETS) + [("multi", "q10", FACETS)]
    + items("q11", FACETS) + [("rank", "q12", FACETS)]
    + [("multi", "q13", paired(FACETS, 2)), ("multi", "q14", paired(FACETS, 2)),
       ("multi", "q15", paired(FACETS, 4))]
    + items("q16", paired(FACETS, 2)) + [("yes-no", "q17"), ("agree", "q18a"), ("agree", "q18b"),
                                         ("yes-no", "q19"), ("yes-no", "q20"), ("agree", "q21")]
    + [("agree", f"q22{c}") for c in "abcde"] + [("agree", f"q23{c}") for c in "abcd"]
    + [("agree", f"q24{c}") for c in "abcdefghijk"]
)


class Lcg:
    """Numerical Recipes' 32-bit LCG: the same numbers on every Python."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def below(self, n):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % n

    def shuffled(self, values):
        values = list(values)
        for i in range(len(values) - 1, 0, -1):
            j = self.below(i + 1)
            values[i], values[j] = values[j], values[i]
        return values


def respondent(number):
    rng = Lcg(number * 7919)
    role = ROLES[rng.below(len(ROLES))]
    unit = UNITS[rng.below(len(UNITS))]
    date = f"2026-{11 + rng.below(2):02d}-{1 + rng.below(28):02d}"
    # Roughly one respondent in four stops part-way; the others skip a few items.
    stop = len(SLOTS) if rng.below(4) else 10 + rng.below(len(SLOTS) - 10)
    words = rng.below(3) == 0
    answers = []
    for slot in SLOTS[:stop]:
        form, ident = slot[0], slot[1]
        if rng.below(10) == 0:
            continue
        if form == "agree":
            value = rng.below(5)
            answers.append((ident, AGREE_WORDS[value] if words else value))
        elif form == "yes-no":
            answers.append((ident, ["yes", "no", "unsure"][rng.below(3)]))
        elif form == "rank":
            answers.append((ident, rng.shuffled(slot[2])))
        else:
            chosen = [o for o in slot[2] if rng.below(3) == 0]
            answers.append((ident, chosen or ["none"]))
    return {"respondent": f"r-{number}", "role": role, "unit": unit, "date": date}, answers, rng


def yaml_scalar(value):
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    if isinstance(value, int):
        return str(value)
    return value


def write_yaml(path, head, answers, rng, number):
    lines = []
    if number % 5 == 1:
        lines.append(f"# Saved by the questionnaire form for {head['respondent']}.")
    lines.append("portfolio: 1")
    if number % 3:
        lines.append("instrument: opsi-pet-2020")
    lines.append("assessments:")
    lines.append(f"  - respondent: {head['respondent']}")
    lines.append(f"    role: {head['role']}")
    unit = head["unit"]
    lines.append(f'    unit: "{unit}"' if ":" in unit or "&" in unit or rng.below(2) else f"    unit: {unit}")
    lines.append(f"    date: {head['date']}")
    lines.append("    answers:")
    for ident, value in answers:
        lines.append(f"      {ident}: {yaml_scalar(value)}")
    if not answers:
        lines[-1] = "    answers: {}"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def write_json(path, head, answers):
    assessment = dict(head)
    assessment["answers"] = {ident: value for ident, value in answers}
    document = {"portfolio": 1, "instrument": "opsi-pet-2020", "assessments": [assessment]}
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "answers")
    os.makedirs(out, exist_ok=True)
    for number in range(101, 141):
        head, answers, rng = respondent(number)
        if number % 4 == 0:
            write_json(os.path.join(out, f"r-{number}.json"), head, answers)
        else:
            write_yaml(os.path.join(out, f"r-{number}.yaml"), head, answers, rng, number)


if __name__ == "__main__":
    main()
