"""The job's Spark SQL statements: one .sql file per output dataset, with {{name}} placeholders."""

import os
import re
from typing import Dict

SQL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sql")
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


def load_statement(name: str, parameters: Dict[str, str], sql_dir: str = SQL_DIR) -> str:
    """The rendered statement that produces one output dataset."""
    path = os.path.join(sql_dir, f"{name}.sql")
    if not os.path.exists(path):
        # Glue places --extra-files in the working directory.
        path = f"{name}.sql"
    with open(path, encoding="utf-8") as handle:
        return render(handle.read(), parameters)
