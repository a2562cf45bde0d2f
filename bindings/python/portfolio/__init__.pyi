# Type hints of the public API of the portfolio package (docs/python.md), checked by
# tests/python/check_types.py: mypy --strict over the examples and tests/python/typed_usage.py,
# and the enumerations' members against the running package.
import datetime
import enum
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, Literal, NamedTuple, Protocol, TypeVar, overload

from typing_extensions import Self

__version__: str
OK: int
ENOMEM: int
EARG: int
ENOTFOUND: int
EEXISTS: int
EIO: int
ESYNTAX: int
EINVALID: int
ELIMIT: int

_Path = str | bytes | os.PathLike[str] | os.PathLike[bytes]
_Text = str | bytes

class _BinaryFile(Protocol):
    """What report(file=...) and write_json() write to: an object whose write takes bytes (open(p, "wb"),
    sys.stdout.buffer, io.BytesIO, gzip.open(p, "wb")); a text file's write takes str."""
    def write(self, data: bytes, /) -> object: ...
_T = TypeVar("_T")
_E = TypeVar("_E")

# ---- enumerations: string enums whose values are the document identifiers ----

class _StrEnum(str, enum.Enum):
    @property
    def value(self) -> str: ...

class Facet(_StrEnum):
    ENHANCEMENT = 'enhancement'
    MISSION = 'mission'
    ADAPTIVE = 'adaptive'
    ANTICIPATORY = 'anticipatory'

class Purpose(_StrEnum):
    ENHANCEMENT = 'enhancement'
    MISSION = 'mission'
    ADAPTIVE = 'adaptive'
    ANTICIPATORY = 'anticipatory'
    ALL = 'all'

class Zone(_StrEnum):
    ENHANCEMENT = 'enhancement'
    MISSION = 'mission'
    ADAPTIVE = 'adaptive'
    ANTICIPATORY = 'anticipatory'
    SUSTAINING = 'sustaining'
    TRANSFORMATIVE = 'transformative'
    DISRUPTIVE = 'disruptive'
    OPTIMISING = 'optimising'
    MIXED = 'mixed'

class Stage(_StrEnum):
    IDEA = 'idea'
    EXPLORING = 'exploring'
    PILOTING = 'piloting'
    IMPLEMENTING = 'implementing'
    SCALING = 'scaling'
    EMBEDDED = 'embedded'
    STOPPED = 'stopped'

class Priority(_StrEnum):
    HIGH = 'high'
    MEDIUM = 'medium'
    LOW = 'low'

class Role(_StrEnum):
    INDIVIDUAL = 'individual'
    TEAM = 'team'
    SENIOR_MANAGEMENT = 'senior-management'
    STEWARD = 'steward'
    EXTERNAL = 'external'

class GovLevel(_StrEnum):
    NATIONAL = 'national'
    REGIONAL = 'regional'
    LOCAL = 'local'
    AGENCY = 'agency'
    TEAM = 'team'
    OTHER = 'other'

class Sector(_StrEnum):
    ECONOMIC = 'economic'
    EDUCATION = 'education'
    EMPLOYMENT = 'employment'
    ENVIRONMENTAL = 'environmental'
    EXTERNAL = 'external'
    HEALTH = 'health'
    HOUSING = 'housing'
    INFORMATION = 'information'
    PUBLIC_ADMIN = 'public_admin'
    PUBLIC_ORDER = 'public_order'
    RECREATION = 'recreation'
    SCIENCE = 'science'
    TRANSPORT = 'transport'

class LinkKind(_StrEnum):
    SYNERGY = 'synergy'
    DEPENDENCY = 'dependency'
    CONFLICT = 'conflict'
    DUPLICATE = 'duplicate'

class Choice(_StrEnum):
    YES = 'yes'
    NO = 'no'
    UNSURE = 'unsure'

class Dimension(_StrEnum):
    SENSE_MAKING = 'sense-making'
    STEWARDSHIP = 'stewardship'
    STRUCTURES = 'structures'
    RESOURCES = 'resources'
    LEARNING = 'learning'
    ECOSYSTEM = 'ecosystem'

class Level(_StrEnum):
    LOW = 'low'
    MEDIUM = 'medium'
    HIGH = 'high'

class Weighting(_StrEnum):
    COUNT = 'count'
    PRIORITY = 'priority'
    BUDGET = 'budget'
    FTE = 'fte'

class RelationKind(_StrEnum):
    SYNERGY = 'synergy'
    TENSION = 'tension'
    DUPLICATE = 'duplicate'
    HANDOVER = 'handover'

class AdviceKind(_StrEnum):
    STRENGTH = 'strength'
    ACTION = 'action'
    WARNING = 'warning'
    INFO = 'info'

class ReportFormat(_StrEnum):
    TEXT = 'text'
    MD = 'md'
    HTML = 'html'
    JSON = 'json'
    CSV = 'csv'
    CSV_ASSESSMENTS = 'csv-assessments'

class ScoreMode(_StrEnum):
    PET = 'pet'
    NORMALISED = 'normalised'
    PET_PUBLISHED = 'pet-published'

class Form(_StrEnum):
    AGREE = 'agree'
    AGREE_HALF = 'agree-half'
    AGREE_REVERSED = 'agree-reversed'
    RANK = 'rank'
    MULTI = 'multi'
    YES_NO = 'yes-no'

class Part(_StrEnum):
    ORIENTATION = 'orientation'
    CAPABILITY = 'capability'

# ---- errors ----

class Problem(NamedTuple):
    source: str
    line: int
    column: int
    message: str

class Error(Exception):
    message: str
    code: int
    source: str
    line: int
    column: int
    offset: int
    problems: list[Problem]
    def __init__(self, message: str, code: int = ..., source: str = ..., line: int = ..., column: int = ...,
                 offset: int = ..., problems: Iterable[Problem] = ...) -> None: ...

class ParseError(Error): ...

class ValidationError(Error):
    total: int
    summary: Summary

class FileError(Error, OSError): ...
class LimitError(Error): ...
class ArgumentError(Error, ValueError): ...
class ArgumentTypeError(ArgumentError, TypeError): ...
class NotFoundError(Error, KeyError): ...
class ExistsError(Error, ValueError): ...
class OutOfMemoryError(Error, MemoryError): ...
class ClosedError(Error, ValueError): ...

# ---- owned C objects ----

class _Owned:
    @property
    def closed(self) -> bool: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...

# ---- instruments ----

class Item:
    id: str
    text: str
    form: Form
    facet: Facet | None
    dimension: Dimension | None
    points: dict[str, float] | None
    def to_dict(self) -> dict[str, Any]: ...

class Option:
    id: str
    text: str
    facet: Facet | None
    points: float
    def to_dict(self) -> dict[str, Any]: ...

class Question:
    id: str
    text: str
    part: Part
    form: Form
    items: tuple[Item, ...]
    options: tuple[Option, ...]
    rank_points: tuple[float, ...] | None
    @property
    def answer_ids(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

class Instrument(_Owned):
    @classmethod
    def default(cls) -> Instrument: ...
    @classmethod
    def load(cls, path: _Path, **limits: int) -> Instrument: ...
    @classmethod
    def loads(cls, text: _Text, source: str = ..., **limits: int) -> Instrument: ...
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    def title_in(self, lang: str) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def languages(self) -> tuple[str, ...]: ...
    @property
    def path(self) -> str | None: ...
    def questions(self, lang: str | None = ...) -> list[Question]: ...
    def question(self, id: str, lang: str | None = ...) -> Question: ...
    def __getitem__(self, id: str) -> Question: ...
    def __contains__(self, id: object) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Question]: ...
    @property
    def answer_ids(self) -> list[str]: ...
    @overload
    def form(self, lang: str = ..., path: None = ...) -> str: ...
    @overload
    def form(self, lang: str, path: _Path) -> None: ...
    @overload
    def template(self, lang: str | None = ..., path: None = ...) -> str: ...
    @overload
    def template(self, lang: str | None, path: _Path) -> None: ...

_InstrumentArg = Instrument | _Path | None

# ---- results ----

class Record(Mapping[str, Any]):
    """A read-only record of a result: a mapping, and an object with attributes (any key of its JSON)."""
    def __getitem__(self, key: str) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...
    def __contains__(self, key: object) -> bool: ...
    def __getattr__(self, name: str) -> Any: ...
    def to_dict(self) -> dict[str, Any]: ...

class AssessmentScores(Record):
    respondent: str
    role: str | None
    completeness: float
    orientation: Record
    capability: Record

class Group(Record):
    n: int
    tendency: str | None
    capability_level: str | None
    metrics: Record

class Placement(Record):
    project: str
    id: str
    zone: str | None
    share: Record
    x: float
    y: float
    weight: float

class MetricChange(Record):
    name: str
    old: float | str | None
    new: float | str | None
    delta: float | None

class ProjectChange(Record):
    project: str
    id: str
    change: str
    old_zone: str | None
    new_zone: str | None

class Relation(Record):
    kind: str
    a: str
    b: str
    similarity: float
    tag_jaccard: float
    partner_jaccard: float
    explicit: bool
    link_kind: str | None
    shared_tags: list[str]
    shared_partners: list[str]

class _Keyed(Generic[_E]):
    """len, iteration, [key] / [index] / [slice], in, get(key, default), keys()."""
    @overload
    def __getitem__(self, key: int | str | tuple[str, str | None]) -> _E: ...
    @overload
    def __getitem__(self, key: slice) -> list[_E]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_E]: ...
    def __contains__(self, key: object) -> bool: ...
    @overload
    def get(self, key: Any) -> _E | None: ...
    @overload
    def get(self, key: Any, default: _T) -> _E | _T: ...
    def keys(self) -> list[Any]: ...

class Result(_Owned):
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

class Scores(_Keyed[AssessmentScores], Result):
    options: Record
    assessments: list[AssessmentScores]
    overall: Group
    roles: Mapping[str, Group]
    flags: list[Record]
    def keys(self) -> list[str]: ...
    def divergence(self, metric: str, role_a: Role | str, role_b: Role | str) -> float: ...
    def to_json(self, anonymous: bool = ...) -> str: ...
    def write_json(self, file: _BinaryFile, anonymous: bool = ...) -> None: ...
    def diamond_svg(self, lang: str = ..., width: int = ...) -> str: ...
    def capability_svg(self, lang: str = ..., width: int = ...) -> str: ...
    def roles_svg(self, lang: str = ..., width: int = ...) -> str: ...

class Map(_Keyed[Placement], Result):
    weighting: str
    projects: list[Placement]
    metrics: Record
    def keys(self) -> list[str]: ...
    def write_json(self, file: _BinaryFile) -> None: ...
    def to_svg(self, lang: str = ..., width: int = ..., titles: bool = ...) -> str: ...
    def targets_svg(self, lang: str = ..., width: int = ...) -> str: ...

class Comparison(_Keyed[MetricChange], Result):
    instruments: Record
    metrics: list[MetricChange]
    projects: list[ProjectChange]
    def keys(self) -> list[str]: ...
    def to_svg(self, lang: str = ..., width: int = ...) -> str: ...

class Relations(_Keyed[Relation], Result):
    options: Record
    pairs_examined: int
    counts: Mapping[str, int]
    relations: list[Relation]
    def keys(self) -> list[tuple[str, str]]: ...
    def of_kind(self, kind: RelationKind | str) -> list[Relation]: ...
    def write_json(self, file: _BinaryFile) -> None: ...

class Recommendation:
    rule: str
    kind: AdviceKind
    priority: int
    subject_kind: str | None
    subject: str | None
    message: str
    lang: str
    evidence: dict[str, float | str]
    def to_dict(self) -> dict[str, Any]: ...

class Advice(_Keyed[Recommendation], Result):
    def keys(self) -> list[str]: ...
    def of_rule(self, rule: str) -> list[Recommendation]: ...

class Analysis:
    scores: Scores
    map: Map
    relations: Relations
    advice: Advice
    def __init__(self, scores: Scores, map: Map, relations: Relations, advice: Advice) -> None: ...
    def __iter__(self) -> Iterator[Scores | Map | Relations | Advice]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...

class Rules(Result):
    @classmethod
    def default(cls) -> Rules: ...
    @classmethod
    def load(cls, path: _Path) -> Rules: ...
    @classmethod
    def loads(cls, text: _Text, source: str = ...) -> Rules: ...
    def merge(self, other: Rules) -> Rules: ...
    @property
    def ids(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[str]: ...
    def __contains__(self, rule: object) -> bool: ...

# ---- documents ----

_FacetValues = Mapping[Facet | str, float] | Sequence[float]
_Date = datetime.date | str

class Organisation:
    name: str | None
    country: str | None
    @property
    def level(self) -> GovLevel | None: ...
    @level.setter
    def level(self, value: GovLevel | str | None) -> None: ...
    people: int | None
    @property
    def sectors(self) -> frozenset[Sector]: ...
    @sectors.setter
    def sectors(self, values: Iterable[Sector | str] | str | None) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class Project:
    @property
    def id(self) -> str: ...
    title: str | None
    unit: str | None
    @property
    def purpose(self) -> Purpose | None: ...
    @purpose.setter
    def purpose(self, value: Purpose | str | None) -> None: ...
    @property
    def driver(self) -> Facet | None: ...
    @driver.setter
    def driver(self, value: Facet | str | None) -> None: ...
    @property
    def priority(self) -> Priority | None: ...
    @priority.setter
    def priority(self, value: Priority | str | None) -> None: ...
    @property
    def stage(self) -> Stage | None: ...
    @stage.setter
    def stage(self, value: Stage | str | None) -> None: ...
    budget: float | None
    fte: float | None
    @property
    def start(self) -> datetime.date | None: ...
    @start.setter
    def start(self, value: _Date | None) -> None: ...
    @property
    def end(self) -> datetime.date | None: ...
    @end.setter
    def end(self, value: _Date | None) -> None: ...
    @property
    def tags(self) -> tuple[str, ...]: ...
    @tags.setter
    def tags(self, value: Iterable[str] | None) -> None: ...
    @property
    def partners(self) -> tuple[str, ...]: ...
    @partners.setter
    def partners(self, value: Iterable[str] | None) -> None: ...
    @property
    def facets(self) -> dict[str, float] | None: ...
    @facets.setter
    def facets(self, value: _FacetValues | None) -> None: ...
    @property
    def links(self) -> dict[str, LinkKind]: ...
    @links.setter
    def links(self, value: Mapping[str, LinkKind | str] | None) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

_Answer = int | str | Choice | Sequence[str]

class Assessment:
    @property
    def respondent(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def role(self) -> Role | None: ...
    @role.setter
    def role(self, value: Role | str | None) -> None: ...
    unit: str | None
    @property
    def date(self) -> datetime.date | None: ...
    @date.setter
    def date(self, value: _Date | None) -> None: ...
    @property
    def answers(self) -> dict[str, int | str | list[str]]: ...
    def answer(self, item: str, value: _Answer) -> None: ...
    def clear_answer(self, item: str) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...

class _ChildList(Generic[_E]):
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_E]: ...
    @overload
    def __getitem__(self, key: int | str) -> _E: ...
    @overload
    def __getitem__(self, key: slice) -> list[_E]: ...
    @overload
    def get(self, key: int | str) -> _E | None: ...
    @overload
    def get(self, key: int | str, default: _T) -> _E | _T: ...
    def __contains__(self, key: object) -> bool: ...
    def __delitem__(self, key: str | _E) -> None: ...
    def remove(self, key: str | _E) -> None: ...
    def ids(self) -> list[str]: ...

class Summary(NamedTuple):
    files: int
    added: int
    replaced: int
    refused: int
    def to_dict(self) -> dict[str, int]: ...

class Document(_Owned):
    def __init__(self, instrument: Instrument | str | None = ...) -> None: ...
    def _repr_html_(self) -> str: ...
    def dump(self) -> str: ...
    def save(self, path: _Path) -> None: ...
    def validate(self) -> None: ...
    @property
    def problems(self) -> list[Problem]: ...
    @property
    def instrument(self) -> Instrument: ...
    @instrument.setter
    def instrument(self, value: _Path) -> None: ...
    @property
    def organisation(self) -> Organisation: ...
    @property
    def targets(self) -> dict[str, float] | None: ...
    @targets.setter
    def targets(self, value: _FacetValues | None) -> None: ...
    @property
    def projects(self) -> _ChildList[Project]: ...
    @property
    def assessments(self) -> _ChildList[Assessment]: ...
    def add_project(self, id: str, *, title: str | None = ..., unit: str | None = ...,
                    purpose: Purpose | str | None = ..., driver: Facet | str | None = ...,
                    priority: Priority | str | None = ..., stage: Stage | str | None = ...,
                    budget: float | None = ..., fte: float | None = ..., start: _Date | None = ...,
                    end: _Date | None = ..., tags: Iterable[str] | None = ..., partners: Iterable[str] | None = ...,
                    facets: _FacetValues | None = ..., links: Mapping[str, LinkKind | str] | None = ...) -> Project: ...
    def add_assessment(self, respondent: str, role: Role | str | None = ..., unit: str | None = ...,
                       date: _Date | None = ..., answers: Mapping[str, _Answer] | None = ...) -> Assessment: ...
    def collect(self, paths: Sequence[_Path], replace: bool = ..., **limits: int) -> Summary: ...
    def collect_text(self, text: _Text, source: str = ..., replace: bool = ..., **limits: int) -> Summary: ...
    def score(self, mode: ScoreMode | str = ..., strict: bool = ..., strong_threshold: float | None = ..., *,
              completeness_floor: float | None = ..., include_incomplete: bool = ...) -> Scores: ...
    def map(self, weight: Weighting | str = ..., scores: Scores | None = ..., mode: ScoreMode | str = ..., *,
            completeness_floor: float | None = ..., include_incomplete: bool = ...) -> Map: ...
    def compare(self, other: Document, mode: ScoreMode | str = ..., weight: Weighting | str = ...,
                allow_different_instruments: bool = ..., *, completeness_floor: float | None = ..., include_incomplete: bool = ...) -> Comparison: ...
    def relations(self, *, tag_weight: float = ..., partner_weight: float = ..., threshold: float = ...,
                  duplicate_threshold: float = ..., top_k: int = ..., common_share: float = ...,
                  common_min: int = ..., work_limit: int = ...) -> Relations: ...
    def synergies(self, *, tag_weight: float = ..., partner_weight: float = ..., threshold: float = ...,
                  duplicate_threshold: float = ..., top_k: int = ..., common_share: float = ...,
                  common_min: int = ..., work_limit: int = ...) -> Relations: ...
    def analyse(self, lang: str = ..., rules: Rules | _Path | None = ..., mode: ScoreMode | str = ...,
                weight: Weighting | str = ..., *, completeness_floor: float | None = ..., include_incomplete: bool = ...) -> Analysis: ...
    def recommend(self, lang: str = ..., rules: Rules | _Path | None = ..., mode: ScoreMode | str = ...,
                  weight: Weighting | str = ..., *, completeness_floor: float | None = ..., include_incomplete: bool = ...) -> Advice: ...
    @overload
    def report(self, format: ReportFormat | str = ..., lang: str = ..., mode: ScoreMode | str = ...,
               weight: Weighting | str = ..., anonymous: bool = ..., color: bool = ...,
               rules: Rules | _Path | None = ..., path: None = ..., *, file: None = ...,
               completeness_floor: float | None = ..., include_incomplete: bool = ...,
               respondents: bool = ..., min_group: int | None = ...,
               since: Document | None = ...) -> str: ...
    @overload
    def report(self, format: ReportFormat | str = ..., lang: str = ..., mode: ScoreMode | str = ...,
               weight: Weighting | str = ..., anonymous: bool = ..., color: bool = ...,
               rules: Rules | _Path | None = ..., *, path: _Path, file: None = ...,
               completeness_floor: float | None = ..., include_incomplete: bool = ...,
               respondents: bool = ..., min_group: int | None = ...,
               since: Document | None = ...) -> None: ...
    @overload
    def report(self, format: ReportFormat | str = ..., lang: str = ..., mode: ScoreMode | str = ...,
               weight: Weighting | str = ..., anonymous: bool = ..., color: bool = ...,
               rules: Rules | _Path | None = ..., path: None = ..., *, file: _BinaryFile,
               completeness_floor: float | None = ..., include_incomplete: bool = ...,
               respondents: bool = ..., min_group: int | None = ...,
               since: Document | None = ...) -> None: ...

_Files = Literal["any", "folder", "none"]

def load(path: _Path, instrument: _InstrumentArg = ..., *, files: _Files = ..., max_bytes: int = ...,
         max_depth: int = ..., max_string: int = ..., max_items: int = ..., max_diagnostics: int = ...) -> Document: ...
def loads(text: _Text, source: str = ..., instrument: _InstrumentArg = ..., *, files: _Files | None = ...,
          folder: _Path | None = ..., max_bytes: int = ..., max_depth: int = ..., max_string: int = ...,
          max_items: int = ..., max_diagnostics: int = ...) -> Document: ...

@overload
def form(instrument: _InstrumentArg = ..., lang: str = ..., path: None = ...) -> str: ...
@overload
def form(instrument: _InstrumentArg, lang: str, path: _Path) -> None: ...
@overload
def form(instrument: _InstrumentArg = ..., lang: str = ..., *, path: _Path) -> None: ...
@overload
def template(instrument: _InstrumentArg = ..., lang: str | None = ..., path: None = ...) -> str: ...
@overload
def template(instrument: _InstrumentArg, lang: str | None, path: _Path) -> None: ...
@overload
def template(instrument: _InstrumentArg = ..., lang: str | None = ..., *, path: _Path) -> None: ...

# ---- CSV imports ----

class ImportMap(_Owned):
    @classmethod
    def load(cls, path: _Path, **limits: int) -> ImportMap: ...
    @classmethod
    def loads(cls, text: _Text, source: str = ..., **limits: int) -> ImportMap: ...
    @property
    def kind(self) -> Literal["answers", "projects"]: ...

_MapArg = ImportMap | _Path | None

def import_answers(path: _Path, map: _MapArg = ..., instrument: Instrument | _Path | None = ...,
                   separator: str | None = ..., **limits: int) -> Document: ...
def import_answers_text(text: _Text, source: str = ..., map: _MapArg = ..., instrument: Instrument | _Path | None = ...,
                        separator: str | None = ..., **limits: int) -> Document: ...
def import_projects(path: _Path, map: _MapArg = ..., separator: str | None = ..., **limits: int) -> Document: ...
def import_projects_text(text: _Text, source: str = ..., map: _MapArg = ..., separator: str | None = ...,
                         **limits: int) -> Document: ...
