"""AWS Glue (Spark) job: turns MovieLens-format files into Amazon Personalize datasets.

Reads   <input_prefix>ratings.csv  (userId,movieId,rating,timestamp)
        <input_prefix>movies.csv   (movieId,title,genres)
        <input_prefix>users.csv    (userId,gender,age), when present
Writes  <output_prefix>interactions/, items/ and users/: CSV files with a header, ready for a dataset import job
        (point its dataLocation at the folder).

Job arguments: --input_prefix, --output_prefix (S3 URIs), --watch_threshold (default 0) and --like_threshold
(default 4): a rating at or above the like threshold becomes a 'like', one at or above the watch threshold a
'watch', lower ones are left out. The transformation is the Spark SQL in sql/; it is deterministic (no random
values) and runs on DataFrames across the cluster, nothing is collected on the driver.

In Glue the script runs as a Glue job (GlueContext, Job.init, job.commit); elsewhere, under spark-submit, on a
plain Spark session.
"""

import sys
from typing import List

from job_arguments import JobArguments, parse_job_arguments
from sql_templates import STATEMENTS, load_statement, raw_files


def _exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path)


def transform(spark, args: JobArguments) -> None:
    """Reads the raw files as views and writes one output folder per statement whose views exist."""
    views = set()
    for view, spec in raw_files().items():
        uri = args.input_prefix + spec["file"]
        if not spec["required"] and not _exists(spark, uri):
            continue
        schema = ", ".join(f"{source} {kind}" for source, _name, kind in spec["columns"])
        names = [name for _source, name, _kind in spec["columns"]]
        spark.read.csv(uri, header=True, schema=schema).toDF(*names).createOrReplaceTempView(view)
        views.add(view)
    for output, needs in STATEMENTS.items():
        if not set(needs) <= views:
            print(f"skipping {output}: no {', '.join(sorted(set(needs) - views))} input")
            continue
        frame = spark.sql(load_statement(output, args.sql_parameters()))
        frame.write.mode("overwrite").option("header", True).csv(f"{args.output_prefix}{output}/")
        print(f"wrote {args.output_prefix}{output}/")


def _run_on_spark(args: JobArguments) -> None:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName(args.job_name).getOrCreate()
    try:
        transform(spark, args)
    finally:
        spark.stop()


def main(argv: List[str]) -> None:
    args = parse_job_arguments(argv)
    try:
        from awsglue.context import GlueContext
        from awsglue.job import Job
    except ImportError:
        _run_on_spark(args)
        return
    from pyspark.context import SparkContext

    glue_context = GlueContext(SparkContext.getOrCreate())
    job = Job(glue_context)
    # Bookmarks need Job.init first and job.commit last: https://docs.aws.amazon.com/glue/latest/dg/programming-etl-connect-bookmarks.html
    # A failed transformation raises before the commit, so the run fails and its bookmark state is not saved.
    job.init(args.job_name, args.resolved)
    transform(glue_context.spark_session, args)
    job.commit()


if __name__ == "__main__":
    main(sys.argv)
