"""The whole analysis of a document at once: :meth:`Document.analyse` (analyse.h in C)."""

__all__ = ["Analysis"]


class Analysis:
    """The four results of :meth:`Document.analyse`: ``scores`` (:class:`Scores`), ``map``
    (:class:`Map`), ``relations`` (:class:`Relations`) and ``advice`` (:class:`Advice`), each
    the same as the method of that name gives. Unpacks as ``scores, map, relations, advice``;
    :meth:`close` (or a ``with`` block) frees all four."""

    __slots__ = ("scores", "map", "relations", "advice")

    def __init__(self, scores, map, relations, advice):
        self.scores = scores
        self.map = map
        self.relations = relations
        self.advice = advice

    def __iter__(self):
        return iter((self.scores, self.map, self.relations, self.advice))

    def close(self):
        """Frees the four results now; later calls do nothing."""
        for result in self:
            result.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return (f"Analysis({len(self.scores.assessments)} assessments, {len(self.map)} projects, "
                f"{len(self.relations)} relations, {len(self.advice)} recommendations)")
