#!/usr/bin/env python3
"""Validates the JSON outputs and the documents against the schemas of docs/schema/ (TAP).

usage: check_schemas.py PORTFOLIO_EXE SOURCE_ROOT

Checked, each with a real validator (python3-jsonschema, Draft 2020-12):
- every schema against the 2020-12 meta-schema;
- every golden JSON output under tests/data/golden/, through an explicit file-to-schema
  table (a JSON golden file the table does not name is a failure, so a new output needs a schema);
- fresh outputs of the command line for every example document and every JSON output and option,
  and for edge documents (no assessments, an unplaced project, weights summing to 0);
- validate and show --format json of those documents and of the invalid ones, and score, map and
  report of several documents at once (documents.schema.json);
- every example document and answers file against document.schema.json, and the import mapping
  files of the tests against import-map.schema.json;
- deliberately broken outputs, documents and mapping files, which must be refused (most of them
  for a problem at a given path, so that they fail for the intended reason).
"""
import copy
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError:  # dev.sh installs python3-jsonschema; elsewhere the check is skipped, visibly
    print('1..0 # SKIP python3-jsonschema is not installed')
    sys.exit(0)

try:  # jsonschema >= 4.18 resolves $ref through a referencing registry ...
    from referencing import Registry, Resource
except ImportError:  # ... Debian 12's 4.10 through RefResolver.
    Registry = None

try:
    import yaml
except ImportError:  # likewise python3-yaml, which reads the YAML documents
    print('1..0 # SKIP python3-yaml is not installed')
    sys.exit(0)

exe, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
schema_dir = os.path.join(src, 'docs', 'schema')
golden = os.path.join(src, 'tests', 'data', 'golden')
examples = os.path.join(src, 'examples', 'data')

n = 0
failures = 0


def result(ok, name, detail=''):
    global n, failures
    n += 1
    print(('ok %d - %s' if ok else 'not ok %d - %s') % (n, name))
    if not ok:
        failures += 1
        for line in str(detail).splitlines()[:20]:
            print('# ' + line)


# ---- the schemas ----

schemas = {}
for path in sorted(glob.glob(os.path.join(schema_dir, '*.schema.json'))):
    with open(path, encoding='utf-8') as f:
        s = json.load(f)
    name = os.path.basename(path)
    result(s.get('$id') == name, '%s: $id is its file name' % name, 'got %r' % s.get('$id'))
    try:
        Draft202012Validator.check_schema(s)
        result(True, '%s is a valid 2020-12 schema' % name)
    except jsonschema.exceptions.SchemaError as e:
        result(False, '%s is a valid 2020-12 schema' % name, e)
    schemas[name] = s

with open(os.path.join(src, 'data', 'meson.build'), encoding='utf-8') as f:
    installed = f.read()
missing = [name for name in schemas if "'../docs/schema/%s'" % name not in installed]
result(len(schemas) >= 10 and not missing, 'every schema is installed (data/meson.build)', 'missing: %r' % missing)

# Scores of the default instrument keep to its ranges (raw points at most 64, capability 0..108 ...);
# the scores alone do not name their instrument, so this check is applied to the known ones.
OPSI = 'opsi-pet-2020-scores'
schemas[OPSI] = {'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': OPSI,
                 'properties': {'assessments': {'items': {'$ref': 'score.schema.json#/$defs/opsiPet2020Assessment'}}}}

if Registry is not None:
    registry = Registry().with_resources(
        (name, Resource.from_contents(s)) for name, s in schemas.items())

    def validator(name):
        return Draft202012Validator(schemas[name], registry=registry)
else:
    def validator(name):
        resolver = jsonschema.RefResolver(name, schemas[name], store=dict(schemas))
        return Draft202012Validator(schemas[name], resolver=resolver)

validators = {name: validator(name) for name in schemas}


def errors_of(schema, instance):
    return sorted(validators[schema].iter_errors(instance), key=lambda e: list(e.absolute_path))


def describe(errors):
    return '\n'.join('%s: %s' % ('/'.join(map(str, e.absolute_path)) or '(top)', e.message[:300])
                     for e in errors[:10])


def check(schema, instance, name):
    errs = errors_of(schema, instance)
    result(not errs, '%s matches %s' % (name, schema), describe(errs))


def problem_paths(errors):
    """Paths of the errors and of the errors under them (a problem inside anyOf is one level down)."""
    found = set()
    for e in errors:
        found.add('/'.join(map(str, e.absolute_path)))
        found |= problem_paths(e.context)
    return found


def refuse(schema, instance, name, at=None):
    """The instance must fail; with `at`, for a problem at that path (so it fails for the intended reason)."""
    errs = errors_of(schema, instance)
    ok = bool(errs) and (at is None or at in problem_paths(errs))
    result(ok, '%s: refused by %s' % (name, schema), describe(errs) or 'accepted')


def load_json(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


# A document is typed by the format, not by YAML (docs/format.md, section 2): `country: NO` is the
# text NO and `q17: yes` the word yes, where YAML's implicit typing would give booleans. So YAML
# documents are turned into JSON data by the format's own rule rather than by yaml.safe_load: a
# plain scalar in the format's number syntax is a number, a plain null (~, null, nothing) is null,
# and every other scalar (quoted, block, or a plain word) is a string. JSON documents are read
# with the json module, which types them the same way.
NUMBER = re.compile(r'[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\Z')
NULLS = ('', '~', 'null', 'Null', 'NULL')


def as_data(node):
    if node is None:  # an empty file
        return None
    if isinstance(node, yaml.MappingNode):
        return {k.value: as_data(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [as_data(v) for v in node.value]
    if node.style is None:  # plain
        if node.value in NULLS:
            return None
        if NUMBER.match(node.value):
            return int(node.value) if re.fullmatch(r'[+-]?[0-9]+', node.value) else float(node.value)
    return node.value


def load_document(path):
    if path.endswith('.json'):
        return load_json(path)
    with open(path, encoding='utf-8-sig') as f:
        return as_data(yaml.compose(f, Loader=yaml.SafeLoader))


def load_document_text(text):
    return as_data(yaml.compose(text, Loader=yaml.SafeLoader))


# ---- golden outputs: every JSON golden file has a schema ----

GOLDEN = [
    (r'score-.*\.json', 'score.schema.json'),
    (r'map-.*\.json', 'map.schema.json'),
    (r'compare-.*\.json', 'compare.schema.json'),
    (r'synergies-.*\.json', 'relations.schema.json'),
    (r'recommend-.*\.json', 'recommend.schema.json'),
    (r'report-.*\.json', 'report.schema.json'),
    (r'anonymise-.*\.json', 'record.schema.json'),
    (r'benchmark-.*\.json', 'benchmark.schema.json'),
    (r'records/benchmark-.*\.json', 'benchmark.schema.json'),
    (r'records/(?!benchmark-).*\.json', 'record.schema.json'),
    (r'validate-.*\.json', 'validate.schema.json'),
    (r'show-.*\.json', 'show.schema.json'),
    (r'several-.*\.json', 'documents.schema.json'),
]

golden_files = sorted(glob.glob(os.path.join(golden, '**', '*.json'), recursive=True))
result(len(golden_files) >= 30, 'golden JSON outputs found (%d)' % len(golden_files))
for path in golden_files:
    rel = os.path.relpath(path, golden).replace(os.sep, '/')
    matches = [s for pattern, s in GOLDEN if re.fullmatch(pattern, rel)]
    if len(matches) != 1:
        result(False, 'golden %s: exactly one schema' % rel, 'schemas: %r' % matches)
        continue
    check(matches[0], load_json(path), 'golden ' + rel)
    if matches[0] == 'score.schema.json':  # every golden score is of opsi-pet-2020
        check(OPSI, load_json(path), 'golden ' + rel)


# ---- fresh outputs of the command line ----

def run(args, cwd=examples):
    p = subprocess.run([exe] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        result(False, 'portfolio %s' % ' '.join(args), p.stderr.decode('utf-8', 'replace'))
        return None
    return json.loads(p.stdout.decode('utf-8'))


def fresh(schema, args):
    out = run(args)
    if out is not None:
        check(schema, out, 'portfolio ' + ' '.join(args))
    return out


example_docs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(examples, '*.yaml')))
result(len(example_docs) >= 5, 'example documents found (%d)' % len(example_docs))
tmp = tempfile.mkdtemp()
records = {}
for doc in example_docs:
    opsi = load_document(os.path.join(examples, doc)).get('instrument') in (None, 'opsi-pet-2020')
    for mode in ('pet', 'normalised', 'pet-published') if opsi else ('pet', 'normalised'):
        out = fresh('score.schema.json', ['score', doc, '--format', 'json', '--mode', mode])
        if opsi and out is not None:
            check(OPSI, out, 'portfolio score %s --mode %s' % (doc, mode))
    for weight in ('count', 'priority', 'budget', 'fte'):
        fresh('map.schema.json', ['map', doc, '--format', 'json', '--weight', weight])
    fresh('relations.schema.json', ['synergies', doc, '--format', 'json'])
    for lang in ('en', 'fr'):
        fresh('recommend.schema.json', ['recommend', doc, '--format', 'json', '--lang', lang])
        fresh('report.schema.json', ['report', doc, '--format', 'json', '--lang', lang])
    fresh('report.schema.json', ['report', doc, '--format', 'json', '--anonymous'])
    fresh('report.schema.json', ['report', doc, '--format', 'json', '--since', doc])
    fresh('compare.schema.json', ['compare', doc, doc, '--format', 'json'])
    for k in ('1', '5'):
        rec = fresh('record.schema.json', ['anonymise', doc, '-k', k])
        if rec is not None and k == '1':
            path = os.path.join(tmp, doc.replace('.yaml', '.json'))
            with open(path, 'w', encoding='utf-8') as f:
                json.dump(rec, f)
            records.setdefault(rec['instrument'], []).append((doc, path))
    fresh('record.schema.json', ['anonymise', doc, '-k', '2', '--mode', 'normalised', '--weight', 'budget'])
fresh('compare.schema.json', ['compare', 'environment-agency.yaml', 'environment-agency-2026.yaml', '--format',
                              'json', '--mode', 'normalised', '--weight', 'budget'])
fresh('compare.schema.json', ['compare', 'minimal.yaml', 'team-pulse.yaml', '--format', 'json',
                              '--allow-different-instruments'])
# Edge cases the examples do not reach: no assessments (null statistics, no orientation), an
# unplaced project, weights that sum to 0 (no shares), an empty document, a custom instrument.
EDGE = {
    'empty.yaml': 'portfolio: 1\n',
    'unplaced.yaml': 'portfolio: 1\ntargets: {mission: 1}\nprojects:\n  - {id: p1, budget: 5}\n'
                     '  - {id: p2, purpose: mission, driver: adaptive, budget: 0, stage: idea}\n'
                     '  - {id: p3, facets: {adaptive: 1}, links: [{to: p2, kind: conflict}]}\n',
    'one-respondent.yaml': 'portfolio: 1\nassessments:\n  - {respondent: r1, answers: {q17: yes}}\n',
}
edge_docs = []
for name, text in EDGE.items():
    path = os.path.join(tmp, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    edge_docs.append(path)
edge_docs += sorted(glob.glob(os.path.join(src, 'tests', 'data', 'valid', '*.yaml')))
for doc in edge_docs:
    fresh('score.schema.json', ['score', doc, '--format', 'json'])
    for weight in ('count', 'budget'):
        fresh('map.schema.json', ['map', doc, '--format', 'json', '--weight', weight])
    fresh('relations.schema.json', ['synergies', doc, '--format', 'json'])
    fresh('recommend.schema.json', ['recommend', doc, '--format', 'json'])
    fresh('report.schema.json', ['report', doc, '--format', 'json'])
    fresh('record.schema.json', ['anonymise', doc, '-k', '1'])
    fresh('compare.schema.json', ['compare', doc, 'environment-agency.yaml', '--format', 'json',
                                  '--allow-different-instruments'])
empty = run(['score', edge_docs[0], '--format', 'json'])
result(empty is not None and empty['overall']['n'] == 0 and empty['overall']['metrics']['capability.score']['mean'] is None,
       'the empty document reaches the null statistics')
unplaced = run(['map', edge_docs[1], '--format', 'json', '--weight', 'budget'])
result(unplaced is not None and unplaced['projects'][0]['zone'] is None and 'share' not in unplaced['metrics'],
       'the unplaced project and the weights summing to 0 are reached')

# validate and show of every example and edge document; score, map and report of several at once.
def run_status(args, want):
    p = subprocess.run([exe] + args, cwd=examples, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    result(p.returncode == want, 'portfolio %s exits %d' % (' '.join(args), want), p.stderr.decode('utf-8', 'replace'))
    return json.loads(p.stdout.decode('utf-8')) if p.returncode == want else None


for doc in example_docs + edge_docs:
    fresh('show.schema.json', ['show', doc, '--format', 'json'])
out = fresh('validate.schema.json', ['validate', '--format', 'json'] + example_docs + edge_docs)
result(out is not None and out['valid'] and len(out['files']) == len(example_docs) + len(edge_docs),
       'validate --format json lists every file')
broken_docs = sorted(glob.glob(os.path.join(src, 'tests', 'data', 'invalid', '*.yaml')))
result(len(broken_docs) >= 20, 'invalid documents found (%d)' % len(broken_docs))
out = run_status(['validate', '--format', 'json'] + broken_docs, 1)
if out is not None:
    check('validate.schema.json', out, 'validate --format json of every invalid document')
    result(not any(f['valid'] for f in out['files']), 'every invalid document is invalid in the JSON')
out = run_status(['validate', '--format', 'json', '--instrument', os.path.join(src, 'tests', 'data',
                  'invalid-instrument', 'duplicate-item-id.yaml'), 'minimal.yaml'], 1)
if out is not None:
    check('validate.schema.json', out, 'validate --format json with an invalid --instrument')
several = example_docs[:3]
for mode in ('pet', 'normalised'):
    fresh('documents.schema.json', ['score'] + several + ['--format', 'json', '--mode', mode])
for weight in ('count', 'budget'):
    fresh('documents.schema.json', ['map'] + several + ['--format', 'json', '--weight', weight])
fresh('documents.schema.json', ['report'] + example_docs + ['--format', 'json'])
fresh('documents.schema.json', ['report'] + edge_docs[:3] + ['--format', 'json', '--anonymous'])

for instrument, recs in sorted(records.items()):
    paths = [p for _, p in recs]
    for doc, _ in recs:
        fresh('benchmark.schema.json', ['benchmark'] + paths + ['--org', doc, '--format', 'json'])


# ---- documents and answers files ----

data = os.path.join(src, 'tests', 'data')
DOCUMENTS = [os.path.join(examples, '*.yaml'),
             os.path.join(data, 'answers', '*.*'),
             os.path.join(data, 'collect', 'answers', '*.*'),
             os.path.join(data, 'collect', 'team-pulse', '*.*'),
             os.path.join(data, 'collect', 'template-*.yaml'),
             os.path.join(data, 'collect', 'expected.yaml'),
             os.path.join(data, 'valid', '*.yaml'),
             os.path.join(golden, '*.yaml')]
NOT_DOCUMENTS = {'odd-instrument.yaml': 'an instrument file'}
# Files the reader refuses, for reasons the schema sees too: a blank questionnaire has no respondent
# yet, and answers to team-pulse-2025 items without naming it are answers to opsi-pet-2020.
INVALID = ['load-problems.yaml', 'default-instrument.yaml', 'template-opsi-pet-2020.yaml',
           'template-opsi-pet-2020-fr.yaml', 'template-team-pulse.yaml', 'template-team-pulse-fr.yaml']
probe = load_document_text('organisation: {country: NO}\nq17: yes\nfte: .5\nq1: 3\nid: "4"\nunit: ~\n')
result(probe == {'organisation': {'country': 'NO'}, 'q17': 'yes', 'fte': 0.5, 'q1': 3, 'id': '4', 'unit': None},
       'YAML documents are typed by the format, not by YAML', repr(probe))
docs = sorted(set(p for pattern in DOCUMENTS for p in glob.glob(pattern)))
docs = [p for p in docs if os.path.basename(p) not in NOT_DOCUMENTS]
invalid = [p for p in docs if os.path.basename(p) in INVALID]
result(len(invalid) == len(INVALID), 'every deliberately invalid file found', repr(invalid))
docs = [p for p in docs if p not in invalid]
result(len(docs) >= 50, 'documents and answers files found (%d)' % len(docs))
for path in docs:
    check('document.schema.json', load_document(path), os.path.relpath(path, src))

for path in invalid:
    refuse('document.schema.json', load_document(path), os.path.relpath(path, src))
# The problems of docs/format.md, section 5, one at a time, and a few more.
base = 'portfolio: 1\n'
for name, text, at in [
        ('format version 2', 'portfolio: 2\n', 'portfolio'),
        ('lower-case country', base + 'organisation: {country: gb}\n', 'organisation/country'),
        ('unknown sector', base + 'organisation: {sectors: [finance]}\n', 'organisation/sectors/0'),
        ('misspelt key', base + 'projects: [{id: a, titel: T}]\n', 'projects/0'),
        ('negative budget', base + 'projects: [{id: a, budget: -5000}]\n', 'projects/0/budget'),
        ('quoted budget', base + 'projects: [{id: a, budget: "5000"}]\n', 'projects/0/budget'),
        ('purpose without driver', base + 'projects: [{id: a, purpose: mission}]\n', 'projects/0'),
        ('driver all', base + 'projects: [{id: a, purpose: all, driver: all}]\n', 'projects/0/driver'),
        ('facets all zero', base + 'targets: {mission: 0}\n', 'targets'),
        ('link without kind', base + 'projects: [{id: a, links: [{to: b}]}]\n', 'projects/0/links/0'),
        ('id with a space', base + 'projects: [{id: "a b"}]\n', 'projects/0/id'),
        ('impossible month', base + 'projects: [{id: a, start: 2024-13-01}]\n', 'projects/0/start'),
        ('ranking of two', base + 'assessments: [{respondent: r, answers: {q2: [mission, enhancement]}}]\n', 'assessments/0/answers/q2'),
        ('yes-no maybe', base + 'assessments: [{respondent: r, answers: {q17: maybe}}]\n', 'assessments/0/answers/q17'),
        ('quoted agreement', base + 'assessments: [{respondent: r, answers: {q1.mission: "3"}}]\n', 'assessments/0/answers/q1.mission'),
        ('agreement 5', base + 'assessments: [{respondent: r, answers: {q1.mission: 5}}]\n', 'assessments/0/answers/q1.mission'),
        ('none with an option', base + 'assessments: [{respondent: r, answers: {q10: [none, mission]}}]\n', 'assessments/0/answers/q10'),
        ('unknown item', base + 'assessments: [{respondent: r, answers: {q99: 3}}]\n', 'assessments/0/answers'),
        ('rank answer given per item', base + 'assessments: [{respondent: r, answers: {q2.mission: 1}}]\n', 'assessments/0/answers'),
        ('unknown role', base + 'assessments: [{respondent: r, role: boss}]\n', 'assessments/0/role')]:
    refuse('document.schema.json', load_document_text(text), 'document with ' + name, at)
# ... each against a document that differs only there and passes.
good = (base + 'organisation: {country: GB, sectors: [health]}\ntargets: {mission: 1}\n'
        'projects: [{id: a, title: T, budget: 5000, purpose: mission, driver: adaptive, start: 2024-12-01,'
    ' links: [{to: b, kind: synergy}]}, {id: "b", facets: {mission: 0, adaptive: 2}}]\n'
    'assessments: [{respondent: r, role: team, answers: {q2: [mission, enhancement, adaptive, anticipatory],'
        ' q17: unsure, q1.mission: strongly-agree, q1.adaptive: 4, q10: [none], q13: [mission2, adaptive1]}}]\n')
check('document.schema.json', load_document_text(good), 'the document the broken ones differ from')
with open(os.path.join(tmp, 'good.yaml'), 'w', encoding='utf-8') as f:
    f.write(good)
valid = subprocess.run([exe, 'validate', os.path.join(tmp, 'good.yaml')], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
result(valid.returncode == 0, 'the reader accepts it too', valid.stderr.decode('utf-8', 'replace'))
check('document.schema.json',
      load_document_text(base + 'instrument: team-pulse-2025\nassessments: [{respondent: r, answers: {p9: 3}}]\n'),
      'answers to another instrument are not checked against opsi-pet-2020')

# ---- import mapping files ----

maps = sorted(glob.glob(os.path.join(data, 'csv', '*.map.yaml')) +
              glob.glob(os.path.join(data, 'invalid-csv', '*.map.yaml')))
result(len(maps) >= 5, 'mapping files found (%d)' % len(maps))
for path in maps:
    check('import-map.schema.json', load_document(path), os.path.relpath(path, src))
# Every broken mapping file the reader refuses, but for a YAML syntax error, which is not data.
broken = sorted(glob.glob(os.path.join(data, 'invalid-import-map', '*.yaml')))
broken = [p for p in broken if os.path.basename(p) != 'syntax.yaml']
result(len(broken) >= 12, 'broken mapping files found (%d)' % len(broken))
for path in broken:
    refuse('import-map.schema.json', load_document(path), os.path.relpath(path, src))


# ---- broken outputs must be refused ----

score = load_json(os.path.join(golden, 'score-environment-agency.json'))
bad = copy.deepcopy(score)
bad['schema_version'] = 2
refuse('score.schema.json', bad, 'score with schema_version 2')
bad = copy.deepcopy(score)
bad['assessments'][0]['role'] = 'manager'
refuse('score.schema.json', bad, 'score with an unknown role')
bad = copy.deepcopy(score)
bad['assessments'][0]['orientation']['pct']['enhancement'] = 101
refuse(OPSI, bad, 'score of opsi-pet-2020 with a percentage above 100',
       'assessments/0/orientation/pct/enhancement')
bad = copy.deepcopy(score)
bad['overall']['extra'] = 1
refuse('score.schema.json', bad, 'score with an unknown key')
bad = copy.deepcopy(score)
del bad['flags'][-1]['higher']
refuse('score.schema.json', bad, 'perception gap without its higher role')

mapped = load_json(os.path.join(golden, 'map-environment-agency.json'))
bad = copy.deepcopy(mapped)
bad['projects'][0]['zone'] = None
refuse('map.schema.json', bad, 'unplaced project that keeps its share')
bad = copy.deepcopy(mapped)
del bad['metrics']['zone_count']['mixed']
refuse('map.schema.json', bad, 'zone_count without a zone')
bad = copy.deepcopy(mapped)
bad['metrics']['hhi'] = 0.2
refuse('map.schema.json', bad, 'hhi below 0.25')

report = load_json(os.path.join(golden, 'report-environment-agency.json'))
bad = copy.deepcopy(report)
bad['map']['weighting'] = 'people'
refuse('report.schema.json', bad, 'report whose map has an unknown weighting')
bad = copy.deepcopy(report)
bad['scores']['assessments'][0]['orientation']['raw']['mission'] = 64.5
refuse('report.schema.json', bad, 'report of opsi-pet-2020 with 64.5 raw points',
       'scores/assessments/0/orientation/raw/mission')
bad['instrument'] = 'another-instrument'
check('report.schema.json', bad, 'the same points in a report of another instrument')
bad = copy.deepcopy(report)
bad['recommendations']['recommendations'][0]['priority'] = 10
refuse('report.schema.json', bad, 'report with a priority of 10')
since = load_json(os.path.join(golden, 'report-environment-agency-since.json'))
bad = copy.deepcopy(since)
bad['since']['headline'][0]['direction'] = 'sideways'
refuse('report.schema.json', bad, 'since part with a direction sideways', 'since/headline/0/direction')
bad = copy.deepcopy(since)
bad['since']['old_date'] = '14/10/2025'
refuse('report.schema.json', bad, 'since part with a date not in YYYY-MM-DD', 'since/old_date')
bad = copy.deepcopy(since)
bad['since']['comparison']['projects'][0]['change'] = 'renamed'
refuse('report.schema.json', bad, 'since part whose comparison has an unknown change',
       'since/comparison/projects/0/change')
bad = copy.deepcopy(since)
del bad['since']['comparison']
refuse('report.schema.json', bad, 'since part without its comparison', 'since')
bad = copy.deepcopy(report)
bad['summary']['recommendations'].append(copy.deepcopy(bad['summary']['recommendations'][0]))
refuse('report.schema.json', bad, 'summary with four recommendations', 'summary/recommendations')
bad = copy.deepcopy(report)
bad['summary']['recommendations'][0]['kind'] = 'strength'
refuse('report.schema.json', bad, 'summary that counts a strength among the most important',
       'summary/recommendations/0/kind')
bad = copy.deepcopy(report)
bad['summary']['small_roles'] = ['board']
refuse('report.schema.json', bad, 'summary with an unknown small role', 'summary/small_roles/0')
bad = copy.deepcopy(report)
del bad['explanations']['map']
refuse('report.schema.json', bad, 'explanations without the map', 'explanations')

bad = load_json(os.path.join(golden, 'synergies-environment-agency.json'))
bad['relations'][0]['explicit'] = not bad['relations'][0]['explicit']
refuse('relations.schema.json', bad, 'relation whose link_kind contradicts explicit')

bad = load_json(os.path.join(golden, 'compare-environment-agency.json'))
bad['metrics'][0]['delta'] = None
refuse('compare.schema.json', bad, 'metric change with both sides but no delta')

bad = load_json(os.path.join(golden, 'anonymise-environment-agency.json'))
bad['groups']['overall']['respondent'] = 'r-001'
refuse('record.schema.json', bad, 'record with a respondent id')
bad = load_json(os.path.join(golden, 'anonymise-environment-agency.json'))
bad['period'] = '2025-13'
refuse('record.schema.json', bad, 'record with month 13')
bad = load_json(os.path.join(golden, 'anonymise-environment-agency.json'))
bad['portfolio'] = {}
refuse('record.schema.json', bad, 'record with an empty portfolio', 'portfolio')

bad = load_json(os.path.join(golden, 'benchmark-university-city.json'))
bad['metrics'][0]['metric'] = 'role.boss.capability.score'
refuse('benchmark.schema.json', bad, 'benchmark of an unknown metric')

bad = load_json(os.path.join(golden, 'validate-mixed.json'))
bad['valid'] = True
refuse('validate.schema.json', bad, 'validation valid with an invalid file')
bad = load_json(os.path.join(golden, 'validate-mixed.json'))
bad['files'][1]['problems'][0]['line'] = 0
refuse('validate.schema.json', bad, 'problem on line 0', 'files/1/problems/0/line')
bad = load_json(os.path.join(golden, 'validate-mixed.json'))
bad['files'][0]['problems'] = bad['files'][1]['problems']
refuse('validate.schema.json', bad, 'valid file with problems', 'files/0/problems')

bad = load_json(os.path.join(golden, 'show-environment-agency.json'))
del bad['projects']['by_stage']['stopped']
refuse('show.schema.json', bad, 'summary without a stage count', 'projects/by_stage')
bad = load_json(os.path.join(golden, 'show-environment-agency.json'))
bad['targets']['mission'] = 25
refuse('show.schema.json', bad, 'summary with a target above 1', 'targets/mission')

bad = load_json(os.path.join(golden, 'several-score-minimal-team-pulse.json'))
bad['command'] = 'map'
refuse('documents.schema.json', bad, 'scores of several documents labelled as maps', 'documents/0/result')
bad = load_json(os.path.join(golden, 'several-score-minimal-team-pulse.json'))
del bad['documents'][1]['source']
refuse('documents.schema.json', bad, 'a result without its source', 'documents/1')
bad['documents'] = bad['documents'][:1]
refuse('documents.schema.json', bad, 'a wrapper around one document (one FILE gives the plain result)', 'documents')

shutil.rmtree(tmp)
print('1..%d' % n)
sys.exit(1 if failures else 0)
