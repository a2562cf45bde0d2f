"""libportfolio for Python: explore and steward a public-sector innovation portfolio with the
OECD OPSI innovation-facets method.

    >>> import portfolio
    >>> doc = portfolio.load("examples/data/minimal.yaml")
    >>> scores = doc.score()
    >>> scores.assessments[0].orientation.pct["enhancement"]
    19
    >>> doc.map().metrics.dominant
    'enhancement'

Read documents with :func:`load` and :func:`loads`, or build one with :class:`Document`;
analyse with ``doc.score()``, ``doc.map()``, ``doc.compare(other)``, ``doc.relations()``,
``doc.recommend()``, ``doc.analyse()`` (all four at once) and ``doc.report()``. Answers come in through :func:`form` (an HTML
questionnaire), :func:`template` (a blank answers file) and ``doc.collect(paths)``, and from CSV files through :func:`import_answers` and
:func:`import_projects`;
:class:`Instrument` browses a questionnaire in its languages. Errors are subclasses of :class:`Error`.
The C API itself is wrapped in the private module ``portfolio._capi``.
"""

from . import _capi
from ._errors import (ArgumentError, ArgumentTypeError, ClosedError, Error, ExistsError, FileError, LimitError,
                      NotFoundError, OutOfMemoryError, ParseError, Problem, ValidationError)
from ._enums import (AdviceKind, Choice, Dimension, Facet, GovLevel, Level, LinkKind, Priority, Purpose,
                     RelationKind, ReportFormat, Role, ScoreMode, Sector, Stage, Weighting, Zone, Form, Part)
from ._document import Assessment, Document, Organisation, Project, load, loads
from ._instrument import Instrument, Item, Option, Question
from ._answers import Summary, form, template
from ._import import ImportMap, import_answers, import_answers_text, import_projects, import_projects_text
from ._results import Advice, Comparison, Map, Recommendation, Record, Relations, Result, Rules, Scores
from ._analysis import Analysis

#: Version of the C library in use, e.g. "0.1.0".
__version__ = _capi.pf_version()

#: The status codes of the C library, as carried by ``Error.code``.
OK = _capi.PF_OK
ENOMEM = _capi.PF_ENOMEM
EARG = _capi.PF_EARG
ENOTFOUND = _capi.PF_ENOTFOUND
EEXISTS = _capi.PF_EEXISTS
EIO = _capi.PF_EIO
ESYNTAX = _capi.PF_ESYNTAX
EINVALID = _capi.PF_EINVALID
ELIMIT = _capi.PF_ELIMIT

__all__ = [
    "load", "loads", "Document", "Project", "Assessment", "Organisation",
    "form", "template", "Summary", "Instrument", "Question", "Item", "Option",
    "import_answers", "import_answers_text", "import_projects", "import_projects_text", "ImportMap",
    "Analysis", "Scores", "Map", "Comparison", "Relations", "Advice", "Recommendation", "Rules", "Record", "Result",
    "Error", "ParseError", "ValidationError", "FileError", "LimitError", "ArgumentError",
    "ArgumentTypeError", "NotFoundError", "ExistsError", "OutOfMemoryError", "ClosedError", "Problem",
    "Facet", "Purpose", "Zone", "Stage", "Priority", "Role", "GovLevel", "Sector", "LinkKind", "Choice",
    "Dimension", "Level", "Weighting", "RelationKind", "AdviceKind", "ReportFormat", "ScoreMode", "Form", "Part",
]
