"""The SDK's answer types hold the fields of the OpenAPI document's response schemas, no more and no fewer: each JSON
operation's method returns a dataclass whose fields are the properties of the operation's 2xx schema, and so on down
(a job's outputs, billing and error; a page's jobs; the catalog's processes)."""

import dataclasses
import typing
import unittest
from typing import Any, Dict, List, Optional, Set

import geopera
import stack
from geopera import models
from geopera._operations import methods
from test_contract import document_operations, openapi_document


# Made by the SDK from an answer's bytes and headers, not JSON objects of the api.
SDK_MADE = (models.Download, models.Image)


class ModelsMatchTheDocumentTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.document = openapi_document()
        client = geopera.Client(api_key="", base_url=stack.url())
        cls.methods = {}
        for root, prefix in ((client.processing, "processing."), (client.auth, "auth."), (client.admin, "admin.")):
            for method in methods(root, prefix):
                if method.operation_id:
                    cls.methods[method.operation_id] = functools_get(client, method.path)

    def resolve(self, schema: Dict[str, Any]) -> Dict[str, Any]:
        """The schema with $ref followed and allOf/anyOf/oneOf merged into one object schema."""
        seen = 0
        while "$ref" in schema:
            seen += 1
            self.assertLess(seen, 20, "a $ref loop")
            node: Any = self.document
            for part in schema["$ref"].lstrip("#/").split("/"):
                node = node[part]
            schema = dict(node, **{k: v for k, v in schema.items() if k != "$ref"})
        merged = dict(schema)
        properties = dict(schema.get("properties") or {})
        for key in ("allOf", "anyOf", "oneOf"):
            for part in schema.get(key) or []:
                resolved = self.resolve(part)
                properties.update(resolved.get("properties") or {})
                if "items" in resolved:
                    merged["items"] = resolved["items"]
        merged["properties"] = properties
        return merged

    def component_named_like(self, model: type) -> Optional[Dict[str, Any]]:
        """The component schema of the model's name (``TileJSON`` ↔ ``TileJson``): what a GET whose answer the
        document leaves untyped (``{}``) is held to."""
        for name, schema in self.document["components"]["schemas"].items():
            if name.lower() == model.__name__.lower():
                return self.resolve(schema)
        return None

    def response_schema(self, operation_id: str) -> Optional[Dict[str, Any]]:
        path, method = None, None
        for p, item in self.document["paths"].items():
            for m, operation in item.items():
                if isinstance(operation, dict) and operation.get("operationId") == operation_id:
                    path, method = p, m
        self.assertIsNotNone(path, operation_id)
        responses = self.document["paths"][path][method].get("responses") or {}
        for status in sorted(responses):
            if status.startswith("2"):
                content = (self.resolve(responses[status]).get("content") or {}).get("application/json")
                if content is not None:
                    return self.resolve(content.get("schema") or {})
        return None

    def compare(self, model: type, schema: Dict[str, Any], where: str, problems: List[str]) -> None:
        fields = {f.name for f in dataclasses.fields(model) if f.name != "raw"}
        if model in SDK_MADE:
            return
        properties: Set[str] = set(schema.get("properties") or {})
        if not properties:
            problems.append("%s: the document gives no properties for %s" % (where, model.__name__))
            return
        for name in sorted(properties - fields):
            problems.append("%s: %s lacks %r of the document" % (where, model.__name__, name))
        for name in sorted(fields - properties):
            problems.append("%s: %s has %r, which the document does not" % (where, model.__name__, name))
        for name, convert in models._CONVERTERS.get(model, {}).items():  # noqa: SLF001
            if name not in properties:
                continue
            inner = self.resolve(schema["properties"][name])
            if inner.get("type") == "array" or "items" in inner:
                inner = self.resolve(inner.get("items") or {})
            nested = nested_model(model, name)
            self.compare(nested, inner, "%s.%s" % (where, name), problems)

    def test_every_json_answer_type_has_exactly_the_documents_fields(self):
        problems: List[str] = []
        compared = 0
        for operation_id in sorted(document_operations(self.document)):
            method = self.methods.get(operation_id)
            if method is None:
                continue  # reported by ContractTest
            returned = typing.get_type_hints(method).get("return")
            if not (isinstance(returned, type) and issubclass(returned, models.Model)) or returned in SDK_MADE:
                continue  # validate answers 204, download a file, iterators stream
            schema = self.response_schema(operation_id)
            if schema is not None and not schema.get("properties"):
                schema = self.component_named_like(returned) or schema
            if schema is None:
                problems.append("%s: no application/json answer in the document" % operation_id)
                continue
            self.compare(returned, schema, operation_id, problems)
            compared += 1
        self.assertEqual([], problems)
        self.assertGreaterEqual(compared, 20)


def functools_get(root: Any, path: str) -> Any:
    for part in path.split("."):
        root = getattr(root, part)
    return root


def nested_model(model: type, field_name: str) -> type:
    hint = typing.get_type_hints(model)[field_name]
    for candidate in (hint,) + typing.get_args(hint) + tuple(
            a for arg in typing.get_args(hint) for a in typing.get_args(arg)):
        if isinstance(candidate, type) and issubclass(candidate, models.Model):
            return candidate
    raise AssertionError("%s.%s holds no model" % (model.__name__, field_name))


if __name__ == "__main__":
    unittest.main()
