#!/bin/sh
# The command line and files documents name (docs/format.md, section 3): problems of such a
# file quote nothing of it, --confine keeps them to the document's folder, --no-files refuses
# them. A secret is planted in every file a document should not be able to show.
set -u
exe=$1
src=$2
. "$src/tests/cli_helpers.sh"

# nothing_planted NAME: neither output shows any planted text
nothing_planted() {
    n=$((n + 1))
    if grep -q -e s3cr3t -e hunter2 -e 73737 "$tmp/out" "$tmp/err"; then
        echo "not ok $n - $1 shows nothing planted"; grep -e s3cr3t -e hunter2 -e 73737 "$tmp/err" | sed 's/^/# /'
        failures=$((failures + 1))
    else
        echo "ok $n - $1 shows nothing planted"
    fi
}

mkdir "$tmp/docs" "$tmp/outside" "$tmp/docs/sub"
printf 'DB_PASSWORD=s3cr3t-hunter2\nAPI_TOKEN=73737\n' > "$tmp/outside/secret.env"
printf 'aws_access_key_id: s3cr3t\naws_secret_access_key: hunter2-73737\n' > "$tmp/outside/credentials.yaml"
cp "$src/examples/data/instruments/team-pulse.yaml" "$tmp/docs/sub/team.yaml"
ln -s ../outside/credentials.yaml "$tmp/docs/link.yaml"
cd "$tmp/docs" || exit 1
printf 'portfolio: 1\ninstrument: ../outside/secret.env\n' > env.yaml
printf 'portfolio: 1\ninstrument: ./link.yaml\n' > link-doc.yaml
printf 'portfolio: 1\ninstrument: sub/team.yaml\n' > inside.yaml

# Any file by default, but its problems quote nothing of it.
check "a named .env file is refused" 1 "$exe" validate env.yaml
same "its problem names the file and a position" "$tmp/err" \
"env.yaml:2:13: instrument: '../outside/secret.env' is not a usable instrument (1 problem in it, listed after this document's)
../outside/secret.env:1:1: expected a mapping beginning with 'instrument: 1'"
nothing_planted "validate"
check "a named credentials file through a link" 1 "$exe" show link-doc.yaml
same "its problems name the file and positions" "$tmp/err" \
"link-doc.yaml:2:13: instrument: './link.yaml' is not a usable instrument (7 problems in it, listed after this document's)
./link.yaml:1:1: unknown key in the instrument file (expected one of: instrument, id, language, title, scoring, questions)
./link.yaml:1:1: missing key 'instrument' in the instrument file (the format version, 1)
./link.yaml:1:1: missing key 'id' in the instrument file
./link.yaml:1:1: missing key 'title' in the instrument file
./link.yaml:1:1: missing key 'scoring' in the instrument file
./link.yaml:1:1: missing key 'questions' in the instrument file
./link.yaml:2:1: unknown key in the instrument file (expected one of: instrument, id, language, title, scoring, questions)"
nothing_planted "show"
check "standard input names files from the current directory" 1 sh -c "\"$exe\" validate - < env.yaml"
same "standard input: the file's problem" "$tmp/err" \
"<stdin>:2:13: instrument: '../outside/secret.env' is not a usable instrument (1 problem in it, listed after this document's)
../outside/secret.env:1:1: expected a mapping beginning with 'instrument: 1'"
check "a missing file" 1 "$exe" validate "$src/tests/data/invalid/instrument-file-missing.yaml"
nothing_planted "a missing file"
grep -q "No such file" "$tmp/err" && { echo "not ok - the system's reason is not given"; failures=$((failures + 1)); }

# --confine: only the document's folder.
check "--confine: a file inside" 0 "$exe" validate --confine inside.yaml
check "--confine: '..'" 1 "$exe" validate --confine env.yaml
same "--confine: '..' message" "$tmp/err" \
"env.yaml:2:13: instrument: '../outside/secret.env' leaves the document's folder ('..'); only files in it can be named"
check "--confine: a link out" 1 "$exe" report link-doc.yaml --confine
same "--confine: a link out message" "$tmp/err" \
"link-doc.yaml:2:13: instrument: './link.yaml' cannot be read as an instrument from the document's folder (it is missing, unreadable, not a regular file, too large, or a link out of the folder)"
printf 'portfolio: 1\ninstrument: %s/outside/secret.env\n' "$tmp" > absolute.yaml
check "--confine: an absolute path" 1 "$exe" score --confine absolute.yaml
same "--confine: an absolute path message" "$tmp/err" \
"absolute.yaml:2:13: instrument: '$tmp/outside/secret.env' is an absolute path; only files in the document's folder can be named"
check "--confine: standard input is in the current directory" 0 sh -c "\"$exe\" validate --confine - < inside.yaml"
check "--confine: standard input cannot leave it" 1 sh -c "cd sub && \"$exe\" validate --confine - < ../env.yaml"
same "--confine: standard input message" "$tmp/err" \
"<stdin>:2:13: instrument: '../outside/secret.env' leaves the document's folder ('..'); only files in it can be named"
printf 'portfolio: 1\ninstrument: team.yaml\n' > sub/named.yaml
check "--confine: standard input, a file in the current directory" 0 sh -c "cd sub && \"$exe\" validate --confine - < named.yaml"
check "--confine: standard input, not in the document's own folder" 1 sh -c "\"$exe\" validate --confine - < sub/named.yaml"
nothing_planted "--confine"
check "--confine: the instrument command takes it" 0 "$exe" instrument sub/team.yaml --confine
check "--confine: collect takes it" 0 "$exe" collect --confine inside.yaml "$src/tests/data/collect/team-pulse/t-01.yaml"

# --no-files: none at all; ids still work.
check "--no-files: a file inside" 1 "$exe" map --no-files inside.yaml
same "--no-files message" "$tmp/err" \
"inside.yaml:2:13: instrument: 'sub/team.yaml' names a file, and reading the files a document names is turned off"
check "--no-files: a document naming an id" 0 "$exe" validate --no-files "$src/examples/data/minimal.yaml"

# Usage errors.
check "--confine with --no-files" 2 "$exe" validate --confine --no-files inside.yaml
same "--confine with --no-files message" "$tmp/err" "portfolio validate: --confine and --no-files cannot be given together
usage: portfolio validate FILE... [--instrument FILE] [--format text|json]"
check "--confine twice" 2 "$exe" validate --confine inside.yaml --confine
check "after --, --confine is a file" 1 "$exe" validate -- --confine
check "--help describes them" 0 "$exe" map --help
grep -q "^--confine: a document may name" "$tmp/out" || { echo "not ok - map --help describes --confine"; failures=$((failures + 1)); }

echo "1..$n"
[ "$failures" -eq 0 ]
