"""awsglue.job.Job: init at the start of a run and commit at its end, which is when bookmark state is saved.
https://docs.aws.amazon.com/glue/latest/dg/programming-etl-connect-bookmarks.html
"""

from awsglue import calls


class Job:
    def __init__(self, glue_context):
        self.glue_context = glue_context

    def init(self, job_name, args):
        calls.append(("Job.init", job_name, dict(args)))

    def commit(self):
        calls.append(("Job.commit",))
