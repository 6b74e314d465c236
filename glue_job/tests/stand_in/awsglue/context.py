"""awsglue.context.GlueContext: wraps the SparkContext and exposes its Spark session.
https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-glue-context.html
"""

from awsglue import calls


class GlueContext:
    def __init__(self, spark_context):
        self.spark_context = spark_context
        self.spark_session = ("spark session of", spark_context)
        calls.append(("GlueContext", spark_context))
