"""The job's Spark SQL statements: one .sql file per output dataset, with {{name}} placeholders."""

import json
import pkgutil
import re
from typing import Dict

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# Output dataset -> the views its statement reads.
STATEMENTS = {"interactions": ("ratings",), "items": ("movies", "ratings"), "users": ("users",)}


def render(sql: str, parameters: Dict[str, str]) -> str:
    """Fills in the placeholders; an unknown placeholder is an error, not an empty string."""

    def value(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in parameters:
            raise KeyError(f"no value for SQL parameter {{{{{name}}}}}")
        return parameters[name]

    return PLACEHOLDER.sub(value, sql)


def read_resource(name: str) -> str:
    """A file shipped beside this module; works from the folder and from the zip Glue gets (--extra-py-files)."""
    data = pkgutil.get_data(__name__, name)
    if data is None:
        raise FileNotFoundError(name)
    return data.decode("utf-8")


def load_statement(name: str, parameters: Dict[str, str]) -> str:
    """The rendered statement that produces one output dataset."""
    return render(read_resource(f"sql/{name}.sql"), parameters)


def raw_files() -> Dict[str, dict]:
    """The raw files: name, whether required, and columns (in the file, as the SQL names them, Spark type)."""
    return json.loads(read_resource("raw_files.json"))
