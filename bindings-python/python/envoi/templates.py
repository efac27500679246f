"""Merge-field templates: a message written once, rendered per recipient at send time (SPEC section 3).

Mirrors the core's ``envoi::templates``. The syntax is envoi's own and small: ``{{ first_name }}``,
``{{ first_name | fallback text }}``, and ``\\{{`` for a literal ``{{``.

>>> from datetime import date
>>> from envoi import templates
>>> template = templates.Template("Bonjour {{ first_name | client }}, votre RDV est le {{date}}.")
>>> template.fields, str(template)
(['first_name', 'date'], 'Bonjour {{first_name|client}}, votre RDV est le {{date}}.')
>>> template.validate(["first_name", "last_name", "date"])
>>> template.render({"first_name": "Léa"}, {"date": templates.format_date(date(2026, 3, 3), "fr")})
'Bonjour Léa, votre RDV est le 3 mars 2026.'

Errors are :class:`envoi.TemplateError` (codes ``templates.*``) with ``line`` and ``column``
(from 1, the column in characters), the offending text and the core's other fields as attributes.
"""

from __future__ import annotations

from envoi._envoi import (
    SUGGESTION_DISTANCE,
    Template,
    field_name_for,
    format_date,
    format_date_with_weekday,
    format_time,
)

__all__ = [
    "SUGGESTION_DISTANCE",
    "Template",
    "field_name_for",
    "format_date",
    "format_date_with_weekday",
    "format_time",
]
