"""The exceptions of the portfolio package, one class per kind of failure of the C library."""

from collections import namedtuple

from . import _capi

__all__ = [
    "Problem", "Error", "ParseError", "ValidationError", "FileError", "LimitError",
    "ArgumentError", "ArgumentTypeError", "NotFoundError", "ExistsError", "OutOfMemoryError", "ClosedError",
]

#: One located problem of a document: ``source`` (file name), 1-based ``line`` and
#: ``column`` (0 when not from a file) and ``message`` (beginning with the key path).
Problem = namedtuple("Problem", "source line column message")
Problem.__str__ = lambda p: _located(p.source, p.line, p.column, p.message)


def _located(source, line, column, message):
    if source and line:
        return f"{source}:{line}:{column}: {message}"
    if source:
        return f"{source}: {message}"
    return message


class Error(Exception):
    """Base class of every error raised by the portfolio package.

    Attributes: ``code`` (the C library's negative status, e.g. ``portfolio.EINVALID``),
    ``source`` (file or source name, "" when none), ``line`` and ``column`` (1-based; 0 when
    the problem is not in a file), ``offset`` (byte offset) and ``message``. Errors from
    reading a file also list in ``problems`` every problem found before reading stopped.
    """

    def __init__(self, message, code=0, source="", line=0, column=0, offset=0, problems=()):
        super().__init__(message)
        self.message = message
        self.code = code
        self.source = source
        self.line = line
        self.column = column
        self.offset = offset
        self.problems = list(problems)

    def __str__(self):
        return _located(self.source, self.line, self.column, self.message)

    def __reduce__(self):
        return (type(self), (self.message, self.code, self.source, self.line, self.column, self.offset,
                             self.problems), self.__dict__)


class ParseError(Error):
    """The input is not well-formed YAML or UTF-8 (reading stopped at ``line``:``column``)."""


class ValidationError(Error):
    """The document is YAML but breaks the format's rules.

    ``problems`` lists every problem found, in source order, as :class:`Problem` tuples
    ``(source, line, column, message)``; the exception's own location is the first one's.
    ``total`` counts the problems found, including those beyond the storage limit.
    """

    def __init__(self, message, code=0, source="", line=0, column=0, offset=0, problems=(), total=None):
        super().__init__(message, code, source, line, column, offset, problems)
        self.total = len(self.problems) if total is None else total

    def __str__(self):
        if len(self.problems) <= 1:
            return super().__str__()
        return "\n".join(str(p) for p in self.problems)


class FileError(Error, OSError):
    """A file could not be read or written (missing, unreadable, not writable)."""

    def __init__(self, message, code=0, source="", line=0, column=0, offset=0, problems=()):
        Error.__init__(self, message, code, source, line, column, offset, problems)
        self.filename = source or None
        self.strerror = message


class LimitError(Error):
    """The input exceeds a documented limit (size, nesting depth, scalar length, entries)."""


class ArgumentError(Error, ValueError):
    """An argument is malformed or out of range (an unknown facet, a negative budget...)."""


class ArgumentTypeError(ArgumentError, TypeError):
    """An argument has the wrong type (a number where text is expected, a string where a list
    is...). Also a :class:`TypeError`, so code catching the built-in exception still works."""


class NotFoundError(Error, KeyError):
    """The id, item or instrument asked for does not exist."""

    def __str__(self):
        return Error.__str__(self)


class ExistsError(Error, ValueError):
    """An object with that id is already present."""


class OutOfMemoryError(Error, MemoryError):
    """An allocation failed in the C library; nothing was changed."""


class ClosedError(Error, ValueError):
    """The document or result was closed, or the project or assessment was removed."""


class _InUseError(Error, RuntimeError):
    """A document or result used or closed by Python code that runs inside a call still reading
    it (the ``write`` of a report's ``file``): C holds pointers into it until the call returns.
    A :class:`Error` and a :class:`RuntimeError` (as Python's own re-entrant calls raise)."""


_BY_CODE = {
    _capi.PF_ESYNTAX: ParseError,
    _capi.PF_EINVALID: ValidationError,
    _capi.PF_EIO: FileError,
    _capi.PF_ELIMIT: LimitError,
    _capi.PF_EARG: ArgumentError,
    _capi.PF_ENOTFOUND: NotFoundError,
    _capi.PF_EEXISTS: ExistsError,
    _capi.PF_ENOMEM: OutOfMemoryError,
}


def _problems(diags):
    """The problems stored in a pf_diagnostics list, as Problem tuples."""
    out = []
    if diags is None:
        return out
    for i in range(_capi.pf_diagnostics_count(diags)):
        e = _capi.pf_diagnostics_at(diags, i)
        out.append(Problem(e.source, e.line, e.column, e.message))
    return out


def _raise(status, err, diags=None, file_call=False):
    """Raises the exception for a failed C call: ``status`` and its filled ``pf_error``."""
    cls = _BY_CODE.get(status, Error)
    if file_call and status == _capi.PF_ENOTFOUND and not err.line and err.source:
        cls = FileError  # a missing file (it names its source) is a file error, not a missing id
    message = err.message or _capi.pf_status_string(status)
    args = (message, status, err.source, err.line, err.column, err.offset)
    if cls is ValidationError:
        problems = _problems(diags)
        if not problems:
            problems = [Problem(err.source, err.line, err.column, message)]
        total = max(_capi.pf_diagnostics_total(diags), len(problems)) if diags is not None else len(problems)
        raise ValidationError(*args, problems=problems, total=total)
    raise cls(*args, problems=_problems(diags))


def _check(result, err, diags=None, file_call=False):
    """Checks a C call's result (a status, or a list starting with one) and returns the rest."""
    if isinstance(result, list):
        status, rest = result[0], result[1:]
    else:
        status, rest = result, []
    if status != _capi.PF_OK:
        _raise(status, err, diags, file_call)
    if not rest:
        return None
    return rest[0] if len(rest) == 1 else tuple(rest)
