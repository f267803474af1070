"""Live updates: what the other programs on the same project changed, announced on the
project's change feed with origin `ELSEWHERE`.

The database triggers write every change to the change log (migration 0006, change_log.py).
On PostgreSQL a dedicated connection LISTENs for the log's NOTIFY, which arrives once per
committed transaction, in commit order, carrying its transaction id. On SQLite a dedicated
connection polls ``PRAGMA data_version``, which changes when another connection commits, and
then reads the log rows it has not seen. Rows this program wrote itself (its client token)
are skipped: the core announced those already, as this program's own.
"""

import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from annotator.core.annotation_rows import RECORD_COLUMNS
from annotator.core.changes import ELSEWHERE, Changes, StatusChange
from annotator.core.models import Annotation, ChangeLog, CoderArticleStatus, parse_utc
from annotator.core.records import AnnotationRecord

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from annotator.core.project import Project

log = logging.getLogger(__name__)

CHANNEL = "annotator_changes"
EPOCH = datetime(1970, 1, 1)
ARTICLES = {"article", "attribute", "article_attribute"}
TEAM = {"assignment", "reliability_draw", "review_decision", "team_member"}


@dataclass(frozen=True, slots=True)
class LogRow:
    seq: int
    kind: str
    op: str
    row_id: int | None
    article_id: int | None
    coder_id: int | None
    detail: str


def _before(detail: str) -> AnnotationRecord | None:
    """The annotation as it was, from a log row's JSON copy."""
    try:
        old: Any = json.loads(detail)
        modified = parse_utc(str(old["modified"]).replace(" ", "T")) or EPOCH
        created = parse_utc(str(old["created"]).replace(" ", "T")) or modified
        return AnnotationRecord(
            id=int(old["id"]),
            uuid=str(old["uuid"]),
            article_id=int(old["article_id"]),
            tag_id=int(old["tag_id"]),
            coder_id=int(old["coder_id"]),
            start=int(old["start"]),
            end=int(old["end"]),
            quote=str(old.get("quote") or ""),
            note=str(old.get("note") or ""),
            created=created,
            modified=modified,
            version=int(old["version"]),
        )
    except (ValueError, KeyError, TypeError):
        log.warning("a change log row could not be read: %.200s", detail)
        return None


def changes_of(session: "Session", rows: Iterable[LogRow]) -> Changes:
    """What the logged rows changed, as the core announces its own writes: annotations as
    they are now (and as they were, for changes), statuses, and flags for the rest."""
    first: dict[int, LogRow] = {}
    last: dict[int, LogRow] = {}
    statuses: dict[tuple[int, int], None] = {}
    kinds: set[str] = set()
    for row in rows:
        kinds.add(row.kind)
        if row.kind == "annotation" and row.row_id is not None:
            first.setdefault(row.row_id, row)
            last[row.row_id] = row
        elif row.kind == "coder_article_status" and row.coder_id and row.article_id:
            statuses[(row.coder_id, row.article_id)] = None
    added: list[AnnotationRecord] = []
    changed: list[tuple[AnnotationRecord, AnnotationRecord]] = []
    removed: list[AnnotationRecord] = []
    stored = _records(session, [i for i, row in last.items() if row.op != "D"])
    for row_id, opening in first.items():
        closing = last[row_id]
        if opening.op != "I":
            before = _before(opening.detail)
            if before is None:
                continue
            if closing.op == "D":
                removed.append(before)
                continue
            now = stored.get(row_id)
            if now is None:
                continue  # deleted since (or not this member's to see): its notice follows
            if opening.op == "D":  # deleted, then brought back with the same id
                removed.append(before)
                added.append(now)
            else:
                changed.append((before, now))
        elif closing.op != "D":
            now = stored.get(row_id)
            if now is not None:
                added.append(now)
    status_changes = []
    now_statuses = _statuses(session, list(statuses))
    for key in statuses:
        status_changes.append(StatusChange(key[0], key[1], None, now_statuses.get(key)))
    return Changes(
        origin=ELSEWHERE,
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(removed),
        statuses=tuple(status_changes),
        tags="tag" in kinds,
        articles=bool(kinds & ARTICLES),
        coders="coder" in kinds,
        team=bool(kinds & TEAM),
        settings="project_setting" in kinds,
    )


def _records(session: "Session", ids: list[int]) -> dict[int, AnnotationRecord]:
    """The annotations as they are now, read in one query per thousand."""
    out: dict[int, AnnotationRecord] = {}
    for at in range(0, len(ids), 1000):
        chunk = ids[at : at + 1000]
        for row in session.execute(sa.select(*RECORD_COLUMNS).where(Annotation.id.in_(chunk))):
            record = AnnotationRecord(*row)
            out[record.id] = record
    return out


def _statuses(
    session: "Session", keys: list[tuple[int, int]]
) -> dict[tuple[int, int], tuple[str, datetime]]:
    if not keys:
        return {}
    coders = {c for c, _a in keys}
    articles = {a for _c, a in keys}
    rows = session.execute(
        sa.select(
            CoderArticleStatus.coder_id,
            CoderArticleStatus.article_id,
            CoderArticleStatus.status,
            CoderArticleStatus.modified,
        ).where(
            CoderArticleStatus.coder_id.in_(coders), CoderArticleStatus.article_id.in_(articles)
        )
    )
    return {(c, a): (status, modified) for c, a, status, modified in rows}


def _log_rows(session: "Session", query: Any) -> list[LogRow]:
    return [LogRow(*row) for row in session.execute(query)]


_COLUMNS = (
    ChangeLog.seq,
    ChangeLog.kind,
    ChangeLog.op,
    ChangeLog.row_id,
    ChangeLog.article_id,
    ChangeLog.coder_id,
    ChangeLog.detail,
)


class ChangeWatcher:
    """Announces the other programs' changes to ``project`` on its change feed.

    `start` runs it in a thread of its own; `poll` does one round in the caller's thread
    (tests and benchmarks wait on it without sleeping)."""

    def __init__(self, project: "Project", interval: float = 0.2) -> None:
        self.project = project
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._last_seq = 0
        self._data_version: int | None = None
        self._listener: Any = None
        self._raw: Any = None
        self.postgres = project.dialect == "postgresql"
        with project.session() as session:
            self._last_seq = session.scalar(sa.select(sa.func.max(ChangeLog.seq))) or 0
        self._connect()

    def _connect(self) -> None:
        engine = self.project.engine
        if self.postgres:
            import psycopg  # noqa: PLC0415

            args, kwargs = engine.dialect.create_connect_args(engine.url)
            self._listener = psycopg.connect(*args, **kwargs, autocommit=True)
            self._listener.execute(f"LISTEN {CHANNEL}")
        else:
            self._raw = engine.raw_connection()
            self._data_version = self._read_data_version()

    def _read_data_version(self) -> int:
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    # ----- one round -------------------------------------------------------------------------
    def poll(self, timeout: float = 0.0) -> Changes:
        """Wait up to ``timeout`` seconds for others' changes; announce and return them."""
        with self._lock:
            rows = self._pg_rows(timeout) if self.postgres else self._sqlite_rows()
            if not rows:
                return Changes(origin=ELSEWHERE)
            with self.project.session() as session:
                changes = changes_of(session, rows)
        if changes:
            log.debug("elsewhere: %d changes", changes.size)
            self.project.changes.publish(changes)
        return changes

    def _foreign(self, query: Any) -> list[LogRow]:
        query = query.where(ChangeLog.client != self.project.client).order_by(ChangeLog.seq)
        with self.project.session() as session:
            return _log_rows(session, query)

    def _pg_rows(self, timeout: float) -> list[LogRow]:
        txids: list[int] = []
        for notice in self._listener.notifies(timeout=timeout, stop_after=1):
            txids.append(int(notice.payload))
        if txids:  # all already waiting, without waiting any longer
            txids.extend(int(n.payload) for n in self._listener.notifies(timeout=0))
        if not txids:
            return []
        query = sa.select(*_COLUMNS).where(ChangeLog.txid.in_(list(dict.fromkeys(txids))))
        return self._foreign(query)

    def _sqlite_rows(self) -> list[LogRow]:
        version = self._read_data_version()
        if version == self._data_version:
            return []
        self._data_version = version
        query = sa.select(*_COLUMNS, ChangeLog.client).where(ChangeLog.seq > self._last_seq)
        with self.project.session() as session:
            rows = session.execute(query.order_by(ChangeLog.seq)).all()
        if rows:
            self._last_seq = rows[-1][0]
        return [LogRow(*row[:-1]) for row in rows if row[-1] != self.project.client]

    # ----- in a thread -----------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="change-watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll(self.interval)
            except Exception:  # the server went away: say so in the log, try again later
                log.warning("live updates paused; trying again in 5 s", exc_info=True)
                if self._stop.wait(5):
                    return
                self._reconnect()
                continue
            if not self.postgres:
                self._stop.wait(self.interval)

    def _reconnect(self) -> None:
        """Listen again; what was missed meanwhile is shown by reloading everything once."""
        with self._lock:
            self._close()
            try:
                self._connect()
            except Exception:
                log.warning("live updates still paused", exc_info=True)
                return
        self.project.changes.publish(Changes(origin=ELSEWHERE, articles=True, team=True))

    def _close(self) -> None:
        for connection in (self._listener, self._raw):
            if connection is not None:
                try:
                    connection.close()
                except Exception:
                    log.debug("closing a dead connection", exc_info=True)
        self._listener = self._raw = None

    def stop_thread(self) -> None:
        """Stop watching in the background; `poll` still works until `stop`."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def stop(self) -> None:
        self.stop_thread()
        with self._lock:
            self._close()
