"""Turn pydantic's validation errors into the spec's per-field messages (DRF wording), for the API and the services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

NON_FIELD = "non_field_errors"

_MESSAGES: dict[str, str] = {
    "missing": "This field is required.",
    "json_invalid": "JSON parse error: the request body is not valid JSON.",
    "model_attributes_type": "Invalid data. Expected a dictionary.",
    "model_type": "Invalid data. Expected a dictionary.",
    "dict_type": "Invalid data. Expected a dictionary.",
    "extra_forbidden": "Unknown field.",
    "uuid_parsing": "Must be a valid UUID.",
    "uuid_type": "Must be a valid UUID.",
    "int_parsing": "A valid integer is required.",
    "int_type": "A valid integer is required.",
    "int_from_float": "A valid integer is required.",
    "bool_parsing": "Must be a valid boolean.",
    "bool_type": "Must be a valid boolean.",
    "string_type": "Not a valid string.",
    "list_type": "Expected a list of items.",
    "decimal_parsing": "A valid number is required.",
    "decimal_type": "A valid number is required.",
    "datetime_parsing": "Datetime has wrong format. Use ISO 8601, e.g. 2025-11-15T10:00:00Z.",
    "datetime_from_date_parsing": "Datetime has wrong format. Use ISO 8601, e.g. 2025-11-15T10:00:00Z.",
    "datetime_type": "Datetime has wrong format. Use ISO 8601, e.g. 2025-11-15T10:00:00Z.",
    "string_too_short": "This field may not be blank.",
}


# A type error whose input is JSON null: DRF says the field may not be null, not that null is a bad value
# (`"None" is not a valid choice.`, `Must be a valid UUID.`).
_NULL_REFUSED_KINDS = frozenset(
    {
        "bool_type",
        "datetime_type",
        "decimal_type",
        "dict_type",
        "enum",
        "float_type",
        "int_type",
        "list_type",
        "literal_error",
        "model_attributes_type",
        "model_type",
        "string_type",
        "uuid_type",
    }
)


def _message(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if (
        kind in _NULL_REFUSED_KINDS
        and "input" in error
        and error["input"] is None
        and _field_name(error.get("loc", ())) != NON_FIELD
    ):
        return "This field may not be null."
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "string_too_long":
        return f"Ensure this field has no more than {ctx.get('max_length')} characters."
    if kind in ("greater_than_equal", "greater_than"):
        return f"Ensure this value is greater than or equal to {ctx.get('ge', ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"Ensure this value is less than or equal to {ctx.get('le', ctx.get('lt'))}."
    if kind in ("enum", "literal_error"):
        return f'"{error.get("input")}" is not a valid choice.'
    if kind == "decimal_max_places":
        return f"Ensure that there are no more than {ctx.get('decimal_places')} decimal places."
    if kind in ("too_short", "too_long"):
        return str(error.get("msg", "Invalid number of items."))
    if kind == "value_error":
        return str(ctx.get("error", error.get("msg", "Invalid value.")))
    return str(error.get("msg", "Invalid value."))


def _field_name(loc: Iterable[Any]) -> str:
    """The dotted field; where a request comes from and a tagged union's member (`~index`) are no field's name."""
    parts = [
        str(part)
        for part in loc
        if part not in ("body", "query", "path", "header", "form") and not str(part).startswith("~")
    ]
    return ".".join(parts) or NON_FIELD


def field_errors(errors: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Group validation errors by field, dotted for nested fields (`question_distributions.0.easy`)."""
    grouped: dict[str, list[str]] = {}
    for error in errors:
        loc = tuple(error.get("loc", ()))
        if error.get("type") == "json_invalid":
            loc = ()
        messages = grouped.setdefault(_field_name(loc), [])
        message = _message(error)
        if message not in messages:
            messages.append(message)
    return grouped
