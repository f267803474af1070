"""A team's database on the test server: prepared by serve-init, its roles removed after."""

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from annotator.core.team.roles import MemberLogin, group_roles
from annotator.core.team.serve import serve_init


@dataclass
class Team:
    admin: str
    lead: MemberLogin
    ada: MemberLogin
    bo: MemberLogin

    def url(self, member: MemberLogin) -> str:
        """The member's connection over the server's socket (trusted: no password)."""
        return sa.make_url(self.admin).set(username=member.login).render_as_string(False)

    def tcp_url(self, member: MemberLogin, password: str) -> str:
        """The member's connection over the loopback address, where passwords are asked."""
        where = os.environ.get("ANNOTATOR_TEST_PG_TCP")
        if not where:
            pytest.skip("needs the test server's loopback address (ANNOTATOR_TEST_PG_TCP)")
        host, port = where.rsplit(":", 1)
        url = sa.URL.create(
            "postgresql+psycopg",
            username=member.login,
            password=password,
            host=host,
            port=int(port),
            database=sa.make_url(self.admin).database,
        )
        return url.render_as_string(hide_password=False)


def drop_roles(admin: str, roles: list[str]) -> None:
    """Roles are the server's, not the database's: remove the test's own."""
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for role in roles:
            if conn.execute(
                sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}
            ).first():
                conn.execute(sa.text(f'DROP OWNED BY "{role}"'))
    engine.dispose()
    server = sa.create_engine(
        sa.make_url(admin).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with server.connect() as conn:
        for role in roles:
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
    server.dispose()


@pytest.fixture
def team(pg_url: str) -> Iterator[Team]:
    suffix = uuid.uuid4().hex[:6]
    _address, (lead, ada, bo) = serve_init(
        pg_url, f"Lena {suffix}", [f"Ada {suffix}", f"Bo {suffix}"]
    )
    try:
        yield Team(pg_url, lead, ada, bo)
    finally:
        drop_roles(
            pg_url,
            [lead.login, ada.login, bo.login, *group_roles(sa.make_url(pg_url).database or "")],
        )
