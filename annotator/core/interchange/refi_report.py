"""What a REFI-QDA import did, and everything in the file it did not bring in, with why."""

from dataclasses import dataclass, field


@dataclass
class RefiReport:
    articles_imported: int = 0
    articles_present: int = 0
    annotations_imported: int = 0
    annotations_present: int = 0
    new_tags: list[str] = field(default_factory=list)
    differing_tags: list[str] = field(default_factory=list)
    new_coders: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was done that a reader should know
    skipped: list[str] = field(default_factory=list)  # what was not imported, and why

    def lines(self) -> list[str]:
        out = [
            f"articles: {self.articles_imported} imported, {self.articles_present} already present",
            f"annotations: {self.annotations_imported} imported, "
            f"{self.annotations_present} already present",
        ]
        if self.new_tags:
            out.append("new tags: " + ", ".join(self.new_tags))
        if self.differing_tags:
            out.append(
                "tags kept as they are here, differing in the file: "
                + ", ".join(self.differing_tags)
            )
        if self.new_coders:
            out.append("new coders: " + ", ".join(self.new_coders))
        out.extend(f"note: {note}" for note in self.notes)
        out.extend(f"skipped: {reason}" for reason in self.skipped)
        return out


def listing(names: list[str], limit: int = 10) -> str:
    """Names for a report line, the first ``limit`` of them and how many more."""
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
