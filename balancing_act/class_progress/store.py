"""The progress service's database: what students' kernels sent, and the graded items' statistics.

SQLite in the Hub's state folder by default; any database SQLAlchemy reaches by URL (a
PostgreSQL server for a big class: ``BA_PROGRESS_DB_URL=postgresql+psycopg://...``, with its
driver installed in the course environment). One row per attempt, keyed by the id the kernel
gave it, so an attempt sent twice is stored once. Who sent a row is the user the Hub vouched
for, never a name in the row itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

metadata = sa.MetaData()

attempts = sa.Table(
    "attempts",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user", sa.String(255), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),  # check, shown, written
    sa.Column("key", sa.String(255), nullable=False, index=True),
    sa.Column("lesson", sa.String(255)),
    sa.Column("right", sa.Boolean),
    sa.Column("mistake", sa.String(255)),
    sa.Column("option", sa.Text),
    sa.Column("hints_seen", sa.Integer),
    sa.Column("shown", sa.Boolean),
    sa.Column("words", sa.Integer),
    sa.Column("ratings", sa.Text),  # JSON: the student's own ratings of a written answer
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),  # when the student answered
    sa.Column("received", sa.DateTime(timezone=True), nullable=False),
)

items = sa.Table(
    "item_statistics",
    metadata,
    sa.Column("assignment", sa.String(255), primary_key=True),
    sa.Column("table", sa.Text, nullable=False),  # JSON rows, as the grader wrote them
    sa.Column("received", sa.DateTime(timezone=True), nullable=False),
)

KINDS = ("check", "shown", "written")
TEXT_LIMIT = 255


class BadAttempt(ValueError):
    """A record that is not an attempt as :mod:`balancing_act.selfcheck.sending` writes it."""


def connect(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        # Many kernels write at once: readers need not wait for a writer.
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
    metadata.create_all(engine)
    return engine


def _text(record: dict, name: str, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value or len(value) > TEXT_LIMIT:
        raise BadAttempt(f"{name!r} must be a text of 1 to {TEXT_LIMIT} characters")
    return value


def _time(value) -> datetime:
    try:
        stamp = datetime.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise BadAttempt("'at' must be an ISO date and time") from error
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def row(user: str, record: dict, received: datetime) -> dict:
    """The database row of one sent record, checked field by field."""
    if not isinstance(record, dict):
        raise BadAttempt("an attempt must be a JSON object")
    kind = record.get("kind")
    if kind not in KINDS:
        raise BadAttempt(f"'kind' must be one of {', '.join(KINDS)}")
    ratings = record.get("ratings")
    words = record.get("words")
    hints = record.get("hints_seen")
    for name, value in (("words", words), ("hints_seen", hints)):
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise BadAttempt(f"{name!r} must be a whole number")
    option = record.get("option")
    if option is not None and (not isinstance(option, str) or len(option) > 2000):
        raise BadAttempt("'option' must be a text")
    return {
        "id": _text(record, "id", required=True),
        "user": user,
        "kind": kind,
        "key": _text(record, "key", required=True),
        "lesson": _text(record, "lesson"),
        "right": bool(record.get("right")) if kind == "check" else None,
        "mistake": _text(record, "mistake"),
        "option": option,
        "hints_seen": hints,
        "shown": bool(record.get("shown")),
        "words": words,
        "ratings": json.dumps(ratings) if ratings is not None else None,
        "at": _time(record.get("at")),
        "received": received,
    }


def add(engine: sa.Engine, user: str, records: Iterable[dict]) -> tuple[int, int]:
    """Store ``user``'s records; (stored, already there). Raises :class:`BadAttempt` before
    storing anything if one record is malformed."""
    now = datetime.now(UTC)
    rows = [row(user, record, now) for record in records]
    with engine.begin() as connection:
        ids = [r["id"] for r in rows]
        known = (
            set(connection.scalars(sa.select(attempts.c.id).where(attempts.c.id.in_(ids))))
            if ids
            else set()
        )
        fresh = {r["id"]: r for r in rows if r["id"] not in known}  # one row per id
        if fresh:
            connection.execute(attempts.insert(), list(fresh.values()))
    return len(fresh), len(rows) - len(fresh)


def _plain(record) -> dict:
    data = dict(record._mapping)
    for name in ("at", "received"):
        if data.get(name) is not None:
            stamp = data[name]
            data[name] = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).isoformat()
    if data.get("ratings"):
        data["ratings"] = json.loads(data["ratings"])
    return data


def all_attempts(engine: sa.Engine) -> list[dict]:
    with engine.connect() as connection:
        result = connection.execute(sa.select(attempts).order_by(attempts.c.at, attempts.c.id))
        return [_plain(r) for r in result]


def of_user(engine: sa.Engine, user: str) -> list[dict]:
    """Everything stored about ``user``, oldest first (what the student's own page shows)."""
    with engine.connect() as connection:
        result = connection.execute(
            sa.select(attempts)
            .where(attempts.c.user == user)
            .order_by(attempts.c.at, attempts.c.id)
        )
        return [_plain(r) for r in result]


def delete_user(engine: sa.Engine, user: str) -> int:
    """Remove every record of ``user``; how many there were."""
    with engine.begin() as connection:
        return connection.execute(attempts.delete().where(attempts.c.user == user)).rowcount


def forget_older_than(engine: sa.Engine, days: int, now: datetime | None = None) -> int:
    """Remove what was received more than ``days`` ago (the retention the guide states)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    with engine.begin() as connection:
        return connection.execute(attempts.delete().where(attempts.c.received < cutoff)).rowcount


def put_items(engine: sa.Engine, assignment: str, table: list[dict]) -> None:
    """The item statistics of a graded assignment (replacing those of an earlier grading)."""
    with engine.begin() as connection:
        connection.execute(items.delete().where(items.c.assignment == assignment))
        connection.execute(
            items.insert(),
            {"assignment": assignment, "table": json.dumps(table), "received": datetime.now(UTC)},
        )


def item_tables(engine: sa.Engine) -> dict[str, list[dict]]:
    with engine.connect() as connection:
        result = connection.execute(sa.select(items).order_by(items.c.assignment))
        return {r.assignment: json.loads(r.table) for r in result}
