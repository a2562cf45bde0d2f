"""The life of a Python object that owns one C object: freed exactly once, by close(), at the
end of a ``with`` block, or when the Python object is garbage-collected."""

import contextlib
import weakref

from . import _capi
from ._errors import ClosedError, _InUseError


class _Owned:
    """Mixin: ``_adopt(handle, free)`` once; ``_ptr()`` gives the handle or raises ClosedError naming ``_closed_name``."""

    #: How ClosedError names the object ("the document", "this import map", ...).
    _closed_name = "this object"
    #: Calls under way that read the C object while running Python code (see _lent()).
    _lent_to = 0

    def _adopt(self, handle, free):
        self._handle = handle
        self._finalizer = weakref.finalize(self, free, handle)

    @property
    def closed(self):
        """True once the C object was freed."""
        return not self._finalizer.alive

    def close(self):
        """Frees the C object now; later calls do nothing. What was already read from it stays valid."""
        self._check_not_lent()
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ptr(self):
        if not self._finalizer.alive:
            raise ClosedError(f"{self._closed_name} was closed", _capi.PF_EARG)
        self._check_not_lent()
        return self._handle

    def _check_not_lent(self):
        if self._lent_to and self._finalizer.alive:
            raise _InUseError(f"{self._closed_name} is being written to a file: it cannot be used or closed "
                              "from that file's write() until the call returns", _capi.PF_EARG)


@contextlib.contextmanager
def _lent(*objects):
    """Marks the objects (None skipped) as read by a C call that runs Python code meanwhile (a
    file's write()): using or closing them from there raises instead of changing or freeing
    what C is reading. Take their handles before."""
    objects = [o for o in objects if o is not None]
    for o in objects:
        o._lent_to += 1
    try:
        yield
    finally:
        for o in objects:
            o._lent_to -= 1
