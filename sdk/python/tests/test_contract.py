"""The SDK and the OpenAPI document hold each other: every operation of the document has a method (at the tree path
of its dotted operation id), every method calls an operation of the document, and the SDK's version is the api's.
The README's quickstart runs as written."""

import functools
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import urllib.request
from pathlib import Path
from typing import Dict

import geopera
import stack
from geopera._operations import methods

SDK_DIR = Path(__file__).resolve().parents[1]
COMMITTED = stack.REPO / "sdk" / "openapi.json"


def openapi_document() -> Dict:
    """sdk/openapi.json when it is committed (the contract), else what the running api serves."""
    if COMMITTED.is_file():
        return json.loads(COMMITTED.read_text(encoding="utf-8"))
    with urllib.request.urlopen(stack.url() + "/q/openapi?format=json", timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


def document_operations(document: Dict) -> Dict[str, str]:
    """{operation id (or "METHOD path" when it has none): "METHOD path"}, without the /v1/op/… aliases."""
    operations = {}
    for path, item in document["paths"].items():
        if path.startswith("/v1/op/"):
            continue  # the same operations under their other URL form
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            http = "%s %s" % (method.upper(), path)
            operations[operation.get("operationId") or http] = http
    return operations


class ContractTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.document = openapi_document()
        cls.operations = document_operations(cls.document)
        cls.client = geopera.Client(api_key="", base_url=stack.url())
        cls.methods = list(methods(cls.client.processing, "processing.")) + list(
            methods(cls.client.auth, "auth.")) + list(methods(cls.client.admin, "admin.")) + list(
            methods(cls.client.ops, "ops."))

    def test_the_document_has_the_operations_of_the_reference(self):
        for operation_id in ("processing.catalog.estimate", "processing.execute", "processing.jobs.list",
                             "processing.project_jobs.list", "auth.sessions.create", "admin.credits.balance"):
            self.assertIn(operation_id, self.operations)

    def test_every_operation_of_the_document_has_a_method_at_its_path(self):
        by_operation = {m.operation_id: m for m in self.methods if m.operation_id}
        by_http = {m.http: m for m in self.methods if m.http}
        missing = []
        for operation_id, http in sorted(self.operations.items()):
            method = by_operation.get(operation_id) or by_http.get(http)
            if method is None:
                missing.append("%s (%s)" % (operation_id, http))
                continue
            self.assertEqual(http, method.http, "%s is called at another URL than the document says" % operation_id)
            if method.operation_id == operation_id:
                found = functools.reduce(getattr, operation_id.split("."), self.client)
                self.assertTrue(callable(found), operation_id)
        self.assertEqual([], missing, "operations without a method in the Python SDK")

    def test_every_method_calls_an_operation_of_the_document(self):
        https = set(self.operations.values())
        strays = [m.path for m in self.methods
                  if m.operation_id and m.operation_id not in self.operations and m.http not in https]
        self.assertEqual([], strays, "methods without an operation in the document")
        unmarked = [m.path for m in self.methods if not m.operation_id and not m.helper_of]
        self.assertEqual([], unmarked, "public methods that are neither an operation nor a helper of one")
        for m in self.methods:
            for operation_id in m.helper_of:
                self.assertIn(operation_id, self.operations, "%s is built on %s" % (m.path, operation_id))

    def test_the_sdk_version_is_the_apis_version(self):
        pom = (stack.REPO / "pom.xml").read_text(encoding="utf-8")
        maven = re.search(r"<artifactId>geopera-processing</artifactId>\s*<version>([^<]+)</version>", pom).group(1)
        expected = maven.replace("-SNAPSHOT", ".dev0")
        self.assertEqual(expected, geopera.__version__)
        served = self.document.get("info", {}).get("version", "")
        if re.match(r"^\d+\.\d+\.\d+", served):
            self.assertEqual(maven, served)


class QuickstartTest(unittest.TestCase):
    def test_the_readme_quickstart_runs_as_written(self):
        readme = (SDK_DIR / "README.md").read_text(encoding="utf-8")
        section = readme.split("## Quickstart", 1)[1]
        code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
        self.assertLessEqual(len([line for line in code.splitlines() if line.strip()]), 8, code)
        with tempfile.TemporaryDirectory() as cwd:
            env = dict(os.environ, PYTHONPATH=str(SDK_DIR / "src"))
            run = subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, timeout=300)
            output = run.stdout.decode("utf-8", "replace")
            self.assertEqual(0, run.returncode, output)
            self.assertIn("succeeded 100", output)
            with open(os.path.join(cwd, "clip.tif"), "rb") as tif:
                self.assertEqual(b"II*\x00", tif.read(4))


if __name__ == "__main__":
    unittest.main()
