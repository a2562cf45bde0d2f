"""Results of the analyses: scores, map, comparison, relations and recommendations.

Each result owns its C object (``pf_scores``, ``pf_map``...), which holds all of its data and
does not refer to the document, so a result outlives the document it came from. The C object
is freed exactly once: by :meth:`Result.close`, at the end of a ``with`` block, or when the
Python object is garbage-collected, whichever comes first.

The numbers are read through the C library's own JSON writers, so they are the very numbers
the ``portfolio`` command prints with ``--format json`` (docs/json.md).
"""

import json
from collections.abc import Mapping

from . import _args, _capi
from ._errors import NotFoundError, _check
from ._enums import AdviceKind, Role, _to_c
from ._owned import _Owned

__all__ = ["Record", "Result", "Scores", "Map", "Comparison", "Relations", "Advice", "Recommendation", "Rules"]


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


class Record(Mapping):
    """A read-only record: both a mapping (``r['pct']['mission']``) and an object with
    attributes (``r.pct.mission``). Keys with ``-`` or ``.`` are also reachable as attributes
    with ``_`` (``r.senior_management``). :meth:`to_dict` gives plain dicts and lists."""

    __slots__ = ("_data",)

    def __init__(self, data):
        object.__setattr__(self, "_data", {k: _wrap(v) for k, v in data.items()})

    def __getitem__(self, key):
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __getattr__(self, name):
        data = object.__getattribute__(self, "_data")
        if name in data:
            return data[name]
        for key in data:
            if key.replace("-", "_").replace(".", "_") == name:
                return data[key]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        raise AttributeError("results are read-only")

    def __dir__(self):
        return sorted(set(k.replace("-", "_").replace(".", "_") for k in self._data) | {"to_dict"})

    def __repr__(self):
        return f"Record({self.to_dict()!r})"

    def to_dict(self):
        """The record as plain dicts, lists, strings and numbers (JSON-ready)."""
        return _plain(self)


class Result(_Owned):
    """Base of the results: owns one C object and frees it exactly once."""

    _free = None  # the C function freeing the object

    def __init__(self, handle):
        self._adopt(handle, type(self)._free)
        self._closed_name = f"this {type(self).__name__.lower()} object"
        self._data = None

    def _write_json(self, err):  # pragma: no cover - defined by each result
        raise NotImplementedError

    def _json(self):
        if self._data is None:
            err = _capi.pf_error()
            text = _check(self._write_json(err), err)
            self._data = Record(json.loads(text.decode("utf-8")))
        return self._data

    def to_json(self):
        """The result as the JSON text the C library writes (docs/json.md)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    def to_dict(self):
        """The whole result as plain dicts, lists, strings and numbers."""
        return self._json().to_dict()

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return getattr(self._json(), name)
        except AttributeError:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}") from None


def _svg(result, err):
    return _check(result, err).decode("utf-8")


def _chart_args(lang, width):
    """The checked lang and width of a chart (the C library refuses a width above its limit)."""
    return _args.text(lang, "lang"), _args.integer(width, "width", 0, _args.UINT_MAX)


class Scores(Result):
    """Scores of every assessment of a document, with statistics overall and per role.

    Attributes (as in ``portfolio score --format json``): ``options``, ``assessments`` (one
    record per respondent: ``respondent``, ``role``, ``completeness``, ``orientation`` with
    ``raw``, ``pct``, ``pct_pet``, ``pct_normalised`` per facet, ``strong``, ``tendency``;
    ``capability`` with ``score``, ``level`` and ``dimensions``), ``overall`` (``n``,
    ``tendency``, ``capability_level``, ``metrics``), ``roles`` and ``flags``.
    ``len(scores)`` is the number of assessments; iterating gives them; ``scores['r-001']``
    finds one by respondent.
    """

    _free = staticmethod(_capi.pf_scores_free)

    def _write_json(self, err):
        return _capi.pf_scores_write_json(self._ptr(), False, err)

    def __len__(self):
        return len(self._json().assessments)

    def __iter__(self):
        return iter(self._json().assessments)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._json().assessments[key]
        for a in self._json().assessments:
            if a.get("respondent") == key:
                return a
        raise NotFoundError(f"no assessment of respondent {key!r}", _capi.PF_ENOTFOUND)

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
        return f"<portfolio.Scores of {len(self)} assessments>" if not self.closed else "<portfolio.Scores closed>"


class Map(Result):
    """The project map and portfolio metrics.

    Attributes (as in ``portfolio map --format json``): ``weighting``, ``projects`` (one
    placement per project: ``id``, ``zone``, ``from``, ``share``, ``x``, ``y``, ``weight``)
    and ``metrics`` (``share``, ``hhi``, ``effective_facets``, ``dominant``, ``zone_count``,
    ``gap``, ``balance_distance``...). ``len(map)``, iteration and ``map['flood-ml']`` reach
    the placements.
    """

    _free = staticmethod(_capi.pf_map_free)

    def __init__(self, handle, doc=None):
        super().__init__(handle)
        self._doc = doc  # for titles on the chart; the map itself does not need it

    def _write_json(self, err):
        return _capi.pf_map_write_json(self._ptr(), err)

    def __len__(self):
        return len(self._json().projects)

    def __iter__(self):
        return iter(self._json().projects)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._json().projects[key]
        for p in self._json().projects:
            if p.get("id") == key:
                return p
        raise NotFoundError(f"no project {key!r}", _capi.PF_ENOTFOUND)

    def to_json(self):
        """The map as JSON, exactly as ``portfolio map --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_map_write_json(self._ptr(), err), err).decode("utf-8")

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
        return f"<portfolio.Map of {len(self)} projects>" if not self.closed else "<portfolio.Map closed>"


class Comparison(Result):
    """The changes between two documents: ``metrics`` (``name``, ``old``, ``new``, ``delta``)
    and ``projects`` (``id``, ``change``, ``old_zone``, ``new_zone``). ``cmp['portfolio.hhi']``
    finds a metric's change by name."""

    _free = staticmethod(_capi.pf_comparison_free)

    def _write_json(self, err):
        return _capi.pf_comparison_write_json(self._ptr(), err)

    def __getitem__(self, name):
        for m in self._json().metrics:
            if m.get("name") == name:
                return m
        raise NotFoundError(f"no metric {name!r}", _capi.PF_ENOTFOUND)

    def to_json(self):
        """The comparison as JSON, exactly as ``portfolio compare --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_comparison_write_json(self._ptr(), err), err).decode("utf-8")

    def to_svg(self, lang="en", width=0):
        """The change chart as an SVG document."""
        lang, width = _chart_args(lang, width)
        err = _capi.pf_error()
        return _svg(_capi.pf_swig_chart_compare(self._ptr(), lang, width, err), err)


class Relations(Result):
    """Synergies, tensions, possible duplicates and handovers between projects.

    A list of records (``kind``, ``a``, ``b``, ``similarity``, ``tag_jaccard``,
    ``partner_jaccard``, ``explicit``, ``link_kind``, ``shared_tags``, ``shared_partners``),
    plus ``counts``, ``options`` and ``pairs_examined``; :meth:`of_kind` filters by kind.
    """

    _free = staticmethod(_capi.pf_relations_free)

    def _write_json(self, err):
        return _capi.pf_relations_write_json(self._ptr(), err)

    def __len__(self):
        return len(self._json().relations)

    def __iter__(self):
        return iter(self._json().relations)

    def __getitem__(self, index):
        return self._json().relations[index]

    def of_kind(self, kind):
        """The relations of one kind ('synergy', 'tension', 'duplicate', 'handover')."""
        from ._enums import RelationKind
        kind = list(RelationKind)[_to_c(RelationKind, kind, "kind")]
        return [r for r in self if r.kind == kind.value]

    def to_json(self):
        """The relations as JSON, exactly as ``portfolio relations --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_relations_write_json(self._ptr(), err), err).decode("utf-8")


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
        return f"<Recommendation {self.rule} {self.kind.value}: {self.message[:60]!r}>"

    def __str__(self):
        return self.message


class Advice(Result):
    """The recommendations for a portfolio: a sequence of :class:`Recommendation`, strengths
    first, then by priority. Read straight from the C structures."""

    _free = staticmethod(_capi.pf_advice_free)

    def __init__(self, handle):
        super().__init__(handle)
        adv = self._ptr()
        self._items = [Recommendation(_capi.pf_advice_at(adv, i)) for i in range(_capi.pf_advice_count(adv))]

    def _write_json(self, err):
        return _capi.pf_advice_write_json(self._ptr(), err)

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __getitem__(self, index):
        return self._items[index]

    def to_dict(self):
        return {"recommendations": [r.to_dict() for r in self._items]}

    def to_json(self):
        """The recommendations as JSON, exactly as ``portfolio recommend --format json``."""
        err = _capi.pf_error()
        return _check(_capi.pf_advice_write_json(self._ptr(), err), err).decode("utf-8")


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

    def close(self):
        self._finalizer()

    def to_dict(self):
        return {"rules": self.ids}
