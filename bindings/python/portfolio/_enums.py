"""The method's vocabularies as string enumerations.

Every member is also a ``str`` equal to the identifier written in documents
(``Facet.MISSION == "mission"``), so plain strings are accepted wherever an
enumeration is, and values read from results compare equal to members.
Members are read from the C library, so they always match it.
"""

import enum

from . import _capi
from ._args import show
from ._errors import ArgumentError, ArgumentTypeError

__all__ = [
    "Facet", "Purpose", "Zone", "Stage", "Priority", "Role", "GovLevel", "Sector", "LinkKind",
    "Choice", "Dimension", "Level", "Weighting", "RelationKind", "AdviceKind", "ReportFormat",
    "ScoreMode", "Form", "Part",
]


class _StrEnum(str, enum.Enum):
    def __str__(self):
        return self.value

    def __repr__(self):
        return f"<{type(self).__name__}.{self.name}: {self.value!r}>"


def _make(name, doc, name_fn, count):
    values = [name_fn(i) for i in range(count)]
    cls = _StrEnum(name, [(v.upper().replace("-", "_").replace("+", "_"), v) for v in values],
                   module=__name__, qualname=name)
    cls.__doc__ = doc
    cls._c_name = staticmethod(name_fn)
    return cls


Facet = _make("Facet", "The four innovation facets, in canonical order.", _capi.pf_facet_name, _capi.PF_FACET_COUNT)
Purpose = _make("Purpose", "What a project was created to do: a facet, or all of them.", _capi.pf_purpose_name, 5)
Zone = _make("Zone", "The nine zones of the facet diamond.", _capi.pf_zone_name, _capi.PF_ZONE_COUNT)
Stage = _make("Stage", "Where a project is in its life.", _capi.pf_stage_name, _capi.PF_STAGE_COUNT)
Priority = _make("Priority", "A project's priority.", _capi.pf_priority_name, _capi.PF_PRIORITY_COUNT)
Role = _make("Role", "The position from which a respondent answered.", _capi.pf_role_name, _capi.PF_ROLE_COUNT)
GovLevel = _make("GovLevel", "The level of government of an organisation.", _capi.pf_gov_level_name,
                 _capi.PF_GOV_LEVEL_COUNT)
Sector = _make("Sector", "Policy sectors an organisation works in.", _capi.pf_sector_name, _capi.PF_SECTOR_COUNT)
LinkKind = _make("LinkKind", "How two projects are explicitly related.", _capi.pf_link_kind_name,
                 _capi.PF_LINK_KIND_COUNT)
Choice = _make("Choice", "An answer to a yes/no/unsure item.", _capi.pf_choice_name, _capi.PF_CHOICE_COUNT)
Dimension = _make("Dimension", "The six dimensions of portfolio-management capability.", _capi.pf_dimension_name,
                  _capi.PF_DIMENSION_COUNT)
Level = _make("Level", "A low, medium or high band of a score.", _capi.pf_level_name, _capi.PF_LEVEL_COUNT)
Weighting = _make("Weighting", "What each project counts for in the portfolio's shares.", _capi.pf_weighting_name,
                  _capi.PF_WEIGHTING_COUNT)
RelationKind = _make("RelationKind", "How two projects relate.", _capi.pf_relation_kind_name,
                     _capi.PF_RELATION_KIND_COUNT)
AdviceKind = _make("AdviceKind", "What a recommendation is.", _capi.pf_advice_kind_name, _capi.PF_ADVICE_KIND_COUNT)
ReportFormat = _make("ReportFormat", "The shape of a report.", _capi.pf_report_format_name,
                     _capi.PF_REPORT_FORMAT_COUNT)
Form = _make("Form", "How an instrument's question or item is answered.", _capi.pf_form_name, _capi.PF_FORM_COUNT)
Part = _make("Part", "The part of an instrument a question belongs to.", _capi.pf_part_name, _capi.PF_PART_COUNT)
ScoreMode = _StrEnum("ScoreMode", [("PET", "pet"), ("NORMALISED", "normalised"), ("PET_PUBLISHED", "pet-published")],
                     module=__name__, qualname="ScoreMode")
ScoreMode.__doc__ = ("How answers become scores: the PET's stated rules, normalised, or as the published PET computed "
                     "them, defects included (docs/method.md 3.6).")
ScoreMode._c_name = staticmethod(lambda i: ("pet", "normalised", "pet-published")[i] if i in (0, 1, 2) else None)

_INDEX = {}
for _cls in (Facet, Purpose, Zone, Stage, Priority, Role, GovLevel, Sector, LinkKind, Choice, Dimension, Level,
             Weighting, RelationKind, AdviceKind, ReportFormat, ScoreMode, Form, Part):
    _INDEX[_cls] = {m.value: i for i, m in enumerate(_cls)}


def _to_c(cls, value, what, allow_none=False):
    """The C value of an enumeration member or identifier; -1 for None when allowed."""
    if value is None and allow_none:
        return -1
    if isinstance(value, cls):
        return _INDEX[cls][value.value]
    if isinstance(value, str) and value in _INDEX[cls]:
        return _INDEX[cls][value]
    choices = ", ".join(_INDEX[cls])
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{what}: expected one of {choices} (got {show(value)})", _capi.PF_EARG)
    raise ArgumentError(f"{what}: {show(value)} is not one of {choices}", _capi.PF_EARG)


def _from_c(cls, value):
    """The member for a C value, or None for an unset (negative) one."""
    if value is None or value < 0:
        return None
    return cls(cls._c_name(value))
