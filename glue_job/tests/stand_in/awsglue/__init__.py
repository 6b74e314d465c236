"""A stand-in for the awsglue library that Glue puts on a job's Python path, small enough to read.

It models what the AWS Glue developer guide documents and records what the job calls, in order, in `calls`.
Tests put its folder on sys.path; outside them, `import awsglue` fails, as it does under plain spark-submit.
"""

calls = []
