"""What REFI-QDA export and import share: namespaces and stable identifiers.

Positions in a REFI-QDA project are character offsets into the source's plain text; Annotator
writes and reads Unicode code points, its own offsets (see docs/design.md, "REFI-QDA").
"""

import uuid
from datetime import datetime

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_NAMESPACE = uuid.UUID("6f1c2a58-39d4-4f0e-9a51-1d7c0f3b8e20")


def stable_guid(kind: str, key: str) -> str:
    """The same GUID for the same thing on every export, so re-imports recognise it."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def xml_time(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"
