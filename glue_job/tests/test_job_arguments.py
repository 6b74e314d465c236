import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from job_arguments import JobArgumentError, parse_job_arguments  # noqa: E402
from sql_templates import STATEMENTS, load_statement, raw_files, render  # noqa: E402


class ParseJobArgumentsTest(unittest.TestCase):
    def test_reads_glue_style_arguments_and_ignores_glue_own(self):
        args = parse_job_arguments([
            "--JOB_NAME", "movielens", "--job-bookmark-option", "job-bookmark-disable",
            "--input_prefix", "s3://data/raw", "--output_prefix", "s3://data/personalize/", "--like_threshold", "4.5",
        ])
        self.assertEqual(args.input_prefix, "s3://data/raw/")
        self.assertEqual(args.output_prefix, "s3://data/personalize/")
        self.assertEqual(args.watch_threshold, 0.0)
        self.assertEqual(args.like_threshold, 4.5)
        self.assertEqual(args.sql_parameters(), {"watch_threshold": "0.0", "like_threshold": "4.5"})

    def test_missing_prefixes_are_named(self):
        with self.assertRaisesRegex(JobArgumentError, "--input_prefix, --output_prefix"):
            parse_job_arguments(["--JOB_NAME", "x"])

    def test_a_prefix_must_be_s3(self):
        with self.assertRaisesRegex(JobArgumentError, "--input_prefix must be an S3 URI"):
            parse_job_arguments(["--input_prefix", "/tmp/raw", "--output_prefix", "s3://b/o/"])

    def test_thresholds_are_ratings(self):
        with self.assertRaisesRegex(JobArgumentError, "--like_threshold must be a number from 0 to 5"):
            parse_job_arguments(["--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/", "--like_threshold", "7"])
        with self.assertRaisesRegex(JobArgumentError, "must not be above"):
            parse_job_arguments(["--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/", "--watch_threshold", "4", "--like_threshold", "3"])

    def test_output_must_not_overwrite_input(self):
        with self.assertRaisesRegex(JobArgumentError, "must differ"):
            parse_job_arguments(["--input_prefix", "s3://b/x/", "--output_prefix", "s3://b/x"])


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
