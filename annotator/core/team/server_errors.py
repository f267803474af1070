"""A server's refusals in plain words: what happened and what to do."""

import sqlalchemy as sa


def _where(url: sa.URL) -> str:
    host = url.host or str(url.query.get("host", "")) or "localhost"
    return f"{host}:{url.port or 5432}"


def explain(exc: BaseException, url: sa.URL) -> str:
    """One sentence for a failure to connect to or use a team's server."""
    text = str(getattr(exc, "orig", None) or exc)
    lowered = text.lower()
    where = _where(url)
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"The server at {where} refused the user name or password for "
            f"{url.username or 'this user'}; check them (the lead has them) and try again."
        )
    if "does not exist" in lowered and "database" in lowered:
        return (
            f"There is no database {url.database!r} on the server at {where}; check its name, "
            "or ask the lead to create it (annotator serve-init)."
        )
    if "role" in lowered and "does not exist" in lowered:
        return (
            f"The server at {where} has no user {url.username!r}; check the name, or ask the "
            "lead to add you."
        )
    if "permission denied for database" in lowered or "not permitted to log in" in lowered:
        return (
            f"The user {url.username!r} may not open the database {url.database!r} on the "
            f"server at {where}; ask the lead to add you to the team."
        )
    if "permission denied" in lowered or "insufficient privilege" in lowered:
        return (
            "The server refused: your role does not allow this (a coder changes only their "
            "own annotations; the codebook, the assignments and other coders' work are the "
            "lead's)."
        )
    if "ssl" in lowered and ("not support" in lowered or "unsupported" in lowered):
        return (
            f"The server at {where} does not offer an encrypted connection; turn TLS off only "
            "on a network you trust, or ask the server's administrator to enable it."
        )
    if any(
        marker in lowered
        for marker in (
            "could not connect",
            "connection refused",
            "could not translate host name",
            "name or service not known",
            "timeout expired",
            "no route to host",
            "network is unreachable",
            "connection failed",
            "server closed the connection",
        )
    ):
        return (
            f"The server at {where} cannot be reached; check the host and port, your network "
            "(or VPN), and that the server is running."
        )
    return f"The server at {where} refused: {text.strip().splitlines()[0] if text else exc}"
