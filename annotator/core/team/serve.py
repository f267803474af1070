"""Preparing a team's database on a PostgreSQL server: the schema, the roles, the members,
and what each member types to connect."""

from dataclasses import dataclass

import sqlalchemy as sa

from annotator.core.errors import AnnotatorError
from annotator.core.models import TeamRole
from annotator.core.project import open_project
from annotator.core.team.roles import MemberLogin, add_member, secure_database
from annotator.core.team.server_errors import explain


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str


def _address(url: sa.URL, host: str | None) -> ServerAddress:
    shown = host or url.host or str(url.query.get("host", "")) or "localhost"
    port = url.port or int(str(url.query.get("port", "")) or 5432)
    return ServerAddress(shown, port, url.database or "")


def serve_init(
    location: str, lead: str, coders: list[str] | None = None, host: str | None = None
) -> tuple[ServerAddress, list[MemberLogin]]:
    """Prepare the (empty, or already prepared) database at ``location`` for a team led by
    ``lead``: the project's schema, the roles, a login for every member named."""
    try:
        url = sa.make_url(location)
    except sa.exc.ArgumentError as exc:
        raise AnnotatorError(f"{location!r} is not a database URL.") from exc
    if url.get_backend_name() != "postgresql":
        raise AnnotatorError(
            "A team's project lives on a PostgreSQL server: give a URL such as "
            "postgresql+psycopg://admin@server/study."
        )
    try:
        with open_project(location) as project:
            engine = project.engine
            secure_database(engine)
            members = [add_member(engine, lead, TeamRole.LEAD)]
            members += [add_member(engine, name, TeamRole.CODER) for name in coders or []]
    except sa.exc.DBAPIError as exc:
        raise AnnotatorError(explain(exc, url)) from exc
    return _address(url, host), members


def connect_instructions(address: ServerAddress, member: MemberLogin) -> str:
    """The lines a member needs to connect, in the window and on the command line."""
    password = member.password or "(the password you already have on this server)"
    url = sa.URL.create(
        "postgresql+psycopg",
        username=member.login,
        host=address.host,
        port=address.port,
        database=address.database,
    ).render_as_string(hide_password=False)
    return (
        f"{member.name} ({member.role.value}):\n"
        f"  File > Connect to a server…  host {address.host}, "
        f"port {address.port}, database {address.database}, user {member.login}, "
        f"password {password}\n"
        f"  or on the command line: annotator {url}"
    )
