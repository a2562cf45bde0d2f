"""Imports from CSV: answers (one row per respondent) and projects (one row per project), as
``portfolio import`` does (docs/import.md)."""

import contextlib

from . import _args, _capi
from ._errors import ArgumentTypeError, _check
from ._owned import _Owned

__all__ = ["ImportMap", "import_answers", "import_answers_text", "import_projects", "import_projects_text"]

_SEPARATORS = {None: 0, ",": ord(","), ";": ord(";")}


class ImportMap(_Owned):
    """A mapping file (docs/import.md, "Mapping files"): which column header gives which field,
    item or question, and extra words for values. ``ImportMap.load(path)`` or
    ``ImportMap.loads(text)``; ``kind`` is 'answers' or 'projects'. Read once, it may serve
    many imports (and threads). Its C object is freed by :meth:`close`, at the end of a
    ``with`` block or when garbage-collected."""

    _closed_name = "this import map"

    def __init__(self, *args, **kwargs):
        raise ArgumentTypeError("use ImportMap.load(path) or ImportMap.loads(text)", _capi.PF_EARG)

    @classmethod
    def _own(cls, handle):
        m = cls.__new__(cls)
        m._adopt(handle, _capi.pf_import_map_free)
        return m

    @classmethod
    def load(cls, path, **limits):
        """Reads a mapping file; raises FileError, ParseError, ValidationError (with every problem
        in ``.problems``) or LimitError."""
        from ._document import _read
        return cls._own(_read(_capi.pf_import_map_read_file, _args.path(path), limits))

    @classmethod
    def loads(cls, text, source="<string>", **limits):
        """Reads a mapping file from a string or bytes; ``source`` names it in errors."""
        from ._document import _read_buffer
        return cls._own(_read_buffer(_capi.pf_import_map_read_buffer, text, source, limits))


    @property
    def kind(self):
        """What the map imports: 'answers' or 'projects'."""
        return "projects" if _capi.pf_import_map_kind(self._ptr()) == _capi.PF_IMPORT_PROJECTS else "answers"

    def __repr__(self):
        return "<portfolio.ImportMap closed>" if self.closed else f"<portfolio.ImportMap for {self.kind}>"


@contextlib.contextmanager
def _map_given(value):
    """The ImportMap an argument names: None, an ImportMap as it is, or a file read here (freed after)."""
    own = None
    if value is not None and not isinstance(value, ImportMap):
        own = value = ImportMap.load(_args.path(value, "map", "a portfolio.ImportMap, a file name or None"))
    try:
        yield value
    finally:
        if own is not None:
            own.close()


def _separator(value):
    if value is not None and not isinstance(value, str):
        raise _args.wrong_type("separator", "',', ';' or None", value)
    if value not in _SEPARATORS:
        raise _args.refuse("separator", "must be ',' or ';' (None: the map's, or detected)", value)
    return _SEPARATORS[value]


def _instrument(value):
    if value is None:
        return None
    from ._instrument import Instrument
    if isinstance(value, Instrument):
        # The C import reads the instrument itself, from a built-in id or a file.
        raise _args.wrong_type("instrument", "an instrument id or file name (for an Instrument read from a file, "
                               "give its .path)", value)
    return _args.path(value, "instrument", "an instrument id or file name")


def _import(call, map, limits):
    """Runs call(read_options, map_pointer, diags, err) with the map given; returns the Document."""
    from ._document import Document, _read_options, _with_diagnostics
    read = _read_options(limits)
    with _map_given(map) as m:
        mp = m._ptr() if m is not None else None
        return Document._own(_with_diagnostics(lambda diags, err: call(read, mp, diags, err)))


def import_answers(path, map=None, instrument=None, separator=None, **limits):
    """Imports answers from a CSV file, one row per respondent (docs/import.md, "Answers"), as
    ``portfolio import answers``: a :class:`Document` with one assessment per row, in file order.

    ``map`` is None (the headers are the format's ids), an :class:`ImportMap` or a mapping
    file; ``instrument`` the instrument's id or file (None: the default; the document names it
    by its id, as answers files do, so ``doc.collect`` takes it into a portfolio of that
    instrument); ``separator`` ',' or ';' (None: the map's, or detected from the header
    row); ``limits`` as :func:`load`'s. Every problem is located as ``FILE:ROW:COLUMN``:
    :class:`ValidationError` (a bad header or cell; every problem in ``.problems``),
    :class:`ParseError` (broken quoting, not UTF-8), :class:`FileError`, :class:`LimitError`;
    no document unless every row is valid."""
    path = _args.path(path)
    instrument = _instrument(instrument)
    sep = _separator(separator)
    return _import(lambda read, mp, diags, err: _capi.pf_swig_import_answers_file(path, read, mp, instrument, sep,
                                                                                 diags, err), map, limits)


def import_answers_text(text, source="<string>", map=None, instrument=None, separator=None, **limits):
    """As :func:`import_answers` for CSV held in a string or bytes; ``source`` names it in problems."""
    data = _args.data(text, "text")
    source = _args.text(source, "source")
    instrument = _instrument(instrument)
    sep = _separator(separator)
    return _import(lambda read, mp, diags, err: _capi.pf_swig_import_answers_buffer(data, source, read, mp,
                                                                                   instrument, sep, diags, err),
                   map, limits)


def import_projects(path, map=None, separator=None, **limits):
    """Imports projects from a CSV file, one row per project (docs/import.md, "Projects"), as
    ``portfolio import projects``: a :class:`Document` with one project per row, in file order,
    checked as a document's projects are. ``map``, ``separator``, ``limits`` and the errors as
    for :func:`import_answers`."""
    path = _args.path(path)
    sep = _separator(separator)
    return _import(lambda read, mp, diags, err: _capi.pf_swig_import_projects_file(path, read, mp, sep, diags, err),
                   map, limits)


def import_projects_text(text, source="<string>", map=None, separator=None, **limits):
    """As :func:`import_projects` for CSV held in a string or bytes; ``source`` names it in problems."""
    data = _args.data(text, "text")
    source = _args.text(source, "source")
    sep = _separator(separator)
    return _import(lambda read, mp, diags, err: _capi.pf_swig_import_projects_buffer(data, source, read, mp, sep,
                                                                                    diags, err), map, limits)
