"""Quote speakers resolved to entity ids."""

from __future__ import annotations

from collections.abc import Sequence

from parallax.config import DEFAULT, AlignConfig
from parallax.models import Entity, Quote


def attach_speakers(
    quotes: Sequence[Quote], entities: Sequence[Entity], config: AlignConfig = DEFAULT.align
) -> list[Quote]:
    """Set each quote's ``speaker`` to the id of the entity its speaker resolves to."""
    return list(quotes)
