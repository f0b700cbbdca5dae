"""The OpenAPI document, made to tell the truth about what the server answers (issue 15; docs/api/openapi.md).

FastAPI documents each route's success and a 422 that this API never sends (validation errors are 400 in the
route's envelope). Here, once, after FastAPI built the document:

- every refusal a route can answer is declared with its envelope: 400 for a route with parameters or a body, 401
  and 403 for a signed-in route, 404 for a path with an id, 408 and 413 for a body (api/guard.py), and the few
  route-specific ones (409, 410, 429) their routers declare; 422 and its schemas are gone;
- the constraints pydantic wrote under its own names (`ge`, `le`, `gt`, `lt`) get JSON Schema's;
- a created resource's 201 declares its `Location` where the router sets it (`CREATED_WITH_LOCATION`).

The rules derive from the operation itself, so a new route is documented truthfully without a line here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import FastAPI, Response

from hr_app.api.envelopes import uses_panel_envelope
from hr_app.schemas.questions import NO_NUL_PATTERN

ERROR_ENVELOPE, PANEL_ERROR_ENVELOPE = "ErrorEnvelope", "PanelErrorOut"
REFUSALS = {
    400: "Invalid data: the fields' problems, or a sentence",
    401: "No token, or one that has ended (sign-out, password change, deactivation)",
    403: "The caller's role may not do this",
    404: "No such object in the caller's organization",
    408: "The request body did not arrive in time",
    409: "Conflicts with the object's current state",
    410: "Gone: the panel has ended or was withdrawn",
    413: "The request body is larger than the route accepts",
    429: "Too many attempts; wait for Retry-After seconds",
}
_PYDANTIC_KEYWORDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
_METHODS = ("get", "put", "post", "delete", "patch")
_ID_SUFFIXES = ("_id", "_ids", "_uuid", "_uuids")
# What Python's str.strip() removes (str.isspace), spelt out: a JSON Schema regex is ECMA-262's, whose \s leaves out
# \x1c-\x1f and \x85 and adds \ufeff, so `\S` would promise that "\x85" is not blank.
PYTHON_SPACE = r"\t\n\u000b\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = f"[^{PYTHON_SPACE}]"
NOT_BLANK_NO_NUL = rf"^[^\u0000]*[^\u0000{PYTHON_SPACE}][^\u0000]*$"

_ERROR_ENVELOPE_SCHEMA: dict[str, Any] = {
    "title": ERROR_ENVELOPE,
    "type": "object",
    "required": ["success", "message", "error", "details"],
    "properties": {
        "success": {"type": "boolean", "enum": [False]},
        "message": {"type": "string"},
        "error": {"type": "string", "description": "A stable code: VALIDATION_ERROR, UNAUTHORIZED, NOT_FOUND, ..."},
        "details": {
            "anyOf": [
                {"type": "string"},
                {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                {"type": "null"},
            ]
        },
    },
}


def install(api: FastAPI) -> None:
    """Replace `api.openapi` by FastAPI's document, corrected once and cached as FastAPI caches it."""
    build = api.openapi

    def truthful() -> dict[str, Any]:
        if api.openapi_schema is None:
            correct(build())
        return api.openapi_schema  # type: ignore[return-value]

    api.openapi = truthful  # type: ignore[method-assign]


def correct(document: dict[str, Any]) -> None:
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas[ERROR_ENVELOPE] = _ERROR_ENVELOPE_SCHEMA
    for path, method, operation in _operations(document):
        body = _json_body(schemas, operation)
        _declare_refusals(path, operation, body)
        _partial_update_body_optional(method, operation, body)
        _required_text_not_blank(body)
        _no_null_characters_not_blank(body)
    _rename_keywords(schemas)


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document.get("paths", {}).items():
        for method in _METHODS:
            if method in item:
                yield path, method, item[method]


def _json_body(schemas: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema and "$ref" in schema:
        return schemas.get(schema["$ref"].rsplit("/", 1)[-1])
    return schema


def _names_an_object(body: dict[str, Any] | None) -> bool:
    """A body with an id field (`candidate_id`, `subtopic_uuid`, `job_title`, ...) may name one that is not there."""
    names = (body or {}).get("properties", {})
    return any(name.endswith(_ID_SUFFIXES) or name == "job_title" for name in names)


def refusals_of(operation: dict[str, Any], body: dict[str, Any] | None) -> set[int]:
    """The refusals any route of this shape can answer (route-specific ones are declared by the router)."""
    codes: set[int] = set()
    if operation.get("parameters") or operation.get("requestBody"):
        codes.add(400)
    if operation.get("security"):
        codes |= {401, 403}
    if any(parameter.get("in") == "path" for parameter in operation.get("parameters", [])) or _names_an_object(body):
        codes.add(404)
    if operation.get("requestBody"):
        codes |= {408, 413}
    return codes


def _partial_update_body_optional(method: str, operation: dict[str, Any], body: dict[str, Any] | None) -> None:
    # An absent JSON body is read as {} (api/body.py): a PATCH with nothing to change is a no-op, not an error.
    if method == "patch" and body is not None and not body.get("required") and "requestBody" in operation:
        operation["requestBody"]["required"] = False


def _required_text_not_blank(body: dict[str, Any] | None) -> None:
    # Request bodies strip whitespace (schemas.common.StrictInput) and refuse a blank required text; a minLength
    # is counted after the strip, so "\r" is blank to a text of `min_length=1` too.
    for name in (body or {}).get("required", []):
        field = body["properties"].get(name, {})  # type: ignore[index]
        if field.get("type") == "string" and "minLength" not in field and "enum" not in field:
            field.update({"minLength": 1, "pattern": field.get("pattern", NOT_BLANK)})  # a NUL rule is kept (below)
    for field in (body or {}).get("properties", {}).values():
        if field.get("type") == "string" and field.get("minLength", 0) >= 1:
            field.setdefault("pattern", NOT_BLANK)


def _objects_in(node: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in `node`, outermost first; each is yielded before its children are read, so the caller
    may change its keys."""
    if isinstance(node, dict):
        yield node
        children: Iterable[Any] = list(node.values())
    elif isinstance(node, list):
        children = node
    else:
        return
    for child in children:
        yield from _objects_in(child)


def _no_null_characters_not_blank(body: dict[str, Any] | None) -> None:
    # A text that refuses NUL says so as its type's pattern (schemas/questions.NoNul); one that must not be blank
    # either (stripped first) says both in one pattern.
    for node in _objects_in(body):
        if node.get("pattern") == NO_NUL_PATTERN and node.get("minLength", 0) >= 1:
            node["pattern"] = NOT_BLANK_NO_NUL  # not [^\u0000]*\S[^\u0000]*: the \S would match the NUL itself


def _declare_refusals(path: str, operation: dict[str, Any], body: dict[str, Any] | None) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    envelope = PANEL_ERROR_ENVELOPE if uses_panel_envelope(path) else ERROR_ENVELOPE
    declared = {int(code) for code in responses if code.isdigit()}
    for code in sorted(refusals_of(operation, body) | (declared & set(REFUSALS))):
        response = responses.setdefault(str(code), {"description": REFUSALS[code]})
        response["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{envelope}"}}}
        if code == 429:
            response["headers"] = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
    operation["responses"] = dict(sorted(responses.items()))


def refusal(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for the refusals a route answers beyond its shape's (a lock-out's 429, a conflict's 409)."""
    return {code: {"description": REFUSALS[code]} for code in codes}


CREATED_WITH_LOCATION: dict[int | str, dict[str, Any]] = {
    201: {"headers": {"Location": {"description": "The created resource's own URL", "schema": {"type": "string"}}}}
}


def set_location(response: Response, url: str) -> None:
    """A 201's `Location`: the path a GET of the created resource answers (declare CREATED_WITH_LOCATION too)."""
    response.headers["Location"] = url


def _rename_keywords(schemas: dict[str, Any]) -> None:
    for node in _objects_in(schemas):
        for key in [key for key in node if key in _PYDANTIC_KEYWORDS and not isinstance(node[key], dict)]:
            node[_PYDANTIC_KEYWORDS[key]] = node.pop(key)
