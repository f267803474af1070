"""Single-file web pages (MHTML, .mht), as Chrome and Edge save them."""

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from annotator.core.articles import ExtractedArticle
from annotator.core.errors import ImportFailure
from annotator.core.importing.html import decode_html, extract_html_text


def extract_mhtml(path: Path, data: bytes) -> ExtractedArticle:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise ImportFailure("not a single-file web page (no MIME parts found)")
    page_url = str(message.get("Snapshot-Content-Location", "") or "")
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        html = decode_html(payload, part.get_content_charset())
        url = page_url or str(part.get("Content-Location", "") or "")
        return extract_html_text(html, path.name, data, source_kind="mhtml", url=url)
    raise ImportFailure("the single-file page holds no HTML part")
