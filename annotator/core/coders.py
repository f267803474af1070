"""Coders: the named people (and the consensus coder) whose annotations the project keeps."""

from typing import TYPE_CHECKING

import sqlalchemy as sa

from annotator.core.changes import StatusRow
from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder, CoderArticleStatus, CoderKind, CodingStatus, utcnow
from annotator.core.records import CoderRecord
from annotator.core.summaries import list_coders as list_coders  # noqa: PLC0414  (re-exported)
from annotator.core.upsert import dialect_insert

if TYPE_CHECKING:
    from annotator.core.project import Project

CODER_NAME_LIMIT = 200


def _record(coder: Coder) -> CoderRecord:
    return CoderRecord(id=coder.id, name=coder.name, kind=coder.kind)


def ensure_coder(project: "Project", name: str, kind: CoderKind = CoderKind.PERSON) -> CoderRecord:
    """The coder called ``name``, created when the project does not know it yet.

    Safe when several programs ask for the same new coder at once: the row is inserted only
    when missing (the database decides), then read back. In a project open read-only, a coder
    it does not know yet is one who has made nothing (id 0) and can make nothing.
    """
    clean = " ".join(name.split())
    if not clean:
        raise AnnotatorError("A coder needs a name.")
    if len(clean) > CODER_NAME_LIMIT:
        raise AnnotatorError(
            f"A coder's name can have at most {CODER_NAME_LIMIT} characters; "
            f"this one has {len(clean)}."
        )
    with project.session() as session:
        coder = session.scalar(sa.select(Coder).where(Coder.name == clean))
        if coder is not None:
            return _record(coder)
    if project.read_only:
        return CoderRecord(id=0, name=clean, kind=kind.value)
    with project.session() as session:
        insert = dialect_insert(session)
        session.execute(
            insert(Coder)
            .values(name=clean, kind=kind.value, created=utcnow())
            .on_conflict_do_nothing(index_elements=[Coder.name])
        )
        coder = session.scalar(sa.select(Coder).where(Coder.name == clean))
        assert coder is not None
        return _record(coder)


def get_status(project: "Project", coder_id: int, article_id: int) -> CodingStatus:
    with project.session() as session:
        row = session.get(CoderArticleStatus, (coder_id, article_id))
        return CodingStatus(row.status) if row else CodingStatus.NOT_STARTED


def set_status(
    project: "Project", coder_id: int, article_id: int, status: CodingStatus
) -> CodingStatus:
    """Set the coder's status for an article; returns the status it had before."""
    from annotator.core.annotation_writes import writing  # noqa: PLC0415

    with writing(project) as writer:
        before = writer.set_status(coder_id, article_id, status)
    return CodingStatus(before[0]) if before else CodingStatus.NOT_STARTED


def rename_coder(project: "Project", coder_id: int, name: str) -> CoderRecord:
    """Give a coder a new name; every annotation of theirs follows."""
    clean = " ".join(name.split())
    if not clean:
        raise AnnotatorError("A coder needs a name.")
    with project.session() as session:
        clash = session.scalar(sa.select(Coder).where(Coder.name == clean, Coder.id != coder_id))
        if clash is not None:
            raise AnnotatorError(f"There is already a coder named {clean!r}.")
        coder = session.get(Coder, coder_id)
        if coder is None:
            raise AnnotatorError("That coder no longer exists.")
        coder.name = clean
        return _record(coder)


def consensus_coder(project: "Project") -> CoderRecord:
    """The coder whose annotations are the settled, adjudicated ones."""
    with project.session() as session:
        coder = session.scalar(
            sa.select(Coder).where(Coder.kind == CoderKind.CONSENSUS.value).order_by(Coder.id)
        )
        if coder is not None:
            return _record(coder)
    name = "Consensus"
    with project.session() as session:
        while session.scalar(sa.select(Coder.id).where(Coder.name == name)) is not None:
            name += "*"
    return ensure_coder(project, name, CoderKind.CONSENSUS)


def statuses(project: "Project", coder_id: int) -> dict[int, CodingStatus]:
    """The coder's status for every article that has one."""
    query = sa.select(CoderArticleStatus.article_id, CoderArticleStatus.status).where(
        CoderArticleStatus.coder_id == coder_id
    )
    with project.session() as session:
        # Core rows: 10,000 statuses need none of the ORM's row handling.
        rows = session.connection().execute(query).all()
    known = {s.value: s for s in CodingStatus}
    return {article_id: known.get(status) or CodingStatus(status) for article_id, status in rows}


def status_row(project: "Project", coder_id: int, article_id: int) -> StatusRow:
    """The stored status row as it is (None when there is none), for an exact undo."""
    with project.session() as session:
        row = session.get(CoderArticleStatus, (coder_id, article_id))
        return (row.status, row.modified) if row is not None else None
