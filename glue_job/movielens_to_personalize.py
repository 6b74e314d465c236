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
"""

import sys

from job_arguments import parse_job_arguments
from sql_templates import STATEMENTS, load_statement, raw_files


def _exists(spark, uri: str) -> bool:
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path)


def run(spark, argv) -> None:
    args = parse_job_arguments(argv)
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


if __name__ == "__main__":
    from pyspark.sql import SparkSession

    session = SparkSession.builder.appName("movielens-to-personalize").getOrCreate()
    try:
        run(session, sys.argv[1:])
    finally:
        session.stop()
