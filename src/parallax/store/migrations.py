"""Schema migrations: an ordered list of functions, the count applied kept in ``schema_version``.

A new schema change is a new function appended to ``MIGRATIONS`` (never an edit of an old one);
``migrate`` applies the ones a database has not seen, each in its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from parallax.store.schema import Base, SchemaVersion


def _initial(connection: Connection) -> None:
    Base.metadata.create_all(connection)


def _disagreement(connection: Connection) -> None:
    """Story columns read off the stored report: contradictions, disputed facts, their sum, and
    the per-outlet divergence (a database made by ``_initial`` of this version has them already)."""
    have = {c["name"] for c in inspect(connection).get_columns("stories")}
    columns = {
        "contradictions": "INTEGER",
        "disputed": "INTEGER",
        "disagreement": "INTEGER",
        "divergence": "TEXT",
    }
    for name, kind in columns.items():
        if name not in have:
            connection.execute(text(f"ALTER TABLE stories ADD COLUMN {name} {kind}"))
    indexes = {i["name"] for i in inspect(connection).get_indexes("stories")}
    if "ix_stories_disagreement" not in indexes:
        connection.execute(text("CREATE INDEX ix_stories_disagreement ON stories (disagreement)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_initial, _disagreement]


def current_version(connection: Connection) -> int:
    """How many migrations this database has applied (0 for an empty database)."""
    if not inspect(connection).has_table(SchemaVersion.__tablename__):
        return 0
    version = connection.execute(select(SchemaVersion.version).where(SchemaVersion.id == 1)).scalar()
    return int(version or 0)


def migrate(engine: Engine) -> int:
    """Bring the database up to the latest schema; return the version it is at."""
    with engine.begin() as connection:
        version = current_version(connection)
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        with engine.begin() as connection:
            step(connection)
            table = SchemaVersion.__table__
            if number == 1:
                connection.execute(table.insert().values(id=1, version=number))  # type: ignore[attr-defined]
            else:
                connection.execute(
                    table.update().where(table.c.id == 1).values(version=number)  # type: ignore[attr-defined]
                )
    return len(MIGRATIONS)
