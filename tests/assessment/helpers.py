"""A small known instrument for the assessment tests: two sections, a 0-3 scale, all boxes asked."""

from __future__ import annotations

from widgets.content.instrument import Instrument


def small_instrument(**changes: object) -> Instrument:
    data = {
        "schema_version": 1,
        "id": "small",
        "title": "Small check",
        "version": "2",
        "page": "small.ipynb",
        "summary": "A check for tests.",
        "scale": {
            "name": "How far",
            "levels": [
                {"value": 0, "label": "Not in place"},
                {"value": 1, "label": "Being established"},
                {"value": 2, "label": "Needs improving"},
                {"value": 3, "label": "Effective"},
            ],
        },
        "asks": {"evidence": True, "children_say": True, "participation_degree": True, "action": True},
        "participation_degrees": ["Consulted and informed", "Child-initiated and directed"],
        "sections": [
            {"id": "one", "title": "Section one", "items": [{"id": "a", "text": "Item A"}, {"id": "b", "text": "Item B"}]},
            {"id": "two", "title": "Section two", "items": [{"id": "c", "text": "Item C"}, {"id": "d", "text": "Item D"}]},
        ],
    }
    data.update(changes)
    return Instrument.model_validate(data)
