#!/usr/bin/env python3
"""Validates the JSON outputs and the documents against the schemas of docs/schema/ (TAP).

usage: check_schemas.py PORTFOLIO_EXE SOURCE_ROOT

Checked, each with a real validator (python3-jsonschema, Draft 2020-12):
- every schema against the 2020-12 meta-schema;
- every golden JSON output under tests/data/golden/, through an explicit file-to-schema
  table (a JSON golden file the table does not name is a failure, so a new output needs a schema);
- fresh outputs of the command line for every example document and every JSON output and option;
- every example document and answers file against document.schema.json;
- deliberately broken outputs, which must be refused.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
from jsonschema import Draft202012Validator

try:  # jsonschema >= 4.18 resolves $ref through a referencing registry ...
    from referencing import Registry, Resource
except ImportError:  # ... Debian 12's 4.10 through RefResolver.
    Registry = None

try:
    import yaml
except ImportError:
    yaml = None

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


def refuse(schema, instance, name):
    result(bool(errors_of(schema, instance)), '%s: refused by %s' % (name, schema))


def load_json(path):
    with open(path, encoding='utf-8') as f:
        return json.load(f)


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
    for mode in ('pet', 'normalised'):
        fresh('score.schema.json', ['score', doc, '--format', 'json', '--mode', mode])
    for weight in ('count', 'priority', 'budget', 'fte'):
        fresh('map.schema.json', ['map', doc, '--format', 'json', '--weight', weight])
    fresh('relations.schema.json', ['synergies', doc, '--format', 'json'])
    for lang in ('en', 'fr'):
        fresh('recommend.schema.json', ['recommend', doc, '--format', 'json', '--lang', lang])
        fresh('report.schema.json', ['report', doc, '--format', 'json', '--lang', lang])
    fresh('report.schema.json', ['report', doc, '--format', 'json', '--anonymous'])
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
for instrument, recs in sorted(records.items()):
    paths = [p for _, p in recs]
    for doc, _ in recs:
        fresh('benchmark.schema.json', ['benchmark'] + paths + ['--org', doc, '--format', 'json'])


# ---- documents and answers files ----

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
refuse('score.schema.json', bad, 'score with a percentage above 100')
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
bad['recommendations']['recommendations'][0]['priority'] = 10
refuse('report.schema.json', bad, 'report with a priority of 10')

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

bad = load_json(os.path.join(golden, 'benchmark-university-city.json'))
bad['metrics'][0]['metric'] = 'role.boss.capability.score'
refuse('benchmark.schema.json', bad, 'benchmark of an unknown metric')

print('1..%d' % n)
sys.exit(1 if failures else 0)
