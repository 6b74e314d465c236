"""Arguments of the MovieLens-to-Personalize Glue job: read the way Glue reads them, defaulted and checked
before Spark starts.

In Glue, awsglue.utils.getResolvedOptions reads sys.argv; elsewhere (spark-submit, python3) argparse does, with
parse_known_args so that Glue's own arguments (--job-bookmark-option, --TempDir, ...) pass through untouched.
"""

import argparse
from dataclasses import dataclass, field
from typing import Dict, List

REQUIRED = ("input_prefix", "output_prefix")
DEFAULTS = {"watch_threshold": "0", "like_threshold": "4"}
# Glue always passes --JOB_NAME; a run outside Glue has no job, so it only names the Spark application.
LOCAL_JOB_NAME = "movielens-to-personalize"


class JobArgumentError(ValueError):
    """An argument is missing or malformed; the message names it."""


@dataclass(frozen=True)
class JobArguments:
    job_name: str
    input_prefix: str
    output_prefix: str
    watch_threshold: float
    like_threshold: float
    # Every option as resolved, Glue's own included: Job.init takes them all (bookmark option, run id, ...).
    resolved: Dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def sql_parameters(self) -> Dict[str, str]:
        """The values the SQL templates take, rendered as SQL literals."""
        return {"watch_threshold": repr(self.watch_threshold), "like_threshold": repr(self.like_threshold)}


def _given(argv: List[str], name: str) -> bool:
    flag = f"--{name}"
    return any(arg == flag or arg.startswith(flag + "=") for arg in argv[1:])


def _resolve_in_glue(get_resolved_options, argv: List[str]) -> Dict[str, str]:
    # getResolvedOptions makes every listed name required and has no optional ones, so only the names given are
    # listed (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-get-resolved-options.html);
    # missing ones are then reported below, the same way on both paths.
    names = [name for name in (*REQUIRED, *DEFAULTS) if _given(argv, name)]
    return dict(get_resolved_options(argv, ["JOB_NAME", *names]))


class _ArgumentParser(argparse.ArgumentParser):
    # argparse exits the process on a bad argument; the job reports it as a JobArgumentError instead.
    def error(self, message):
        raise JobArgumentError(message)


def _resolve_locally(argv: List[str]) -> Dict[str, str]:
    parser = _ArgumentParser(prog=argv[0] if argv else LOCAL_JOB_NAME, allow_abbrev=False, add_help=False)
    parser.add_argument("--JOB_NAME", default=LOCAL_JOB_NAME)
    for name in (*REQUIRED, *DEFAULTS):
        parser.add_argument(f"--{name}")
    known, _glue_own = parser.parse_known_args(argv[1:])
    return {name: value for name, value in vars(known).items() if value is not None}


def resolve_options(argv: List[str]) -> Dict[str, str]:
    """The job's options as given (no defaults yet), read by getResolvedOptions in Glue, by argparse elsewhere.

    `argv` is the whole of sys.argv: like getResolvedOptions, this skips the script name.
    """
    try:
        from awsglue.utils import getResolvedOptions
    except ImportError:
        return _resolve_locally(argv)
    return _resolve_in_glue(getResolvedOptions, argv)


def _prefix(name: str, value: str) -> str:
    if not value.startswith("s3://") or len(value) <= len("s3://"):
        raise JobArgumentError(f"--{name} must be an S3 URI such as s3://bucket/folder/, got: {value!r}")
    return value if value.endswith("/") else value + "/"


def _threshold(name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise JobArgumentError(f"--{name} must be a number from 0 to 5, got: {value!r}") from None
    if not 0 <= number <= 5:
        raise JobArgumentError(f"--{name} must be a number from 0 to 5, got: {value!r}")
    return number


def parse_job_arguments(argv: List[str]) -> JobArguments:
    """Reads, defaults and checks the job's arguments from sys.argv (script name first, as Glue passes it)."""
    resolved = resolve_options(argv)
    values = {**DEFAULTS, **{name: value for name, value in resolved.items() if value is not None}}
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        raise JobArgumentError("missing job argument(s): " + ", ".join(f"--{name}" for name in missing))
    args = JobArguments(
        job_name=values.get("JOB_NAME") or LOCAL_JOB_NAME,
        input_prefix=_prefix("input_prefix", values["input_prefix"]),
        output_prefix=_prefix("output_prefix", values["output_prefix"]),
        watch_threshold=_threshold("watch_threshold", values["watch_threshold"]),
        like_threshold=_threshold("like_threshold", values["like_threshold"]),
        resolved=resolved,
    )
    if args.watch_threshold > args.like_threshold:
        raise JobArgumentError(
            f"--watch_threshold ({args.watch_threshold}) must not be above --like_threshold ({args.like_threshold})")
    if args.input_prefix == args.output_prefix:
        raise JobArgumentError("--output_prefix must differ from --input_prefix")
    return args
