import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from annotator.core.annotations import add_annotation, article_annotations
from annotator.core.articles import list_articles
from annotator.core.codebook import list_tags
from annotator.core.coders import ensure_coder
from annotator.core.errors import NewerSchemaError, NotAProjectError
from annotator.core.project import _head_revisions, open_project
from tests.helpers import add_text_article


def test_a_new_file_is_migrated_to_head_with_wal_and_foreign_keys(project_path: Path) -> None:
    with open_project(project_path) as project:
        with project.engine.connect() as conn:
            revision = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
            tables = set(sa.inspect(conn).get_table_names())
        assert revision == _head_revisions()[1]
        assert {"article", "tag", "coder", "annotation", "coder_article_status"} <= tables
        assert [t.name for t in list_tags(project)] == [
            "pledge",
            "caveat",
            "criticism",
            "statistic",
        ]
        assert [t.shortcut for t in list_tags(project)] == [1, 2, 3, 4]


def test_everything_survives_close_and_reopen(project_path: Path) -> None:
    text = "Pledge: the city will plant 10,000 trees.\n\nCritics doubt it."
    with open_project(project_path) as project:
        stored = add_text_article(project, text)
        coder = ensure_coder(project, "Ada")
        tag = list_tags(project)[0]
        made = add_annotation(project, stored.article_id, tag.id, coder.id, 0, 6, "first")
    with open_project(project_path, create=False) as project:
        articles = list_articles(project)
        assert [(a.title, a.annotations) for a in articles] == [
            ("Pledge: the city will plant 10,000 trees.", 1)
        ]
        [again] = article_annotations(project, stored.article_id)
        assert again == made
        assert again.quote == "Pledge"


def test_deleting_an_article_deletes_its_annotations(project_path: Path) -> None:
    from annotator.core.models import Annotation, Article  # noqa: PLC0415

    with open_project(project_path) as project:
        stored = add_text_article(project, "Some text to code.")
        coder = ensure_coder(project, "Ada")
        add_annotation(project, stored.article_id, list_tags(project)[0].id, coder.id, 0, 4)
        with project.session() as session:
            session.delete(session.get(Article, stored.article_id))
        with project.session() as session:
            assert session.scalar(sa.select(sa.func.count()).select_from(Annotation)) == 0


def _fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a project", "utf-8")
    before = _fingerprint(path)
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(path)
    assert _fingerprint(path) == before


def test_another_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO things (name) VALUES ('x')")
    conn.close()
    before = _fingerprint(path)
    with pytest.raises(NotAProjectError, match="not an Annotator project"):
        open_project(path)
    assert _fingerprint(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_a_project_from_a_newer_version_is_refused_and_left_untouched(project_path: Path) -> None:
    open_project(project_path).close()
    with sqlite3.connect(project_path) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = _fingerprint(project_path)
    with pytest.raises(NewerSchemaError, match="newer version"):
        open_project(project_path)
    assert _fingerprint(project_path) == before


def test_a_missing_project_is_not_created_when_not_asked(tmp_path: Path) -> None:
    with pytest.raises(NotAProjectError, match="no project"):
        open_project(tmp_path / "missing.annotator", create=False)
    assert not (tmp_path / "missing.annotator").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotAProjectError, match="folder"):
        open_project(tmp_path)


def test_an_older_project_is_backed_up_then_migrated(project_path: Path) -> None:
    from alembic import command  # noqa: PLC0415

    from annotator.core.schema import alembic_config  # noqa: PLC0415
    from annotator.core.sqlite_files import writing_engine  # noqa: PLC0415

    engine = writing_engine(project_path)
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(
            sa.text("INSERT INTO project_meta (key, value) VALUES ('application', 'annotator')")
        )
    engine.dispose()
    with open_project(project_path) as project, project.engine.connect() as conn:
        assert "review_decision" in sa.inspect(conn).get_table_names()
    backups = list(project_path.parent.glob("*.before-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    old.close()
