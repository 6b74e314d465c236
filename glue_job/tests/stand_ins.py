"""Runs job code as if in Glue (the stand-in awsglue on sys.path) or outside it (awsglue not importable), and
fakes the few pyspark entry points the job touches: no Spark is installed where these tests run."""

import os
import sys
import types
from contextlib import contextmanager
from unittest import mock

TESTS = os.path.dirname(os.path.abspath(__file__))
JOB_DIR = os.path.dirname(TESTS)
STAND_IN = os.path.join(TESTS, "stand_in")

if JOB_DIR not in sys.path:
    sys.path.insert(0, JOB_DIR)


@contextmanager
def in_glue():
    """awsglue imports from the stand-in; yields the stand-in package, whose `calls` records the job's calls."""
    saved_path = list(sys.path)
    with mock.patch.dict(sys.modules):
        for name in [n for n in sys.modules if n == "awsglue" or n.startswith("awsglue.")]:
            del sys.modules[name]
        sys.path.insert(0, STAND_IN)
        try:
            import awsglue

            awsglue.calls.clear()
            yield awsglue
        finally:
            sys.path[:] = saved_path


@contextmanager
def outside_glue():
    """`import awsglue` fails, even where a real awsglue happens to be installed."""
    with mock.patch.dict(sys.modules, {"awsglue": None}):
        yield


@contextmanager
def fake_pyspark(calls: list):
    """pyspark.context.SparkContext and pyspark.sql.SparkSession, recording into `calls`."""

    class SparkContext:
        @classmethod
        def getOrCreate(cls):
            calls.append(("SparkContext.getOrCreate",))
            return "spark context"

    class Session:
        def __init__(self, name):
            self.name = name

        def stop(self):
            calls.append(("SparkSession.stop", self.name))

    class Builder:
        def appName(self, name):
            self.name = name
            return self

        def getOrCreate(self):
            calls.append(("SparkSession.getOrCreate", self.name))
            return Session(self.name)

    class SparkSession:
        builder = Builder()

    pyspark = types.ModuleType("pyspark")
    context = types.ModuleType("pyspark.context")
    context.SparkContext = SparkContext
    sql = types.ModuleType("pyspark.sql")
    sql.SparkSession = SparkSession
    with mock.patch.dict(sys.modules, {"pyspark": pyspark, "pyspark.context": context, "pyspark.sql": sql}):
        yield
