"""What a suggestion is, and the decisions a coder records on one: kept apart from the model
so that the window and the decisions can name them without loading the numerical libraries."""

from dataclasses import dataclass
from typing import Any

ACCEPTED = "accepted"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """An uncoded sentence the model finds likely for a tag; offsets in code points."""

    article_id: int
    tag_id: int
    start: int
    end: int
    quote: str
    score: float

    @property
    def place(self) -> tuple[int, int, int]:
        """Which passage it is (article, start, end): the same passage in a list read again,
        whatever its score there."""
        return (self.article_id, self.start, self.end)

    def as_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "quote": self.quote,
            "score": round(self.score, 4),
        }
