"""Instruments: the questionnaire an assessment answers, browsable in each of its languages
(docs/instrument.md)."""

import contextlib
import weakref

from . import _args, _capi
from ._enums import Choice, Dimension, Facet, Form, Part, _from_c
from ._errors import ArgumentError, ArgumentTypeError, ClosedError, NotFoundError, _check
from ._owned import _Owned

__all__ = ["Instrument", "Question", "Item", "Option"]


class _Info:
    """Base of the small read-only descriptions of an instrument's parts: plain values copied
    from the instrument, so they stay valid after it is closed."""

    __slots__ = ()

    def __init__(self, **values):
        for key in self.__slots__:
            object.__setattr__(self, key, values[key])

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} objects are read-only")

    def __eq__(self, other):
        return type(other) is type(self) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __hash__(self):
        return hash(tuple(getattr(self, k) for k in self.__slots__))

    def __reduce__(self):
        return (_rebuild, (type(self), {k: getattr(self, k) for k in self.__slots__}))

    def to_dict(self):
        """The description as plain values (enumerations as strings, None left out)."""
        out = {}
        for key in self.__slots__:
            v = getattr(self, key)
            if v is None:
                continue
            if isinstance(v, tuple):
                v = [x.to_dict() if isinstance(x, _Info) else x for x in v]
            elif isinstance(v, dict):
                v = dict(v)
            elif hasattr(v, "value"):
                v = v.value
            out[key] = v
        return out


def _rebuild(cls, values):
    return cls(**values)


class Item(_Info):
    """One item of an agree or yes-no question: ``id`` (unique in the instrument, the key its
    answer is written under), ``text`` (the statement), ``form`` (a :class:`Form`), ``facet``
    (orientation items) or ``dimension`` (capability items), the other None, and for yes-no
    items ``points`` ({'yes': ..., 'no': ..., 'unsure': ...}; None otherwise)."""

    __slots__ = ("id", "text", "form", "facet", "dimension", "points")

    def __repr__(self):
        return f"<portfolio.Item {self.id!r} ({self.form.value})>"


class Option(_Info):
    """One option of a rank or multi question: ``id`` (unique in its question), ``text``,
    ``facet`` (the facet it scores) and ``points`` (multi: points when selected; rank: 0, as
    places score: see :attr:`Question.rank_points`)."""

    __slots__ = ("id", "text", "facet", "points")

    def __repr__(self):
        return f"<portfolio.Option {self.id!r} ({self.facet.value})>"


class Question(_Info):
    """One question: ``id``, ``text``, ``part`` (a :class:`Part`), ``form`` (a :class:`Form`;
    items may override an agree form), ``items`` (agree and yes-no questions: a tuple of
    :class:`Item`; empty otherwise), ``options`` (rank and multi: a tuple of :class:`Option`;
    empty otherwise) and ``rank_points`` (rank: points by place, first place first; else None).
    Texts are in the language asked for, as :meth:`Instrument.title_in` chooses them."""

    __slots__ = ("id", "text", "part", "form", "items", "options", "rank_points")

    @property
    def answer_ids(self):
        """The keys its answers are written under: the items' ids, or the question's own id."""
        return tuple(i.id for i in self.items) if self.items else (self.id,)

    def __repr__(self):
        n = len(self.items) if self.items else len(self.options)
        what = "items" if self.items else "options"
        return f"<portfolio.Question {self.id!r} ({self.part.value}, {self.form.value}, {n} {what})>"


def _item(inst, q, k, lang):
    info = _capi.pf_item_info()
    err = _capi.pf_error()
    _check(_capi.pf_instrument_item_in(inst, q, k, lang, info), err)
    form = _from_c(Form, info.form)
    points = None
    if info.form == _capi.PF_FORM_YES_NO:
        points = {c.value: _capi.pf_swig_item_points(info, i) for i, c in enumerate(Choice)}
    return Item(id=info.id, text=info.text, form=form, facet=_from_c(Facet, info.facet),
                dimension=_from_c(Dimension, info.dimension), points=points)


def _option(inst, q, k, lang):
    info = _capi.pf_option_info()
    err = _capi.pf_error()
    _check(_capi.pf_instrument_option_in(inst, q, k, lang, info), err)
    return Option(id=info.id, text=info.text, facet=_from_c(Facet, info.facet), points=info.points)


def _question(inst, q, lang):
    info = _capi.pf_question_info()
    err = _capi.pf_error()
    _check(_capi.pf_instrument_question_in(inst, q, lang, info), err)
    rank = None
    if info.form == _capi.PF_FORM_RANK:
        rank = tuple(_capi.pf_swig_question_rank_points(info, i) for i in range(info.option_count))
    return Question(id=info.id, text=info.text, part=_from_c(Part, info.part), form=_from_c(Form, info.form),
                    items=tuple(_item(inst, q, k, lang) for k in range(info.item_count)),
                    options=tuple(_option(inst, q, k, lang) for k in range(info.option_count)),
                    rank_points=rank)


class Instrument(_Owned):
    """A questionnaire with its scoring: ``Instrument.default()`` (the built-in
    ``opsi-pet-2020``), ``Instrument.load(path)``, ``Instrument.loads(text)``, or a document's
    own (``doc.instrument``).

    ``id``, ``title``, ``title_in(lang)``, ``language`` (its own), ``languages``, ``path`` (the
    file it was read from, as given; None for a built-in one); ``len()`` and iteration give its
    questions in its own language, :meth:`questions` in any language, and
    ``inst['q1']`` one question. An instrument is immutable and may be read from several
    threads at once.

    One read by ``default``/``load``/``loads`` owns its C instrument, freed by :meth:`close`, at
    the end of a ``with`` block or when garbage-collected; documents read with it
    (``portfolio.load(path, instrument=inst)``) keep their own hold on it. ``doc.instrument``
    is borrowed from its document: it keeps the document alive, and raises
    :class:`ClosedError` once the document is closed or changes instrument.
    """

    def __init__(self, *args, **kwargs):
        raise ArgumentTypeError("use Instrument.default(), Instrument.load(path) or Instrument.loads(text)",
                                _capi.PF_EARG)

    @classmethod
    def _own(cls, handle, path=None):
        inst = cls.__new__(cls)
        inst._handle = handle
        inst._doc = None
        inst._generation = None
        inst._path = path
        inst._finalizer = weakref.finalize(inst, _capi.pf_instrument_free, handle)
        inst._address = int(handle)
        return inst

    @classmethod
    def _of(cls, doc):
        """The document's instrument, borrowed from it (valid while it keeps that instrument)."""
        doc._ptr()
        inst = cls.__new__(cls)
        inst._handle = None
        inst._doc = doc
        inst._generation = doc._instrument_generation
        inst._path = None
        inst._finalizer = None
        inst._address = int(inst._ptr())
        return inst

    @classmethod
    def default(cls):
        """The built-in default instrument, ``opsi-pet-2020``."""
        err = _capi.pf_error()
        return cls._own(_check(_capi.pf_instrument_open_default(None, err), err))

    @classmethod
    def load(cls, path, **limits):
        """Reads an instrument file (docs/instrument.md). Raises FileError, ParseError,
        ValidationError (with every problem in ``.problems``) or LimitError; ``limits`` as
        :func:`portfolio.load`'s."""
        from ._document import _read
        path = _args.path(path)
        return cls._own(_read(_capi.pf_instrument_read_file, path, limits), path)

    @classmethod
    def loads(cls, text, source="<string>", **limits):
        """Reads an instrument from a string or bytes; ``source`` names it in errors."""
        from ._document import _read_buffer
        return cls._own(_read_buffer(_capi.pf_instrument_read_buffer, text, source, limits))

    # ---- life ----
    @property
    def closed(self):
        """True once the instrument was closed (or, for a document's, once that document was
        closed or changed instrument)."""
        if self._doc is not None:
            return self._doc.closed or self._doc._instrument_generation != self._generation
        return self._finalizer is None or not self._finalizer.alive

    def close(self):
        """Lets go of the C instrument now (a document's: of the document); later calls do nothing.
        Documents read with it keep it alive as long as they need it."""
        if self._finalizer is not None:
            self._finalizer()
        else:
            self._doc = _Released

    def _ptr(self):
        doc = self._doc
        if doc is _Released:
            raise ClosedError("this instrument was closed", _capi.PF_EARG)
        if doc is not None:
            handle = doc._ptr()
            if doc._instrument_generation != self._generation:
                raise ClosedError("the document changed instrument since this one was read from it", _capi.PF_EARG)
            return _capi.pf_doc_instrument(handle)
        if not self._finalizer.alive:
            raise ClosedError("this instrument was closed", _capi.PF_EARG)
        return self._handle

    def __eq__(self, other):
        """The same C instrument: ``doc.instrument == doc.instrument``, and a document read with
        ``instrument=inst`` (which shares it) has ``doc.instrument == inst``."""
        if other is self:
            return True
        if not isinstance(other, Instrument) or self.closed or other.closed:
            return False
        return int(self._ptr()) == int(other._ptr())

    def __hash__(self):
        return hash(self._address)

    # ---- what it is ----
    @property
    def id(self):
        """The instrument's id (``opsi-pet-2020``), as answers files name it."""
        return _capi.pf_instrument_id(self._ptr())

    @property
    def title(self):
        """The title, in the instrument's own language."""
        return _capi.pf_instrument_title(self._ptr())

    def title_in(self, lang):
        """The title in ``lang`` (``'fr'``, ``'fr-CA'``...): the text given in that language, else
        in it without its last subtag, else in the instrument's own (docs/instrument.md,
        "Languages"); None gives the instrument's own."""
        lang = _args.text(lang, "lang", none=True)
        return _capi.pf_instrument_title_in(self._ptr(), lang)

    @property
    def language(self):
        """The instrument's own language tag (its plain texts' language, the fallback of every text)."""
        return _capi.pf_instrument_language_at(self._ptr(), 0)

    @property
    def languages(self):
        """Every language tag its texts are given in, its own first, as a tuple."""
        p = self._ptr()
        return tuple(_capi.pf_instrument_language_at(p, i) for i in range(_capi.pf_instrument_language_count(p)))

    @property
    def path(self):
        """The file it was read from as given (a document's: as the document names it), or None."""
        self._ptr()
        if self._doc is not None:
            return _capi.pf_doc_instrument_path(self._doc._ptr())
        return self._path

    # ---- questions ----
    def questions(self, lang=None):
        """Every question in file order, as :class:`Question` objects with their items or
        options, texts in ``lang`` (None: the instrument's own language)."""
        lang = _args.text(lang, "lang", none=True)
        p = self._ptr()
        return [_question(p, q, lang) for q in range(_capi.pf_instrument_question_count(p))]

    def question(self, id, lang=None):
        """The question with this id (texts in ``lang``); NotFoundError when there is none."""
        id = _args.text(id, "id")
        lang = _args.text(lang, "lang", none=True)
        p = self._ptr()
        for q in range(_capi.pf_instrument_question_count(p)):
            info = _capi.pf_question_info()
            if _capi.pf_instrument_question_at(p, q, info) == _capi.PF_OK and info.id == id:
                return _question(p, q, lang)
        raise NotFoundError(f"no question {id!r} in instrument {self.id}", _capi.PF_ENOTFOUND)

    def __getitem__(self, id):
        return self.question(id)

    def __contains__(self, id):
        try:
            self.question(id)
        except (NotFoundError, ArgumentError):
            return False  # no id holds a NUL, and C would read only the text before it
        return True

    def __len__(self):
        return _capi.pf_instrument_question_count(self._ptr())

    def __iter__(self):
        return iter(self.questions())

    @property
    def answer_ids(self):
        """Every key an answer can be written under, in the order documents write answers:
        each agree or yes-no item's id, each rank or multi question's id."""
        return [a for q in self.questions() for a in q.answer_ids]

    # ---- writers ----
    def form(self, lang="en", path=None):
        """This instrument's questionnaire as one HTML page; see :func:`portfolio.form`."""
        from ._answers import form
        return form(self, lang, path)

    def template(self, lang="en", path=None):
        """A blank answers file for this instrument; see :func:`portfolio.template`."""
        from ._answers import template
        return template(self, lang, path)

    def __repr__(self):
        if self.closed:
            return "<portfolio.Instrument closed>"
        return f"<portfolio.Instrument {self.id!r}: {len(self)} questions, languages {', '.join(self.languages)}>"


class _ReleasedDoc:
    """Stands for the document of a document's instrument after close(): every use raises."""

    closed = True
    _instrument_generation = None


_Released = _ReleasedDoc()


@contextlib.contextmanager
def _given(value, what="instrument", default=True):
    """The Instrument an argument names: an Instrument as it is, a file name read here (closed
    after the call), or None: the default instrument when ``default``, else None."""
    own = None
    if value is None:
        if default:
            own = value = Instrument.default()
    elif not isinstance(value, Instrument):
        own = value = Instrument.load(_args.path(value, what, "a portfolio.Instrument, a file name or None"))
    try:
        yield value
    finally:
        if own is not None:
            own.close()
