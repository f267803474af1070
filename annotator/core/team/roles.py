"""Roles on a team's server, enforced by PostgreSQL itself: database roles, privileges and
row-level security.

Two group roles per project database: ``<db>_lead`` may change everything a project holds
except its schema; ``<db>_coder`` reads everything and may insert, change and delete only
rows of its own coder (annotations, their deletions and coding statuses). Each member logs in
with a role of their own (one per person and server), a member of one of the groups, and
`team_member` says which coder that login codes as. The tables belong to whoever ran
``annotator serve-init`` (the server's administrator), who alone migrates the schema.
Coding is blind: a coder's connection does not even read another coder's annotations.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder, CoderKind, TeamMember, TeamRole

if TYPE_CHECKING:
    from annotator.core.project import Project

# Rows a coder may write, each with the column naming its coder.
OWN_ROWS = (
    "annotation",
    "annotation_tombstone",
    "coder_article_status",
    "suggestion_decision",
)
OWN_SEQUENCES = ("annotation_id_seq", "suggestion_decision_id_seq")
MEMBER_FUNCTION = """
CREATE OR REPLACE FUNCTION annotator_member_coder() RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
  SELECT coder_id FROM team_member WHERE login = session_user
$$
"""


@dataclass(frozen=True)
class MemberLogin:
    """What a member types to connect; ``password`` is empty for a login that existed."""

    name: str
    role: TeamRole
    login: str
    password: str


@dataclass(frozen=True)
class Membership:
    """Who this connection is in a team's project."""

    login: str
    coder_id: int
    coder_name: str
    role: TeamRole

    @property
    def lead(self) -> bool:
        return self.role == TeamRole.LEAD


def _slug(text: str, limit: int) -> str:
    clean = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"
    if len(clean) <= limit:
        return clean
    digest = hashlib.sha256(text.encode()).hexdigest()[:6]
    return clean[: limit - 7] + "_" + digest


def group_roles(database: str) -> tuple[str, str]:
    """The lead and coder group roles of a project database (roles are server-wide)."""
    base = _slug(database, 50)
    return f"{base}_lead", f"{base}_coder"


def login_for(name: str) -> str:
    """The database login of a member called ``name`` (lower case, letters and digits)."""
    return _slug(name, 63)


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(conn: Connection, name: str) -> bool:
    found = conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def _ensure_group(conn: Connection, name: str) -> None:
    if not _role_exists(conn, name):
        conn.execute(sa.text(f"CREATE ROLE {_quote(conn, name)} NOLOGIN"))


def secure_database(engine: Engine) -> None:
    """Create the group roles and give them exactly their rights, row-level security
    included. Safe to run again (after an upgrade that added tables, for example)."""
    if engine.dialect.name != "postgresql":
        raise AnnotatorError("Roles apply to a project on a PostgreSQL server only.")
    database = engine.url.database or ""
    lead, coder = group_roles(database)
    with engine.begin() as conn:
        q_lead, q_coder = _quote(conn, lead), _quote(conn, coder)
        _ensure_group(conn, lead)
        _ensure_group(conn, coder)
        owner = conn.execute(sa.text("SELECT current_user")).scalar_one()
        q_db = _quote(conn, database)
        conn.execute(sa.text(f"REVOKE ALL ON DATABASE {q_db} FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT CONNECT, TEMPORARY ON DATABASE {q_db} TO {q_lead}, {q_coder}"))
        conn.execute(sa.text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {q_lead}, {q_coder}"))
        conn.execute(sa.text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {q_lead}, {q_coder}"))
        tables = [
            t
            for t in sa.inspect(conn).get_table_names()
            if t not in ("alembic_version", "project_meta", "team_member", "change_log")
        ]
        listed = ", ".join(_quote(conn, t) for t in tables)
        conn.execute(sa.text(f"GRANT INSERT, UPDATE, DELETE ON {listed} TO {q_lead}"))
        conn.execute(sa.text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {q_lead}"))
        own = ", ".join(OWN_ROWS)
        conn.execute(sa.text(f"GRANT INSERT, UPDATE, DELETE ON {own} TO {q_coder}"))
        conn.execute(sa.text(f"GRANT USAGE ON {', '.join(OWN_SEQUENCES)} TO {q_coder}"))
        conn.execute(
            sa.text(
                f"ALTER DEFAULT PRIVILEGES FOR ROLE {_quote(conn, owner)} IN SCHEMA public "
                f"GRANT SELECT ON TABLES TO {q_lead}, {q_coder}"
            )
        )
        conn.execute(sa.text(MEMBER_FUNCTION))
        me = "(SELECT annotator_member_coder())"
        for table in (*OWN_ROWS, "change_log"):
            # Coding is blind: a coder reads their own annotations (and deletions) only, and
            # of the change log only what is not another coder's annotation.
            if table == "coder_article_status":
                readable = "true"
            elif table == "change_log":
                readable = f"kind NOT IN ('annotation', 'annotation_tombstone') OR coder_id = {me}"
            else:
                readable = f"coder_id = {me}"
            conn.execute(sa.text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            policies = [
                ("lead_all", f"FOR ALL TO {q_lead} USING (true) WITH CHECK (true)"),
                ("coder_read", f"FOR SELECT TO {q_coder} USING ({readable})"),
            ]
            if table != "change_log":  # written by its trigger function, as the owner
                policies += [
                    ("coder_insert", f"FOR INSERT TO {q_coder} WITH CHECK (coder_id = {me})"),
                    (
                        "coder_update",
                        f"FOR UPDATE TO {q_coder} USING (coder_id = {me}) "
                        f"WITH CHECK (coder_id = {me})",
                    ),
                    ("coder_delete", f"FOR DELETE TO {q_coder} USING (coder_id = {me})"),
                ]
            for policy, clause in policies:
                conn.execute(sa.text(f"DROP POLICY IF EXISTS {policy} ON {table}"))
                conn.execute(sa.text(f"CREATE POLICY {policy} ON {table} {clause}"))


def add_member(engine: Engine, name: str, role: TeamRole) -> MemberLogin:
    """Give ``name`` a login (or reuse theirs on this server), the group role of ``role``,
    and a coder in the project; returns what they type to connect."""
    clean = " ".join(name.split())
    if not clean:
        raise AnnotatorError("A member needs a name.")
    lead, coder = group_roles(engine.url.database or "")
    login = login_for(clean)
    password = ""
    with engine.begin() as conn:
        q_login = _quote(conn, login)
        if not _role_exists(conn, login):
            password = secrets.token_urlsafe(12)
            literal = password.replace("'", "''")
            conn.execute(sa.text(f"CREATE ROLE {q_login} LOGIN PASSWORD '{literal}'"))
        group, other = (lead, coder) if role == TeamRole.LEAD else (coder, lead)
        conn.execute(sa.text(f"REVOKE {_quote(conn, other)} FROM {q_login}"))
        conn.execute(sa.text(f"GRANT {_quote(conn, group)} TO {q_login}"))
        coder_id = conn.execute(sa.select(Coder.id).where(Coder.name == clean)).scalar()
        if coder_id is None:
            coder_id = conn.execute(
                sa.insert(Coder).values(name=clean, kind=CoderKind.PERSON.value).returning(Coder.id)
            ).scalar_one()
        conn.execute(sa.delete(TeamMember).where(TeamMember.login == login))
        conn.execute(sa.delete(TeamMember).where(TeamMember.coder_id == coder_id))
        conn.execute(sa.insert(TeamMember).values(login=login, coder_id=coder_id, role=role.value))
    return MemberLogin(clean, role, login, password)


def membership(project: "Project") -> Membership | None:
    """Who this connection is in a team's project; None on SQLite, for the server's
    administrator, and for a project with no members."""
    if project.dialect != "postgresql":
        return None
    with project.session() as session:
        row = session.execute(
            sa.select(TeamMember.login, TeamMember.coder_id, Coder.name, TeamMember.role)
            .join(Coder, Coder.id == TeamMember.coder_id)
            .where(TeamMember.login == sa.literal_column("session_user"))
        ).first()
    if row is None:
        return None
    return Membership(row[0], row[1], row[2], TeamRole(row[3]))
