"""awsglue.utils.getResolvedOptions, as documented:
https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-crawler-pyspark-extensions-get-resolved-options.html
"""

import argparse

# Arguments Glue itself passes to every run; resolved whether listed or not, never required.
# https://docs.aws.amazon.com/glue/latest/dg/aws-glue-programming-etl-glue-arguments.html
GLUE_OWN = ("--job-bookmark-option", "--JOB_ID", "--JOB_RUN_ID", "--TempDir")


class GlueArgumentError(Exception):
    """A listed option is missing or has no value."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise GlueArgumentError(message)


def getResolvedOptions(args, options):
    """`args` is sys.argv (script name first); every name in `options` must be given as --name value."""
    parser = _Parser(allow_abbrev=False, add_help=False)
    for own in GLUE_OWN:
        parser.add_argument(own)
    for name in options:
        # No optional arguments: listing a name makes it required.
        parser.add_argument(f"--{name}", required=True)
    resolved, _others = parser.parse_known_args(args[1:])
    return vars(resolved)
