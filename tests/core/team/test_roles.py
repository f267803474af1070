"""Roles hold on the server itself: a coder's connection cannot change another coder's rows
or the codebook, not even with SQL written by hand; the lead can."""

from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory

from annotator.core import migrations
from annotator.core.annotation_writes import add_annotation, change_annotation, delete_annotation
from annotator.core.codebook import list_tags
from annotator.core.errors import ConflictError, NotPermittedError
from annotator.core.models import TeamRole
from annotator.core.project import open_project
from annotator.core.team.roles import group_roles, membership
from tests.core.team.conftest import Team
from tests.helpers import add_text_article

pytestmark = pytest.mark.postgres
TEXT = "The council pledged to plant ten thousand trees, funding permitting."


def _raw(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """A hand-written SQL session, outside the application, as the member."""
    params = sa.make_url(url)
    return psycopg.connect(
        dbname=params.database,
        user=params.username,
        host=str(params.query["host"]),
        port=int(str(params.query["port"])),
    )


@pytest.fixture
def adas_annotation(team: Team) -> tuple[int, int]:
    with open_project(team.admin) as admin:
        article = add_text_article(admin, TEXT).article_id
    with open_project(team.url(team.ada)) as ada:
        me = membership(ada)
        assert me is not None
        tag = list_tags(ada)[0].id
        made = add_annotation(ada, article, tag, me.coder_id, 4, 11)
    return made.id, article


def test_each_member_is_known_with_their_role(team: Team) -> None:
    for member, role in ((team.lead, TeamRole.LEAD), (team.ada, TeamRole.CODER)):
        with open_project(team.url(member), create=False) as project:
            me = membership(project)
            assert me is not None
            assert (me.coder_name, me.role) == (member.name, role)
    with open_project(team.admin) as admin:
        assert membership(admin) is None  # the administrator is no member


def test_a_coders_hand_written_sql_cannot_touch_anothers_annotation(
    team: Team, adas_annotation: tuple[int, int]
) -> None:
    annotation_id, article = adas_annotation
    with _raw(team.url(team.bo)) as conn:
        updated = conn.execute(
            "UPDATE annotation SET note = 'overwritten', version = version + 1 WHERE id = %s",
            (annotation_id,),
        )
        deleted = conn.execute("DELETE FROM annotation WHERE id = %s", (annotation_id,))
        conn.commit()
        assert (updated.rowcount, deleted.rowcount) == (0, 0)
        # Coding is blind: Bo does not even read Ada's annotation, nor its trace in the log.
        assert conn.execute("SELECT * FROM annotation").fetchall() == []
        assert conn.execute("SELECT * FROM change_log WHERE kind = 'annotation'").fetchall() == []
        ada_coder = conn.execute(
            "SELECT coder_id FROM team_member WHERE login = %s", (team.ada.login,)
        ).fetchone()
        assert ada_coder is not None
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                'INSERT INTO annotation (uuid, article_id, tag_id, coder_id, start, "end", '
                "quote, note, created, modified, version) VALUES ('x', %s, 1, %s, 0, 3, "
                "'The', '', now(), now(), 1)",
                (article, ada_coder[0]),
            )
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="status"):
            conn.execute("UPDATE coder_article_status SET status = 'done'")
            conn.execute(
                "INSERT INTO coder_article_status VALUES (%s, %s, 'done', now())",
                (ada_coder[0], article),
            )
        conn.rollback()
    with open_project(team.admin) as admin, admin.session() as session:
        note, version = session.execute(
            sa.text("SELECT note, version FROM annotation WHERE id = :i"), {"i": annotation_id}
        ).one()
    assert (note, version) == ("", 1)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE tag SET name = 'hacked'",
        "INSERT INTO tag (name, color, definition, position) VALUES ('new', '#000000', '', 9)",
        "DELETE FROM tag",
        "UPDATE article SET title = 'hacked'",
        "DELETE FROM assignment",
        "UPDATE team_member SET role = 'lead'",
        "INSERT INTO coder (name, kind, created) VALUES ('Mallory', 'person', now())",
        "INSERT INTO assignment (article_id, coder_id) SELECT id, 1 FROM article",
        "UPDATE reliability_draw SET seed = 1",
        "DELETE FROM reliability_article",
        "DELETE FROM change_log",
        "TRUNCATE annotation",
        "ALTER TABLE annotation DISABLE ROW LEVEL SECURITY",
        "DROP POLICY coder_update ON annotation",
    ],
)
def test_a_coder_cannot_change_the_codebook_or_the_team(team: Team, statement: str) -> None:
    with _raw(team.url(team.bo)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement)


def test_the_application_says_plainly_when_a_coder_changes_anothers_annotation(
    team: Team, adas_annotation: tuple[int, int]
) -> None:
    annotation_id, _article = adas_annotation
    with open_project(team.url(team.bo)) as bo:
        # Bo cannot see Ada's annotation: to his connection it does not exist.
        with pytest.raises(ConflictError, match="no longer exists"):
            change_annotation(bo, annotation_id, expected_version=1, note="mine now")
        with pytest.raises(ConflictError, match="no longer exists"):
            delete_annotation(bo, annotation_id, expected_version=1)
        refused = pytest.raises(NotPermittedError, match="your role in the team does not allow")
        with refused, bo.session() as session:
            session.execute(sa.text("UPDATE tag SET name = 'mine'"))


def test_the_lead_changes_a_coders_annotation_and_the_codebook(
    team: Team, adas_annotation: tuple[int, int]
) -> None:
    annotation_id, _article = adas_annotation
    with open_project(team.url(team.lead)) as lead:
        _before, after = change_annotation(lead, annotation_id, expected_version=1, note="checked")
        assert after.version == 2
        with lead.session() as session:
            session.execute(sa.text("UPDATE tag SET definition = 'A promise' WHERE id = 1"))


def test_serve_init_prints_what_each_member_types_and_can_run_again(pg_url: str) -> None:
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    from annotator.cli.main import main  # noqa: PLC0415
    from tests.core.team.conftest import drop_roles  # noqa: PLC0415

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            assert (
                main(
                    [
                        "serve-init",
                        pg_url,
                        "--lead",
                        "Lena Q",
                        "--coder",
                        "Ada Q",
                        "--host",
                        "db.example.org",
                    ]
                )
                == 0
            )
            assert main(["serve-init", pg_url, "--lead", "Lena Q"]) == 0
        text = out.getvalue()
        database = sa.make_url(pg_url).database
        assert "host db.example.org, port" in text and f"database {database}, user lena_q" in text
        assert "user ada_q, password " in text
        assert "annotator postgresql+psycopg://ada_q@db.example.org:" in text
        assert "the password you already have" in text  # the second run kept the passwords
    finally:
        drop_roles(pg_url, ["lena_q", "ada_q", *group_roles(sa.make_url(pg_url).database or "")])


def test_a_coder_cannot_take_the_leads_role_or_give_away_their_own_work(
    team: Team, adas_annotation: tuple[int, int]
) -> None:
    annotation_id, _article = adas_annotation
    lead_group, _coder_group = group_roles(sa.make_url(team.admin).database or "")
    with _raw(team.url(team.ada)) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(f'SET ROLE "{lead_group}"')
        conn.rollback()
        bo = conn.execute(
            "SELECT coder_id FROM team_member WHERE login = %s", (team.bo.login,)
        ).fetchone()
        assert bo is not None
        # Her own annotation may not be made another coder's (row-level security's check).
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "UPDATE annotation SET coder_id = %s WHERE id = %s", (bo[0], annotation_id)
            )
        conn.rollback()
        # Her own annotation she may change.
        changed = conn.execute(
            "UPDATE annotation SET note = 'mine', version = version + 1 WHERE id = %s",
            (annotation_id,),
        )
        conn.commit()
        assert changed.rowcount == 1


def test_a_member_is_told_who_may_upgrade_an_older_project(team: Team) -> None:
    """Only the server's administrator owns the tables; a member's newer program refuses to
    open an older project, says who may upgrade it, and leaves it as it was."""
    admin = sa.create_engine(team.admin)
    with admin.begin() as conn:
        current = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        config = Config()
        config.set_main_option("script_location", str(Path(migrations.__file__).parent))
        older = ScriptDirectory.from_config(config).get_revision(current).down_revision
        assert isinstance(older, str)  # the revision before, whatever its number
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": older})
    try:
        with pytest.raises(NotPermittedError, match="only the server's administrator may upgrade"):
            open_project(team.url(team.ada), create=False)
        with admin.connect() as conn:
            stored = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
        assert stored == older
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": current})
        admin.dispose()
