import os
import sys
import unittest

import stand_ins  # noqa: F401  (puts the job folder on sys.path)

from sql_templates import STATEMENTS, load_statement, raw_files, render  # noqa: E402


class SqlTemplatesTest(unittest.TestCase):
    def test_placeholders_are_filled(self):
        self.assertEqual(render("WHERE rating >= {{watch_threshold}}", {"watch_threshold": "2.5"}), "WHERE rating >= 2.5")

    def test_an_unknown_placeholder_is_an_error(self):
        with self.assertRaises(KeyError):
            render("{{nope}}", {})

    def test_every_statement_renders_without_placeholders_left(self):
        params = {"watch_threshold": "0.0", "like_threshold": "4.0"}
        for name in STATEMENTS:
            sql = load_statement(name, params)
            self.assertNotIn("{{", sql)
            self.assertIn("SELECT", sql)

    def test_the_raw_file_layout_is_read_and_complete(self):
        files = raw_files()
        self.assertEqual(sorted(files), ["movies", "ratings", "users"])
        self.assertFalse(files["users"]["required"])


class ZipDeploymentTest(unittest.TestCase):
    """Glue gets the job folder as one zip on --extra-py-files: the modules must find their files inside it."""

    def test_statements_load_from_a_zip(self):
        import importlib
        import tempfile
        import zipfile

        job_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        with tempfile.TemporaryDirectory() as tmp:
            archive = os.path.join(tmp, "job.zip")
            with zipfile.ZipFile(archive, "w") as zf:
                for name in ["sql_templates.py", "raw_files.json", "sql/interactions.sql", "sql/items.sql", "sql/users.sql"]:
                    zf.write(os.path.join(job_dir, name), name)
            saved_path, saved_module = list(sys.path), sys.modules.pop("sql_templates", None)
            try:
                sys.path.insert(0, archive)
                sys.path.remove(job_dir) if job_dir in sys.path else None
                zipped = importlib.import_module("sql_templates")
                self.assertIn(archive, zipped.__file__)
                self.assertIn("EVENT_TYPE", zipped.load_statement("interactions", {"watch_threshold": "0", "like_threshold": "4"}))
                self.assertIn("ratings", zipped.raw_files())
            finally:
                sys.path[:] = saved_path
                sys.modules.pop("sql_templates", None)
                if saved_module is not None:
                    sys.modules["sql_templates"] = saved_module


if __name__ == "__main__":
    unittest.main()
