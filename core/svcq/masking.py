"""Masking of residents' personal data (phones, car plates, names) for logs.

Logs are read by more people, kept longer and copied further than the
database, so a resident's phone or plate must never reach them in clear. The
masked forms keep just enough (a prefix, the last digits) for staff to tell
two residents apart when reading a log next to the ticket.

Pure functions, no logging imports: :mod:`svcq.logging` applies them to every
log line, and anything else that shows personal data to a wider audience
(exports, error reports) can reuse them.
"""

from __future__ import annotations

import re

_MASK = "*"

# Chinese plates: province (or 使/领 for diplomatic cars), issuing-office
# letter, then 5 characters (6 for new-energy plates) with at least one digit;
# letters I and O are never used; the last may be a Chinese suffix (挂 trailer,
# 学 learner, ...). Upper case only, and the digit, keep words such as
# "新Tables" in mixed-language text from being taken for plates.
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼使领"
_PLATE = (
    rf"[{_PROVINCES}][A-HJ-NP-Z][·\s-]?"
    r"(?=[A-HJ-NP-Z]{0,4}\d)[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]{1,2}"
)

# A digit run is only phone-like as a whole: never match inside a longer
# number (ids, amounts) or in the decimals of a number (durations).
_START = r"(?<!\d)(?<!\d\.)"
_END = r"(?![\d])"
_MOBILE = r"(?:(?:\+|00)?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"
_LANDLINE = r"(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{3,4}[\s-]?\d{4}"
_INTERNATIONAL = r"(?:\+|00)[1-9]\d{0,2}(?:[\s-]?\d){6,14}"
_PHONE = rf"{_START}(?:{_MOBILE}|{_LANDLINE}|{_INTERNATIONAL}){_END}"

# The leading lookahead rejects most positions with one set test instead of
# trying every alternative: scrub_text runs on every string of every log line.
# Python and database errors quote the offending value (KeyError('张三'),
# "'x' is not a valid CareFlag"); a lower-case identifier in quotes is a
# table, column or key name, which operators need to read, and so is the path
# of a frame in a console traceback (``File "/srv/svcq/api.py", line 3``).
_QUOTED = re.compile(r"""(?<!File )(['"])((?:(?!\1).)+)\1""")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_.]*")
_IN_TEXT = re.compile(rf"(?=[{_PROVINCES}+(]|\d{{3}})(?:(?P<plate>{_PLATE})|(?P<phone>{_PHONE}))")
_WHOLE_PLATE = re.compile(_PLATE, re.IGNORECASE)
_PHONE_CHARS = re.compile(r"[\d\s()+-]+")
_PLATE_SEPARATORS = re.compile(r"[·\s-]")
_CHINA_PREFIX = re.compile(r"^(?:\+|00)?86(?=1[3-9]\d{9}$)")


def _keep_ends(text: str, head: int, tail: int) -> str:
    hidden = len(text) - head - tail
    return text[:head] + _MASK * hidden + text[len(text) - tail :]


def _mask_digits(digits: str) -> str:
    """Keep at most 3 leading and 4 trailing digits, always hiding at least 3."""
    n = len(digits)
    head = 3 if n >= 8 else 0
    tail = 4 if n >= 11 else 2 if n >= 5 else 0
    return _keep_ends(digits, head, tail)


def mask_phone(phone: str) -> str:
    """``"13812345678"`` -> ``"138****5678"``; ``"+86 138..."`` keeps ``+86``.

    Separators are dropped, so the masked form does not betray the original
    formatting; input without digits is hidden entirely.
    """
    stripped = phone.strip()
    digits = "".join(c for c in stripped if c.isdigit())
    if not digits:
        return _MASK * len(stripped)
    if _CHINA_PREFIX.match(("+" if stripped.startswith("+") else "") + digits):
        return "+86 " + _mask_digits(digits[-11:])
    return ("+" if stripped.startswith("+") else "") + _mask_digits(digits)


def mask_plate(plate: str) -> str:
    """``"沪A12345"`` -> ``"沪A***45"``; new-energy ``"粤BD12345"`` -> ``"粤B****45"``."""
    compact = _PLATE_SEPARATORS.sub("", plate).upper()
    if len(compact) >= 7:
        return _keep_ends(compact, 2, 2)
    return _keep_ends(compact, 1 if len(compact) > 1 else 0, 0)


def mask_name(name: str) -> str:
    """``"张三丰"`` -> ``"张**"``; ``"John Doe"`` -> ``"J*** D**"``.

    Each word keeps its first character (a one-character name keeps nothing),
    enough to match a log line to the ticket a staff member has in hand.
    """
    words = name.split()
    if len(words) <= 1:
        word = name.strip()
        return _keep_ends(word, 1 if len(word) > 1 else 0, 0)
    return " ".join(_keep_ends(word, 1, 0) for word in words)


def mask_personal(value: str) -> str:
    """Mask a value known to be personal whose kind is not known (``contact``).

    A whole plate or something made of phone characters is masked as such, so
    it stays recognisable; anything else is treated as a name.
    """
    stripped = value.strip()
    if _WHOLE_PLATE.fullmatch(stripped):
        return mask_plate(stripped)
    if _PHONE_CHARS.fullmatch(stripped) and any(c.isdigit() for c in stripped):
        return mask_phone(stripped)
    return mask_name(value)


def _mask_match(match: re.Match[str]) -> str:
    text = match.group()
    return mask_plate(text) if match.lastgroup == "plate" else mask_phone(text)


def scrub_text(text: str) -> str:
    """Mask every phone-like number and Chinese plate found in free text.

    Names cannot be recognised in free text; they are masked by key in
    structured logs (:class:`svcq.logging.PersonalDataMasker`).
    """
    return _IN_TEXT.sub(_mask_match, text)


def _mask_quoted(match: re.Match[str]) -> str:
    quote, value = match.groups()
    if _IDENTIFIER.fullmatch(value):
        return match.group()
    return quote + mask_name(value) + quote


def scrub_exception(text: str) -> str:
    """:func:`scrub_text`, and every quoted value masked as a name.

    For the messages of unexpected exceptions: their text is written by
    code that knows nothing of personal data, and a value it quotes may be a
    resident's name, which no pattern recognises.
    """
    return _QUOTED.sub(_mask_quoted, scrub_text(text))
