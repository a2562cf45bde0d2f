"""Answers in: the questionnaire form, the blank answers template, and collecting answers files
into a portfolio (docs/form.md; docs/format.md, section 8)."""

import os
from collections import namedtuple

from . import _args, _capi
from ._errors import ArgumentError, FileError, Problem, ValidationError, _check, _problems, _raise
from ._instrument import _given

__all__ = ["Summary", "form", "template"]


class Summary(namedtuple("Summary", "files added replaced refused")):
    """What a collect did, or would have done when it was refused: ``files`` given,
    assessments ``added`` (respondents new to the portfolio) and ``replaced`` (with
    ``replace=True``), and files ``refused``. A file is taken whole or refused whole."""

    __slots__ = ()

    def __str__(self):
        def n(count, one, many):
            return f"{count} {one if count == 1 else many}"
        return (f"{n(self.files, 'file', 'files')}: {n(self.added, 'assessment', 'assessments')} added, "
                f"{self.replaced} replaced, {n(self.refused, 'file', 'files')} refused")

    def to_dict(self):
        """The counts as a plain dict."""
        return dict(self._asdict())


def _written(text, path):
    """The text, or None once written atomically to ``path``."""
    if path is None:
        return text
    _write_atomically(path, text)
    return None


def _write_atomically(path, text):
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FileError(f"cannot write: {e.strerror}", _capi.PF_EIO, path) from e


def form(instrument=None, lang="en", path=None):
    """The instrument's questionnaire as one self-contained, accessible HTML page (docs/form.md),
    byte for byte what ``portfolio form`` writes. ``instrument`` is None (the default
    instrument), an :class:`Instrument` or an instrument file; ``lang`` is 'en' or 'fr' (the
    page's words and the instrument's texts). Returns the HTML, or writes it atomically to
    ``path`` and returns None."""
    lang = _args.text(lang, "lang", none=True)
    if path is not None:
        path = _args.path(path)
    with _given(instrument) as inst:
        err = _capi.pf_error()
        try:
            html = _check(_capi.pf_swig_instrument_form_html(inst._ptr(), lang, err), err).decode("utf-8")
        except ArgumentError as e:
            # The only argument C can refuse here is the language: name it, as every check does.
            raise ArgumentError(f"lang: {e.message}", e.code) from None
    return _written(html, path)


def template(instrument=None, lang="en", path=None):
    """A blank answers file for the instrument (docs/format.md, "The blank template"), byte for
    byte what ``portfolio instrument --template`` prints: YAML with every answer id, the
    questions and answer scales in comments. ``instrument`` as for :func:`form`; ``lang`` the
    notes' language ('en', 'fr'; others: English) and the texts' (None: the instrument's own).
    Returns the text, or writes it atomically to ``path`` and returns None."""
    lang = _args.text(lang, "lang", none=True)
    if path is not None:
        path = _args.path(path)
    with _given(instrument) as inst:
        err = _capi.pf_error()
        text = _check(_capi.pf_swig_instrument_template(inst._ptr(), lang, err), err).decode("utf-8")
    return _written(text, path)


def _collect(call, replace, limits):
    """Runs call(opts, summary, diags, err), a collect; returns its Summary or raises."""
    from ._document import _read_options
    replace = _args.flag(replace, "replace")
    opts = _capi.pf_collect_options()
    opts.version = _capi.PF_COLLECT_OPTIONS_VERSION
    opts.replace = replace
    read = _read_options(limits)
    if read is not None:
        opts.read = read  # `read` stays referenced here for the call
    counts = _capi.pf_collect_summary()
    err = _capi.pf_error()
    diags = _check(_capi.pf_diagnostics_new(None), err)
    try:
        status = call(opts, counts, diags, err)
        if status == _capi.PF_OK:
            return Summary(counts.files, counts.added, counts.replaced, counts.refused)
        if status in (_capi.PF_ENOMEM, _capi.PF_EARG):
            _raise(status, err, diags)
        # Refused files: one exception for every reason (unreadable, invalid, another
        # instrument, a known respondent), carrying every problem and the counts.
        problems = _problems(diags) or [Problem(err.source, err.line, err.column, err.message)]
        e = ValidationError(err.message or _capi.pf_status_string(status), status, err.source, err.line, err.column,
                            err.offset, problems=problems,
                            total=max(_capi.pf_diagnostics_total(diags), len(problems)))
        e.summary = Summary(counts.files, counts.added, counts.replaced, counts.refused)
        raise e
    finally:
        _capi.pf_diagnostics_free(diags)


def collect_files(doc, paths, replace, limits):
    paths = _args.paths(paths, "paths")
    return _collect(lambda opts, counts, diags, err: _capi.pf_doc_collect_files(doc._ptr(), paths, opts, counts,
                                                                                diags, err), replace, limits)


def collect_buffer(doc, text, source, replace, limits):
    data = _args.data(text, "text")
    source = _args.text(source, "source")
    return _collect(lambda opts, counts, diags, err: _capi.pf_doc_collect_buffer(doc._ptr(), data, source, opts,
                                                                                 counts, diags, err), replace, limits)
