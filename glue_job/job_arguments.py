"""Arguments of the MovieLens-to-Personalize Glue job: parsed, defaulted and checked before Spark starts."""

from dataclasses import dataclass
from typing import Dict, List

REQUIRED = ("input_prefix", "output_prefix")
DEFAULTS = {"watch_threshold": "0", "like_threshold": "4"}


class JobArgumentError(ValueError):
    """An argument is missing or malformed; the message names it."""


@dataclass(frozen=True)
class JobArguments:
    input_prefix: str
    output_prefix: str
    watch_threshold: float
    like_threshold: float

    def sql_parameters(self) -> Dict[str, str]:
        """The values the SQL templates take, rendered as SQL literals."""
        return {"watch_threshold": repr(self.watch_threshold), "like_threshold": repr(self.like_threshold)}


def _pairs(argv: List[str]) -> Dict[str, str]:
    # Glue passes every argument as "--name value" (its own ones too, which are ignored here).
    values: Dict[str, str] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("--") and i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            values[arg[2:]] = argv[i + 1]
            i += 2
        else:
            if arg.startswith("--") and "=" in arg:
                name, value = arg[2:].split("=", 1)
                values[name] = value
            i += 1
    return values


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
    """Reads the job's arguments from Glue's argv."""
    values = {**DEFAULTS, **_pairs(argv)}
    missing = [name for name in REQUIRED if not values.get(name)]
    if missing:
        raise JobArgumentError("missing job argument(s): " + ", ".join(f"--{name}" for name in missing))
    args = JobArguments(
        input_prefix=_prefix("input_prefix", values["input_prefix"]),
        output_prefix=_prefix("output_prefix", values["output_prefix"]),
        watch_threshold=_threshold("watch_threshold", values["watch_threshold"]),
        like_threshold=_threshold("like_threshold", values["like_threshold"]),
    )
    if args.watch_threshold > args.like_threshold:
        raise JobArgumentError(
            f"--watch_threshold ({args.watch_threshold}) must not be above --like_threshold ({args.like_threshold})")
    if args.input_prefix == args.output_prefix:
        raise JobArgumentError("--output_prefix must differ from --input_prefix")
    return args
