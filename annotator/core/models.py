"""The project's tables as SQLAlchemy 2 typed models. Times are naive UTC."""

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from annotator.core.kinds import AttributeKind as AttributeKind  # noqa: PLC0414  (re-exported)
from annotator.core.kinds import CoderKind as CoderKind  # noqa: PLC0414  (re-exported)
from annotator.core.kinds import CodingStatus as CodingStatus  # noqa: PLC0414  (re-exported)
from annotator.core.kinds import TeamRole as TeamRole  # noqa: PLC0414  (re-exported)


def utcnow() -> datetime:
    """The current time as naive UTC, the form every stored time takes."""
    return datetime.now(UTC).replace(tzinfo=None)


def parse_utc(value: object) -> datetime | None:
    """An ISO 8601 time from outside as naive UTC; None when it is missing or not a time."""
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


class Base(DeclarativeBase):
    pass


class ProjectMeta(Base):
    """Key/value facts about the project; the row ``application`` marks a project file."""

    __tablename__ = "project_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProjectSetting(Base):
    """A setting the whole project shares (every coder sees the same), as text by name; the
    project's lead changes them (see `project_settings`)."""

    __tablename__ = "project_setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Article(Base):
    __tablename__ = "article"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uri: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    source_kind: Mapped[str] = mapped_column(String(16))
    original_name: Mapped[str] = mapped_column(Text, default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    author: Mapped[str] = mapped_column(Text, default="")
    outlet: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(32), default="")
    url: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    original: Mapped["ArticleFile | None"] = relationship(
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )
    # Lists of articles come in this order: a window of them is read from the index, never
    # by scanning the table (whose rows hold the texts).
    __table_args__ = (Index("ix_article_position", "position", "id"),)


class ArticleFile(Base):
    """The original file an article was extracted from, so it can be re-extracted later."""

    __tablename__ = "article_file"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    path: Mapped[str] = mapped_column(Text, default="")
    article: Mapped[Article] = relationship(back_populates="original")


class ArticlePage(Base):
    """Where each page of a paginated source (PDF) lies in the canonical text."""

    __tablename__ = "article_page"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    color: Mapped[str] = mapped_column(String(9))
    definition: Mapped[str] = mapped_column(Text, default="")
    shortcut: Mapped[int | None] = mapped_column(Integer, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tag.id", ondelete="SET NULL"), nullable=True
    )
    __table_args__ = (
        CheckConstraint("shortcut IS NULL OR (shortcut BETWEEN 1 AND 9)", name="tag_shortcut"),
    )


class Coder(Base):
    __tablename__ = "coder"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=CoderKind.PERSON.value)
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Annotation(Base):
    """One span of one article, one tag, one coder. Offsets are code points, half-open."""

    __tablename__ = "annotation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Raised by one on every write (undo and redo included) by the one write path, which
    # states the version it expects: a mismatch is another writer's edit, never overwritten.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __table_args__ = (
        CheckConstraint('start >= 0 AND start < "end"', name="annotation_span"),
        # An article's spans (place, tag, coder) from the index alone: opening a densely
        # coded article and counting an article's spans by tag read no table rows.
        Index("ix_annotation_article_spans", "article_id", "start", "end", "tag_id", "coder_id"),
        Index("ix_annotation_tag", "tag_id"),
        Index("ix_annotation_coder", "coder_id"),
        # Every span of a tag, in article order: the tag table's windows without a sort.
        Index("ix_annotation_tag_article", "tag_id", "article_id", "start"),
        # An id is never handed out twice, so an undo that brings an annotation back gets
        # its own id again and a stale id can never reach another annotation.
        {"sqlite_autoincrement": True},
    )


class AnnotationTombstone(Base):
    """A deleted annotation's identity and last version, so that a merge carries the deletion
    instead of bringing the annotation back from a colleague's older copy."""

    __tablename__ = "annotation_tombstone"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)  # the deletion's own version
    deleted: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CoderArticleStatus(Base):
    __tablename__ = "coder_article_status"
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    status: Mapped[str] = mapped_column(String(16), default=CodingStatus.NOT_STARTED.value)
    modified: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReviewDecision(Base):
    """How a disagreement between two coders over one stretch of an article was settled."""

    __tablename__ = "review_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    coder_a_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    coder_b_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        Index("ix_review_decision_article", "article_id", "coder_a_id", "coder_b_id"),
    )


class Attribute(Base):
    """An attribute the researcher defines for articles (company, country, article type...)."""

    __tablename__ = "attribute"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16), default=AttributeKind.TEXT.value)
    choices: Mapped[str] = mapped_column(Text, default="")  # JSON list, for a fixed list
    position: Mapped[int] = mapped_column(Integer, default=0)


class ArticleAttribute(Base):
    """One article's value of one attribute, as text: numbers in their plain decimal form,
    dates as ISO 8601 (YYYY-MM-DD), a choice as the chosen value."""

    __tablename__ = "article_attribute"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    attribute_id: Mapped[int] = mapped_column(
        ForeignKey("attribute.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_article_attribute_attribute", "attribute_id", "value"),)


class TeamMember(Base):
    """A member of a team's project on a server: the database login they connect with, the
    coder they code as, and their role (the database enforces what each role may change)."""

    __tablename__ = "team_member"
    login: Mapped[str] = mapped_column(String(63), primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"), unique=True)
    role: Mapped[str] = mapped_column(String(16), default=TeamRole.CODER.value)


class ReliabilityDraw(Base):
    """One draw of the reliability sample: what was asked, and the seed that reproduces it.
    The newest draw is the project's reliability sample."""

    __tablename__ = "reliability_draw"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seed: Mapped[int] = mapped_column(Integer)
    requested: Mapped[str] = mapped_column(String(32))  # "20%" or "15"
    coders_per_article: Mapped[int] = mapped_column(Integer, default=2)
    attribute_id: Mapped[int | None] = mapped_column(
        ForeignKey("attribute.id", ondelete="SET NULL"), nullable=True
    )
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ReliabilityArticle(Base):
    """An article of a reliability draw, with the stratum (attribute value) it was drawn from."""

    __tablename__ = "reliability_article"
    draw_id: Mapped[int] = mapped_column(
        ForeignKey("reliability_draw.id", ondelete="CASCADE"), primary_key=True
    )
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    stratum: Mapped[str] = mapped_column(Text, default="")


class Assignment(Base):
    """An article a coder is asked to code; ``draw_id`` when the reliability draw set it."""

    __tablename__ = "assignment"
    article_id: Mapped[int] = mapped_column(
        ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    )
    coder_id: Mapped[int] = mapped_column(
        ForeignKey("coder.id", ondelete="CASCADE"), primary_key=True
    )
    draw_id: Mapped[int | None] = mapped_column(
        ForeignKey("reliability_draw.id", ondelete="SET NULL"), nullable=True
    )
    assigned: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_assignment_coder", "coder_id"),)


class ChangeLog(Base):
    """What each committed write changed, written by database triggers, so that the other
    windows on the same project can show it: ``client`` names the program that wrote it,
    ``txid`` its transaction on PostgreSQL (the NOTIFY payload), ``detail`` the row as it was
    before (JSON) for changes and deletions."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    txid: Mapped[int] = mapped_column(BigInteger, default=0)
    client: Mapped[str] = mapped_column(String(40), default="")
    kind: Mapped[str] = mapped_column(String(40))  # the table
    op: Mapped[str] = mapped_column(String(1))  # I, U or D
    row_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    article_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    coder_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (Index("ix_change_log_txid", "txid"), {"sqlite_autoincrement": True})


class SuggestionDecision(Base):
    """What a coder decided about a passage the tool suggested for a tag: accepted (the
    annotation it became, by UUID, with the score the model gave it, so an export can tell
    accepted suggestions apart) or rejected (a negative example the model learns from)."""

    __tablename__ = "suggestion_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))  # "accepted" or "rejected"
    score: Mapped[float] = mapped_column(Float)
    annotation_uuid: Mapped[str] = mapped_column(String(36), default="")
    created: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    __table_args__ = (
        Index("ix_suggestion_decision_tag_coder", "tag_id", "coder_id"),
        Index("ix_suggestion_decision_uuid", "annotation_uuid"),
    )
