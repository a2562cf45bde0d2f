#!/bin/sh
# The portfolio command line: exit codes, messages and golden outputs.
set -u
exe=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

# PF_WRAPPER runs every invocation under a tool, e.g. valgrind (./dev.sh test does).
if [ -n "${PF_WRAPPER:-}" ]; then
    printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$PF_WRAPPER" "$exe" > "$tmp/portfolio"
    chmod +x "$tmp/portfolio"
    exe=$tmp/portfolio
fi

# check NAME EXPECTED_STATUS COMMAND... ; stdout and stderr land in $tmp/out and $tmp/err
check() {
    name=$1 want=$2
    shift 2
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "not ok $n - $name: exit $got, expected $want"; sed 's/^/# /' "$tmp/err"; failures=$((failures + 1))
        return 1
    fi
    echo "ok $n - $name"
}

# same NAME FILE EXPECTED_TEXT
same() {
    n=$((n + 1))
    if { [ -z "$3" ] && [ ! -s "$2" ]; } || { [ -n "$3" ] && printf '%s\n' "$3" | cmp -s - "$2"; }; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"; printf 'expected:\n%s\nactual:\n' "$3" | sed 's/^/# /'; sed 's/^/# /' "$2"
        failures=$((failures + 1))
    fi
}

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
usage: portfolio validate FILE..."
check "show needs one FILE" 2 "$exe" show a.yaml b.yaml
check "instrument takes at most one FILE" 2 "$exe" instrument a.yaml b.yaml
for cmd in "" validate show score map compare instrument synergies recommend report anonymise benchmark import; do
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
golden() {
    gname=$1
    shift
    check "$gname runs" 0 "$exe" "$@" || return
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
for fmt in text md html json csv csv-assessments; do
    golden "report-environment-agency.$fmt" report environment-agency.yaml --format "$fmt"
done
golden report-university-city-fr.text report university-city.yaml --lang fr
golden report-university-city-fr.md report university-city.yaml --format md --lang fr
golden report-environment-agency-anonymous.json report environment-agency.yaml --format json --anonymous
n=$((n + 1))
if python3 - "$src/tests/data/golden/report-environment-agency.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
need = {"schema_version", "lang", "organisation", "instrument", "scores", "map", "recommendations", "relations"}
assert need <= set(d), need - set(d)
assert d["schema_version"] == 1 and d["organisation"]["name"]
assert d["scores"]["assessments"] and d["scores"]["overall"]["metrics"]["orientation.enhancement"]["n"] == 10
assert d["map"]["projects"] and d["recommendations"]["recommendations"] and "counts" in d["relations"]
for r in d["recommendations"]["recommendations"]:
    assert r["evidence"], r["rule"]
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
check "report: unknown format" 2 "$exe" report environment-agency.yaml --format pdf
check "report: unknown language" 2 "$exe" report environment-agency.yaml --lang de
check "report: nowhere to write" 1 "$exe" report environment-agency.yaml -o "$tmp/no/such/dir/r.html"
check "report: NO_COLOR is honoured" 0 env NO_COLOR=1 "$exe" report minimal.yaml
n=$((n + 1))
if grep -q "$(printf '\033')" "$tmp/out"; then echo "not ok $n - no colour in a pipe"; failures=$((failures + 1)); else echo "ok $n - no colour in a pipe"; fi
golden compare-environment-agency.txt compare environment-agency.yaml environment-agency-2026.yaml
golden compare-environment-agency.json compare environment-agency.yaml environment-agency-2026.yaml --format json
for ex in environment-agency university-city minimal; do
    golden "synergies-$ex.txt" synergies "$ex.yaml"
    golden "synergies-$ex.json" synergies "$ex.yaml" --format json
done
check "synergies takes no --weight" 2 "$exe" synergies --weight budget minimal.yaml
check "synergies needs one FILE" 2 "$exe" synergies minimal.yaml university-city.yaml
check "synergies of an invalid file" 1 "$exe" synergies "$tmp/bad.yaml"
check "synergies format" 2 "$exe" synergies minimal.yaml --format yaml
same "synergies format message" "$tmp/err" "portfolio synergies: --format must be one of: text json (got 'yaml')"
check "unknown mode" 2 "$exe" score --mode median minimal.yaml
same "unknown mode message" "$tmp/err" "portfolio score: --mode must be one of: pet normalised (got 'median')"
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
check "benchmark: records of another instrument" 1 "$exe" benchmark "$records/team-pulse-k5.json" --org minimal.yaml
same "benchmark: instrument message" "$tmp/err" "portfolio: records[0]: made with instrument team-pulse-2025, not opsi-pet-2020"
check "benchmark: records of another weighting" 1 "$exe" benchmark "$records/minimal-k5.json" --org minimal.yaml --weight budget
check "benchmark needs --org" 2 "$exe" benchmark "$records/minimal-k5.json"
same "benchmark needs --org: message" "$tmp/err" "portfolio benchmark: --org FILE is required
usage: portfolio benchmark RECORD... --org FILE [--mode pet|normalised] [--weight ...] [--format text|json]"
check "benchmark needs a RECORD" 2 "$exe" benchmark --org minimal.yaml
check "benchmark takes no -k" 2 "$exe" benchmark "$records/minimal-k5.json" --org minimal.yaml -k 3
check "benchmark: invalid record" 1 "$exe" benchmark "$src/tests/data/invalid-records/group-below-k.json" --org minimal.yaml
same "benchmark: invalid record located" "$tmp/err" \
    "$src/tests/data/invalid-records/group-below-k.json:112:12: groups.team.n: a group of 2 respondents is smaller than k = 5: records never keep it"
check "benchmark: record from standard input" 0 sh -c "\"$exe\" benchmark - --org minimal.yaml < \"$records/minimal-k5.json\""
check "benchmark: invalid organisation" 1 "$exe" benchmark "$records/minimal-k5.json" --org "$tmp/bad.yaml"

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
same "the document names the instrument file" "$tmp/out" "portfolio: 1
instrument: instruments/team-pulse.yaml
assessments:
- respondent: r-1
  answers:
    p1.mission: 3
    p3: [automation, prototype]"
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

echo "1..$n"
[ "$failures" -eq 0 ]
