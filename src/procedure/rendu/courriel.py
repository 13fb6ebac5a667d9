"""A ready-to-send e-mail (RFC 5322, French text, the PDF attached), opened as a draft by mail
clients thanks to ``X-Unsent: 1``."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def _paris():
    try:
        return ZoneInfo("Europe/Paris")
    except ZoneInfoNotFoundError:  # a machine without tz data: UTC is still a valid date
        from datetime import timezone

        return timezone.utc


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _display_name(text: str) -> str:
    """A display name cannot carry address syntax: a name like ``<x@evil>`` must not become one."""
    return _one_line(re.sub(r'[<>"\\@,;:()\[\]\x00-\x1f]', " ", text))


def build_eml(subject: str, body: str, sender: tuple[str, str], recipient: tuple[str, str], when: date,
              attachments: list[tuple[str, bytes]]) -> bytes:
    """``attachments``: (file name, PDF), the letter first, then its annex if it has one."""
    msg = EmailMessage(policy=policy.SMTP)
    if sender[1]:
        msg["From"] = formataddr((_display_name(sender[0]), sender[1]))
    if recipient[1]:
        msg["To"] = formataddr((_display_name(recipient[0]), recipient[1]))
    msg["Subject"] = _one_line(subject)
    msg["Date"] = format_datetime(datetime.combine(when, time(9, 0), _paris()))
    msg["Message-ID"] = make_msgid(domain="procedure.invalid")
    msg["X-Unsent"] = "1"
    msg["Content-Language"] = "fr"
    msg.set_content(body, charset="utf-8")
    for filename, data in attachments:
        msg.add_attachment(data, maintype="application", subtype="pdf", filename=filename)
    return msg.as_bytes()
