"""The package keeps the promise of its py.typed marker: mypy --strict finds nothing, for the oldest Python the
package supports too. mypy is Debian's python3-mypy (deploy/test installs it)."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


class TypesTest(unittest.TestCase):
    def test_the_package_type_checks_strictly_for_python_3_9(self):
        with tempfile.TemporaryDirectory() as cache:
            run = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--python-version", "3.9",
                                  "--cache-dir", cache, str(SRC / "geopera")],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        output = run.stdout.decode("utf-8", "replace")
        self.assertEqual(0, run.returncode, output)
        self.assertIn("Success: no issues found", output)

    def test_the_package_is_marked_typed(self):
        self.assertTrue((SRC / "geopera" / "py.typed").is_file())


if __name__ == "__main__":
    unittest.main()
