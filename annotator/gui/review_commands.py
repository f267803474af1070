"""Undoable review steps: settling one disagreement into the consensus coder's annotations."""

from typing import TYPE_CHECKING

from annotator.core.consensus import retake_agreed, take_agreed_records, untake_agreed
from annotator.core.errors import AnnotatorError
from annotator.core.records import AnnotationRecord
from annotator.core.review import Decision, Disagreement, Settlement, resettle, settle, unsettle
from annotator.gui.write_command import WriteCommand

if TYPE_CHECKING:
    from annotator.gui.review import ReviewWindow


class SettleCommand(WriteCommand):
    """One disagreement settled (and the agreed spans the consensus lacked copied with it)."""

    def __init__(
        self,
        review: "ReviewWindow",
        disagreement: Disagreement,
        decision: Decision,
        edited: list[tuple[int, int, int]] | None = None,
    ) -> None:
        super().__init__(review, f"settle: {decision.value}")
        self.review = review
        self.where = (review.article_id, review.coder_a, review.coder_b)
        self.disagreement = disagreement
        self.decision = decision
        self.edited = edited
        self.settlement: Settlement | None = None

    def perform(self) -> None:
        article, a, b = self.where
        self.settlement = settle(
            self.review.project, article, a, b, self.disagreement, self.decision, self.edited
        )
        self.review.reload(keep=self.disagreement)

    def _undo(self) -> None:
        assert self.settlement is not None
        self.settlement = unsettle(
            self.review.project, self.settlement, self.review.expected_version
        )
        self.review.reload(keep=self.disagreement)

    def _redo(self) -> None:
        assert self.settlement is not None
        self.settlement = resettle(self.review.project, self.settlement)
        self.review.reload(keep=self.disagreement)


class TakeAgreedCommand(WriteCommand):
    """The agreed annotations the consensus lacks, copied in one step (for an article with
    nothing left to settle, where no settlement brings them)."""

    def __init__(self, review: "ReviewWindow") -> None:
        super().__init__(review, "take the agreed annotations")
        self.review = review
        self.where = (review.article_id, review.coder_a, review.coder_b)
        self.copies: tuple[AnnotationRecord, ...] = ()

    def perform(self) -> None:
        self.copies = take_agreed_records(self.review.project, *self.where)
        if not self.copies:
            raise AnnotatorError("The consensus has every agreed annotation already.")
        self.review.reload()

    def _undo(self) -> None:
        self.copies = untake_agreed(self.review.project, self.copies, self.review.expected_version)
        self.review.reload()

    def _redo(self) -> None:
        self.copies = retake_agreed(self.review.project, self.copies)
        self.review.reload()
