#!/bin/sh
# The portfolio command line: exit codes, messages and golden outputs.
set -u
exe=$1
src=$2
. "$src/tests/cli_helpers.sh"

cd "$src/examples/data" || exit 1
check "examples validate" 0 "$exe" validate environment-agency.yaml university-city.yaml minimal.yaml team-pulse.yaml
same "valid files print nothing" "$tmp/err" ""
check "standard input" 0 sh -c "\"$exe\" validate - < minimal.yaml"

printf 'portfolio: 1\nprojects:\n  - id: a\n    stage: pilot\n' > "$tmp/bad.yaml"
check "invalid file exits 1" 1 "$exe" validate minimal.yaml "$tmp/bad.yaml"
same "FILE:LINE:COLUMN: message" "$tmp/err" \
    "$tmp/bad.yaml:4:12: projects[0].stage: unknown value 'pilot' (expected one of: idea, exploring, piloting, implementing, scaling, embedded, stopped)"
check "invalid standard input" 1 sh -c "\"$exe\" validate - < \"$tmp/bad.yaml\""
same "standard input is named" "$tmp/err" \
    "<stdin>:4:12: projects[0].stage: unknown value 'pilot' (expected one of: idea, exploring, piloting, implementing, scaling, embedded, stopped)"
check "missing file" 1 "$exe" validate "$tmp/none.yaml"
same "missing file message" "$tmp/err" "$tmp/none.yaml: cannot open: No such file or directory"

check "no command" 2 "$exe"
check "unknown command" 2 "$exe" frobnicate
check "validate without FILE" 2 "$exe" validate
check "unknown option" 2 "$exe" validate --frob minimal.yaml
same "usage error message" "$tmp/err" "portfolio validate: unknown option --frob
usage: portfolio validate FILE... [--instrument FILE] [--format text|json]"
check "show needs one FILE" 2 "$exe" show a.yaml b.yaml
check "instrument takes at most one FILE" 2 "$exe" instrument a.yaml b.yaml
for cmd in "" validate show score map compare instrument relations synergies recommend report anonymise benchmark form import; do
    check "$cmd --help" 0 "$exe" $cmd --help
    grep -q "^usage: portfolio" "$tmp/out" || { echo "not ok - $cmd --help prints usage"; failures=$((failures + 1)); }
    check "$cmd --version" 0 "$exe" $cmd --version
    grep -Eq '^portfolio [0-9]+\.[0-9]+\.[0-9]+$' "$tmp/out" || { echo "not ok - $cmd --version"; failures=$((failures + 1)); }
done

check "show" 0 "$exe" show environment-agency.yaml
n=$((n + 1))
if cmp -s "$tmp/out" "$src/tests/data/golden/show-environment-agency.txt"; then
    echo "ok $n - show golden output"
else
    echo "not ok $n - show golden output"; diff "$src/tests/data/golden/show-environment-agency.txt" "$tmp/out" | sed 's/^/# /'
    failures=$((failures + 1))
fi
check "show invalid" 1 "$exe" show "$tmp/bad.yaml"

check "instrument" 0 "$exe" instrument
n=$((n + 1))
if cmp -s "$tmp/out" "$src/tests/data/golden/instrument.txt"; then
    echo "ok $n - instrument golden output"
else
    echo "not ok $n - instrument golden output"; diff "$src/tests/data/golden/instrument.txt" "$tmp/out" | sed 's/^/# /'
    failures=$((failures + 1))
fi
n=$((n + 1))
if awk 'length($0) > 80 { exit 1 }' "$tmp/out"; then echo "ok $n - instrument fits 80 columns"; else
    echo "not ok $n - instrument fits 80 columns"; failures=$((failures + 1)); fi
check "show names an instrument file" 0 "$exe" show team-pulse.yaml
grep -qx "Instrument     team-pulse-2025 (instruments/team-pulse.yaml)" "$tmp/out" ||
    { echo "not ok - show names the instrument file"; failures=$((failures + 1)); }
check "instrument FILE" 0 "$exe" instrument instruments/team-pulse.yaml
same "instrument FILE prints no problems" "$tmp/err" ""
[ "$(head -n 1 "$tmp/out")" = "Team innovation pulse" ] || { echo "not ok - instrument FILE prints its title"; failures=$((failures + 1)); }
check "instrument from standard input" 0 sh -c "\"$exe\" instrument - < instruments/team-pulse.yaml"
printf 'instrument: 1\nid: x\ntitle: X\nscoring: {pet_scale: 0, capability_base: 0, capability_levels: {medium: 1, high: 2}}\nquestions: []\n' > "$tmp/bad-instrument.yaml"
check "invalid instrument exits 1" 1 "$exe" instrument "$tmp/bad-instrument.yaml"
same "invalid instrument: FILE:LINE:COLUMN: message" "$tmp/err" \
"$tmp/bad-instrument.yaml:4:22: scoring.pet_scale: must be above 0 (it divides every raw facet score)
$tmp/bad-instrument.yaml:5:12: questions: must list at least one question"
check "missing instrument file" 1 "$exe" instrument "$tmp/none.yaml"
same "missing instrument file message" "$tmp/err" "$tmp/none.yaml: cannot open: No such file or directory"

# golden NAME ARGS...: the command's standard output must equal tests/data/golden/NAME byte for byte.
# PF_REGENERATE_GOLDEN=1 rewrites the golden files instead (review the diff before committing).
# GOLDEN_STATUS (default 0) is the exit status the command must give.
golden() {
    gname=$1
    shift
    check "$gname runs" "${GOLDEN_STATUS:-0}" "$exe" "$@" || return
    n=$((n + 1))
    if [ -n "${PF_REGENERATE_GOLDEN:-}" ]; then
        cp "$tmp/out" "$src/tests/data/golden/$gname"
        echo "ok $n - $gname regenerated"
    elif cmp -s "$tmp/out" "$src/tests/data/golden/$gname"; then
        echo "ok $n - $gname golden output"
    else
        echo "not ok $n - $gname golden output"
        diff "$src/tests/data/golden/$gname" "$tmp/out" | head -20 | sed 's/^/# /'
        failures=$((failures + 1))
    fi
    case "$gname" in
    *.json)
        n=$((n + 1))
        if python3 -m json.tool "$tmp/out" >/dev/null 2>&1; then
            echo "ok $n - $gname parses as JSON"
        else
            echo "not ok $n - $gname parses as JSON"; failures=$((failures + 1))
        fi ;;
    esac
}

# The questionnaire in French: the instrument's French texts, the command's own words in French.
golden instrument-fr.txt instrument --lang fr
n=$((n + 1))
if python3 -c 'import sys; sys.exit(any(len(l.rstrip("\n")) > 80 for l in open(sys.argv[1], encoding="utf-8")))' \
    "$tmp/out"; then echo "ok $n - instrument --lang fr fits 80 columns"; else
    echo "not ok $n - instrument --lang fr fits 80 columns"; failures=$((failures + 1)); fi
golden instrument.txt instrument --lang en
check "instrument --lang de" 2 "$exe" instrument --lang de
same "instrument --lang de message" "$tmp/err" "portfolio instrument: --lang must be en or fr (got 'de')
usage: portfolio instrument [FILE] [--lang en|fr] [--template]"
check "instrument FILE --lang fr" 0 "$exe" instrument instruments/team-pulse.yaml --lang fr
[ "$(head -n 1 "$tmp/out")" = "Baromètre de l'innovation de l'équipe" ] ||
    { echo "not ok - instrument FILE --lang fr prints its French title"; failures=$((failures + 1)); }
grep -qx "    c2.silos     Nous entendons rarement parler de ce que les autres équipes" "$tmp/out" ||
    { echo "not ok - instrument FILE --lang fr prints French items"; failures=$((failures + 1)); }
# A text the file gives only in its own language is printed in that language.
cat > "$tmp/mixed.yaml" <<'EOF'
instrument: 1
id: mixed
title: {en: Mixed, fr: Mixte}
scoring: {pet_scale: 1, capability_base: 0, capability_levels: {medium: 1, high: 2}}
questions:
  - id: q
    part: orientation
    form: agree
    text: Only English?
    items:
      - {id: a, facet: enhancement, text: {en: One., fr: Un.}}
      - {id: b, facet: mission, text: Two.}
      - {id: c, facet: adaptive, text: {en: Three., de: Drei.}}
      - {id: d, facet: anticipatory, text: Four.}
  - id: k
    part: capability
    form: agree
    text: Capability?
    items:
      - {id: k1, dimension: sense-making, text: x}
      - {id: k2, dimension: stewardship, text: x}
      - {id: k3, dimension: structures, text: x}
      - {id: k4, dimension: resources, text: x}
      - {id: k5, dimension: learning, text: x}
      - {id: k6, dimension: ecosystem, text: x}
EOF
check "instrument --lang fr with missing translations" 0 "$exe" instrument "$tmp/mixed.yaml" --lang fr
[ "$(sed -n '1p;11p;15,17p' "$tmp/out")" = "Mixte
q  Only English?
    a  Un.
    b  Two.
    c  Three." ] || { echo "not ok - missing translations fall back"; sed 's/^/# /' "$tmp/out"; failures=$((failures + 1)); }

# Answers in: blank templates, collect, validate --instrument (docs/format.md, section 8).
# same_file NAME EXPECTED_FILE ACTUAL_FILE: byte for byte
same_file() {
    n=$((n + 1))
    if cmp -s "$2" "$3"; then echo "ok $n - $1"; else
        echo "not ok $n - $1"; diff "$2" "$3" | head -20 | sed 's/^/# /'; failures=$((failures + 1)); fi
}
collect_dir="$src/tests/data/collect"
check "instrument --template" 0 "$exe" instrument --template
same_file "instrument --template golden output" "$collect_dir/template-opsi-pet-2020.yaml" "$tmp/out"
check "instrument FILE --template --lang fr" 0 "$exe" instrument instruments/team-pulse.yaml --template --lang fr
same_file "instrument --template --lang fr golden output" "$collect_dir/template-team-pulse-fr.yaml" "$tmp/out"
check "instrument --template: unknown language" 2 "$exe" instrument --template --lang de
check "a blank template needs its respondent" 1 sh -c \
    "\"$exe\" instrument instruments/team-pulse.yaml --template | \"$exe\" validate --instrument instruments/team-pulse.yaml -"
same "blank template problem" "$tmp/err" "<stdin>:7:5: assessments[0]: key 'respondent' of an assessment must have a value"
"$exe" instrument instruments/team-pulse.yaml --template |
    sed 's/^  - respondent: .*/  - respondent: r-900/; s/^      p1.mission:$/      p1.mission: 3/; s/^      p3:$/      p3: [none]/' \
    > "$tmp/filled.yaml"
check "a filled template validates" 0 "$exe" validate --instrument instruments/team-pulse.yaml "$tmp/filled.yaml"
same "a filled template: no problems" "$tmp/err" ""
check "collect --help" 0 "$exe" collect --help
check "collect --version" 0 "$exe" collect --version

cd "$collect_dir" || exit 1
check "validate: a custom instrument's id is unknown alone" 1 "$exe" validate team-pulse/t-01.yaml
same "validate: unknown instrument message" "$tmp/err" \
    "team-pulse/t-01.yaml:2:13: instrument: 'team-pulse-2025' is not a known instrument (known: opsi-pet-2020)"
check "validate --instrument" 0 "$exe" validate --instrument ../../../examples/data/instruments/team-pulse.yaml \
    team-pulse/t-01.yaml team-pulse/t-02.json
check "validate --instrument: a broken instrument" 1 "$exe" validate --instrument broken/syntax.yaml team-pulse/t-01.yaml
check "collect to standard output" 0 "$exe" collect ../../../examples/data/minimal.yaml answers/*
same_file "collect golden output" expected.yaml "$tmp/out"
same "collect summary" "$tmp/err" \
    "portfolio collect: 40 files: 40 assessments added, 0 replaced, 0 files refused; written to standard output"
cp ../../../examples/data/minimal.yaml "$tmp/portfolio.yaml"
check "collect -o onto the portfolio itself" 0 "$exe" collect "$tmp/portfolio.yaml" answers/* -o "$tmp/portfolio.yaml"
same "collect -o writes nothing to standard output" "$tmp/out" ""
same "collect -o summary" "$tmp/err" \
    "portfolio collect: 40 files: 40 assessments added, 0 replaced, 0 files refused; wrote $tmp/portfolio.yaml"
same_file "collect -o writes the golden document" expected.yaml "$tmp/portfolio.yaml"
cp ../../../examples/data/minimal.yaml "$tmp/portfolio.yaml"
check "collect refuses a known respondent and a broken file" 1 "$exe" collect "$tmp/portfolio.yaml" \
    answers/r-101.yaml broken/duplicate.yaml broken/syntax.yaml -o "$tmp/portfolio.yaml"
same_file "a refused collect leaves the portfolio byte for byte" ../../../examples/data/minimal.yaml "$tmp/portfolio.yaml"
same "collect refusal: every problem and the summary" "$tmp/err" \
"broken/duplicate.yaml:8:17: assessments[1].respondent: 'r-001' already has an assessment in the portfolio ($tmp/portfolio.yaml:32:17); collect with replace to replace it
broken/syntax.yaml:9:10: YAML syntax error: did not find expected ',' or ']' while parsing a flow sequence (which began at line 8, column 11)
portfolio collect: 3 files: 1 assessment added, 0 replaced, 2 files refused; nothing written"
same "a refused collect writes nothing to standard output" "$tmp/out" ""
check "collect --replace" 0 "$exe" collect "$tmp/portfolio.yaml" broken/duplicate.yaml --replace
same "collect --replace summary" "$tmp/err" \
    "portfolio collect: 1 file: 1 assessment added, 1 replaced, 0 files refused; written to standard output"
check "collect: a respondent in two files" 1 "$exe" collect "$tmp/portfolio.yaml" answers/r-101.yaml broken/again-r-101.json
same "collect: a respondent in two files, message" "$tmp/err" \
"broken/again-r-101.json:5:20: assessments[0].respondent: 'r-101' is also in answers/r-101.yaml:5:17, collected in the same call
portfolio collect: 2 files: 1 assessment added, 0 replaced, 1 file refused; nothing written"
check "collect answers to a custom instrument" 0 "$exe" collect ../../../examples/data/team-pulse.yaml team-pulse/t-01.yaml
grep -qx "instrument: instruments/team-pulse.yaml" "$tmp/out" ||
    { echo "not ok - collect keeps the instrument file"; failures=$((failures + 1)); }
mkdir -p "$tmp/elsewhere/deeper"
check "collect -o into another directory" 0 "$exe" collect ../../../examples/data/team-pulse.yaml team-pulse/t-01.yaml \
    -o "$tmp/elsewhere/deeper/team.yaml"
check "the collected document finds its instrument from its new place" 0 "$exe" validate "$tmp/elsewhere/deeper/team.yaml"
(cd "$tmp/elsewhere/deeper" && grep '^instrument: ' team.yaml) >"$tmp/out"
real_instrument=$(cd ../../../examples/data/instruments && pwd -P)/team-pulse.yaml
n=$((n + 1))
if [ "$(cd "$tmp/elsewhere/deeper" && realpath "$(sed 's/^instrument: //' "$tmp/out")")" = "$real_instrument" ]; then
    echo "ok $n - the instrument path is rewritten relative to OUT"; else
    echo "not ok $n - the instrument path is rewritten relative to OUT"; failures=$((failures + 1)); fi
check "collect: an invalid portfolio" 1 "$exe" collect "$tmp/bad.yaml" answers/r-101.yaml
check "collect: nowhere to write" 1 "$exe" collect "$tmp/portfolio.yaml" answers/r-101.yaml -o "$tmp/no/such/dir/p.yaml"
check "collect needs ANSWERS" 2 "$exe" collect "$tmp/portfolio.yaml"
same "collect usage message" "$tmp/err" "portfolio collect: expected PORTFOLIO and at least one ANSWERS file
usage: portfolio collect PORTFOLIO ANSWERS... [-o OUT] [--replace]"
check "collect: ANSWERS cannot be standard input" 2 "$exe" collect "$tmp/portfolio.yaml" -
cd "$src/examples/data" || exit 1

for ex in environment-agency university-city minimal; do
    golden "score-$ex.txt" score "$ex.yaml" --by-role
    golden "score-$ex.json" score "$ex.yaml" --format json
    golden "map-$ex.txt" map "$ex.yaml"
    golden "map-$ex.json" map "$ex.yaml" --format json
done
golden score-environment-agency-normalised.txt score environment-agency.yaml --mode normalised
golden map-environment-agency-budget.txt map environment-agency.yaml --weight budget
golden map-university-city-fte.json map university-city.yaml --weight fte --format json
for ex in environment-agency university-city; do
    golden "recommend-$ex.txt" recommend "$ex.yaml"
    golden "recommend-$ex-fr.txt" recommend "$ex.yaml" --lang fr
    golden "recommend-$ex.json" recommend "$ex.yaml" --format json
done
golden recommend-minimal-own-rules.txt recommend minimal.yaml --add-rules "$src/tests/data/rules/harbour-town.yaml"
check "recommend with a broken catalogue" 1 "$exe" recommend minimal.yaml --rules "$src/tests/data/invalid-rules/rule-bad-kind.yaml"
grep -q "rule-bad-kind.yaml:[0-9]*:[0-9]*: rules\[0\]" "$tmp/err" || { echo "not ok - broken catalogue located"; failures=$((failures + 1)); }
# Issue 13: conditions nested far past the limit (64) are refused where they go past it, not a stack overflow.
open=$(printf '%13000s' '' | tr ' ' '(')
close=$(printf '%13000s' '' | tr ' ' ')')
minus=$(printf '%37000s' '' | tr ' ' '-')
printf 'catalogue: 1\nrules:\n  - id: DEEP\n    kind: info\n    priority: 1\n    when: "%s"\n    message: {en: "x"}\n' \
    "${open}portfolio.projects > 0$close" > "$tmp/deep.yaml"
printf 'catalogue: 1\nrules:\n  - id: MINUS\n    kind: info\n    priority: 1\n    when: "%s"\n    message: {en: "x"}\n' \
    "${minus}portfolio.projects < 0" > "$tmp/minus.yaml"
for cmd in recommend report; do
    check "$cmd --add-rules: 13 000 parentheses" 1 "$exe" $cmd minimal.yaml --add-rules "$tmp/deep.yaml"
    same "$cmd --add-rules: nesting limit located" "$tmp/err" \
        "$tmp/deep.yaml:6:76: rules[0].when: rule DEEP: condition nested deeper than 64 levels"
    same "$cmd --add-rules: nothing written" "$tmp/out" ""
    check "$cmd --rules: 37 000 minus signs" 1 "$exe" $cmd minimal.yaml --rules "$tmp/minus.yaml"
    same "$cmd --rules: nesting limit located" "$tmp/err" \
        "$tmp/minus.yaml:6:76: rules[0].when: rule MINUS: condition nested deeper than 64 levels"
done
for fmt in text md html json csv csv-assessments; do
    golden "report-environment-agency.$fmt" report environment-agency.yaml --format "$fmt"
done
for fmt in text md html json; do
    golden "report-environment-agency-fr.$fmt" report environment-agency.yaml --format "$fmt" --lang fr
done
golden report-environment-agency-respondents.md report environment-agency.yaml --format md --respondents
# has|lacks NAME FILE ERE: a line of FILE matches (does not match) the extended regular expression.
has() {
    n=$((n + 1))
    if grep -Eq "$3" "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; failures=$((failures + 1)); fi
}
lacks() {
    n=$((n + 1))
    if grep -Eq "$3" "$2"; then
        echo "not ok $n - $1"; grep -E "$3" "$2" | head -3 | sed 's/^/# /'; failures=$((failures + 1))
    else
        echo "ok $n - $1"
    fi
}
# Issue 11: aggregates by default. No respondent's pseudonym in text, Markdown or HTML unless asked for;
# a role of fewer than 3 (individual: 2; steward and external: 1) is shown without a mean.
for fmt in text md html; do
    check "report --format $fmt" 0 "$exe" report environment-agency.yaml --format "$fmt"
    lacks "report --format $fmt names no respondent by default" "$tmp/out" 'r-0[0-9][0-9]'
    has "report --format $fmt: a role of 2 is fewer than 3 respondents" "$tmp/out" 'Individual[^(]{0,60}fewer than 3 respondents'
    lacks "report --format $fmt: no mean of a role of 2" "$tmp/out" 'Individual \(2\)'
    has "report --format $fmt opens with the summary" "$tmp/out" 'Largest gaps to the targets'
    check "report --format $fmt --respondents" 0 "$exe" report environment-agency.yaml --format "$fmt" --respondents
    has "report --format $fmt --respondents names them" "$tmp/out" 'r-010'
    check "report --format $fmt --min-group 2" 0 "$exe" report environment-agency.yaml --format "$fmt" --min-group 2
    has "report --format $fmt --min-group 2: a role of 2 has its mean" "$tmp/out" 'Individual \(2\)'
    has "report --format $fmt --min-group 2: a role of 1 has not" "$tmp/out" 'External[^(]{0,60}fewer than 2 respondents'
    check "report --format $fmt --lang fr" 0 "$exe" report environment-agency.yaml --format "$fmt" --lang fr
    has "report --format $fmt --lang fr: a small role in French" "$tmp/out" 'Individuel[^(]{0,60}moins de 3 répondants'
done
check "report --respondents --anonymous" 0 "$exe" report environment-agency.yaml --format md --respondents --anonymous
lacks "--anonymous wins over --respondents" "$tmp/out" 'r-0[0-9][0-9]'
check "report --min-group 0" 2 "$exe" report environment-agency.yaml --min-group 0
head -n 1 "$tmp/err" > "$tmp/err1"
same "report --min-group 0: the message" "$tmp/err1" "portfolio report: --min-group must be a whole number from 1 (got '0')"
check "report --min-group x" 2 "$exe" report environment-agency.yaml --min-group x
check "report --respondents=yes" 2 "$exe" report environment-agency.yaml --respondents=yes
golden report-university-city-fr.text report university-city.yaml --lang fr
# The change since an earlier document: a project removed, one moved to another zone, two added.
for fmt in text md html json; do
    golden "report-environment-agency-since.$fmt" report environment-agency-2026.yaml --since environment-agency.yaml --format "$fmt"
done
golden report-environment-agency-since-fr.text report environment-agency-2026.yaml --since environment-agency.yaml --lang fr
golden report-environment-agency-since-fr.md report environment-agency-2026.yaml --since environment-agency.yaml --format md --lang fr
check "report --since: a document with itself" 0 "$exe" report minimal.yaml --since minimal.yaml
n=$((n + 1))
if grep -q "^No project added, removed or moved.$" "$tmp/out"; then echo "ok $n - report --since: nothing changed says so"; else
    echo "not ok $n - report --since: nothing changed says so"; failures=$((failures + 1)); fi
check "report --since: a missing earlier document" 1 "$exe" report minimal.yaml --since "$tmp/none.yaml"
same "report --since: the missing file is named" "$tmp/err" "$tmp/none.yaml: cannot open: No such file or directory"
same "report --since: nothing written" "$tmp/out" ""
check "report --since: -o cannot replace the earlier document" 2 "$exe" report minimal.yaml --since university-city.yaml -o university-city.yaml
same "report --since: the earlier document is an input" "$tmp/err" \
    "portfolio report: the output university-city.yaml is the input university-city.yaml; refusing to overwrite it"
check "report --since: the earlier document from standard input" 0 sh -c "\"$exe\" report minimal.yaml --since - < minimal.yaml"
check "report --since: documents of different instruments" 1 "$exe" report environment-agency.yaml --since team-pulse.yaml
same "report --since: different instruments refused with a reason" "$tmp/err" \
    "portfolio: since: the earlier document's assessments answer another instrument ('team-pulse-2025') than this one's ('opsi-pet-2020'): their scores do not compare"
golden report-university-city-fr.md report university-city.yaml --format md --lang fr
golden report-environment-agency-anonymous.json report environment-agency.yaml --format json --anonymous
n=$((n + 1))
if python3 - "$src/tests/data/golden/report-environment-agency.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
need = {"schema_version", "lang", "organisation", "instrument", "summary", "explanations", "scores", "map",
        "recommendations", "relations"}
assert need <= set(d), need - set(d)
assert d["schema_version"] == 1 and d["organisation"]["name"]
assert d["scores"]["assessments"] and d["scores"]["overall"]["metrics"]["orientation.enhancement"]["n"] == 10
assert d["map"]["projects"] and d["recommendations"]["recommendations"] and "counts" in d["relations"]
for r in d["recommendations"]["recommendations"]:
    assert r["evidence"], r["rule"]
s = d["summary"]
assert s["answers_date"] == "2025-10-14" and s["respondents"] == 10 and s["tendency"] == "enhancement+mission"
assert [g["facet"] for g in s["gaps"]] == ["anticipatory", "enhancement"] and len(s["recommendations"]) == 3
assert s["min_group"] == 3 and s["small_roles"] == ["individual", "steward", "external"]
# JSON is for pipelines: every respondent and every role's statistics stay (docs/reports.md).
assert len(d["scores"]["assessments"]) == 10 and d["scores"]["assessments"][0]["respondent"] == "r-001"
assert set(d["explanations"]) == {"orientation", "roles", "capability", "map", "targets"}
PY
then echo "ok $n - the JSON report has every documented part"; else echo "not ok $n - the JSON report has every documented part"; failures=$((failures + 1)); fi
n=$((n + 1))
if grep -q "r-001" "$src/tests/data/golden/report-environment-agency-anonymous.json"; then
    echo "not ok $n - an anonymous report names no respondent"; failures=$((failures + 1))
else
    echo "ok $n - an anonymous report names no respondent"
fi
check "report -o writes the file" 0 "$exe" report environment-agency.yaml --format md -o "$tmp/report.md"
n=$((n + 1))
if cmp -s "$tmp/report.md" "$src/tests/data/golden/report-environment-agency.md"; then echo "ok $n - -o writes the same report"; else
    echo "not ok $n - -o writes the same report"; failures=$((failures + 1)); fi
check "report: unknown format" 2 "$exe" report environment-agency.yaml --format docx
# --format pdf without Chromium in PATH (the PDF itself is checked by the browser test, check_browser.sh).
check "report --format pdf without Chromium" 1 env PATH=/nonexistent "$exe" report minimal.yaml --format pdf -o "$tmp/r.pdf"
same "report --format pdf without Chromium names the package" "$tmp/err" \
    "portfolio: --format pdf prints the HTML report with Chromium, which is not in PATH (chromium or chromium-browser); on Debian, install the package chromium (apt-get install chromium)"
n=$((n + 1))
if [ -e "$tmp/r.pdf" ]; then echo "not ok $n - report --format pdf: no file without Chromium"; failures=$((failures + 1)); else
    echo "ok $n - report --format pdf: no file without Chromium"; fi
check "report: unknown language" 2 "$exe" report environment-agency.yaml --lang de
check "report: nowhere to write" 1 "$exe" report environment-agency.yaml -o "$tmp/no/such/dir/r.html"
check "report: NO_COLOR is honoured" 0 env NO_COLOR=1 "$exe" report minimal.yaml
n=$((n + 1))
if grep -q "$(printf '\033')" "$tmp/out"; then echo "not ok $n - no colour in a pipe"; failures=$((failures + 1)); else echo "ok $n - no colour in a pipe"; fi
golden compare-environment-agency.txt compare environment-agency.yaml environment-agency-2026.yaml
golden compare-environment-agency.json compare environment-agency.yaml environment-agency-2026.yaml --format json
for ex in environment-agency university-city minimal; do
    golden "synergies-$ex.txt" relations "$ex.yaml"
    golden "synergies-$ex.json" relations "$ex.yaml" --format json
done
check "relations takes no --weight" 2 "$exe" relations --weight budget minimal.yaml
check "relations needs one FILE" 2 "$exe" relations minimal.yaml university-city.yaml
check "relations of an invalid file" 1 "$exe" relations "$tmp/bad.yaml"
check "relations format" 2 "$exe" relations minimal.yaml --format yaml
same "relations format message" "$tmp/err" "portfolio relations: --format must be one of: text json (got 'yaml')"
# synergies: the deprecated name of relations, still working, naming itself in its messages.
golden "synergies-environment-agency.json" synergies environment-agency.yaml --format json
check "synergies format" 2 "$exe" synergies minimal.yaml --format yaml
same "synergies format message" "$tmp/err" "portfolio synergies: --format must be one of: text json (got 'yaml')"
check "synergies --help" 0 "$exe" synergies --help
n=$((n + 1))
if grep -q "^Deprecated name of the relations command" "$tmp/out"; then echo "ok $n - synergies --help says it is deprecated"
else echo "not ok $n - synergies --help says it is deprecated"; failures=$((failures + 1)); fi
check "--help" 0 "$exe" --help
n=$((n + 1))
if grep -q "^  relations FILE" "$tmp/out" && grep -q "^  synergies FILE .*(deprecated: use relations)" "$tmp/out"
then echo "ok $n - --help lists relations, and synergies as deprecated"
else echo "not ok $n - --help lists relations, and synergies as deprecated"; failures=$((failures + 1)); fi
check "unknown mode" 2 "$exe" score --mode median minimal.yaml
same "unknown mode message" "$tmp/err" "portfolio score: --mode must be one of: pet normalised pet-published (got 'median')"

# The published tool's numbers (docs/method.md 3.6) and the completeness floor (7.1).
golden score-minimal-published.txt score minimal.yaml --mode pet-published --include-incomplete
check "pet-published on another instrument" 1 "$exe" score team-pulse.yaml --mode pet-published
same "pet-published on another instrument: message" "$tmp/err" \
    "portfolio: score mode pet-published reproduces the published PET and applies only to instrument opsi-pet-2020, not team-pulse-2025"
check "anonymise refuses pet-published" 1 "$exe" anonymise environment-agency.yaml --mode pet-published
same "anonymise refuses pet-published: message" "$tmp/err" \
    "portfolio: score mode pet-published is not used in records: benchmarks compare the method's stated rules"
check "anonymise takes no --include-incomplete" 2 "$exe" anonymise environment-agency.yaml --include-incomplete
head -n 1 "$tmp/err" > "$tmp/err1"
same "anonymise takes no --include-incomplete: message" "$tmp/err1" \
    "portfolio anonymise: records keep every respondent: no --completeness-floor or --include-incomplete"
golden score-team-pulse.txt score team-pulse.yaml --by-role
golden score-minimal-floor.json score minimal.yaml --completeness-floor 0.1 --format json
golden map-minimal-include-incomplete.txt map minimal.yaml --include-incomplete
check "recommend --completeness-floor 0 keeps everyone" 0 "$exe" recommend minimal.yaml --completeness-floor 0 --format json
n=$((n + 1))
if grep -q '"assessments.left_out": 0' "$tmp/out"; then
    echo "ok $n - recommend --completeness-floor 0: nobody left out"
else
    echo "not ok $n - recommend --completeness-floor 0: nobody left out"; failures=$((failures + 1))
fi
for opt in --include-incomplete "--completeness-floor 0.1"; do
    # shellcheck disable=SC2086
    check "report $opt" 0 "$exe" report minimal.yaml --format json $opt
    n=$((n + 1))
    if grep -q '^    "left_out": 0,$' "$tmp/out"; then
        echo "ok $n - report $opt reaches scoring"
    else
        echo "not ok $n - report $opt reaches scoring"; failures=$((failures + 1))
    fi
done
check "--completeness-floor above 1" 2 "$exe" score minimal.yaml --completeness-floor 1.5
head -n 1 "$tmp/err" > "$tmp/err1"
same "--completeness-floor above 1: message" "$tmp/err1" \
    "portfolio score: --completeness-floor must be a number from 0 to 1 (got '1.5')"
check "--completeness-floor not a number" 2 "$exe" map minimal.yaml --completeness-floor half
head -n 1 "$tmp/err" > "$tmp/err1"
same "--completeness-floor not a number: message" "$tmp/err1" \
    "portfolio map: --completeness-floor must be a number from 0 to 1 (got 'half')"
check "option without value" 2 "$exe" map minimal.yaml --weight
check "compare needs two files" 2 "$exe" compare minimal.yaml
check "score of an invalid file" 1 "$exe" score "$tmp/bad.yaml"
check "strict scoring of a partial questionnaire" 1 "$exe" score --strict minimal.yaml
n=$((n + 1))
if [ "$(wc -l < "$tmp/err")" -eq 64 ] && grep -q "^minimal.yaml:[0-9]*:[0-9]*: assessments\[0\]: r-001 has no answer to q3.enhancement (strict scoring)$" "$tmp/err"; then
    echo "ok $n - every missing answer is reported"
else
    echo "not ok $n - every missing answer is reported"; sed 's/^/# /' "$tmp/err" | head -5; failures=$((failures + 1))
fi
check "strict scoring of a complete questionnaire" 0 "$exe" score --strict environment-agency.yaml

# Anonymised records and benchmarks (docs/records.md).
records="$src/tests/data/golden/records"
golden anonymise-environment-agency.json anonymise environment-agency.yaml
golden anonymise-university-city-k2.json anonymise university-city.yaml -k 2 --weight priority
check "anonymise -o writes the file" 0 "$exe" anonymise environment-agency.yaml -o "$tmp/record.json"
same "anonymise -o says where" "$tmp/err" "portfolio: wrote $tmp/record.json"
n=$((n + 1))
if cmp -s "$tmp/record.json" "$src/tests/data/golden/anonymise-environment-agency.json"; then echo "ok $n - -o writes the same record"; else
    echo "not ok $n - -o writes the same record"; failures=$((failures + 1)); fi
check "anonymise: nowhere to write" 1 "$exe" anonymise minimal.yaml -o "$tmp/no/such/dir/r.json"
check "anonymise: -k 0" 2 "$exe" anonymise minimal.yaml -k 0
same "anonymise: -k message" "$tmp/err" "portfolio anonymise: -k must be a whole number from 1 (got '0')
usage: portfolio anonymise FILE [-k N] [-o OUT] [--mode pet|normalised] [--weight count|priority|budget|fte]"
check "anonymise: -k not a number" 2 "$exe" anonymise minimal.yaml -k five
check "anonymise takes no --org" 2 "$exe" anonymise minimal.yaml --org minimal.yaml
check "anonymise of an invalid file" 1 "$exe" anonymise "$tmp/bad.yaml"
n=$((n + 1))
if grep -Eq "r-0|Environment Agency|Flood|\"title\"|\"unit\"" "$src/tests/data/golden/anonymise-environment-agency.json"; then
    echo "not ok $n - a record names no one"; failures=$((failures + 1))
else
    echo "ok $n - a record names no one"
fi
for org in university-city minimal; do
    golden "benchmark-$org.txt" benchmark "$records/environment-agency-k2.json" "$records/environment-agency-2026-k2.json" \
        "$records/university-city-k2.json" "$records/minimal-k2.json" --org "$org.yaml"
done
golden benchmark-university-city.json benchmark "$records"/environment-agency*-k5.json "$records/university-city-k5.json" \
    "$records/minimal-k5.json" --org university-city.yaml --format json --mode pet
check "benchmark: records of another instrument" 1 "$exe" benchmark "$records/minimal-k5.json" "$records/team-pulse-k5.json" \
    --org minimal.yaml
same "benchmark: a mismatched record is named by its file" "$tmp/err" \
    "$records/team-pulse-k5.json: made with instrument team-pulse-2025, not opsi-pet-2020"
check "benchmark: records of another weighting" 1 "$exe" benchmark "$records/minimal-k5.json" --org minimal.yaml --weight budget
same "benchmark: weighting message" "$tmp/err" "$records/minimal-k5.json: made with mode pet and weighting count, not pet and budget"
check "benchmark: mismatched record from standard input" 1 sh -c \
    "\"$exe\" benchmark - --org minimal.yaml --mode normalised < \"$records/minimal-k5.json\""
same "benchmark: standard input is named" "$tmp/err" "<stdin>: made with mode pet and weighting count, not normalised and count"
check "benchmark needs --org" 2 "$exe" benchmark "$records/minimal-k5.json"
same "benchmark needs --org: message" "$tmp/err" "portfolio benchmark: --org FILE is required
usage: portfolio benchmark RECORD... --org FILE [--mode pet|normalised] [--weight ...] [--format text|json]"
check "benchmark needs a RECORD" 2 "$exe" benchmark --org minimal.yaml
check "benchmark takes no -k" 2 "$exe" benchmark "$records/minimal-k5.json" --org minimal.yaml -k 3
check "benchmark: invalid record" 1 "$exe" benchmark "$src/tests/data/invalid-records/group-below-k.json" --org minimal.yaml
same "benchmark: invalid record located" "$tmp/err" \
    "$src/tests/data/invalid-records/group-below-k.json:112:12: groups.team.n: a group of 2 respondents is smaller than k = 5: records never keep it"
check "benchmark: a record that lets a respondent be worked out" 1 "$exe" benchmark \
    "$src/tests/data/invalid-records/complement-below-k.json" --org minimal.yaml
same "benchmark: leaky record located" "$tmp/err" \
    "$src/tests/data/invalid-records/complement-below-k.json:17:13: groups: overall minus the roles kept leaves 1 respondent, fewer than k = 5: their statistics could be worked out (records suppress one more role so that this never happens)"
# Issue 13: six respondents, five of them team, with k = 5: overall is kept, team is not (6 x overall - 5 x team
# would be the sixth's scores).
{
    printf 'portfolio: 1\norganisation:\n  name: Six\nassessments:\n'
    for i in 1 2 3 4 5; do printf '  - respondent: t%s\n    role: team\n    answers: {q1.mission: %s}\n' $i $((i - 1)); done
    printf '  - respondent: alone\n    answers: {q1.mission: 4}\n'
} > "$tmp/six.yaml"
check "anonymise: six respondents, five in team" 0 "$exe" anonymise "$tmp/six.yaml"
n=$((n + 1))
if grep -q '"overall": {' "$tmp/out" && ! grep -q '"team"' "$tmp/out"; then echo "ok $n - overall kept, team suppressed"; else
    echo "not ok $n - overall kept, team suppressed"; sed 's/^/# /' "$tmp/out" | head -30; failures=$((failures + 1)); fi
check "benchmark: record from standard input" 0 sh -c "\"$exe\" benchmark - --org minimal.yaml < \"$records/minimal-k5.json\""
check "benchmark: invalid organisation" 1 "$exe" benchmark "$records/minimal-k5.json" --org "$tmp/bad.yaml"

# Issue 13: file names, standard input and repeated options (tools/cli.c operands() and read_stdin()).
# first_line NAME EXPECTED: the first line of standard error (the usage line follows it)
first_line() {
    head -n 1 "$tmp/err" > "$tmp/err1"
    same "$1" "$tmp/err1" "$2"
}
check "--rules with an empty name" 2 "$exe" recommend minimal.yaml --rules ""
first_line "--rules empty: message" "portfolio recommend: --rules needs a file name"
check "--add-rules with an empty name" 2 "$exe" report minimal.yaml --add-rules ""
first_line "--add-rules empty: message" "portfolio report: --add-rules needs a file name"
check "-o with an empty name" 2 "$exe" anonymise minimal.yaml -o ""
first_line "-o empty: message" "portfolio anonymise: -o needs a file name"
check "--org with an empty name" 2 "$exe" benchmark "$records/minimal-k5.json" --org ""
first_line "--org empty: message" "portfolio benchmark: --org needs a file name"
for cmd in validate show score map relations recommend report anonymise instrument; do
    check "$cmd: an empty operand" 2 "$exe" $cmd ""
    first_line "$cmd: an empty operand: message" "portfolio $cmd: an empty operand is not a file name"
done
check "compare: an empty operand" 2 "$exe" compare minimal.yaml ""
check "benchmark: an empty RECORD" 2 "$exe" benchmark "" --org minimal.yaml
check "a missing catalogue" 1 "$exe" recommend minimal.yaml --rules "$tmp/none.yaml"
same "a missing catalogue is named" "$tmp/err" "$tmp/none.yaml: cannot open: No such file or directory"
check "a missing added catalogue" 1 "$exe" report minimal.yaml --add-rules "$tmp/none.yaml"
same "a missing added catalogue is named" "$tmp/err" "$tmp/none.yaml: cannot open: No such file or directory"

check "closed standard input" 1 sh -c "\"$exe\" validate - 0<&-"
same "closed standard input: message" "$tmp/err" "<stdin>: cannot read: Bad file descriptor"
check "closed standard input after a file" 1 sh -c "\"$exe\" compare minimal.yaml - 0<&-"
same "closed standard input after a file: message" "$tmp/err" "<stdin>: cannot read: Bad file descriptor"
check "closed standard input for a catalogue" 1 sh -c "\"$exe\" recommend minimal.yaml --rules - 0<&-"
same "closed standard input for a catalogue: message" "$tmp/err" "<stdin>: cannot read: Bad file descriptor"
check "a directory as standard input" 1 sh -c "\"$exe\" validate - < /"
same "a directory as standard input: message" "$tmp/err" "<stdin>: cannot read: Is a directory"
check "a directory as standard input: instrument" 1 sh -c "\"$exe\" instrument - < /"
same "a directory as standard input: instrument message" "$tmp/err" "<stdin>: cannot read: Is a directory"
check "a directory as standard input: record" 1 sh -c "\"$exe\" benchmark - --org minimal.yaml < /"
same "a directory as standard input: record message" "$tmp/err" "<stdin>: cannot read: Is a directory"
check "an empty standard input is an empty document" 1 sh -c "\"$exe\" validate - < /dev/null"
same "an empty standard input: message" "$tmp/err" "<stdin>:1:1: the document is empty (it needs at least 'portfolio: 1')"

stdin_twice="standard input (-) is given more than once, but it can be read only once"
check "compare - -" 2 sh -c "\"$exe\" compare - - < minimal.yaml"
first_line "compare - -: message" "portfolio compare: $stdin_twice"
check "validate - -" 2 sh -c "\"$exe\" validate - - < minimal.yaml"
first_line "validate - -: message" "portfolio validate: $stdin_twice"
check "validate - -- -" 2 sh -c "\"$exe\" validate - -- - < minimal.yaml"
check "recommend - --rules -" 2 sh -c "\"$exe\" recommend - --rules - < minimal.yaml"
first_line "recommend - --rules -: message" "portfolio recommend: $stdin_twice"
check "report --add-rules - -" 2 sh -c "\"$exe\" report --add-rules - - < minimal.yaml"
check "benchmark - --org -" 2 sh -c "\"$exe\" benchmark - --org - < \"$records/minimal-k5.json\""
first_line "benchmark - --org -: message" "portfolio benchmark: $stdin_twice"
check "benchmark --org - once" 0 sh -c "\"$exe\" benchmark \"$records/minimal-k5.json\" --org - < minimal.yaml"
check "recommend - once" 0 sh -c "\"$exe\" recommend - < minimal.yaml"
same "recommend - once: nothing on standard error" "$tmp/err" ""

check "an option given twice" 2 "$exe" score --mode pet minimal.yaml --mode normalised
same "an option given twice: message" "$tmp/err" "portfolio score: option --mode is given more than once
usage: portfolio score FILE... [--mode pet|normalised|pet-published] [--by-role] [--strict] [--format text|json]
                 [--completeness-floor X] [--include-incomplete]"
check "a flag given twice" 2 "$exe" score --strict minimal.yaml --strict
first_line "a flag given twice: message" "portfolio score: option --strict is given more than once"
check "the same value twice" 2 "$exe" map minimal.yaml --weight count --weight count
first_line "the same value twice: message" "portfolio map: option --weight is given more than once"
check "-o twice" 2 "$exe" report minimal.yaml -o "$tmp/a.txt" -o "$tmp/b.txt"
first_line "-o twice: message" "portfolio report: option -o is given more than once"
n=$((n + 1))
if [ -e "$tmp/a.txt" ] || [ -e "$tmp/b.txt" ]; then echo "not ok $n - -o twice writes nothing"; failures=$((failures + 1)); else
    echo "ok $n - -o twice writes nothing"; fi
check "--format twice (a command's own options)" 2 "$exe" relations minimal.yaml --format json --format text
first_line "--format twice: message" "portfolio relations: option --format is given more than once"
check "-k twice" 2 "$exe" anonymise minimal.yaml -k 2 -k 3
check "--org twice" 2 "$exe" benchmark "$records/minimal-k5.json" --org minimal.yaml --org minimal.yaml
check "after --, a repeated option is a file" 1 "$exe" validate minimal.yaml -- --mode --mode
same "after --, a repeated option is a file: message" "$tmp/err" "--mode: cannot open: No such file or directory
--mode: cannot open: No such file or directory"

# portfolio form: the questionnaire as one HTML page (docs/form.md); tests/check_form.sh opens it in a browser.
golden form-opsi-pet-2020-en.html form
golden form-opsi-pet-2020-fr.html form --lang fr
golden form-team-pulse-en.html form instruments/team-pulse.yaml
golden form-team-pulse-fr.html form instruments/team-pulse.yaml --lang fr
check "form -o" 0 "$exe" form --lang fr -o "$tmp/form.html"
same "form -o says where it wrote" "$tmp/err" "portfolio: wrote $tmp/form.html"
n=$((n + 1))
if cmp -s "$tmp/form.html" "$src/tests/data/golden/form-opsi-pet-2020-fr.html"; then echo "ok $n - form -o writes the same page"; else
    echo "not ok $n - form -o writes the same page"; failures=$((failures + 1)); fi
check "form from standard input" 0 sh -c "\"$exe\" form - < instruments/team-pulse.yaml"
check "form takes at most one INSTRUMENT" 2 "$exe" form a.yaml b.yaml
check "form: unknown language" 2 "$exe" form --lang de
same "form: unknown language message" "$tmp/err" "portfolio form: --lang must be one of: en fr (got 'de')"
check "form: invalid instrument" 1 "$exe" form "$tmp/bad-instrument.yaml"
same "form: invalid instrument located" "$tmp/err" \
"$tmp/bad-instrument.yaml:4:22: scoring.pet_scale: must be above 0 (it divides every raw facet score)
$tmp/bad-instrument.yaml:5:12: questions: must list at least one question"
check "form: unwritable output" 1 "$exe" form -o "$tmp/none/form.html"
n=$((n + 1))
if [ -e "$tmp/none/form.html" ]; then echo "not ok $n - no partial form file"; failures=$((failures + 1)); else echo "ok $n - no partial form file"; fi
# ---- issue 13 (linear time, bounded numbers, compare): documents scored with different instruments,
# shares of budgets at both ends of their range, an instrument at the ends of its numbers, long lists ----
check "compare: different instruments are refused" 1 "$exe" compare environment-agency.yaml team-pulse.yaml
same "compare: different instruments: message" "$tmp/err" "portfolio: the documents' assessments answer different instruments, 'opsi-pet-2020' (old) and 'team-pulse-2025' (new): their scores do not compare (allow_different_instruments, or --allow-different-instruments, sets them side by side anyway)"
check "compare --allow-different-instruments" 0 "$exe" compare environment-agency.yaml team-pulse.yaml --allow-different-instruments
head -n 3 "$tmp/out" > "$tmp/out3"
same "compare --allow-different-instruments: the warning comes first" "$tmp/out3" "WARNING: the assessments answer different instruments, opsi-pet-2020 (old) and team-pulse-2025 (new):
their scores measure different questions and do not compare.
"
check "compare --allow-different-instruments --format json" 0 "$exe" compare team-pulse.yaml environment-agency.yaml --format json --allow-different-instruments
head -n 7 "$tmp/out" > "$tmp/out7"
same "compare --format json: the instruments differ" "$tmp/out7" '{
  "schema_version": 1,
  "instruments": {
    "old": "team-pulse-2025",
    "new": "opsi-pet-2020",
    "differ": true
  },'
check "compare: the same instrument" 0 "$exe" compare environment-agency.yaml environment-agency-2026.yaml
n=$((n + 1))
if grep -q WARNING "$tmp/out"; then echo "not ok $n - compare: the same instrument, no warning"; failures=$((failures + 1)); else
    echo "ok $n - compare: the same instrument, no warning"; fi
check "--allow-different-instruments belongs to compare" 2 "$exe" score minimal.yaml --allow-different-instruments

printf 'portfolio: 1\nprojects:\n  - {id: a, purpose: mission, driver: mission, budget: 5e-324}\n  - {id: b, purpose: adaptive, driver: adaptive, budget: 1e-323}\n' > "$tmp/tiny.yaml"
check "map: the smallest budgets" 0 "$exe" map "$tmp/tiny.yaml" --weight budget --format json
sed -n '/"metrics"/,$p' "$tmp/out" | grep -E '"(total_weight|mission|adaptive)": ' | head -n 3 > "$tmp/shares"
same "map: the smallest budgets give exact shares" "$tmp/shares" '    "total_weight": 1.5e-323,
      "mission": 0.3333333333333333,
      "adaptive": 0.6666666666666666,'
sed -e 's/5e-324/1000000000000000000/' -e 's/1e-323/500000000000000000/' "$tmp/tiny.yaml" > "$tmp/huge.yaml"
check "map: the largest budgets" 0 "$exe" map "$tmp/huge.yaml" --weight budget --format json
sed -n '/"metrics"/,$p' "$tmp/out" | grep -E '"(total_weight|mission|adaptive)": ' | head -n 3 > "$tmp/shares"
same "map: the largest budgets give exact shares and a finite total" "$tmp/shares" '    "total_weight": 1.5e+18,
      "mission": 0.6666666666666666,
      "adaptive": 0.3333333333333333,'
sed 's/1000000000000000000/1000000000000000001000/' "$tmp/huge.yaml" > "$tmp/over.yaml"
check "a budget over 10^18 is refused" 1 "$exe" validate "$tmp/over.yaml"
same "a budget over 10^18: message" "$tmp/err" "$tmp/over.yaml:3:56: projects[0].budget: must be at most 1e+18 (got 1e+21)"

mkdir -p "$tmp/instruments"
sed -e 's/pet_scale: 10 /pet_scale: 0.000001 /' -e 's/capability_base: 4 /capability_base: 1000000 /' \
    -e 's/points: 2$/points: 1000000/' instruments/team-pulse.yaml > "$tmp/instruments/team-pulse.yaml"
cp team-pulse.yaml "$tmp/pulse.yaml"
check "score: an instrument at the top of its numbers" 0 "$exe" score "$tmp/pulse.yaml" --format json
n=$((n + 1))
if grep -q -e inf -e nan "$tmp/out"; then echo "not ok $n - no inf or nan in the scores"; failures=$((failures + 1)); else
    echo "ok $n - no inf or nan in the scores"; fi
grep -m 2 -E '"enhancement": [0-9]' "$tmp/out" > "$tmp/top"
same "score: the top of the numbers, printed in full" "$tmp/top" '          "enhancement": 1000008,
          "enhancement": 100000800000000,'
check "score --format text at the top of the numbers" 0 "$exe" score "$tmp/pulse.yaml"
n=$((n + 1))
if grep -q -e inf -e nan -E -e '[0-9]{30}' "$tmp/out"; then echo "not ok $n - text scores stay readable"; failures=$((failures + 1)); else
    echo "ok $n - text scores stay readable"; fi
sed 's/pet_scale: 0.000001 /pet_scale: 1e-300 /' "$tmp/instruments/team-pulse.yaml" > "$tmp/instruments/x" && mv "$tmp/instruments/x" "$tmp/instruments/team-pulse.yaml"
check "an instrument number beyond its range is refused" 1 "$exe" score "$tmp/pulse.yaml"
same "an instrument number beyond its range: message" "$tmp/err" "$tmp/pulse.yaml:9:13: instrument: 'instruments/team-pulse.yaml' is not a usable instrument (1 problem in it, listed after this document's)
$tmp/instruments/team-pulse.yaml:10:14: scoring.pet_scale: must be at least 0.000001 (got 1e-300)"

{ printf 'portfolio: 1\nprojects:\n  - id: p\n    tags: ['; i=0; while [ $i -lt 20000 ]; do printf 't%d, ' $i; i=$((i + 1)); done; printf 't0]\n'; } > "$tmp/tags.yaml"
check "20 000 tags, one twice" 1 "$exe" validate "$tmp/tags.yaml"
same "20 000 tags, one twice: message" "$tmp/err" "$tmp/tags.yaml:4:148902: projects[0].tags[20000]: 't0' is listed twice"

# CSV imports (docs/import.md).
csvdata="$src/tests/data/csv"
golden import-harbour-town-projects.yaml import projects harbour-town-projects.csv
check "import answers through a mapping file, from standard input" 0 \
    sh -c "\"$exe\" import answers - --map \"$csvdata/answers-survey-tool.map.yaml\" < \"$csvdata/answers-survey-tool.csv\""
n=$((n + 1))
if cmp -s "$tmp/out" "$csvdata/answers-survey-tool.yaml"; then echo "ok $n - the same document as the library's"; else
    echo "not ok $n - the same document as the library's"; diff "$csvdata/answers-survey-tool.yaml" "$tmp/out" | sed 's/^/# /'
    failures=$((failures + 1)); fi
check "import -o writes the file" 0 "$exe" import projects "$csvdata/projects-quoted.csv" -o "$tmp/imported.yaml"
same "import -o says what it wrote" "$tmp/err" "portfolio: wrote $tmp/imported.yaml (3 projects)"
n=$((n + 1))
if cmp -s "$tmp/imported.yaml" "$csvdata/projects-quoted.yaml"; then echo "ok $n - -o writes the document"; else
    echo "not ok $n - -o writes the document"; failures=$((failures + 1)); fi
check "imported projects validate" 0 "$exe" validate "$tmp/imported.yaml"
printf 'id,budget\na,1\nb,"1,5"\n' > "$tmp/bad.csv"
check "import of a bad file exits 1" 1 "$exe" import projects "$tmp/bad.csv" -o "$tmp/imported.yaml"
same "a bad cell is located by row and column" "$tmp/err" \
    "$tmp/bad.csv:3:2: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands separators), got '1,5'"
n=$((n + 1))
if cmp -s "$tmp/imported.yaml" "$csvdata/projects-quoted.yaml"; then echo "ok $n - nothing is written on error"; else
    echo "not ok $n - nothing is written on error"; failures=$((failures + 1)); fi
check "import of a bad file from standard input" 1 sh -c "\"$exe\" import projects - < \"$tmp/bad.csv\""
same "standard input is named in import problems" "$tmp/err" \
    "<stdin>:3:2: column \"budget\": expected a number such as 4.5 or 1250000 (a decimal point, no thousands separators), got '1,5'"
printf 'respondent,p1.mission,p3\nr-1,Plut\303\264t d accord,automation;prototype\n' > "$tmp/pulse.csv"
check "import answers of another instrument" 1 "$exe" import answers "$tmp/pulse.csv" --instrument instruments/team-pulse.yaml
same "answers are checked against that instrument" "$tmp/err" \
    "$tmp/pulse.csv:2:2: column \"p1.mission\": 'Plutôt d accord' is not an agreement (0..4 or strongly disagree ... strongly agree, in English or French)"
printf 'respondent,p1.mission,p3\nr-1,Plut\303\264t d\342\200\231accord,automation;prototype\n' > "$tmp/pulse.csv"
check "import answers with --instrument" 0 "$exe" import answers "$tmp/pulse.csv" --instrument instruments/team-pulse.yaml
same "the answers name their instrument by id" "$tmp/out" "portfolio: 1
instrument: team-pulse-2025
assessments:
- respondent: r-1
  answers:
    p1.mission: 3
    p3: [automation, prototype]"
cp "$tmp/out" "$tmp/pulse-answers.yaml"
check "imported answers to a custom instrument validate with it" 0 "$exe" validate --instrument instruments/team-pulse.yaml \
    "$tmp/pulse-answers.yaml"
check "and collect into the portfolio of that instrument" 0 "$exe" collect team-pulse.yaml "$tmp/pulse-answers.yaml"
check "import with a broken mapping file" 1 "$exe" import answers "$csvdata/answers-survey-tool.csv" \
    --map "$src/tests/data/invalid-import-map/bad-kind.yaml"
same "mapping file problems are located" "$tmp/err" \
    "$src/tests/data/invalid-import-map/bad-kind.yaml:2:7: kind: unknown value 'surveys' (expected one of: answers, projects)"
check "import of a missing file" 1 "$exe" import projects "$tmp/none.csv"
same "import: missing file message" "$tmp/err" "$tmp/none.csv: cannot open: No such file or directory"
check "import needs what to import" 2 "$exe" import "$csvdata/projects-quoted.csv"
check "import: unknown kind" 2 "$exe" import people "$csvdata/projects-quoted.csv"
same "import: unknown kind message" "$tmp/err" "portfolio import: what to import must be one of: answers projects (got 'people')"
check "import: --instrument is for answers" 2 "$exe" import projects "$csvdata/projects-quoted.csv" --instrument x.yaml
check "import: nowhere to write" 1 "$exe" import projects "$csvdata/projects-quoted.csv" -o "$tmp/no/such/dir/p.yaml"

# Instrument ids that YAML does not read back as they are when written plain: null, and '-'
# (tests/data/answers/odd-instrument.yaml). Imported answers and blank templates still name them.
odd="$src/tests/data/answers/odd-instrument.yaml"
sed 's/^id: "null"/id: "-"/' "$odd" > "$tmp/dash-instrument.yaml"
printf 'respondent,c1\nr-1,yes\n' > "$tmp/odd.csv"
for inst in "$odd" "$tmp/dash-instrument.yaml"; do
    id=$(sed -n 's/^id: "\(.*\)"$/\1/p' "$inst")
    check "import answers to instrument '$id'" 0 "$exe" import answers "$tmp/odd.csv" --instrument "$inst" -o "$tmp/odd-answers.yaml"
    check "the imported answers are to instrument '$id'" 0 "$exe" validate --instrument "$inst" "$tmp/odd-answers.yaml"
    check "the blank template of instrument '$id'" 0 "$exe" instrument "$inst" --template
    sed 's/^  - respondent: /  - respondent: r-1/' "$tmp/out" > "$tmp/odd-template.yaml"
    check "filled in, the template answers instrument '$id'" 0 "$exe" validate --instrument "$inst" "$tmp/odd-template.yaml"
done

# Output that is never lost (issue 12): standard output is checked at exit, -o writes special files
# in place, follows symbolic links, refuses an input, and - is standard output; --quiet; --opt=value.
# holds NAME COMMAND... : the command succeeds
holds() {
    name=$1
    shift
    n=$((n + 1))
    if "$@"; then echo "ok $n - $name"; else echo "not ok $n - $name"; failures=$((failures + 1)); fi
}
doc=environment-agency-2026.yaml
check "a record to benchmark against" 0 "$exe" anonymise environment-agency.yaml -k 1 -o "$tmp/full-record.json"
for args in "report $doc" "report $doc --format json" "score $doc" "score $doc --format json" "map $doc" \
    "show $doc" "show $doc --format json" "validate $doc --format json" "score $doc minimal.yaml --format json" \
    "report $doc minimal.yaml --format csv" "report $doc --since environment-agency.yaml" \
    "relations $doc" "recommend $doc" "compare environment-agency.yaml $doc" "instrument" \
    "instrument --template" "anonymise $doc" "benchmark $tmp/full-record.json --org $doc" "form" \
    "collect team-pulse.yaml $tmp/pulse-answers.yaml --quiet" "import projects $csvdata/projects-quoted.csv" \
    "--help" "report --help" "--version"; do
    # shellcheck disable=SC2086 # the words of $args are the arguments
    check "$args > /dev/full fails" 1 sh -c '"$0" "$@" > /dev/full' "$exe" $args
    same "$args > /dev/full: the reason" "$tmp/err" "portfolio: cannot write to standard output: No space left on device"
done
check "report -o /dev/full: a device is written in place, and its error reported" 1 "$exe" report "$doc" -o /dev/full
same "report -o /dev/full: the message names the file" "$tmp/err" "portfolio: cannot write /dev/full: No space left on device"
check "report --format=json" 0 "$exe" report "$doc" --format=json
cp "$tmp/out" "$tmp/report.json"
check "report --format json" 0 "$exe" report "$doc" --format json
same_file "--format=json is --format json" "$tmp/report.json" "$tmp/out"
check "report --lang=fr --mode=normalised -o=... is not split (short option)" 2 "$exe" report "$doc" --lang=fr -o=x
head -1 "$tmp/err" > "$tmp/err1"
same "a short option is never split at =" "$tmp/err1" "portfolio report: unknown option -o=x"
check "a flag given a value is a usage error" 2 "$exe" report "$doc" --anonymous=yes
head -1 "$tmp/err" > "$tmp/err1"
same "a flag given a value: the message" "$tmp/err1" "portfolio report: option --anonymous takes no value"
check "--quiet=1 is a usage error" 2 "$exe" show "$doc" --quiet=1
check "--confine=x is a usage error" 2 "$exe" show "$doc" --confine=x
check "--quiet twice" 2 "$exe" show "$doc" --quiet --quiet
check "--format= gives an empty format" 2 "$exe" score "$doc" --format=
check "--weight=budget --format=json" 0 "$exe" map "$doc" --weight=budget --format=json
cp "$tmp/out" "$tmp/map.json"
check "--weight budget --format json" 0 "$exe" map "$doc" --weight budget --format json
same_file "--weight=budget is --weight budget" "$tmp/map.json" "$tmp/out"

mkdir "$tmp/dash" && cd "$tmp/dash" || exit 1
check "report -o - writes to standard output" 0 "$exe" report "$src/examples/data/$doc" --format json -o -
same_file "report -o -: the report on standard output" "$tmp/report.json" "$tmp/out"
same "report -o -: no wrote line" "$tmp/err" ""
holds "report -o -: no file named -" test ! -e "$tmp/dash/-"
check "anonymise -o - writes to standard output" 0 "$exe" anonymise "$src/examples/data/environment-agency.yaml" -o -
same_file "anonymise -o -: the record" "$src/tests/data/golden/anonymise-environment-agency.json" "$tmp/out"
check "form -o -" 0 "$exe" form -o -
same "form -o -: no wrote line" "$tmp/err" ""
check "import -o -" 0 "$exe" import projects "$csvdata/projects-quoted.csv" -o -
same "import -o -: no wrote line" "$tmp/err" ""
holds "form and import -o -: no file named -" test ! -e "$tmp/dash/-"
cd "$src/examples/data" || exit 1

check "--quiet silences the wrote line" 0 "$exe" anonymise environment-agency.yaml -o "$tmp/quiet.json" --quiet
same "--quiet: nothing on standard error" "$tmp/err" ""
same_file "--quiet: the record is written" "$src/tests/data/golden/anonymise-environment-agency.json" "$tmp/quiet.json"
check "--quiet silences collect's summary" 0 "$exe" collect --quiet team-pulse.yaml "$tmp/pulse-answers.yaml"
same "--quiet collect: nothing on standard error" "$tmp/err" ""
check "--quiet keeps errors" 1 "$exe" import projects "$csvdata/projects-quoted.csv" -o "$tmp/no/such/dir/p.yaml" --quiet
holds "--quiet: the error is printed" grep -q "cannot create a temporary file beside $tmp/no/such/dir/p.yaml" "$tmp/err"

# -o onto a symbolic link replaces the file it names (relative to the link's folder); the link stays.
mkdir "$tmp/links" "$tmp/real"
printf 'old\n' > "$tmp/real/report.json"
ln -s ../real/report.json "$tmp/links/report.json"
ln -s report.json "$tmp/links/chain.json"
check "report -o a symbolic link" 0 "$exe" report "$doc" --format json -o "$tmp/links/chain.json"
holds "the links stay links" test -h "$tmp/links/chain.json" -a -h "$tmp/links/report.json"
same_file "the file the links name is replaced" "$tmp/report.json" "$tmp/real/report.json"
ln -s "$tmp/real/new.json" "$tmp/links/dangling.json"
check "report -o a dangling symbolic link" 0 "$exe" report "$doc" --format json -o "$tmp/links/dangling.json" --quiet
same_file "the file a dangling link names is created" "$tmp/report.json" "$tmp/real/new.json"
ln -s loop-b "$tmp/links/loop-a" && ln -s loop-a "$tmp/links/loop-b"
check "report -o a loop of links" 1 "$exe" report "$doc" -o "$tmp/links/loop-a"
same "a loop of links: the message" "$tmp/err" "portfolio: cannot write $tmp/links/loop-a: Too many levels of symbolic links"

# -o onto a FIFO writes into it (a reader gets the report) and leaves the FIFO.
mkfifo "$tmp/fifo"
timeout 20 cat "$tmp/fifo" > "$tmp/from-fifo" &
reader=$!
check "report -o a FIFO" 0 timeout 20 "$exe" report "$doc" --format json -o "$tmp/fifo"
wait "$reader"
holds "the FIFO stays a FIFO" test -p "$tmp/fifo"
same_file "the reader of the FIFO gets the report" "$tmp/report.json" "$tmp/from-fifo"

# -o onto a character device node (made here: as root only) writes into it and leaves the node.
if [ "$(id -u)" -eq 0 ] && mknod "$tmp/null" c 1 3 2>/dev/null; then
    check "report -o a character device" 0 "$exe" report "$doc" -o "$tmp/null"
    holds "the device stays a device" test -c "$tmp/null"
    same "report -o a device: the wrote line" "$tmp/err" "portfolio: wrote $tmp/null"
else
    n=$((n + 1)); echo "ok $n - # SKIP report -o a character device (needs root and mknod)"
fi

# A destination that is one of the inputs is refused (by device and inode), leaving it as it was;
# collect's PORTFOLIO is the exception (tested above).
cp "$doc" "$tmp/input.yaml"
ln -s input.yaml "$tmp/input-link.yaml"
check "report -o FILE is refused" 2 "$exe" report "$tmp/input.yaml" -o "$tmp/input.yaml"
same "report -o FILE: the message" "$tmp/err" "portfolio report: the output $tmp/input.yaml is the input $tmp/input.yaml; refusing to overwrite it"
check "report -o a link to FILE is refused" 2 "$exe" report "$tmp/input.yaml" -o "$tmp/input-link.yaml"
same_file "the refused input is unchanged" "$doc" "$tmp/input.yaml"
check "report -o a --rules FILE is refused" 2 "$exe" report "$doc" --rules="$tmp/input.yaml" -o "$tmp/input.yaml"
check "anonymise -o FILE is refused" 2 "$exe" anonymise "$tmp/input.yaml" -o "$tmp/input.yaml"
cp "$tmp/pulse-answers.yaml" "$tmp/answers-in.yaml"
check "collect -o an ANSWERS file is refused" 2 "$exe" collect team-pulse.yaml "$tmp/answers-in.yaml" -o "$tmp/answers-in.yaml"
same "collect -o ANSWERS: the message" "$tmp/err" "portfolio collect: the output $tmp/answers-in.yaml is the input $tmp/answers-in.yaml; refusing to overwrite it"
same_file "the refused ANSWERS file is unchanged" "$tmp/pulse-answers.yaml" "$tmp/answers-in.yaml"
mkdir "$tmp/own" && cp -r team-pulse.yaml instruments "$tmp/own/"
check "collect -o PORTFOLIO is allowed" 0 "$exe" collect "$tmp/own/team-pulse.yaml" "$tmp/pulse-answers.yaml" -o "$tmp/own/team-pulse.yaml"
holds "collect -o PORTFOLIO: the assessment is in it" grep -q "respondent: r-1" "$tmp/own/team-pulse.yaml"
cp instruments/team-pulse.yaml "$tmp/instrument-in.yaml"
check "form -o INSTRUMENT is refused" 2 "$exe" form "$tmp/instrument-in.yaml" -o "$tmp/instrument-in.yaml"
check "import -o FILE is refused" 2 "$exe" import projects "$csvdata/projects-quoted.csv" -o "$csvdata/projects-quoted.csv"


# ---- JSON of validate and show (docs/json.md) ----
cd "$src/examples/data" || exit 1
invalid=../../tests/data/invalid
GOLDEN_STATUS=1 golden validate-mixed.json validate --format json minimal.yaml "$invalid/answers-blank-unknown-and-duplicate.yaml" \
    "$invalid/instrument-file-invalid.yaml"
same "validate --format json: nothing on standard error" "$tmp/err" ""
check "validate --format json, all valid" 0 "$exe" validate --format=json minimal.yaml - < team-pulse.yaml
same "validate --format json, all valid: the object" "$tmp/out" '{
  "schema_version": 1,
  "valid": true,
  "files": [
    {
      "file": "minimal.yaml",
      "kind": "document",
      "valid": true,
      "problems": [],
      "more_problems": 0
    },
    {
      "file": "-",
      "kind": "document",
      "valid": true,
      "problems": [],
      "more_problems": 0
    }
  ]
}'
check "validate --format json, a missing file" 1 "$exe" validate --format json "$tmp/none.yaml"
same "validate --format json: a problem without a position" "$tmp/out" '{
  "schema_version": 1,
  "valid": false,
  "files": [
    {
      "file": "'"$tmp"'/none.yaml",
      "kind": "document",
      "valid": false,
      "problems": [
        {
          "file": "'"$tmp"'/none.yaml",
          "line": null,
          "column": null,
          "message": "cannot open: No such file or directory",
          "severity": "error"
        }
      ],
      "more_problems": 0
    }
  ]
}'
check "validate --format json, stdin" 1 sh -c "\"$exe\" validate --format json - < \"$tmp/bad.yaml\""
holds "validate --format json: standard input's problems are in <stdin>" \
    grep -qx '          "file": "<stdin>",' "$tmp/out"
# An unusable --instrument: it is listed, and the documents, which may name it, are not read.
check "validate --format json, a bad --instrument" 1 "$exe" validate --format json --instrument "$tmp/bad-instrument.yaml" minimal.yaml
same "validate --format json, a bad --instrument: listed alone" "$tmp/out" '{
  "schema_version": 1,
  "valid": false,
  "files": [
    {
      "file": "'"$tmp"'/bad-instrument.yaml",
      "kind": "instrument",
      "valid": false,
      "problems": [
        {
          "file": "'"$tmp"'/bad-instrument.yaml",
          "line": 4,
          "column": 22,
          "message": "scoring.pet_scale: must be above 0 (it divides every raw facet score)",
          "severity": "error"
        },
        {
          "file": "'"$tmp"'/bad-instrument.yaml",
          "line": 5,
          "column": 12,
          "message": "questions: must list at least one question",
          "severity": "error"
        }
      ],
      "more_problems": 0
    }
  ]
}'
check "validate --format json --instrument" 0 "$exe" validate --format json --instrument instruments/team-pulse.yaml team-pulse.yaml
holds "validate --format json --instrument: the instrument comes first" \
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (d["valid"] and [f["kind"] for f in d["files"]] == ["instrument", "document"]))' "$tmp/out"
# More problems than the reader keeps (1000): counted in more_problems.
python3 -c 'print("portfolio: 1\nprojects:"); [print("  - {id: p%d, stage: pilot}" % i) for i in range(1005)]' > "$tmp/many.yaml"
check "validate --format json, 1005 problems" 1 "$exe" validate --format json "$tmp/many.yaml"
holds "validate --format json: 1000 problems listed, 5 more counted" \
    python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["files"][0]; sys.exit(not (len(f["problems"]) == 1000 and f["more_problems"] == 5))' "$tmp/out"
check "validate --format xml" 2 "$exe" validate --format xml minimal.yaml
same "validate --format xml: the message" "$tmp/err" "portfolio validate: --format must be one of: text json (got 'xml')"
check "validate --format text is the default" 1 "$exe" validate --format text "$tmp/bad.yaml"
same "validate --format text: no standard output" "$tmp/out" ""

golden show-environment-agency.json show environment-agency.yaml --format json
golden show-team-pulse.json show team-pulse.yaml --format json
check "show --format json of an empty document" 0 sh -c "printf 'portfolio: 1\n' | \"$exe\" show - --format json"
same "show --format json of an empty document: nulls and zeros" "$tmp/out" '{
  "schema_version": 1,
  "organisation": {
    "name": null,
    "country": null,
    "level": null,
    "people": null,
    "sectors": []
  },
  "instrument": {
    "id": "opsi-pet-2020",
    "file": null
  },
  "targets": null,
  "projects": {
    "count": 0,
    "by_stage": {
      "idea": 0,
      "exploring": 0,
      "piloting": 0,
      "implementing": 0,
      "scaling": 0,
      "embedded": 0,
      "stopped": 0
    },
    "stage_not_given": 0,
    "by_priority": {
      "high": 0,
      "medium": 0,
      "low": 0
    },
    "priority_not_given": 0
  },
  "assessments": {
    "count": 0,
    "by_role": {
      "individual": 0,
      "team": 0,
      "senior-management": 0,
      "steward": 0,
      "external": 0
    },
    "role_not_given": 0
  }
}'
check "show --format json of an invalid document" 1 "$exe" show "$tmp/bad.yaml" --format json
same "show --format json of an invalid document: no output" "$tmp/out" ""

# ---- score, map and report over several documents (docs/cli.md) ----
golden several-score-minimal-team-pulse.json score minimal.yaml team-pulse.yaml --format json
golden several-score-minimal-university-city.txt score minimal.yaml university-city.yaml
golden several-map-minimal-university-city.txt map minimal.yaml university-city.yaml --weight budget
golden several-report-minimal-university-city.csv report minimal.yaml university-city.yaml --format csv
golden several-report-minimal-university-city.csv-assessments report minimal.yaml university-city.yaml \
    --format csv-assessments --anonymous
# Each result is byte for byte the one-document output, indented into the wrapper.
same_results() { # NAME WRAPPED_JSON ONE_DOC_OUTPUT...
    name=$1 wrapped=$2
    shift 2
    holds "$name" python3 - "$wrapped" "$@" <<'PY'
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
docs = json.loads(text)['documents']
ok = len(docs) == len(sys.argv) - 2
for d, path in zip(docs, sys.argv[2:]):
    one = open(path, encoding='utf-8').read().rstrip('\n')
    ok = ok and ('"result": ' + one.replace('\n', '\n      ')) in text and json.loads(one) == d['result']
sys.exit(not ok)
PY
}
for cmd in score map report; do
    extra=
    [ "$cmd" = map ] && extra="--weight priority"
    check "$cmd minimal.yaml --format json" 0 "$exe" $cmd minimal.yaml --format json $extra
    cp "$tmp/out" "$tmp/one-minimal.json"
    check "$cmd environment-agency.yaml --format json" 0 "$exe" $cmd environment-agency.yaml --format json $extra
    cp "$tmp/out" "$tmp/one-agency.json"
    check "$cmd of two documents, one on standard input" 0 \
        sh -c "\"$exe\" $cmd minimal.yaml - --format json $extra < environment-agency.yaml"
    cp "$tmp/out" "$tmp/several.json"
    same_results "$cmd of two documents: each result is the one-document output" "$tmp/several.json" \
        "$tmp/one-minimal.json" "$tmp/one-agency.json"
    holds "$cmd of two documents: the sources and the command" python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
sys.exit(not (list(d) == ["schema_version", "command", "documents"] and d["command"] == sys.argv[2]
              and [x["source"] for x in d["documents"]] == ["minimal.yaml", "-"]))' "$tmp/several.json" "$cmd"
done
check "report of two documents -o OUT" 0 "$exe" report minimal.yaml environment-agency.yaml --format json -o "$tmp/several-out.json"
same "report of two documents -o OUT: the wrote line" "$tmp/err" "portfolio: wrote $tmp/several-out.json"
check "report of two documents to standard output" 0 "$exe" report minimal.yaml environment-agency.yaml --format json
same_file "report of two documents -o OUT: the same bytes" "$tmp/out" "$tmp/several-out.json"
# A document given twice is two entries; a source needing quotes is quoted as the library quotes cells.
cp minimal.yaml "$tmp/a,\"b\".yaml"
check "report csv of a name with a comma and a quote" 0 "$exe" report "$tmp/a,\"b\".yaml" minimal.yaml --format csv
holds "report csv: the source quoted" grep -q "^\"$tmp/a,\"\"b\"\".yaml\",online-forms," "$tmp/out"
holds "report csv: one header" test "$(grep -c '^source,' "$tmp/out")" -eq 1
# Every document is read and checked before anything is written: a bad one fails the command, with
# its located problems, and nothing reaches standard output (or OUT).
for cmd in score map "report --format json" "report --format csv"; do
    check "$cmd with a bad document among good ones" 1 "$exe" $cmd minimal.yaml "$tmp/bad.yaml" university-city.yaml "$tmp/none.yaml"
    same "$cmd with a bad document: no output" "$tmp/out" ""
    same "$cmd with a bad document: every problem, located" "$tmp/err" \
"$tmp/bad.yaml:4:12: projects[0].stage: unknown value 'pilot' (expected one of: idea, exploring, piloting, implementing, scaling, embedded, stopped)
$tmp/none.yaml: cannot open: No such file or directory"
done
check "report of two documents -o OUT, one bad" 1 "$exe" report minimal.yaml "$tmp/bad.yaml" --format json -o "$tmp/not-written.json"
holds "report of two documents -o OUT, one bad: OUT not written" test ! -e "$tmp/not-written.json"
# --strict scoring fails on unanswered items: checked for every document before output too.
check "score --strict of several documents, one incomplete" 1 "$exe" score environment-agency.yaml minimal.yaml --strict
same "score --strict of several: no output" "$tmp/out" ""
for format in text md html; do
    check "report --format $format of several documents" 2 "$exe" report minimal.yaml university-city.yaml --format $format
    same "report --format $format of several documents: the message" "$tmp/err" \
"portfolio report: --format $format holds one document; several FILEs need json, csv or csv-assessments
usage: portfolio report FILE... [--format text|md|html|json|csv|csv-assessments|pdf] [-o OUT] [--lang en|fr]
                 [--mode pet|normalised|pet-published] [--weight ...] [--anonymous] [--rules FILE]
                 [--add-rules FILE] [--since FILE] [--completeness-floor X] [--include-incomplete]
                 [--respondents] [--min-group N]"
done
check "score without FILE" 2 "$exe" score --format json
same "score without FILE: the message" "$tmp/err" "portfolio score: expected at least one FILE
usage: portfolio score FILE... [--mode pet|normalised|pet-published] [--by-role] [--strict] [--format text|json]
                 [--completeness-floor X] [--include-incomplete]"
check "standard input twice" 2 "$exe" map - - 
same "standard input twice: the message" "$tmp/err" "portfolio map: standard input (-) is given more than once, but it can be read only once
usage: portfolio map FILE... [--weight count|priority|budget|fte] [--format text|json]"

# Streaming: one document's report and JSON are handed to standard output a piece at a time (pf_sink,
# about 64 KiB each). A document big enough for many pieces: 3 000 projects with long titles (markup,
# wide characters, empty last cells), tags, partners and links, and the agency's assessments copied 100
# times under long pseudonyms. Each streamed output must be the bytes the whole-buffer paths give: -o
# (a temporary file), the several-documents wrapper (each result held whole), the report's relations.
big="$tmp/big.yaml"
pick() { # N WORD...: sets $picked to the N-th word (from 0), without a subshell
    _n=$1
    shift
    shift "$_n"
    picked=$1
}
{
    sed -n '1,/^projects:/p' environment-agency.yaml
    i=0
    while [ $i -lt 3000 ]; do
        printf '  - id: big-%04d\n    title: "Project %d: *bold* _under_ [link](x) | pipe # <b> & ' $i $i
        printf '\\u00e9t\\u00e9 \\u9879\\u76ee, a title long enough to wrap and be cut in a table"\n'
        pick $((i % 5)) enhancement mission adaptive anticipatory all
        printf '    unit: unit-%d\n    purpose: %s\n' $((i % 7)) "$picked"
        pick $((i / 5 % 4)) enhancement mission adaptive anticipatory
        printf '    driver: %s\n' "$picked"
        pick $((i % 3)) high medium low
        [ $((i % 3)) -eq 0 ] || printf '    priority: %s\n' "$picked"
        pick $((i % 7)) idea exploring piloting implementing scaling embedded stopped
        [ $((i % 4)) -eq 0 ] || printf '    stage: %s\n' "$picked"
        printf '    tags: [topic-%d, topic-%d, shared-%d]\n    partners: [partner-%d]\n' \
            $((i % 211)) $((i * 7 % 211 + 211)) $((i % 13)) $((i % 53))
        [ $((i % 10)) -ne 9 ] || printf '    links:\n      - {to: big-%04d, kind: synergy}\n' $((i - 1))
        i=$((i + 1))
    done
    echo "assessments:"
    k=0
    while [ $k -lt 100 ]; do
        sed -e '1,/^assessments:/d' \
            -e "s/respondent: r-/respondent: copy-$k-of-the-agency-assessments-under-a-long-pseudonym-r-/" \
            environment-agency.yaml
        k=$((k + 1))
    done
} > "$big"
check "a big document is valid" 0 "$exe" validate "$big"
mkdir "$tmp/stream"
for format in text md html json csv csv-assessments; do
    check "report --format $format BIG streamed to standard output" 0 \
        "$exe" report "$big" --format $format --respondents
    mv "$tmp/out" "$tmp/stream/report.$format"
    check "report --format $format BIG -o FILE" 0 \
        "$exe" report "$big" --format $format --respondents -o "$tmp/stream/file.$format"
    holds "report --format $format BIG: several pieces" test "$(wc -c < "$tmp/stream/file.$format")" -gt 131072
    same_file "report --format $format BIG: standard output is -o's file, byte for byte" "$tmp/stream/file.$format" \
        "$tmp/stream/report.$format"
done
check "report BIG --since FILE --lang fr streamed" 0 \
    "$exe" report "$big" --format md --lang fr --since environment-agency.yaml
mv "$tmp/out" "$tmp/stream/since.md"
check "report BIG --since FILE --lang fr -o FILE" 0 \
    "$exe" report "$big" --format md --lang fr --since environment-agency.yaml -o "$tmp/stream/since-file.md"
same_file "report BIG --since FILE: standard output is -o's file" "$tmp/stream/since-file.md" "$tmp/stream/since.md"
for cmd in score map; do
    check "$cmd BIG --format json streamed" 0 "$exe" $cmd "$big" --format json
    mv "$tmp/out" "$tmp/stream/one.json"
    holds "$cmd BIG --format json: several pieces" test "$(wc -c < "$tmp/stream/one.json")" -gt 131072
    check "$cmd BIG minimal.yaml --format json (each result whole)" 0 "$exe" $cmd "$big" minimal.yaml --format json
    mv "$tmp/out" "$tmp/stream/several.json"
    check "$cmd minimal.yaml --format json" 0 "$exe" $cmd minimal.yaml --format json
    same_results "$cmd BIG --format json: the streamed output is the whole one" "$tmp/stream/several.json" \
        "$tmp/stream/one.json" "$tmp/out"
done
check "relations BIG --format json streamed" 0 "$exe" relations "$big" --format json
holds "relations BIG --format json: several pieces" test "$(wc -c < "$tmp/out")" -gt 131072
holds "relations BIG --format json: the streamed output is the report's relations" \
    python3 - "$tmp/stream/file.json" "$tmp/out" <<'PY'
import sys
report = open(sys.argv[1], encoding='utf-8').read()
one = open(sys.argv[2], encoding='utf-8').read().rstrip('\n')
sys.exit(not ('\n  "relations": ' + one.replace('\n', '\n  ') + '\n}') in report)
PY
# A full standard output: the first piece fails; the writer stops, and one message says why.
for args in "report" "report --format md" "report --format json" "report --format csv" "map --format json" \
    "score --format json" "relations --format json"; do
    cmd=${args%% *} rest=${args#"$cmd"}
    # shellcheck disable=SC2086 # the words of $rest are the options
    check "$cmd BIG$rest > /dev/full fails" 1 sh -c '"$0" "$@" > /dev/full' "$exe" $cmd "$big" $rest
    same "$cmd BIG$rest > /dev/full: one message" "$tmp/err" \
        "portfolio: cannot write to standard output: No space left on device"
done
check "report BIG -o /dev/full: a device written in place as the report is made" 1 "$exe" report "$big" -o /dev/full
same "report BIG -o /dev/full: one message" "$tmp/err" "portfolio: cannot write /dev/full: No space left on device"
mkdir "$tmp/refused"
check "report BIG --lang de: refused before any output" 2 "$exe" report "$big" --lang de -o "$tmp/refused/r.txt"
check "report BIG --since another instrument's document: refused before any output" 1 "$exe" report "$big" \
    --since team-pulse.yaml -o "$tmp/refused/r.txt"
holds "report BIG refused: no file, no temporary file" test -z "$(ls -A "$tmp/refused")"

echo "1..$n"
[ "$failures" -eq 0 ]
