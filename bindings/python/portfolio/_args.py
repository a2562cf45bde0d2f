"""Checks of the values the package hands to the C library.

Every public function and setter passes user values through these before calling ``_capi``,
so a wrong value raises the package's own :class:`ArgumentError` (or
:class:`ArgumentTypeError` for a wrong type) naming the parameter, never SWIG's own
``TypeError`` or ``OverflowError``, and never reaches C in a form it would misread: C strings
end at the first NUL, so ``"a\\x00b"`` would silently become ``"a"``, and a lone surrogate
has no UTF-8 form. The rules follow the format (docs/format.md): whole numbers are ``int``
only (not ``bool``, ``str`` or ``float``), numbers are ``int`` or ``float`` (not ``bool`` or
``str``), flags are ``bool``.
"""

import io
import math
import os
from collections.abc import Iterable, Mapping

from . import _capi
from ._errors import ArgumentError, ArgumentTypeError

#: Largest values the C integer types of the API hold.
INT_MAX = 2 ** 31 - 1
INT64_MAX = 2 ** 63 - 1
UINT_MAX = 2 ** 32 - 1
SIZE_MAX = 2 ** 64 - 1


def show(value):
    """repr() of a value for a message, cut short so hostile input cannot flood it."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def refuse(what, problem, value):
    """An ArgumentError '<what>: <problem> (got <value>)'."""
    return ArgumentError(f"{what}: {problem} (got {show(value)})", _capi.PF_EARG)


def wrong_type(what, expected, value):
    """An ArgumentTypeError '<what>: expected <expected> (got <value>)'."""
    return ArgumentTypeError(f"{what}: expected {expected} (got {show(value)})", _capi.PF_EARG)


def text(value, what, none=False):
    """A str that C reads whole: no NUL, and UTF-8 encodable (no lone surrogate).
    None is returned as is when ``none``."""
    if value is None and none:
        return None
    if not isinstance(value, str):
        raise wrong_type(what, "a str or None" if none else "a str", value)
    if "\0" in value:
        raise refuse(what, f"must not contain a NUL character (at index {value.index(chr(0))})", value)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise refuse(what, f"must be valid Unicode: {value[e.start]!r} at index {e.start} has no UTF-8 form",
                     value) from None
    return value


def path(value, what="path", expected="a file name (str or os.PathLike)"):
    """A file name as text: a str, bytes in UTF-8 or an os.PathLike of either."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if isinstance(value, (bytes, bytearray)):
        try:
            value = bytes(value).decode("utf-8")
        except UnicodeDecodeError:
            raise refuse(what, "a file name must be valid UTF-8", value) from None
    if not isinstance(value, str):
        raise wrong_type(what, expected, value)
    if not value:
        raise refuse(what, "must not be empty", value)
    return text(value, what)


def binary_file(value, what="file"):
    """A binary file object to write to: anything with a write method taking bytes (``open(p, "wb")``,
    ``sys.stdout.buffer``, ``io.BytesIO()``, ``gzip.open(p, "wb")``). A text file is refused
    rather than written bytes its write() would refuse half-way."""
    if isinstance(value, io.TextIOBase):
        raise wrong_type(what, "a binary file, not a text file: open it with 'wb'", value)
    if not callable(getattr(value, "write", None)):
        raise wrong_type(what, "a binary file (an object with a write method)", value)
    return value


def paths(values, what="paths"):
    """A list of file names (each as :func:`path` takes it) from an iterable of them; a single
    file name is refused, as its characters would otherwise be taken for names."""
    if isinstance(values, (str, bytes, bytearray, os.PathLike, Mapping)) or not isinstance(values, Iterable):
        raise wrong_type(what, "a list of file names", values)
    return [path(v, f"{what}[{i}]") for i, v in enumerate(values)]


def data(value, what="text"):
    """Bytes to read: a str (as UTF-8, refused when it has no UTF-8 form) or bytes-like."""
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise refuse(what, f"must be valid Unicode: {value[e.start]!r} at index {e.start} has no UTF-8 form",
                         value) from None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise wrong_type(what, "a str or bytes", value)


def integer(value, what, minimum=0, maximum=INT64_MAX):
    """An int (not a bool) from minimum to maximum."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise wrong_type(what, "a whole number (int)", value)
    if value < minimum:
        raise refuse(what, f"must be at least {minimum}", value)
    if value > maximum:
        raise refuse(what, f"must be at most {maximum}", value)
    return int(value)


def number(value, what):
    """An int or float (not a bool) as a float; the C library checks its range."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise wrong_type(what, "a number (int or float)", value)
    try:
        return float(value)
    except OverflowError:
        raise refuse(what, "too large", value) from None


def finite(value, what, low, high):
    """A number with low < value <= high."""
    v = number(value, what)
    if not math.isfinite(v) or v <= low or v > high:
        raise refuse(what, f"must be above {low:g} and at most {high:g}", value)
    return v


def flag(value, what):
    """True or False (not 0, 1 or a string, whose truth would be a guess)."""
    if not isinstance(value, bool):
        raise wrong_type(what, "True or False", value)
    return value


def texts(values, what, none=False):
    """A list of str from an iterable of them (not a str, bytes or a mapping); [] for None when ``none``."""
    if values is None and none:
        return []
    if isinstance(values, (str, bytes, bytearray, Mapping)) or not isinstance(values, Iterable):
        raise wrong_type(what, "a list of str", values)
    return [text(v, f"{what}[{i}]") for i, v in enumerate(values)]


def mapping(value, what):
    """A mapping (a dict), or an empty one for None."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise wrong_type(what, "a dict", value)
    return value


def instance(value, cls, what, none=False):
    """An object of the package's class ``cls`` (or None when ``none``)."""
    if (value is None and none) or isinstance(value, cls):
        return value
    raise wrong_type(what, f"a portfolio.{cls.__name__}" + (" or None" if none else ""), value)
