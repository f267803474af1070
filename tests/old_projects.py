"""Projects written by an older version of the application, built here with Alembic and plain
SQL (not with the code under test), for upgrade, backup and kill tests."""

import hashlib
import shutil
import sqlite3
import uuid
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from annotator.core import migrations

WORDS = ["the", "council", "pledged", "to", "plant", "trees", "while", "critics", "doubted"]


def old_project(path: Path, revision: str = "0001", articles: int = 3, per_article: int = 5) -> int:
    """A project file at schema ``revision`` holding articles and annotations, most of them
    still in its write-ahead log, as a program that crashed leaves it; the number of
    annotations."""
    final = path
    path = path.with_name(path.name + ".building")
    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    engine = sa.create_engine(sa.URL.create("sqlite", database=str(path)))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    now = "2024-01-01 00:00:00.000000"
    with conn:
        conn.execute("INSERT INTO project_meta VALUES ('application', 'annotator')")
        conn.execute(
            "INSERT INTO tag (name, color, definition, shortcut, position) "
            "VALUES ('pledge', '#77AADD', '', 1, 0)"
        )
        conn.execute("INSERT INTO coder (name, kind, created) VALUES ('Ada', 'person', ?)", (now,))
    count = 0
    for number in range(articles):
        text = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(60)) + f" {number}"
        uri = "urn:sha256:" + hashlib.sha256(text.encode()).hexdigest()
        with conn:
            cursor = conn.execute(
                "INSERT INTO article (uri, title, text, chars, source_kind, original_name, "
                "imported_at, author, outlet, published, url, language, position) "
                "VALUES (?, ?, ?, ?, 'txt', 'a.txt', ?, '', '', '', '', '', ?)",
                (uri, f"Article {number}", text, len(text), now, number),
            )
            article_id = cursor.lastrowid
        for index in range(per_article):
            start = index * 7
            quote = text[start : start + 5]
            with conn:
                conn.execute(
                    'INSERT INTO annotation (uuid, article_id, tag_id, coder_id, start, "end", '
                    "quote, note, created, modified, version) "
                    "VALUES (?, ?, 1, 1, ?, ?, ?, '', ?, ?, 1)",
                    (str(uuid.uuid4()), article_id, start, start + 5, quote, now, now),
                )
            count += 1
    # Copy the file and its log while the connection is open: the copy is what a crash
    # leaves behind, committed work not yet folded into the file.
    shutil.copyfile(path, final)
    shutil.copyfile(f"{path}-wal", f"{final}-wal")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return count


def annotation_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM annotation").fetchone()[0])
    finally:
        conn.close()
