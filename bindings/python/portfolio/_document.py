"""Portfolio documents: reading, writing, building and querying them."""

import datetime
import json
import warnings
from collections.abc import Iterable, Mapping

from . import _args, _capi
from ._enums import (Choice, Facet, GovLevel, LinkKind, Priority, Purpose, ReportFormat, Role, ScoreMode, Sector,
                     Stage, Weighting, _from_c, _to_c)
from ._errors import ArgumentError, ArgumentTypeError, ClosedError, NotFoundError, _check, _raise
from ._instrument import Instrument, _given
from ._owned import _Owned, _lent
from ._results import Advice, Comparison, Map, Relations, Rules, Scores

__all__ = ["Document", "Project", "Assessment", "Organisation", "load", "loads"]

_AGREEMENT_WORDS = {"strongly-disagree": 0, "disagree": 1, "neutral": 2, "agree": 3, "strongly-agree": 4}
_FACETS = [f.value for f in Facet]


#: What ``files=`` of load() and loads() accepts: the files a document may name (its instrument file).
_REFERENCED_FILES = {
    "any": _capi.PF_REFERENCED_FILES_ANY,
    "folder": _capi.PF_REFERENCED_FILES_DOCUMENT_FOLDER,
    "none": _capi.PF_REFERENCED_FILES_NONE,
}


def _read_options(limits, files="any", instrument=None):
    """pf_read_options from reading limits, ``files`` ('any', 'folder' or 'none') and an Instrument
    documents may name by its id (or None); None for the defaults."""
    if not isinstance(files, str):
        raise _args.wrong_type("files", "'any', 'folder' or 'none'", files)
    if files not in _REFERENCED_FILES:
        raise _args.refuse("files", "must be 'any', 'folder' or 'none'", files)
    if not limits and files == "any" and instrument is None:
        return None
    opts = _capi.pf_read_options()
    opts.version = _capi.PF_READ_OPTIONS_VERSION
    if instrument is not None:
        opts.instrument = instrument._ptr()  # borrowed for the call; documents read take their own hold
    for key, value in (limits or {}).items():
        if key not in ("max_bytes", "max_depth", "max_string", "max_items", "max_diagnostics"):
            raise ArgumentTypeError(f"unknown reading limit {key!r}", _capi.PF_EARG)
        setattr(opts, key, _args.integer(value, key, 0, _args.SIZE_MAX))
    opts.referenced_files = _REFERENCED_FILES[files]
    return opts


def _with_diagnostics(call):
    """Runs call(diags, err) with a fresh diagnostics list; returns the handle or raises."""
    err = _capi.pf_error()
    diags = _check(_capi.pf_diagnostics_new(None), err)
    try:
        result = call(diags, err)
        if result[0] != _capi.PF_OK:
            _raise(result[0], err, diags, file_call=True)
        return result[1]
    finally:
        _capi.pf_diagnostics_free(diags)


def _read(reader, path, limits=None, files="any", instrument=None):
    opts = _read_options(limits, files, instrument)
    return _with_diagnostics(lambda diags, err: reader(path, opts, diags, err))


def _read_buffer(reader, text, source, limits=None, files="any", instrument=None):
    data = _args.data(text, "text")
    source = _args.text(source, "source")
    opts = _read_options(limits, files, instrument)
    return _with_diagnostics(lambda diags, err: reader(data, source, opts, diags, err))


def load(path, instrument=None, *, files="any", **limits):
    """Reads a portfolio document (YAML or JSON) from a file.

    Raises :class:`FileError` when the file cannot be read, :class:`ParseError` for a syntax
    error, :class:`ValidationError` (with every problem in ``.problems``) for an invalid
    document and :class:`LimitError` beyond a limit. ``limits`` are the reading limits
    ``max_bytes``, ``max_depth``, ``max_string``, ``max_items``, ``max_diagnostics``.
    ``instrument`` (an :class:`Instrument` or an instrument file) is one the document may name
    by its id, as an answers file to a custom instrument does (docs/format.md, "Instruments
    supplied by the reader"); the document keeps its own hold on it.

    ``files`` is what the document may name as its instrument file: ``"any"`` file (the
    default), only files in its own ``"folder"``, or ``"none"``.
    """
    path = _args.path(path)
    with _given(instrument, default=False) as inst:
        return Document._own(_read(_capi.pf_doc_read_file, path, limits, files, inst))


def loads(text, source="<string>", instrument=None, *, files=None, folder=None, **limits):
    """Reads a portfolio document from a string or bytes; ``source`` names it in errors;
    ``instrument`` and ``limits`` as for :func:`load`.

    Text may come from anyone, so by default the document names no file: an ``instrument:``
    path is refused (``files="none"``). With ``folder``, the folder the document is taken to
    be in, it may name files inside that folder (``files="folder"``, the default then);
    ``files="any"`` reads any file, relative to ``folder`` or to the folder part of ``source``.
    """
    if folder is not None:
        folder = _args.path(folder, "folder", "a folder name (str or os.PathLike)")
    if files is None:
        files = "none" if folder is None else "folder"

    def reader(data, name, opts, diags, err):
        return _capi.pf_swig_doc_read_buffer(data, name, opts, folder, diags, err)

    with _given(instrument, default=False) as inst:
        return Document._own(_read_buffer(reader, text, source, limits, files, inst))


def _date_to_c(value, what):
    d = _capi.pf_date()
    if value is None:
        return d
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            raise _args.refuse(what, "not a date (YYYY-MM-DD)", value) from None
    if not isinstance(value, datetime.date):
        raise _args.wrong_type(what, "a datetime.date or 'YYYY-MM-DD'", value)
    d.year, d.month, d.day = value.year, value.month, value.day
    return d


def _date_from_c(d):
    if not d.year:
        return None
    return datetime.date(d.year, d.month, d.day)


def _facet_values(value, what):
    """Four numbers in facet order from a dict {facet: value} (missing facets 0) or a sequence."""
    if isinstance(value, Mapping):
        values = [0.0] * len(_FACETS)
        for key, v in value.items():
            values[_to_c(Facet, key, what)] = _args.number(v, f"{what}.{key}")
        return values
    if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, Iterable):
        raise _args.wrong_type(what, "a dict {facet: number} or 4 numbers in facet order", value)
    values = list(value)
    if len(values) != len(_FACETS):
        raise _args.refuse(what, "expected 4 numbers in facet order", value)
    return [_args.number(v, f"{what}[{i}]") for i, v in enumerate(values)]


def _facet_dict(values):
    return {f: v for f, v in zip(_FACETS, values)}


class Document(_Owned):
    """A portfolio document: an organisation, its intended facet mix, its projects and the
    assessments its people filled in.

    Create an empty one with ``Document()``, or read one with :func:`load` / :func:`loads`.
    The C document is freed by :meth:`close`, at the end of a ``with`` block, or when the
    object is garbage-collected; results already computed stay valid. Projects and assessments
    reached through it keep it alive. A document is used by one thread at a time.
    """

    def __init__(self, instrument=None):
        if isinstance(instrument, Instrument):
            # No setter takes an instrument object: an empty document naming it by id, read
            # with it supplied, uses it (docs/format.md, "Instruments supplied by the reader").
            text = json.dumps({"portfolio": 1, "instrument": instrument.id})
            self._init(_read_buffer(_capi.pf_doc_read_buffer, text, "<new document>", None, instrument=instrument))
            return
        err = _capi.pf_error()
        self._init(_check(_capi.pf_doc_new(None, err), err))
        if instrument is not None:
            self.instrument = instrument

    _closed_name = "the document"

    def _init(self, handle):
        self._adopt(handle, _capi.pf_doc_free)
        self._instrument_generation = 0  # changes with the instrument: borrowed Instruments check it

    @classmethod
    def _own(cls, handle):
        doc = cls.__new__(cls)
        doc._init(handle)
        return doc

    # ---- life: closed, close(), with, _ptr() come from _Owned ----

    def __repr__(self):
        if self.closed:
            return "<portfolio.Document closed>"
        from ._results import _n
        return (f"<portfolio.Document {self.organisation.name!r}: {_n(len(self.projects), 'project')}, "
                f"{_n(len(self.assessments), 'assessment')}>")

    def _repr_html_(self):
        """Notebooks: a compact summary with the facet diamond and the project map."""
        from ._results import _html_block
        if self.closed:
            return _html_block("portfolio.Document (closed)", [])
        rows = [("projects", len(self.projects)), ("assessments", len(self.assessments)),
                ("instrument", self.instrument.id)]
        charts = []
        with self.score() as scores, self.map(scores=scores) as m:
            if len(scores):
                rows.append(("tendency", scores.overall.tendency))
                rows.append(("capability level", scores.overall.capability_level))
                charts.append(scores.diamond_svg())
            if len(m):
                rows.append(("dominant facet", m.metrics.get("dominant")))
                charts.append(m.to_svg())
        return _html_block(self.organisation.name or "Portfolio", rows, charts)

    # ---- writing ----
    def dump(self):
        """The document as YAML text in the canonical layout (reading it gives an equal document)."""
        err = _capi.pf_error()
        return _check(_capi.pf_doc_write_buf(self._ptr(), err), err).decode("utf-8")

    def save(self, path):
        """Writes the document as YAML to a file, atomically. Raises FileError."""
        err = _capi.pf_error()
        _check(_capi.pf_doc_write_file(self._ptr(), _args.path(path), err), err, file_call=True)

    def validate(self):
        """Checks the rules relating several values (links to missing projects, an end before the
        start...). Raises ValidationError with every problem; returns None when valid."""
        err = _capi.pf_error()
        diags = _check(_capi.pf_diagnostics_new(None), err)
        try:
            status = _capi.pf_doc_validate(self._ptr(), diags, err)
            if status != _capi.PF_OK:
                _raise(status, err, diags)
        finally:
            _capi.pf_diagnostics_free(diags)

    @property
    def problems(self):
        """Every problem :meth:`validate` would report, as a list (empty when valid)."""
        from ._errors import ValidationError
        try:
            self.validate()
        except ValidationError as e:
            return e.problems
        return []

    # ---- contents ----
    @property
    def instrument(self):
        """The :class:`Instrument` the answers refer to (borrowed: valid while the document keeps
        it; ``.id`` its id, ``.path`` the file the document names, or None). Settable, while
        there are no assessments, to a built-in instrument's id or an instrument file."""
        return Instrument._of(self)

    @instrument.setter
    def instrument(self, value):
        err = _capi.pf_error()
        if isinstance(value, Instrument):
            raise ArgumentTypeError("instrument: assign an instrument id or file name; a document uses an "
                                    "Instrument object when made with Document(instrument=...) or read with "
                                    "load(..., instrument=...)", _capi.PF_EARG)
        value = _args.path(value, "instrument", "an instrument id or file name")
        _check(_capi.pf_doc_set_instrument(self._ptr(), value, err), err)
        self._instrument_generation += 1

    @property
    def organisation(self):
        """The organisation (always present)."""
        return Organisation(self)

    @property
    def targets(self):
        """The intended facet mix as {facet: value} (as given, not normalised), or None. Settable
        from a dict (missing facets 0) or four numbers; None removes it."""
        found, values = _capi.pf_doc_targets(self._ptr())
        return _facet_dict(values) if found else None

    @targets.setter
    def targets(self, value):
        if value is None:
            _capi.pf_doc_clear_targets(self._ptr())
            return
        err = _capi.pf_error()
        _check(_capi.pf_doc_set_targets(self._ptr(), _facet_values(value, "targets"), err), err)

    @property
    def projects(self):
        """The projects: iterable, ``len()``, ``doc.projects['id']``, ``doc.projects[0]``, ``in``, ``del``."""
        return ProjectList(self)

    @property
    def assessments(self):
        """The assessments: iterable, ``len()``, lookup by respondent or index, ``in``, ``del``."""
        return AssessmentList(self)

    def add_project(self, id, **fields):
        """Appends a project and sets its fields: ``title``, ``unit``, ``purpose``, ``driver``,
        ``priority``, ``stage``, ``budget``, ``fte``, ``start``, ``end`` (dates or 'YYYY-MM-DD'),
        ``tags``, ``partners``, ``facets`` ({facet: weight}) and ``links`` ({project id: kind}).
        If a field is refused, the project is not added and the error is raised.
        Returns the :class:`Project`."""
        id = _args.text(id, "id")
        for key in fields:
            if key not in Project._FIELDS:
                raise ArgumentTypeError(f"add_project() got an unexpected keyword argument {key!r}", _capi.PF_EARG)
        err = _capi.pf_error()
        _check(_capi.pf_doc_add_project(self._ptr(), id, err), err)
        project = Project(self, id)
        try:
            for key, value in fields.items():
                setattr(project, key, value)
        except BaseException:
            _capi.pf_doc_remove_project(self._ptr(), id, _capi.pf_error())
            raise
        return project

    def add_assessment(self, respondent, role=None, unit=None, date=None, answers=None):
        """Appends an assessment: ``role``, ``unit``, ``date`` and ``answers`` ({item or question
        id: answer}: 0..4 or an agreement word for agree items, 'yes'/'no'/'unsure', a list of
        option ids for rank and multi questions). If anything is refused, nothing is added.
        Returns the :class:`Assessment`."""
        respondent = _args.text(respondent, "respondent")
        answers = _args.mapping(answers, "answers")
        err = _capi.pf_error()
        _check(_capi.pf_doc_add_assessment(self._ptr(), respondent, err), err)
        assessment = Assessment(self, respondent)
        try:
            if role is not None:
                assessment.role = role
            if unit is not None:
                assessment.unit = unit
            if date is not None:
                assessment.date = date
            for item, answer in answers.items():
                assessment.answer(item, answer)
        except BaseException:
            _capi.pf_doc_remove_assessment(self._ptr(), respondent, _capi.pf_error())
            raise
        return assessment

    # ---- answers in ----
    def collect(self, paths, replace=False, **limits):
        """Adds the assessments of answers files (YAML or JSON, as :func:`template` and the form
        save them) to the document, in the order of the files, as ``portfolio collect`` does
        (docs/format.md, "Collecting answers files"). All or nothing: when any file is refused
        (unreadable, invalid, another instrument, a respondent the document already has unless
        ``replace``, or one another file holds too), :class:`ValidationError` is raised with
        every problem of every file in ``.problems`` and the counts in ``.summary``, and the
        document is left exactly as it was. ``limits`` are reading limits for the files.
        Returns a :class:`Summary`."""
        from ._answers import collect_files
        return collect_files(self, paths, replace, limits)

    def collect_text(self, text, source="<string>", replace=False, **limits):
        """As :meth:`collect` for one answers file held in a string or bytes; ``source`` names it
        in problems."""
        from ._answers import collect_buffer
        return collect_buffer(self, text, source, replace, limits)

    # ---- analyses ----
    @staticmethod
    def _score_options(mode, strict, strong_threshold=None, completeness_floor=None, include_incomplete=False):
        o = _capi.pf_score_options()
        o.version = _capi.PF_SCORE_OPTIONS_VERSION
        o.mode = _to_c(ScoreMode, mode, "mode")
        o.strict = _args.flag(strict, "strict")
        if strong_threshold is not None:
            # A percentage; 0 would silently mean the default (50).
            o.strong_threshold = _args.finite(strong_threshold, "strong_threshold", 0, 100)
        o.completeness_floor, o.include_incomplete = _completeness(completeness_floor, include_incomplete)
        return o

    @staticmethod
    def _map_options(weight):
        o = _capi.pf_map_options()
        o.version = _capi.PF_MAP_OPTIONS_VERSION
        o.weighting = _to_c(Weighting, weight, "weight")
        return o

    def score(self, mode="pet", strict=False, strong_threshold=None, *, completeness_floor=None,
              include_incomplete=False):
        """Scores every assessment: :class:`Scores`. ``mode`` is 'pet' (as the OPSI tool),
        'normalised' or 'pet-published'; with ``strict`` a missing answer raises ValidationError
        listing them all. Respondents who answered less than ``completeness_floor`` (0 to 1, default
        0.5) of the questions are left out of the statistics, unless ``include_incomplete``."""
        opts = self._score_options(mode, strict, strong_threshold, completeness_floor, include_incomplete)
        return Scores(_with_diagnostics(lambda diags, err: _capi.pf_doc_score(self._ptr(), opts, diags, err)))

    def map(self, weight="count", scores=None, mode="pet", *, completeness_floor=None, include_incomplete=False):
        """Places every project and computes the portfolio metrics: :class:`Map`. ``weight`` is
        'count', 'priority', 'budget' or 'fte'. Orientation-versus-projects metrics use
        ``scores`` (computed here in ``mode``, ``completeness_floor`` and ``include_incomplete``
        as :meth:`score` takes them, when not given), as ``portfolio map`` does."""
        opts = self._map_options(weight)
        _args.instance(scores, Scores, "scores", none=True)
        score_opts = self._score_options(mode, False, None, completeness_floor, include_incomplete)
        err = _capi.pf_error()
        own = scores is None
        if own:
            scores = Scores(_with_diagnostics(lambda diags, e: _capi.pf_doc_score(self._ptr(), score_opts, diags, e)))
        try:
            return Map(_check(_capi.pf_doc_map(self._ptr(), scores._ptr(), opts, err), err), self)
        finally:
            if own:
                scores.close()

    def compare(self, other, mode="pet", weight="count", allow_different_instruments=False, *,
                completeness_floor=None, include_incomplete=False):
        """Compares this (older) document with ``other`` (newer): :class:`Comparison`. Documents whose
        assessments answer different instruments raise ValidationError, unless
        ``allow_different_instruments`` (then the comparison's JSON says ``"differ": true``). Both are
        scored with ``completeness_floor`` and ``include_incomplete`` as :meth:`score` takes them."""
        _args.instance(other, Document, "other")
        score_opts = self._score_options(mode, False, None, completeness_floor, include_incomplete)
        o = _capi.pf_compare_options()
        o.version = _capi.PF_COMPARE_OPTIONS_VERSION
        o.allow_different_instruments = _args.flag(allow_different_instruments, "allow_different_instruments")
        err = _capi.pf_error()
        return Comparison(_check(_capi.pf_doc_compare_with(self._ptr(), other._ptr(), score_opts,
                                                           self._map_options(weight), o, err), err))

    def relations(self, **options):
        """Synergies, tensions, possible duplicates and handovers between projects: :class:`Relations`.
        Options: ``tag_weight``, ``partner_weight``, ``threshold``, ``duplicate_threshold``,
        ``top_k``, ``common_share``, ``common_min``, ``work_limit`` (docs/relations.md; a document whose
        relations would take more than ``work_limit`` steps raises LimitError)."""
        o = _capi.pf_relation_options()
        o.version = _capi.PF_RELATION_OPTIONS_VERSION
        defaults = {"tag_weight": _capi.PF_RELATION_DEFAULT_TAG_WEIGHT,
                    "partner_weight": _capi.PF_RELATION_DEFAULT_PARTNER_WEIGHT,
                    "threshold": _capi.PF_RELATION_DEFAULT_THRESHOLD,
                    "duplicate_threshold": _capi.PF_RELATION_DEFAULT_DUPLICATE_THRESHOLD,
                    "top_k": _capi.PF_RELATION_DEFAULT_TOP_K,
                    "common_share": _capi.PF_RELATION_DEFAULT_COMMON_SHARE,
                    "common_min": _capi.PF_RELATION_DEFAULT_COMMON_MIN,
                    "work_limit": 0}  # 0: the default, which grows with the document
        for key in options:
            if key not in defaults:
                raise ArgumentTypeError(f"relations() got an unexpected keyword argument {key!r}", _capi.PF_EARG)
        for key, default in defaults.items():
            value = options.get(key, default)
            if key in ("top_k", "common_min", "work_limit"):
                value = _args.integer(value, key, 0, _args.SIZE_MAX)
            else:
                value = _args.number(value, key)  # the C library checks the range
            setattr(o, key, value)
        err = _capi.pf_error()
        with self.map() as m:
            try:
                return Relations(_check(_capi.pf_doc_relations(self._ptr(), m._ptr(), o, err), err))
            except ArgumentError as e:
                # The library names the C struct ("pf_relation_options.threshold: ..."): name the argument.
                raise ArgumentError(e.message.replace("pf_relation_options.", "", 1), e.code) from None

    def synergies(self, **options):
        """Deprecated name of :meth:`relations` (libportfolio 0.x), kept so existing code goes on working."""
        warnings.warn("Document.synergies() is deprecated; use Document.relations()",  # migrate_api_1: keep
                      DeprecationWarning, stacklevel=2)
        return self.relations(**options)

    def recommend(self, lang="en", rules=None, mode="pet", weight="count", *, completeness_floor=None,
                  include_incomplete=False):
        """Evaluates the recommendation rules over the scores, map and relations: :class:`Advice`,
        as ``portfolio recommend``. ``rules`` is None (the default catalogue), a :class:`Rules`
        or a path to a catalogue file; ``completeness_floor`` and ``include_incomplete`` as
        :meth:`score` takes them."""
        lang = _args.text(lang, "lang")
        _completeness(completeness_floor, include_incomplete)
        own_rules = None
        if rules is not None and not isinstance(rules, Rules):
            rules = own_rules = Rules.load(_args.path(rules, "rules"))
        err = _capi.pf_error()
        scores = self.score(mode=mode, completeness_floor=completeness_floor, include_incomplete=include_incomplete)
        try:
            m = self.map(weight=weight, scores=scores)
            try:
                rel = self.relations()
                try:
                    return Advice(_check(_capi.pf_swig_recommend(rules._ptr() if rules is not None else None,
                                                                  scores._ptr(), m._ptr(), rel._ptr(), lang,
                                                                  err), err))
                finally:
                    rel.close()
            finally:
                m.close()
        finally:
            scores.close()
            if own_rules is not None:
                own_rules.close()

    def analyse(self, lang="en", rules=None, mode="pet", weight="count", *, completeness_floor=None,
                include_incomplete=False):
        """The whole analysis at once, as pf_doc_analyse() in C: an :class:`Analysis` holding the
        scores (in ``mode``, with ``completeness_floor`` and ``include_incomplete``), the map
        (weighted by ``weight``), the relations and the advice (in ``lang``, from ``rules`` as
        :meth:`recommend` takes them), each exactly what :meth:`score`, :meth:`map`,
        :meth:`relations` and :meth:`recommend` give."""
        from ._analysis import Analysis
        lang = _args.text(lang, "lang")
        _completeness(completeness_floor, include_incomplete)
        own_rules = None
        if rules is not None and not isinstance(rules, Rules):
            rules = own_rules = Rules.load(_args.path(rules, "rules"))
        done = []
        try:
            done.append(self.score(mode=mode, completeness_floor=completeness_floor,
                                   include_incomplete=include_incomplete))
            done.append(self.map(weight=weight, scores=done[0]))
            done.append(self.relations())
            err = _capi.pf_error()
            done.append(Advice(_check(_capi.pf_swig_recommend(rules._ptr() if rules is not None else None,
                                                               done[0]._ptr(), done[1]._ptr(), done[2]._ptr(),
                                                               lang, err), err)))
            return Analysis(*done)
        except BaseException:
            for result in done:
                result.close()
            raise
        finally:
            if own_rules is not None:
                own_rules.close()

    def report(self, format="text", lang="en", mode="pet", weight="count", anonymous=False, color=False,
               rules=None, path=None, *, file=None, completeness_floor=None, include_incomplete=False,
               respondents=False, min_group=None, since=None):
        """The whole analysis as a report: 'text', 'md', 'html', 'json', 'csv' or 'csv-assessments'.
        Returns the text; or, returning None, writes it to ``path`` atomically (streamed into a
        temporary file beside it, renamed over it at the end: a failure leaves no file and keeps
        any previous one; FileError when it cannot be written), or streams it as UTF-8 bytes,
        about 64 KiB at a time, into ``file``, a binary file object (``open(p, "wb")``,
        ``sys.stdout.buffer``, ``io.BytesIO()``, ``gzip.open(p, "wb")``; a text file raises
        ArgumentTypeError before anything is written). A report refused for its input writes
        nothing; an exception raised by ``file.write`` ends the report and propagates as it is,
        the file then holding part of it. As ``portfolio report``: ``completeness_floor`` and
        ``include_incomplete`` as :meth:`score` takes them; ``respondents`` adds each
        respondent's row (--respondents); ``min_group`` (default 3) is the fewest respondents a
        role's means are shown for (--min-group); ``since``, an earlier :class:`Document`, adds
        the change since it (--since)."""
        fmt = _to_c(ReportFormat, format, "format")
        floor, include = _completeness(completeness_floor, include_incomplete)
        respondents = _args.flag(respondents, "respondents")
        min_group = 0 if min_group is None else _args.integer(min_group, "min_group", 1, 1000000)
        _args.instance(since, Document, "since", none=True)
        lang = _args.text(lang, "lang")
        mode = _to_c(ScoreMode, mode, "mode")
        weight = _to_c(Weighting, weight, "weight")
        anonymous = _args.flag(anonymous, "anonymous")
        color = _args.flag(color, "color")
        if path is not None and file is not None:
            raise _args.refuse("file", "give path or file, not both", file)
        if path is not None:
            path = _args.path(path)
        if file is not None:
            _args.binary_file(file)
        own_rules = None
        if rules is not None and not isinstance(rules, Rules):
            rules = own_rules = Rules.load(_args.path(rules, "rules"))
        try:
            err = _capi.pf_error()
            args = (self._ptr(), fmt, lang, mode, weight, color, anonymous, rules._ptr() if rules is not None else None,
                    floor, include, since._ptr() if since is not None else None, respondents, min_group)
            if path is not None:
                _check(_capi.pf_swig_doc_report_file(*args, path, err), err, file_call=True)
                return None
            if file is not None:
                # file.write() runs while C reads these: it may not change or close them.
                with _lent(self, since, rules):
                    _check(_capi.pf_swig_doc_report_to(*args, file, err), err)
                return None
            return _check(_capi.pf_swig_doc_report(*args, err), err).decode("utf-8")
        finally:
            if own_rules is not None:
                own_rules.close()


def _completeness(floor, include):
    """pf_score_options::completeness_floor and include_incomplete from the arguments, checked: a floor
    of 0, which C reads as the default, leaves no one out (as --completeness-floor 0 does)."""
    include = _args.flag(include, "include_incomplete")
    if floor is None:
        return 0.0, include
    value = _args.number(floor, "completeness_floor")
    if not 0 <= value <= 1:  # NaN too
        raise _args.refuse("completeness_floor", "must be from 0 to 1", floor)
    return value, include or value == 0


class _Child:
    """Something borrowed from a document, found again by its id on every access, so a removed
    project or assessment raises instead of reading freed memory."""

    __slots__ = ("_doc", "_id")

    def __init__(self, doc, ident):
        self._doc = doc
        self._id = ident

    def __eq__(self, other):
        return type(other) is type(self) and other._doc is self._doc and other._id == self._id

    def __hash__(self):
        return hash((id(self._doc), self._id))


def _check_named(status, err, what):
    """_check() for a setter, naming the field as ``what`` does: the C library says "country: ...",
    the package "organisation.country: ...", as a document's key path."""
    try:
        _check(status, err)
    except ArgumentError as e:
        field = what.rsplit(".", 1)[-1]
        if field == what or not e.message.startswith(field + ":"):
            raise
        raise type(e)(what + e.message[len(field):], e.code) from None


def _text_property(getter, setter, what, doc):
    def get(self):
        return getter(self._ptr())

    def set(self, value):
        value = _args.text(value, what, none=True)
        err = _capi.pf_error()
        _check_named(setter(self._ptr(), value, err), err, what)
    return property(get, set, doc=doc)


def _enum_property(cls, getter, setter, what, doc):
    def get(self):
        return _from_c(cls, getter(self._ptr()))

    def set(self, value):
        err = _capi.pf_error()
        _check_named(setter(self._ptr(), _to_c(cls, value, what, allow_none=True), err), err, what)
    return property(get, set, doc=doc)


def _number_property(getter, setter, clearer, what, doc):
    def get(self):
        found, value = getter(self._ptr())
        return value if found else None

    def set(self, value):
        if value is None:
            clearer(self._ptr())
            return
        value = _args.number(value, what)
        err = _capi.pf_error()
        _check(setter(self._ptr(), value, err), err)
    return property(get, set, doc=doc)


def _date_property(getter, setter, what, doc):
    def get(self):
        return _date_from_c(getter(self._ptr()))

    def set(self, value):
        err = _capi.pf_error()
        _check(setter(self._ptr(), _date_to_c(value, what), err), err)
    return property(get, set, doc=doc)


def _list_property(count, at, add, remove, what, doc):
    def get(self):
        p = self._ptr()
        return tuple(at(p, i) for i in range(count(p)))

    def set(self, values):
        values = _args.texts(values, what, none=True)
        old = get(self)
        err = _capi.pf_error()
        p = self._ptr()
        for v in old:
            _check(remove(p, v, err), err)
        try:
            for v in values:
                _check(add(p, v, err), err)
        except BaseException:
            for v in get(self):
                remove(p, v, _capi.pf_error())
            for v in old:
                add(p, v, _capi.pf_error())
            raise
    return property(get, set, doc=doc)


class Organisation:
    """The organisation a document describes: ``name``, ``country`` (ISO 3166-1 alpha-2),
    ``level`` (a :class:`GovLevel`), ``people`` and ``sectors`` (a set of :class:`Sector`).
    Every attribute is settable; None clears it."""

    __slots__ = ("_doc",)

    def __init__(self, doc):
        self._doc = doc

    def _ptr(self):
        return _capi.pf_doc_org(self._doc._ptr())

    name = _text_property(_capi.pf_org_name, _capi.pf_org_set_name, "organisation.name", "Name, or None.")
    country = _text_property(_capi.pf_org_country, _capi.pf_org_set_country, "organisation.country",
                             "ISO 3166-1 alpha-2 code, or None.")
    level = _enum_property(GovLevel, _capi.pf_org_level, _capi.pf_org_set_level, "organisation.level",
                           "Level of government, or None.")

    @property
    def people(self):
        """Number of people (a whole number, at least 1), or None."""
        return _capi.pf_org_people(self._ptr()) or None

    @people.setter
    def people(self, value):
        # The C library's 0 means "unset": here only None clears, and 0 is refused as the format does.
        value = 0 if value is None else _args.integer(value, "organisation.people", 1, _args.INT64_MAX)
        err = _capi.pf_error()
        _check_named(_capi.pf_org_set_people(self._ptr(), value, err), err, "organisation.people")

    @property
    def sectors(self):
        """The sectors as a frozenset of :class:`Sector`."""
        bits = _capi.pf_org_sectors(self._ptr())
        return frozenset(s for i, s in enumerate(Sector) if bits & (1 << i))

    @sectors.setter
    def sectors(self, values):
        if isinstance(values, str):
            values = [values]
        elif values is None:
            values = ()
        elif isinstance(values, (bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
            raise _args.wrong_type("organisation.sectors", "a list of sectors", values)
        bits = 0
        for v in values:
            bits |= 1 << _to_c(Sector, v, "organisation.sectors")
        err = _capi.pf_error()
        _check_named(_capi.pf_org_set_sectors(self._ptr(), bits, err), err, "organisation.sectors")

    def to_dict(self):
        return {"name": self.name, "country": self.country, "level": self.level and self.level.value,
                "people": self.people, "sectors": sorted(s.value for s in self.sectors)}

    def __repr__(self):
        return f"<portfolio.Organisation {self.name!r}>"


class Project(_Child):
    """One project of a document. ``id`` is fixed; every other attribute is readable and settable
    (None clears it): ``title``, ``unit``, ``purpose`` (:class:`Purpose`), ``driver``
    (:class:`Facet`), ``priority``, ``stage``, ``budget``, ``fte``, ``start``, ``end``
    (``datetime.date``), ``tags``, ``partners`` (tuples; assign a list), ``facets``
    ({facet: weight} or None) and ``links`` ({project id: :class:`LinkKind`})."""

    __slots__ = ()
    _FIELDS = ("title", "unit", "purpose", "driver", "priority", "stage", "budget", "fte", "start", "end", "tags",
               "partners", "facets", "links")

    def _ptr(self):
        p = _capi.pf_doc_find_project(self._doc._ptr(), self._id)
        if p is None:
            raise ClosedError(f"project {self._id!r} was removed from its document", _capi.PF_ENOTFOUND)
        return p

    @property
    def id(self):
        """The project's id (fixed)."""
        return self._id

    title = _text_property(_capi.pf_project_title, _capi.pf_project_set_title, "title", "Title, or None.")
    unit = _text_property(_capi.pf_project_unit, _capi.pf_project_set_unit, "unit", "Organisational unit, or None.")
    purpose = _enum_property(Purpose, _capi.pf_project_purpose, _capi.pf_project_set_purpose, "purpose",
                             "What the project was created to do, or None.")
    driver = _enum_property(Facet, _capi.pf_project_driver, _capi.pf_project_set_driver, "driver",
                            "What mainly pushes it forward, or None.")
    priority = _enum_property(Priority, _capi.pf_project_priority, _capi.pf_project_set_priority, "priority",
                              "Priority, or None.")
    stage = _enum_property(Stage, _capi.pf_project_stage, _capi.pf_project_set_stage, "stage", "Stage, or None.")
    budget = _number_property(_capi.pf_project_budget, _capi.pf_project_set_budget, _capi.pf_project_clear_budget,
                              "budget", "Budget (>= 0), or None.")
    fte = _number_property(_capi.pf_project_fte, _capi.pf_project_set_fte, _capi.pf_project_clear_fte, "fte",
                           "Full-time equivalents (>= 0), or None.")
    start = _date_property(_capi.pf_project_start, _capi.pf_project_set_start, "start", "Start date, or None.")
    end = _date_property(_capi.pf_project_end, _capi.pf_project_set_end, "end", "End date, or None.")
    tags = _list_property(_capi.pf_project_tag_count, _capi.pf_project_tag_at, _capi.pf_project_add_tag,
                          _capi.pf_project_remove_tag, "tags", "Tags (themes), as a tuple.")
    partners = _list_property(_capi.pf_project_partner_count, _capi.pf_project_partner_at,
                              _capi.pf_project_add_partner, _capi.pf_project_remove_partner, "partners",
                              "Partners, as a tuple.")

    @property
    def facets(self):
        """Explicit facet weights as {facet: weight}, or None."""
        found, values = _capi.pf_project_facet_weights(self._ptr())
        return _facet_dict(values) if found else None

    @facets.setter
    def facets(self, value):
        if value is None:
            _capi.pf_project_clear_facet_weights(self._ptr())
            return
        err = _capi.pf_error()
        _check(_capi.pf_project_set_facet_weights(self._ptr(), _facet_values(value, "facets"), err), err)

    @property
    def links(self):
        """Explicit links to other projects, as {project id: LinkKind}."""
        p = self._ptr()
        out = {}
        for i in range(_capi.pf_project_link_count(p)):
            link = _capi.pf_link()
            if _capi.pf_project_link_at(p, i, link) != _capi.PF_OK:
                break
            out[link.to] = _from_c(LinkKind, link.kind)
        return out

    @links.setter
    def links(self, value):
        p = self._ptr()
        value = _args.mapping(value, "links")
        kinds = {_args.text(to, "links"): _to_c(LinkKind, kind, f"links.{to}") for to, kind in value.items()}
        old = self.links
        for to in old:
            _capi.pf_project_remove_link(p, to, _capi.pf_error())
        err = _capi.pf_error()
        try:
            for to, kind in kinds.items():
                _check(_capi.pf_project_add_link(p, to, kind, err), err)
        except BaseException:
            for to in self.links:
                _capi.pf_project_remove_link(p, to, _capi.pf_error())
            for to, kind in old.items():
                _capi.pf_project_add_link(p, to, _to_c(LinkKind, kind, "links"), _capi.pf_error())
            raise

    def to_dict(self):
        """Every set field, as plain values (enumerations as strings, dates as ISO text)."""
        d = {"id": self._id}
        for key in self._FIELDS:
            v = getattr(self, key)
            if v is None or v == () or v == {}:
                continue
            if isinstance(v, tuple):
                v = list(v)
            elif isinstance(v, datetime.date):
                v = v.isoformat()
            elif key == "links":
                v = {to: k.value for to, k in v.items()}
            elif hasattr(v, "value"):
                v = v.value
            d[key] = v
        return d

    def __repr__(self):
        try:
            return f"<portfolio.Project {self._id!r}: {self.title!r}>"
        except ClosedError:
            return f"<portfolio.Project {self._id!r} (removed)>"


class Assessment(_Child):
    """One respondent's answers. ``respondent`` is fixed; ``role``, ``unit`` and ``date`` are
    settable; ``answers`` is a dict {item or question id: answer}; :meth:`answer` sets one
    and :meth:`clear_answer` removes one."""

    __slots__ = ()

    def _ptr(self):
        a = _capi.pf_doc_find_assessment(self._doc._ptr(), self._id)
        if a is None:
            raise ClosedError(f"assessment of {self._id!r} was removed from its document", _capi.PF_ENOTFOUND)
        return a

    @property
    def respondent(self):
        """The respondent's pseudonym (fixed)."""
        return self._id

    id = respondent
    role = _enum_property(Role, _capi.pf_assessment_role, _capi.pf_assessment_set_role, "role", "Role, or None.")
    unit = _text_property(_capi.pf_assessment_unit, _capi.pf_assessment_set_unit, "unit", "Unit, or None.")
    date = _date_property(_capi.pf_assessment_date, _capi.pf_assessment_set_date, "date", "Date answered, or None.")

    @staticmethod
    def _answer_value(ans):
        if ans.form in (_capi.PF_FORM_AGREE, _capi.PF_FORM_AGREE_HALF, _capi.PF_FORM_AGREE_REVERSED):
            return ans.agreement
        if ans.form == _capi.PF_FORM_YES_NO:
            return _from_c(Choice, ans.choice).value
        return [_capi.pf_swig_answer_option(ans, i) for i in range(ans.option_count)]

    @property
    def answers(self):
        """The answers in instrument order: agreement 0..4, 'yes'/'no'/'unsure', or a list of option ids."""
        a = self._ptr()
        out = {}
        for i in range(_capi.pf_assessment_answer_count(a)):
            ans = _capi.pf_answer()
            if _capi.pf_assessment_answer_at(a, i, ans) != _capi.PF_OK:
                break
            out[ans.id] = self._answer_value(ans)
        return out

    def answer(self, item, value):
        """Answers an item or question: 0..4 or an agreement word ('agree'...) for agree items,
        'yes'/'no'/'unsure' for yes/no items, a list of option ids for rank and multi questions."""
        item = _args.text(item, "item")
        a = self._ptr()
        err = _capi.pf_error()
        if isinstance(value, bool):
            raise ArgumentTypeError(f"answers.{item}: use 'yes' or 'no', not {value!r}", _capi.PF_EARG)
        if isinstance(value, int):
            if not 0 <= value <= _args.INT_MAX:  # beyond C's int: the library's own message
                raise ArgumentError(f"{item}: agreement must be 0..4 (got {value})", _capi.PF_EARG)
            status = _capi.pf_assessment_set_agreement(a, item, value, err)
        elif isinstance(value, str) and value in _AGREEMENT_WORDS:
            status = _capi.pf_assessment_set_agreement(a, item, _AGREEMENT_WORDS[value], err)
        elif isinstance(value, str) or isinstance(value, Choice):
            status = _capi.pf_assessment_set_choice(a, item, _to_c(Choice, value, f"answers.{item}"), err)
        elif isinstance(value, (list, tuple)):
            status = _capi.pf_assessment_set_options(a, item, _args.texts(value, f"answers.{item}"), err)
        else:
            raise _args.wrong_type(f"answers.{item}", "0..4, an agreement word, 'yes'/'no'/'unsure' or a list of "
                                   "option ids", value)
        _check(status, err)

    def clear_answer(self, item):
        """Removes the answer to an item or question."""
        item = _args.text(item, "item")
        err = _capi.pf_error()
        _check(_capi.pf_assessment_clear_answer(self._ptr(), item, err), err)

    def to_dict(self):
        d = {"respondent": self._id}
        if self.role is not None:
            d["role"] = self.role.value
        if self.unit is not None:
            d["unit"] = self.unit
        if self.date is not None:
            d["date"] = self.date.isoformat()
        d["answers"] = self.answers
        return d

    def __repr__(self):
        try:
            return f"<portfolio.Assessment {self._id!r} ({self.role})>"
        except ClosedError:
            return f"<portfolio.Assessment {self._id!r} (removed)>"


class _ChildList:
    _count = _at = _find = _remove = _ident = None
    _cls = None
    _what = ""

    def __init__(self, doc):
        self._doc = doc

    def __len__(self):
        return type(self)._count(self._doc._ptr())

    def _ids(self):
        d = self._doc._ptr()
        return [type(self)._ident(type(self)._at(d, i)) for i in range(type(self)._count(d))]

    def __iter__(self):
        return iter([self._cls(self._doc, i) for i in self._ids()])

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self._cls(self._doc, i) for i in self._ids()[key]]
        if isinstance(key, int) and not isinstance(key, bool):
            ids = self._ids()
            try:
                return self._cls(self._doc, ids[key])
            except IndexError:
                raise IndexError(f"{self._what} index out of range") from None
        if not isinstance(key, str):
            raise _args.wrong_type("key", "an id (str) or an index (int)", key)
        key = _args.text(key, "key")
        if type(self)._find(self._doc._ptr(), key) is None:
            raise NotFoundError(f"no {self._what[:-1]} {key!r}", _capi.PF_ENOTFOUND)
        return self._cls(self._doc, key)

    def get(self, key, default=None):
        """The item with this id, or ``default``."""
        try:
            return self[key]
        except (NotFoundError, IndexError):
            return default

    def __contains__(self, key):
        if isinstance(key, self._cls):
            key = key._id
        try:
            key = _args.text(key, "key")
        except ArgumentError:
            return False  # no id holds a NUL, and C would read only the text before it
        return type(self)._find(self._doc._ptr(), key) is not None

    def __delitem__(self, key):
        self.remove(key)

    def remove(self, key):
        """Removes the item with this id (or this item)."""
        if isinstance(key, self._cls):
            key = key._id
        key = _args.text(key, "key")
        err = _capi.pf_error()
        _check(type(self)._remove(self._doc._ptr(), key, err), err)

    def ids(self):
        """The ids, in document order."""
        return self._ids()

    def __repr__(self):
        return f"<portfolio {self._what}: {self._ids()!r}>"


class ProjectList(_ChildList):
    """The projects of a document, in document order."""
    _count = staticmethod(_capi.pf_doc_project_count)
    _at = staticmethod(_capi.pf_doc_project_at)
    _find = staticmethod(_capi.pf_doc_find_project)
    _remove = staticmethod(_capi.pf_doc_remove_project)
    _ident = staticmethod(_capi.pf_project_id)
    _cls = Project
    _what = "projects"


class AssessmentList(_ChildList):
    """The assessments of a document, in document order; looked up by respondent."""
    _count = staticmethod(_capi.pf_doc_assessment_count)
    _at = staticmethod(_capi.pf_doc_assessment_at)
    _find = staticmethod(_capi.pf_doc_find_assessment)
    _remove = staticmethod(_capi.pf_doc_remove_assessment)
    _ident = staticmethod(_capi.pf_assessment_respondent)
    _cls = Assessment
    _what = "assessments"
