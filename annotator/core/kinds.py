"""The fixed sets of values some columns hold, as plain enumerations: reading or checking
them needs neither the ORM nor the models."""

from enum import StrEnum


class CoderKind(StrEnum):
    PERSON = "person"
    CONSENSUS = "consensus"


class CodingStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"


class AttributeKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"


class TeamRole(StrEnum):
    LEAD = "lead"
    CODER = "coder"
