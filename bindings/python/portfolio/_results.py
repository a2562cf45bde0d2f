"""Results of the analyses: scores, map, comparison, relations and recommendations.

Each result owns its C object (``pf_scores``, ``pf_map``...), which holds all of its data and
does not refer to the document, so a result outlives the document it came from. The C object
is freed exactly once: by :meth:`Result.close`, at the end of a ``with`` block, or when the
Python object is garbage-collected, whichever comes first.

The numbers are read through the C library's own JSON writers, so they are the very numbers
the ``portfolio`` command prints with ``--format json`` (docs/json.md).
"""

import html
import json
import keyword
from collections.abc import Mapping

from . import _args, _capi
from ._errors import ArgumentTypeError, NotFoundError, _check
from ._enums import AdviceKind, Role, _to_c
from ._owned import _Owned, _lent

__all__ = ["Record", "Result", "Scores", "Map", "Comparison", "Relations", "Advice", "Recommendation", "Rules",
           "AssessmentScores", "Group", "Placement", "MetricChange", "ProjectChange", "Relation"]


def _wrap(value):
    if isinstance(value, dict):
        return Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _plain(value):
    if isinstance(value, Record):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _identifier(name):
    """Whether an attribute of this name can be written as r.name (so dir() and completion offer it)."""
    return name.isidentifier() and not keyword.iskeyword(name)


def _attr_name(key):
    return key.replace("-", "_").replace(".", "_")


def _n(count, one, many=None):
    """'1 assessment', '3 assessments'."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _short(value):
    """A number as results print it: at most 3 decimals, without trailing zeros."""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return repr(value)


class Record(Mapping):
    """A read-only record: both a mapping (``r['pct']['mission']``) and an object with
    attributes (``r.pct.mission``). Keys with ``-`` or ``.`` are also reachable as attributes
    with ``_`` (``r.senior_management``). :meth:`to_dict` gives plain dicts and lists, with
    the keys of the JSON (docs/json.md)."""

    __slots__ = ("_data",)
    #: Other names of keys (name -> key of the JSON), reachable both ways: ``r.project``, ``r['project']``.
    _aliases = {}

    def __init__(self, data):
        object.__setattr__(self, "_data", {k: _wrap(v) for k, v in data.items()})

    def __getitem__(self, key):
        data = self._data
        if key in data:
            return data[key]
        alias = type(self)._aliases.get(key)
        if alias is not None and alias in data:
            return data[alias]
        raise KeyError(key)

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data or (type(self)._aliases.get(key) in self._data)

    def __getattr__(self, name):
        data = object.__getattribute__(self, "_data")
        if name in data:
            return data[name]
        alias = type(self)._aliases.get(name)
        if alias is not None and alias in data:
            return data[alias]
        for key in data:
            if _attr_name(key) == name:
                return data[key]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name, value):
        raise AttributeError("results are read-only")

    def __dir__(self):
        names = {_attr_name(k) for k in self._data if _identifier(_attr_name(k))}
        names |= {a for a, k in type(self)._aliases.items() if k in self._data}
        return sorted(names | set(super().__dir__()))

    def __repr__(self):
        return f"{type(self).__name__}({{{', '.join(f'{k!r}: {v!r}' for k, v in self._data.items())}}})"

    def _repr_pretty_(self, p, cycle):  # IPython: the same one line
        p.text(repr(self))

    def to_dict(self):
        """The record as plain dicts, lists, strings and numbers (JSON-ready)."""
        return _plain(self)


class AssessmentScores(Record):
    """One respondent's scores: ``respondent``, ``role``, ``completeness``, ``orientation``
    (``raw``, ``pct``, ``pct_pet``, ``pct_normalised`` per facet, ``strong``, ``tendency``) and
    ``capability`` (``score``, ``level``, ``dimensions``)."""

    __slots__ = ()

    def __repr__(self):
        o, c = self.get("orientation") or {}, self.get("capability") or {}
        return (f"<AssessmentScores {self.get('respondent')!r} ({self.get('role') or 'no role'}): "
                f"tendency {o.get('tendency')!r}, capability {_short(c.get('score'))} ({c.get('level')})>")


class Group(Record):
    """Statistics of a group of assessments (``scores.overall``, ``scores.roles['team']``): ``n``,
    ``tendency``, ``capability_level`` and ``metrics`` (per metric ``n``, ``mean``, ``median``,
    ``sd``, ``min``, ``max``)."""

    __slots__ = ()

    def __repr__(self):
        return (f"<Group of {_n(self.get('n'), 'assessment')}: tendency {self.get('tendency')!r}, "
                f"capability level {self.get('capability_level')!r}>")


class Placement(Record):
    """A project on the map: ``project`` (its id; ``id`` too, as in the JSON), ``zone``,
    ``from``, ``share`` per facet, ``x``, ``y`` and ``weight``."""

    __slots__ = ()
    _aliases = {"project": "id"}

    def __repr__(self):
        return f"<Placement {self.get('id')!r}: zone {self.get('zone')!r}, weight {_short(self.get('weight'))}>"


class MetricChange(Record):
    """How one metric changed: ``name``, ``old``, ``new`` and ``delta``."""

    __slots__ = ()

    def __repr__(self):
        delta = self.get("delta")
        shown = f" ({'+' if delta >= 0 else ''}{_short(delta)})" if isinstance(delta, (int, float)) else ""
        return f"<MetricChange {self.get('name')!r}: {_short(self.get('old'))} -> {_short(self.get('new'))}{shown}>"


class ProjectChange(Record):
    """How one project changed: ``project`` (its id; ``id`` too, as in the JSON), ``change``,
    ``old_zone`` and ``new_zone``."""

    __slots__ = ()
    _aliases = {"project": "id"}

    def __repr__(self):
        return (f"<ProjectChange {self.get('id')!r} {self.get('change')}: "
                f"{self.get('old_zone')!r} -> {self.get('new_zone')!r}>")


class Relation(Record):
    """A relation between two projects: ``kind``, ``a``, ``b``, ``similarity``, ``tag_jaccard``,
    ``partner_jaccard``, ``explicit``, ``link_kind``, ``shared_tags`` and ``shared_partners``."""

    __slots__ = ()

    def __repr__(self):
        return (f"<Relation {self.get('kind')} {self.get('a')!r} ~ {self.get('b')!r}: "
                f"similarity {_short(self.get('similarity'))}>")


def _typed(records, cls):
    return [cls(r._data) if isinstance(r, Record) else r for r in records]


class _Keyed:
    """The container protocol every result shares, over a list of entries each with a key (a
    respondent, a project id, a metric name...): ``len()``; iteration gives the entries;
    ``r[key]`` (``NotFoundError``, a ``KeyError``, when missing), ``r[index]``, ``r[slice]``;
    ``key in r`` (an entry is in it too); ``r.get(key, default=None)``; ``r.keys()``."""

    _what = "entry"

    def _entries(self):  # pragma: no cover - defined by each result
        raise NotImplementedError

    def _key_of(self, entry):  # pragma: no cover - defined by each result
        raise NotImplementedError

    def _other_keys(self, entry):
        """More keys an entry answers to (first match wins)."""
        return ()

    def _index(self):
        index = self.__dict__.get("_keyed_index")
        if index is None:
            index = {}
            for i, e in enumerate(self._entries()):
                for k in (self._key_of(e), *self._other_keys(e)):
                    index.setdefault(k, i)
            self.__dict__["_keyed_index"] = index
        return index

    @staticmethod
    def _hashable(key):
        try:
            hash(key)
        except TypeError:
            return False
        return True

    def __len__(self):
        return len(self._entries())

    def __iter__(self):
        return iter(self._entries())

    def __getitem__(self, key):
        entries = self._entries()
        if isinstance(key, slice):
            return entries[key]
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return entries[key]
            except IndexError:
                raise IndexError(f"{self._what} index out of range") from None
        if not self._hashable(key):
            raise ArgumentTypeError(f"key: {type(key).__name__} is not a key of {type(self).__name__}", _capi.PF_EARG)
        i = self._index().get(key)
        if i is None:
            raise NotFoundError(f"no {self._what} {key!r}", _capi.PF_ENOTFOUND)
        return entries[i]

    def get(self, key, default=None):
        """The entry for this key (or index), or ``default``."""
        try:
            return self[key]
        except (KeyError, IndexError, ArgumentTypeError):
            return default

    def __contains__(self, key):
        if isinstance(key, Record):
            return any(e is key or e == key for e in self._entries())
        return self._hashable(key) and key in self._index()

    def keys(self):
        """The keys of the entries, in order."""
        return [self._key_of(e) for e in self._entries()]


def _stream_json(result, file, write_to):
    """Streams a result's JSON into a binary file object through its C ``_to`` writer
    ``write_to(handle, sink, err)``, as Document.report(file=...) streams a report."""
    _args.binary_file(file)
    handle = result._ptr()
    err = _capi.pf_error()
    with _lent(result):  # file.write() runs while C reads the result: it may not close it
        _check(write_to(handle, file, err), err)


class Result(_Owned):
    """Base of the results: owns one C object and frees it exactly once."""

    _free = None  # the C function freeing the object

    def __init__(self, handle):
        self._adopt(handle, type(self)._free)
        self._closed_name = f"this {type(self).__name__.lower()} object"
        self._data = None

    def _write_json(self, err):  # pragma: no cover - defined by each result
        raise NotImplementedError

    def _typed_json(self, data):
        """Hook: the result's records, with the typed ones in place."""
        return data

    def _json(self):
        if self._data is None:
            err = _capi.pf_error()
            text = _check(self._write_json(err), err)
            self._data = self._typed_json(Record(json.loads(text.decode("utf-8"))))
        return self._data

    def to_json(self):
        """The result as the JSON text the C library writes (docs/json.md)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_dict(self):
        """The whole result as plain dicts, lists, strings and numbers, as in its JSON (docs/json.md)."""
        return self._json().to_dict()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return getattr(self._json(), name)
        except AttributeError:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None

    def __dir__(self):
        names = set(super().__dir__())
        if not self.closed:
            names |= {_attr_name(k) for k in self._json() if _identifier(_attr_name(k))}
        return sorted(n for n in names if not n.startswith("_") or n.startswith("__") or n.startswith("_repr"))

    def _repr_pretty_(self, p, cycle):  # IPython: the same one line
        p.text(repr(self))


def _record_of(cls, data):
    r = cls.__new__(cls)
    object.__setattr__(r, "_data", data)
    return r


def _svg(result, err):
    return _check(result, err).decode("utf-8")


def _chart_args(lang, width):
    """The checked lang and width of a chart (the C library refuses a width above its limit)."""
    return _args.text(lang, "lang"), _args.integer(width, "width", 0, _args.UINT_MAX)


def _html_block(title, rows, charts=()):
    """A small HTML summary for notebooks: a heading, a table of (label, value) and inline SVG charts.
    Every text is escaped; the SVG comes from the C library, which escapes what it draws."""
    out = ['<div class="portfolio-summary">', f"<strong>{html.escape(title)}</strong>"]
    if rows:
        out.append("<table>")
        for label, value in rows:
            out.append(f"<tr><th style=\"text-align:left\">{html.escape(str(label))}</th>"
                       f"<td style=\"text-align:left\">{html.escape(str(value))}</td></tr>")
        out.append("</table>")
    for svg in charts:
        out.append(f'<div style="max-width:640px">{svg}</div>')
    out.append("</div>")
    return "\n".join(out)


class Scores(_Keyed, Result):
    """Scores of every assessment of a document, with statistics overall and per role.

    Attributes (as in ``portfolio score --format json``): ``options``, ``assessments`` (one
    :class:`AssessmentScores` per respondent: ``respondent``, ``role``, ``completeness``,
    ``orientation`` with ``raw``, ``pct``, ``pct_pet``, ``pct_normalised`` per facet,
    ``strong``, ``tendency``; ``capability`` with ``score``, ``level`` and ``dimensions``),
    ``overall`` (a :class:`Group`: ``n``, ``tendency``, ``capability_level``, ``metrics``),
    ``roles`` ({role: :class:`Group`}) and ``flags``.
    A container of the assessments keyed by respondent: ``len(scores)``, iteration,
    ``scores['r-001']``, ``'r-001' in scores``, ``scores.get('r-001')``, ``scores.keys()``.
    """

    _free = staticmethod(_capi.pf_scores_free)
    _what = "assessment of respondent"

    def _write_json(self, err):
        return _capi.pf_scores_write_json(self._ptr(), False, err)

    def _typed_json(self, data):
        d = dict(data._data)
        d["assessments"] = _typed(d.get("assessments", []), AssessmentScores)
        if isinstance(d.get("overall"), Record):
            d["overall"] = _record_of(Group, d["overall"]._data)
        if isinstance(d.get("roles"), Record):
            d["roles"] = Record({k: _record_of(Group, v._data) for k, v in d["roles"].items()})
        return _record_of(Record, d)

    def _entries(self):
        return self._json().assessments

    def _key_of(self, entry):
        return entry.get("respondent")

    def divergence(self, metric, role_a, role_b):
        """|mean of role_a - mean of role_b| for a metric ('orientation.mission', 'capability.score'...)."""
        names = [_capi.pf_group_metric_name(i) for i in range(_capi.PF_GROUP_METRIC_COUNT)]
        if not isinstance(metric, str):
            raise _args.wrong_type("metric", "a metric name (str)", metric)
        if metric not in names:
            raise NotFoundError(f"unknown metric {metric!r}", _capi.PF_ENOTFOUND)
        return _capi.pf_scores_divergence(self._ptr(), names.index(metric), _to_c(Role, role_a, "role"),
                                          _to_c(Role, role_b, "role"))

    def to_json(self, anonymous=False):
        """The scores as JSON, exactly as ``portfolio score --format json`` (without pseudonyms when anonymous)."""
        anonymous = _args.flag(anonymous, "anonymous")
        err = _capi.pf_error()
        return _check(_capi.pf_scores_write_json(self._ptr(), anonymous, err), err).decode("utf-8")

    def write_json(self, file, anonymous=False):
        """Streams the JSON of :meth:`to_json` as UTF-8 bytes, as it is made, into ``file``, a
        binary file object, as ``Document.report(file=...)`` does; returns None."""
        anonymous = _args.flag(anonymous, "anonymous")
        _stream_json(self, file, lambda handle, sink, err: _capi.pf_scores_write_json_to(handle, anonymous, sink,
                                                                                         err))

    def diamond_svg(self, lang="en", width=0):
        """The facet diamond chart as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_diamond(self._ptr(), lang, width, err), err)

    def capability_svg(self, lang="en", width=0):
        """The capability chart as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_capability(self._ptr(), lang, width, err), err)

    def roles_svg(self, lang="en", width=0):
        """The chart comparing roles as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_roles(self._ptr(), lang, width, err), err)

    def __repr__(self):
        if self.closed:
            return "<portfolio.Scores closed>"
        o = self._json().overall
        return (f"<portfolio.Scores of {_n(len(self), 'assessment')}: tendency {o.get('tendency')!r}, "
                f"capability level {o.get('capability_level')!r}>")

    def _repr_html_(self):
        """Notebooks: the overall figures and the facet diamond."""
        if self.closed:
            return html.escape(repr(self))
        o = self._json().overall
        rows = [("assessments", len(self)), ("tendency", o.get("tendency")),
                ("capability level", o.get("capability_level"))]
        return _html_block("Scores", rows, [self.diamond_svg()] if len(self) else [])


class Map(_Keyed, Result):
    """The project map and portfolio metrics.

    Attributes (as in ``portfolio map --format json``): ``weighting``, ``projects`` (one
    :class:`Placement` per project: ``project``, ``zone``, ``from``, ``share``, ``x``, ``y``,
    ``weight``) and ``metrics`` (``share``, ``hhi``, ``effective_facets``, ``dominant``,
    ``zone_count``, ``gap``, ``balance_distance``...). A container of the placements keyed by
    project id: ``len(m)``, iteration, ``m['flood-ml']``, ``'flood-ml' in m``, ``m.get(id)``.
    """

    _free = staticmethod(_capi.pf_map_free)
    _what = "project"

    def __init__(self, handle, doc=None):
        super().__init__(handle)
        self._doc = doc  # for titles on the chart; the map itself does not need it

    def _write_json(self, err):
        return _capi.pf_map_write_json(self._ptr(), err)

    def _typed_json(self, data):
        d = dict(data._data)
        d["projects"] = _typed(d.get("projects", []), Placement)
        return _record_of(Record, d)

    def _entries(self):
        return self._json().projects

    def _key_of(self, entry):
        return entry.get("id")

    def to_json(self):
        """The map as JSON, exactly as ``portfolio map --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_map_write_json(self._ptr(), err), err).decode("utf-8")

    def write_json(self, file):
        """Streams the JSON of :meth:`to_json` as UTF-8 bytes, as it is made, into ``file``, a
        binary file object, as ``Document.report(file=...)`` does; returns None."""
        _stream_json(self, file, _capi.pf_map_write_json_to)

    def to_svg(self, lang="en", width=0, titles=False):
        """The project map chart as an SVG document (project titles by the dots when ``titles``)."""
        lang, width = _chart_args(lang, width)
        titles = _args.flag(titles, "titles")
        err = _capi.pf_error()
        doc = self._doc._ptr() if self._doc is not None and not self._doc.closed else None
        label = _capi.PF_CHART_LABEL_TITLE if titles and doc is not None else _capi.PF_CHART_LABEL_ID
        return _svg(_capi.pf_swig_chart_map(self._ptr(), doc, lang, width, label, err), err)

    def targets_svg(self, lang="en", width=0):
        """The chart of facet shares against the targets as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_targets(self._ptr(), lang, width, err), err)

    def __repr__(self):
        if self.closed:
            return "<portfolio.Map closed>"
        m = self._json().metrics
        return (f"<portfolio.Map of {_n(len(self), 'project')} by {self._json().get('weighting')}: "
                f"dominant {m.get('dominant')!r}, hhi {_short(m.get('hhi'))}>")

    def _repr_html_(self):
        """Notebooks: the main metrics and the map."""
        if self.closed:
            return html.escape(repr(self))
        m = self._json().metrics
        rows = [("projects", len(self)), ("weighting", self._json().get("weighting")),
                ("dominant facet", m.get("dominant")), ("concentration (HHI)", _short(m.get("hhi")))]
        return _html_block("Map", rows, [self.to_svg()] if len(self) else [])


class Comparison(_Keyed, Result):
    """The changes between two documents: ``instruments``, ``metrics`` (one :class:`MetricChange`
    per metric: ``name``, ``old``, ``new``, ``delta``) and ``projects`` (one
    :class:`ProjectChange` per changed project: ``project``, ``change``, ``old_zone``,
    ``new_zone``). A container of the metric changes keyed by name: ``len(c)``, iteration,
    ``c['portfolio.hhi']``, ``'portfolio.hhi' in c``, ``c.get(name)``."""

    _free = staticmethod(_capi.pf_comparison_free)
    _what = "metric"

    def _write_json(self, err):
        return _capi.pf_comparison_write_json(self._ptr(), err)

    def _typed_json(self, data):
        d = dict(data._data)
        d["metrics"] = _typed(d.get("metrics", []), MetricChange)
        d["projects"] = _typed(d.get("projects", []), ProjectChange)
        return _record_of(Record, d)

    def _entries(self):
        return self._json().metrics

    def _key_of(self, entry):
        return entry.get("name")

    def to_json(self):
        """The comparison as JSON, exactly as ``portfolio compare --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_comparison_write_json(self._ptr(), err), err).decode("utf-8")

    def to_svg(self, lang="en", width=0):
        """The change chart as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_compare(self._ptr(), lang, width, err), err)

    def __repr__(self):
        if self.closed:
            return "<portfolio.Comparison closed>"
        return (f"<portfolio.Comparison of {_n(len(self), 'metric')}, "
                f"{_n(len(self._json().projects), 'project')} changed>")

    def _repr_html_(self):
        """Notebooks: the counts and the change chart."""
        if self.closed:
            return html.escape(repr(self))
        rows = [("metrics", len(self)), ("projects changed", len(self._json().projects))]
        return _html_block("Comparison", rows, [self.to_svg()])


class Relations(_Keyed, Result):
    """Synergies, tensions, possible duplicates and handovers between projects.

    A container of :class:`Relation` (``kind``, ``a``, ``b``, ``similarity``, ``tag_jaccard``,
    ``partner_jaccard``, ``explicit``, ``link_kind``, ``shared_tags``, ``shared_partners``)
    keyed by the pair of project ids, in either order: ``rel['a', 'b']``, ``('a', 'b') in rel``,
    ``rel.get(('a', 'b'))``; plus ``counts``, ``options`` and ``pairs_examined``;
    :meth:`of_kind` filters by kind.
    """

    _free = staticmethod(_capi.pf_relations_free)
    _what = "relation between"

    def _write_json(self, err):
        return _capi.pf_relations_write_json(self._ptr(), err)

    def _typed_json(self, data):
        d = dict(data._data)
        d["relations"] = _typed(d.get("relations", []), Relation)
        return _record_of(Record, d)

    def _entries(self):
        return self._json().relations

    def _key_of(self, entry):
        return (entry.get("a"), entry.get("b"))

    def _other_keys(self, entry):
        return ((entry.get("b"), entry.get("a")),)

    def of_kind(self, kind):
        """The relations of one kind ('synergy', 'tension', 'duplicate', 'handover')."""
        from ._enums import RelationKind
        kind = list(RelationKind)[_to_c(RelationKind, kind, "kind")]
        return [r for r in self if r.kind == kind.value]

    def to_json(self):
        """The relations as JSON, exactly as ``portfolio relations --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_relations_write_json(self._ptr(), err), err).decode("utf-8")

    def write_json(self, file):
        """Streams the JSON of :meth:`to_json` as UTF-8 bytes, as it is made, into ``file``, a
        binary file object, as ``Document.report(file=...)`` does; returns None."""
        _stream_json(self, file, _capi.pf_relations_write_json_to)

    def __repr__(self):
        if self.closed:
            return "<portfolio.Relations closed>"
        counts = ", ".join(f"{n} {k}" for k, n in self._json().counts.items())
        return f"<portfolio.Relations: {_n(len(self), 'relation')} ({counts})>"

    def _repr_html_(self):
        """Notebooks: the counts and a table of the relations."""
        if self.closed:
            return html.escape(repr(self))
        rows = [(k, n) for k, n in self._json().counts.items()]
        rows += [(f"{r.kind}", f"{r.a} ~ {r.b} ({_short(r.similarity)})") for r in self]
        return _html_block("Relations", rows)


class Recommendation:
    """One recommendation: ``rule`` (its id), ``kind`` (an :class:`AdviceKind`), ``priority``
    (1 most important .. 9), ``subject_kind`` and ``subject`` (or None), ``message``, ``lang``
    and ``evidence`` (metric name -> value: a number, or a string for a text metric)."""

    __slots__ = ("rule", "kind", "priority", "subject_kind", "subject", "message", "lang", "evidence")

    def __init__(self, rec):
        self.rule = rec.rule
        self.kind = AdviceKind(_capi.pf_advice_kind_name(rec.kind))
        self.priority = rec.priority
        self.subject_kind = rec.subject_kind
        self.subject = rec.subject
        self.message = rec.message
        self.lang = rec.lang
        self.evidence = {}
        for i in range(rec.evidence_count):
            ev = _capi.pf_swig_recommendation_evidence(rec, i)
            self.evidence[ev.metric] = ev.text if ev.text is not None else ev.value

    def to_dict(self):
        """The recommendation as a plain dict."""
        d = {k: getattr(self, k) for k in self.__slots__}
        d["kind"] = self.kind.value
        d["evidence"] = dict(self.evidence)
        return d

    def __repr__(self):
        subject = f" {self.subject_kind} {self.subject!r}" if self.subject is not None else ""
        return f"<Recommendation {self.rule} {self.kind.value}{subject}, priority {self.priority}: {self.message[:60]!r}>"

    def __str__(self):
        return self.message


class Advice(_Keyed, Result):
    """The recommendations for a portfolio: a sequence of :class:`Recommendation`, strengths
    first, then by priority. Read straight from the C structures. Keyed by rule id (the first
    recommendation of that rule: ``advice['S01']``, ``'S01' in advice``, ``advice.get('S01')``)
    or by ``(rule, subject)`` (``advice['S01', 'mission']``); :meth:`of_rule` gives them all."""

    _free = staticmethod(_capi.pf_advice_free)
    _what = "recommendation of rule"

    def __init__(self, handle):
        super().__init__(handle)
        adv = self._ptr()
        self._items = [Recommendation(_capi.pf_advice_at(adv, i)) for i in range(_capi.pf_advice_count(adv))]

    def _write_json(self, err):
        return _capi.pf_advice_write_json(self._ptr(), err)

    def _entries(self):
        return self._items

    def _key_of(self, entry):
        return entry.rule

    def _other_keys(self, entry):
        return ((entry.rule, entry.subject),)

    def __contains__(self, key):
        if isinstance(key, Recommendation):
            return key in self._items
        return super().__contains__(key)

    def of_rule(self, rule):
        """Every recommendation of a rule, in order."""
        return [r for r in self._items if r.rule == rule]

    def to_dict(self):
        return {"recommendations": [r.to_dict() for r in self._items]}

    def to_json(self):
        """The recommendations as JSON, exactly as ``portfolio recommend --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_advice_write_json(self._ptr(), err), err).decode("utf-8")

    def __repr__(self):
        kinds = {}
        for r in self._items:
            kinds[r.kind.value] = kinds.get(r.kind.value, 0) + 1
        return f"<portfolio.Advice: {_n(len(self._items), 'recommendation')}" + (
            f" ({', '.join(f'{n} {k}' for k, n in kinds.items())})>" if kinds else ">")

    def _repr_html_(self):
        """Notebooks: the recommendations as a table."""
        return _html_block("Recommendations", [(f"{r.rule} {r.kind.value}", r.message) for r in self._items])


class Rules(Result):
    """A catalogue of recommendation rules: ``Rules.default()``, ``Rules.load(path)``,
    ``Rules.loads(text)``; ``a.merge(b)`` adds (or replaces) b's rules in a."""

    _free = staticmethod(_capi.pf_rules_free)

    @classmethod
    def default(cls):
        """The catalogue embedded in the library."""
        err = _capi.pf_error()
        return cls(_check(_capi.pf_rules_open_default(None, err), err))

    @classmethod
    def load(cls, path):
        """Reads a catalogue file; raises ParseError, ValidationError (with every problem) or FileError."""
        from ._document import _read
        return cls(_read(_capi.pf_rules_read_file, _args.path(path)))

    @classmethod
    def loads(cls, text, source="<string>"):
        """Reads a catalogue from a string or bytes."""
        from ._document import _read_buffer
        return cls(_read_buffer(_capi.pf_rules_read_buffer, text, source))

    def merge(self, other):
        """Adds the rules of ``other``; a rule with an id already here replaces it. Returns self."""
        _args.instance(other, Rules, "other")
        err = _capi.pf_error()
        _check(_capi.pf_rules_merge(self._ptr(), other._ptr(), err), err)
        return self

    @property
    def ids(self):
        """The rules' ids, in order."""
        r = self._ptr()
        return [_capi.pf_rules_id_at(r, i) for i in range(_capi.pf_rules_count(r))]

    def __len__(self):
        return _capi.pf_rules_count(self._ptr())

    def __iter__(self):
        """The rules' ids, in order."""
        return iter(self.ids)

    def __contains__(self, rule):
        return isinstance(rule, str) and rule in self.ids

    def __repr__(self):
        return "<portfolio.Rules closed>" if self.closed else f"<portfolio.Rules: {_n(len(self), 'rule')}>"

    def close(self):
        self._finalizer()

    def to_dict(self):
        return {"rules": self.ids}
