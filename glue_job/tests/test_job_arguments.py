import unittest

from stand_ins import in_glue, outside_glue

from job_arguments import JobArgumentError, parse_job_arguments  # noqa: E402  (stand_ins puts the job on sys.path)

SCRIPT = "movielens_to_personalize.py"
# What Glue passes: its own arguments among the job's, each as "--name value", after the script name.
GLUE_ARGV = [
    SCRIPT, "--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1", "--job-bookmark-option", "job-bookmark-disable",
    "--TempDir", "s3://tmp/", "--JOB_NAME", "movielens",
    "--input_prefix", "s3://data/raw", "--output_prefix", "s3://data/personalize/", "--like_threshold", "4.5",
]


class BothPaths:
    """The same rules, whoever reads sys.argv: getResolvedOptions in Glue, argparse elsewhere."""

    def runtime(self):
        raise NotImplementedError

    def parse(self, *args):
        with self.runtime():
            return parse_job_arguments([SCRIPT, *args])

    def test_reads_the_job_arguments_among_glue_own_and_defaults_the_rest(self):
        with self.runtime():
            args = parse_job_arguments(GLUE_ARGV)
        self.assertEqual(args.job_name, "movielens")
        self.assertEqual(args.input_prefix, "s3://data/raw/")
        self.assertEqual(args.output_prefix, "s3://data/personalize/")
        self.assertEqual(args.watch_threshold, 0.0)
        self.assertEqual(args.like_threshold, 4.5)
        self.assertEqual(args.sql_parameters(), {"watch_threshold": "0.0", "like_threshold": "4.5"})

    def test_missing_prefixes_are_named_together(self):
        with self.assertRaisesRegex(JobArgumentError, r"^missing job argument\(s\): --input_prefix, --output_prefix$"):
            self.parse("--JOB_NAME", "x")

    def test_an_empty_prefix_counts_as_missing(self):
        with self.assertRaisesRegex(JobArgumentError, r"^missing job argument\(s\): --output_prefix$"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/i/", "--output_prefix", "")

    def test_a_prefix_must_be_s3(self):
        with self.assertRaisesRegex(JobArgumentError, "--input_prefix must be an S3 URI .*, got: '/tmp/raw'"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "/tmp/raw", "--output_prefix", "s3://b/o/")

    def test_thresholds_are_ratings(self):
        with self.assertRaisesRegex(JobArgumentError, "--like_threshold must be a number from 0 to 5, got: '7'"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/", "--like_threshold", "7")
        with self.assertRaisesRegex(JobArgumentError, "--watch_threshold must be a number from 0 to 5, got: 'low'"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/", "--watch_threshold", "low")
        with self.assertRaisesRegex(JobArgumentError, r"--watch_threshold \(4.0\) must not be above --like_threshold \(3.0\)"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/",
                       "--watch_threshold", "4", "--like_threshold", "3")

    def test_output_must_not_overwrite_input(self):
        with self.assertRaisesRegex(JobArgumentError, "--output_prefix must differ from --input_prefix"):
            self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/x/", "--output_prefix", "s3://b/x")


class InGlueTest(BothPaths, unittest.TestCase):
    runtime = staticmethod(in_glue)

    def test_glue_own_arguments_are_kept_for_job_init(self):
        with in_glue():
            args = parse_job_arguments(GLUE_ARGV)
        self.assertEqual(args.resolved["JOB_NAME"], "movielens")
        self.assertEqual(args.resolved["job_bookmark_option"], "job-bookmark-disable")
        self.assertEqual(args.resolved["input_prefix"], "s3://data/raw")

    def test_optional_arguments_not_given_are_not_asked_of_get_resolved_options(self):
        # The stand-in, like getResolvedOptions, fails on any listed name that is absent.
        args = self.parse("--JOB_NAME", "x", "--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/")
        self.assertEqual((args.watch_threshold, args.like_threshold), (0.0, 4.0))


class OutsideGlueTest(BothPaths, unittest.TestCase):
    runtime = staticmethod(outside_glue)

    def test_runs_without_a_job_name(self):
        args = self.parse("--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/")
        self.assertEqual(args.job_name, "movielens-to-personalize")

    def test_accepts_name_equals_value(self):
        args = self.parse("--input_prefix=s3://b/i/", "--output_prefix=s3://b/o/", "--watch_threshold=1")
        self.assertEqual((args.input_prefix, args.watch_threshold), ("s3://b/i/", 1.0))

    def test_a_flag_without_its_value_is_an_argument_error_not_an_exit(self):
        with self.assertRaisesRegex(JobArgumentError, "--like_threshold: expected one argument"):
            self.parse("--input_prefix", "s3://b/i/", "--output_prefix", "s3://b/o/", "--like_threshold")


if __name__ == "__main__":
    unittest.main()
