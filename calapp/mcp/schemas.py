"""Tool input and output JSON Schemas, from the REST marshmallow schemas.

The conversion is the OpenAPI document's own (the app's flask-smorest ``Api``
and its marshmallow plugin), so a tool's schema and the REST operation's cannot
drift apart. A nested schema is a ``$ref`` into the document's components; a
tool's schema must stand alone, so those become ``$defs`` of the tool's schema.
"""

from __future__ import annotations

import copy

import marshmallow as ma
from flask import current_app

from calapp.api import Schema

_COMPONENTS = "#/components/schemas/"


def combined(name: str, *parts: type[ma.Schema], **fields: ma.fields.Field):
    """One marshmallow schema of a tool's arguments: the REST operation's path
    parameters (``fields``), query and body schemas side by side."""
    return type(name, (*parts, Schema), dict(fields))


def rest_api():
    """The app's flask-smorest ``Api`` (the one that writes /openapi.json)."""
    return current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]


def json_schema(schema: type[ma.Schema], *, for_input: bool) -> dict:
    """The standalone JSON Schema of ``schema`` as the OpenAPI document has it.

    For input the fields a client may send (``dump_only`` left out), for output
    those the server returns (``load_only`` left out).
    """
    api = rest_api()
    converter = api.ma_plugin.converter
    instance = schema(exclude=_excluded(schema, for_input))
    body = converter.schema2jsonschema(instance)
    components = api.spec.to_dict().get("components", {}).get("schemas", {})
    defs: dict = {}
    body = _inline_refs(body, components, defs)
    if defs:
        body["$defs"] = defs
    return body


def _excluded(schema: type[ma.Schema], for_input: bool) -> tuple[str, ...]:
    fields = schema._declared_fields
    flag = "dump_only" if for_input else "load_only"
    return tuple(name for name, field in fields.items() if getattr(field, flag))


def _inline_refs(node, components: dict, defs: dict):
    """Point every ``#/components/schemas/X`` at ``#/$defs/X``, copying X (and
    what it refers to) into ``defs``."""
    if isinstance(node, list):
        return [_inline_refs(item, components, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str) and value.startswith(_COMPONENTS):
            name = value[len(_COMPONENTS) :]
            if name not in defs:
                defs[name] = {}  # placeholder: a schema may refer to itself
                defs[name] = _inline_refs(
                    copy.deepcopy(components[name]), components, defs
                )
            out[key] = f"#/$defs/{name}"
        else:
            out[key] = _inline_refs(value, components, defs)
    return out
