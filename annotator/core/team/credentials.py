"""A team server's password in the system keyring (never in a file of ours), found again by
the server, database and user it belongs to."""

import logging

import sqlalchemy as sa

log = logging.getLogger(__name__)

SERVICE = "Annotator team server"


def account(url: sa.URL) -> str:
    """The keyring's name for the password of ``url``: user@host:port/database."""
    host = url.host or str(url.query.get("host", "")) or "localhost"
    port = url.port or str(url.query.get("port", "")) or 5432
    return f"{url.username or ''}@{host}:{port}/{url.database or ''}"


def keyring_available() -> bool:
    """Whether this system has a keyring to keep passwords in."""
    try:
        import keyring  # noqa: PLC0415
        from keyring.backends import fail  # noqa: PLC0415

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:
        log.debug("no keyring", exc_info=True)
        return False


def stored_password(url: sa.URL) -> str | None:
    try:
        import keyring  # noqa: PLC0415

        found = keyring.get_password(SERVICE, account(url))
        return str(found) if found is not None else None
    except Exception:
        log.info("the keyring could not be read", exc_info=True)
        return None


def remember_password(url: sa.URL, password: str) -> bool:
    """Keep the password in the keyring; False when there is no keyring to keep it in."""
    try:
        import keyring  # noqa: PLC0415

        keyring.set_password(SERVICE, account(url), password)
        return True
    except Exception:
        log.info("the keyring could not keep a password", exc_info=True)
        return False


def forget_password(url: sa.URL) -> None:
    try:
        import keyring  # noqa: PLC0415

        keyring.delete_password(SERVICE, account(url))
    except Exception:
        log.debug("no password to forget", exc_info=True)
