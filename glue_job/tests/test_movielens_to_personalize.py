import unittest
from unittest import mock

from stand_ins import fake_pyspark, in_glue, outside_glue

import movielens_to_personalize as script  # noqa: E402  (stand_ins puts the job on sys.path)

ARGV = ["movielens_to_personalize.py", "--JOB_NAME", "movielens", "--job-bookmark-option", "job-bookmark-disable",
        "--input_prefix", "s3://data/raw/", "--output_prefix", "s3://data/personalize/"]


class InGlueTest(unittest.TestCase):
    """In Glue: GlueContext over the SparkContext, Job.init before the transformation, job.commit after it."""

    def run_main(self, transform):
        with in_glue() as awsglue:
            with fake_pyspark(awsglue.calls), mock.patch.object(script, "transform", transform):
                try:
                    script.main(ARGV)
                finally:
                    self.calls = list(awsglue.calls)

    def test_init_then_transform_then_commit(self):
        def transform(spark, args):
            import awsglue  # the stand-in, while in_glue() is active

            awsglue.calls.append(("transform", spark, args.input_prefix))

        self.run_main(transform)
        self.assertEqual([call[0] for call in self.calls],
                         ["SparkContext.getOrCreate", "GlueContext", "Job.init", "transform", "Job.commit"])
        _init, name, resolved = self.calls[2]
        self.assertEqual(name, "movielens")
        self.assertEqual(resolved["job_bookmark_option"], "job-bookmark-disable")
        self.assertEqual(self.calls[3], ("transform", ("spark session of", "spark context"), "s3://data/raw/"))

    def test_a_failed_transformation_fails_the_run_without_a_commit(self):
        def transform(spark, args):
            raise RuntimeError("boom")

        with self.assertRaisesRegex(RuntimeError, "boom"):
            self.run_main(transform)
        self.assertNotIn(("Job.commit",), self.calls)
        self.assertEqual(self.calls[-1][0], "Job.init")

    def test_bad_arguments_stop_the_job_before_spark_starts(self):
        with self.assertRaisesRegex(ValueError, "missing job argument"):
            with in_glue() as awsglue, fake_pyspark(awsglue.calls):
                try:
                    script.main(["movielens_to_personalize.py", "--JOB_NAME", "movielens"])
                finally:
                    self.assertEqual(awsglue.calls, [])


class OutsideGlueTest(unittest.TestCase):
    """Under spark-submit: a plain Spark session, stopped whatever happens."""

    def test_a_plain_session_named_after_the_job(self):
        calls = []
        with outside_glue(), fake_pyspark(calls), mock.patch.object(
                script, "transform", lambda spark, args: calls.append(("transform", spark.name))):
            script.main(ARGV)
        self.assertEqual(calls, [("SparkSession.getOrCreate", "movielens"), ("transform", "movielens"),
                                 ("SparkSession.stop", "movielens")])

    def test_the_session_stops_when_the_transformation_fails(self):
        calls = []

        def transform(spark, args):
            raise RuntimeError("boom")

        with outside_glue(), fake_pyspark(calls), mock.patch.object(script, "transform", transform):
            with self.assertRaisesRegex(RuntimeError, "boom"):
                script.main(ARGV)
        self.assertEqual(calls[-1], ("SparkSession.stop", "movielens"))


if __name__ == "__main__":
    unittest.main()
