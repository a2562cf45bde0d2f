"""The life of a Python object that owns one C object: freed exactly once, by close(), at the
end of a ``with`` block, or when the Python object is garbage-collected."""

import weakref

from . import _capi
from ._errors import ClosedError


class _Owned:
    """Mixin: ``_adopt(handle, free)`` once; ``_ptr()`` gives the handle or raises ClosedError naming ``_closed_name``."""

    #: How ClosedError names the object ("the document", "this import map", ...).
    _closed_name = "this object"

    def _adopt(self, handle, free):
        self._handle = handle
        self._finalizer = weakref.finalize(self, free, handle)

    @property
    def closed(self):
        """True once the C object was freed."""
        return not self._finalizer.alive

    def close(self):
        """Frees the C object now; later calls do nothing. What was already read from it stays valid."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ptr(self):
        if not self._finalizer.alive:
            raise ClosedError(f"{self._closed_name} was closed", _capi.PF_EARG)
        return self._handle
