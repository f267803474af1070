"""Shared fixtures: isolated settings and data folders, fresh projects, the shared corpus."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import settings

from annotator.core.project import Project, open_project

# The same examples on every run: CI checks what was checked here, and a failure reproduces.
settings.register_profile("project", derandomize=True, deadline=None)
settings.load_profile("project")

REPO = Path(__file__).resolve().parents[1]
# ANNOTATOR_TEST_CORPUS points elsewhere; the test command uses it to check that the suite
# still collects without the corpus, as on a fresh clone.
CORPUS = Path(os.environ.get("ANNOTATOR_TEST_CORPUS") or REPO.parent / "shared" / "corpus")
CORPUS_MISSING = (
    "needs the shared corpus at ../shared/corpus beside the repository "
    "(absent on a fresh clone; CI has it)"
)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real settings or data folders."""
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "user-data"))
    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path / "user-config"))
    monkeypatch.setenv("ANNOTATOR_LOG_DIR", str(tmp_path / "user-logs"))


@pytest.fixture
def corpus() -> Path:
    """The shared corpus; tests that take it are skipped, with one reason, when it is absent."""
    if not CORPUS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the corpus tests: the shared corpus is missing at {CORPUS}")
        pytest.skip(CORPUS_MISSING)
    return CORPUS


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "study.annotator"


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with open_project(project_path) as opened:
        yield opened


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server the test command started."""
    base = os.environ.get("ANNOTATOR_TEST_PG_URL")
    if not base:
        if os.environ.get("CI"):
            pytest.fail("CI must run the team tests: ANNOTATOR_TEST_PG_URL is not set")
        pytest.skip(
            "needs a PostgreSQL server: run scripts/test.sh with PostgreSQL installed "
            "(it starts a throwaway server), or set ANNOTATOR_TEST_PG_URL"
        )
    name = "annotator_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(base).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def either_backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where to make a project: a file, then a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "project.annotator")
    return str(request.getfixturevalue("pg_url"))
