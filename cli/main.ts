import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../package.json';
import { forgetCommand } from './commands/forget';
import { planCommand } from './commands/plan';
import { simulateCommand } from './commands/simulate';
import { startCommand } from './commands/start';
import { statusCommand } from './commands/status';
import { validateCommand } from './commands/validate';
import { watchCommand } from './commands/watch';
import { CliError, ExitCode } from './errors';
import { CliIo, println } from './io';
import { FAULT_KINDS } from './simulate/fault-option';

const EXIT_CODES = `
Exit codes:
  0  valid; the run would go ahead; the execution succeeded
  1  the config is invalid; the run would stop; the execution failed, timed out or was aborted
  2  the command could not do its work: bad arguments, no credentials, a file, stack, state machine or execution that does not exist`;

const AWS_ENVIRONMENT = `
AWS access is the SDK's default: credentials and region as for the AWS CLI (AWS_PROFILE, AWS_REGION,
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, SSO, instance roles). AWS_ENDPOINT_URL_<SERVICE> (for example
AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_PERSONALIZE) sends a service's calls to another endpoint.`;

function wholeNumber(name: string, minimum: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < minimum) throw new InvalidArgumentError(`${name} must be a whole number of at least ${minimum}, got: ${value}`);
    return n;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a number of seconds above 0, got: ${value}`);
    return n;
  };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const featuresOption = () => new Option('--features <file>', 'check against a deployment\'s DEPLOYED_FEATURES JSON (the validator Lambda\'s environment) '
  + 'instead of every flow and a Glue job of the pipeline\'s own');

/** The options of a command that starts the main state machine and follows the run: `start` and `forget`. */
function withStartOptions(command: Command): Command {
  return command
    .addOption(new Option('--state-machine <arn>', 'the main state machine\'s ARN').conflicts('stack'))
    .addOption(new Option('--stack <name>', 'a deployed stack whose StateMachineArn output is the main state machine').conflicts('stateMachine'))
    .option('--region <region>', 'the region (default: the state machine ARN\'s, or the SDK\'s)')
    .option('--name <name>', 'the execution\'s name (default: one Step Functions makes)')
    .option('--no-validate', 'start without validating the config first (the pipeline validates it anyway)')
    .addOption(featuresOption())
    .option('--detach', 'print the execution ARN and exit without following the run')
    .option('--interval <seconds>', 'seconds between polls', positiveNumber('--interval'), 5);
}

/** The command line, writing to `io`; each action stores its exit code in `result`. */
export function commandLine(io: CliIo, result: { code: ExitCode }): Command {
  const root = new Command('personalize-mlops')
    .description('Validate, plan, start, watch, simulate and report on personalize-mlops pipeline runs.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText('after', `${EXIT_CODES}\n${AWS_ENVIRONMENT}\n\nRun \`personalize-mlops <command> --help\` for a command's options and examples.`);

  root.command('validate')
    .description('Validate pipeline configs offline with the validator the pipeline runs; every problem with its field path and line:column.')
    .argument('<config...>', 'pipeline config JSON files')
    .option('--json', 'print a JSON report: [{ file, valid, problems: [{ path, line, column, message }] }]')
    .addOption(featuresOption())
    .addHelpText('after', `
Offline, a config is checked against a pipeline deployed with every flow and a Glue job of its own (as the
example app deploys it): a problem reported here is a problem on every deployment.

Examples:
  $ personalize-mlops validate sample_configs/input_media.json
  $ personalize-mlops validate configs/*.json --json
${EXIT_CODES}`)
    .action((files: string[], options) => { result.code = validateCommand(files, options, io); });

  root.command('plan')
    .description('Show what a run of the config would do in your account: create, reuse, update, retrain or stop on a conflict, '
      + 'for each resource, with the reason. Read-only: Describe and List calls only.')
    .argument('<config>', 'a pipeline config JSON file')
    .option('--region <region>', 'the region to plan in (default: the SDK\'s, e.g. AWS_REGION)')
    .option('--account <id>', 'the 12-digit account id (default: the credentials\' account, from STS GetCallerIdentity)')
    .option('--json', 'print the verdicts and problems as JSON')
    .addOption(featuresOption())
    .addHelpText('after', `
Actions: create (new), reuse (exists as configured), update (dataset schema, campaign version or TPS),
retrain (a new solution version), rename (a failed job re-run under a new name), skip, conflict (the run
would stop: a filter with another expression, a resource of another dataset group, ...).

Examples:
  $ personalize-mlops plan sample_configs/input_media.json --region eu-west-1
  $ AWS_PROFILE=prod personalize-mlops plan config.json --json
${EXIT_CODES}
${AWS_ENVIRONMENT}`)
    .action(async (file: string, options) => { result.code = await planCommand(file, options, io); });

  withStartOptions(root.command('start')
    .description('Validate a config, start the pipeline\'s main state machine with it and follow the run (as watch does); or start a fleet.')
    .argument('[config]', 'a pipeline config JSON file (none with --fleet)')
    .option('--fleet <s3-uri>', 'start the fleet state machine on s3://<bucket>/<prefix> (every config under it; the bucket alone: the fleet\'s whole prefix); --stack finds it by its FleetStateMachineArn output'))
    .addHelpText('after', `
On a terminal, one live line per resource (child executions included) with its status and elapsed
time; otherwise a plain line for each change. At the end the outcome, and for a failed run its error
and cause in full.

Examples:
  $ personalize-mlops start config.json --stack PersonalizeMlOpsExample
  $ personalize-mlops start config.json --state-machine arn:aws:states:eu-west-1:123456789012:stateMachine:Pipeline --detach
  $ personalize-mlops start --fleet s3://my-configs/fleet/2026-12/ --stack PersonalizeMlOpsExample
${EXIT_CODES}
${AWS_ENVIRONMENT}`)
    .action(async (file: string | undefined, options) => { result.code = await startCommand(file, options, io); });

  withStartOptions(root.command('forget')
    .description('Start a run that deletes the users of an S3 CSV from the config\'s dataset group (CreateDataDeletionJob), then retrains every solution and moves its campaigns.')
    .argument('<users-csv>', 'the S3 URI of a CSV with one USER_ID column')
    .requiredOption('--config <file>', 'the pipeline config of the dataset group')
    .option('--job-name <name>', 'the data deletion job\'s name (default: forget- and a hash of the CSV\'s URI: the same file is one job)')
    .option('--role-arn <arn>', 'the role Personalize reads the CSV with (default: the config\'s first import job\'s roleArn)')
    .option('--no-retrain', 'delete only: the models keep the users until their next full training'))
    .addHelpText('after', `
Examples:
  $ personalize-mlops forget s3://my-bucket/gdpr/2026-01/users.csv --config config.json --stack PersonalizeMlOpsExample
${EXIT_CODES}
${AWS_ENVIRONMENT}`)
    .action(async (usersCsv: string, options) => { result.code = await forgetCommand(usersCsv, options, io); });

  root.command('watch')
    .description('Follow a pipeline execution and its child executions until it ends.')
    .argument('<executionArn>', 'the execution\'s ARN (as start prints it)')
    .option('--region <region>', 'the region (default: the execution ARN\'s)')
    .option('--interval <seconds>', 'seconds between polls', positiveNumber('--interval'), 5)
    .addHelpText('after', `
Uses DescribeExecution, DescribeStateMachine and ListExecutions (read-only). On a terminal, one live
line per resource with its status and elapsed time; otherwise a plain line for each change. At the end
the outcome, and for a failed run its error and cause in full.

Examples:
  $ personalize-mlops watch arn:aws:states:eu-west-1:123456789012:execution:Pipeline:3f2a...
${EXIT_CODES}
${AWS_ENVIRONMENT}`)
    .action(async (arn: string, options) => { result.code = await watchCommand(arn, options, io); });

  root.command('status')
    .description('One screen about a dataset group: each resource and its status, the version each campaign serves and its metrics, '
      + 'the age of the last training, the last pipeline run and the provisioned capacity billed. Read-only.')
    .requiredOption('--dataset-group <name>', 'the dataset group\'s name')
    .option('--state-machine <arn>', 'the pipeline\'s main state machine, for its last run of this dataset group')
    .option('--region <region>', 'the region (default: the state machine ARN\'s, or the SDK\'s)')
    .option('--account <id>', 'the 12-digit account id (default: the credentials\' account, from STS GetCallerIdentity)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `
Needs what plan needs (personalize:Describe*, personalize:List*, personalize:GetSolutionMetrics) and, with
--state-machine, states:ListExecutions and states:DescribeExecution. The billed capacity is each ACTIVE
campaign's minProvisionedTPS and recommender's minimum requests per second, times 730 hours a month.

Examples:
  $ personalize-mlops status --dataset-group FilmNightDatasetGroup
  $ personalize-mlops status --dataset-group FilmNightDatasetGroup --state-machine arn:aws:states:eu-west-1:123456789012:stateMachine:Pipeline --json
${EXIT_CODES}
${AWS_ENVIRONMENT}`)
    .action(async (options) => { result.code = await statusCommand(options, io); });

  root.command('simulate')
    .description('Run the pipeline locally against the Personalize emulator: the example app\'s stack (every option on, a fleet) or a given '
      + 'template, with the progress display of watch and a summary table. No AWS account is used. With --fleet, a folder of configs '
      + 'through the fleet state machine.')
    .argument('[config]', 'a pipeline config JSON file (none with --fleet)')
    .addOption(new Option('--fleet <folder>', 'run the fleet state machine on every .json config of the folder and its subfolders, '
      + 'put under the fleet\'s prefix in the local S3 stand-in').conflicts('runs'))
    .option('--template <file>', 'a synthesized template (cdk.out/<Stack>.template.json) instead of the example app\'s stack')
    .option('--main <prefix>', 'the main state machine by logical ID prefix, when the template has several pipelines (with --fleet: the fleet that runs it)')
    .option('--glue-job <name>', 'a Glue job that exists (repeatable; the config\'s preprocessing.jobName always does)', collect, [])
    .option('--runs <n>', 'run the config n times in a row against the same emulator (not with --fleet)', wholeNumber('--runs', 1), 1)
    .option('--fault <KIND=REASON>', 'the first resource of KIND (or KIND:NAME) the runs create fails once with REASON (repeatable)', collect, [])
    .addHelpText('after', `
Fault kinds: ${Object.keys(FAULT_KINDS).join(', ')}.
NAME is the resource's name as the create call gives it (a job's jobName, a solution version's own name).
Synthesizing the example needs aws-cdk-lib in the project (the construct's peer dependency).

With --fleet, each config file is an object under the fleet's prefix (config.json under fleet/ of the example's
bucket, sub/config.json under fleet/sub/); files not ending in .json are left out. The fleet runs them as in AWS: a
child execution of the main state machine per config, maxConcurrency at a time, against one emulator (names must not
collide between configs). A fault applies to the first matching resource of any config: KIND:NAME picks one config's.
Each config runs once (--runs is refused). At the end the outcome of the fleet, each failed config's in full, and a
table of the configs: execution, status, time, events, error. Exit code 0 only when the fleet and every config's run
succeeded; a config that is not JSON fails its run, as it would in the bucket.

Examples:
  $ personalize-mlops simulate sample_configs/input_media.json
  $ personalize-mlops simulate config.json --template cdk.out/MyStack.template.json --runs 2
  $ personalize-mlops simulate config.json --runs 2 --fault "SOLUTION_VERSION=Internal training error"
  $ personalize-mlops simulate --fleet configs/tenants/
  $ personalize-mlops simulate --fleet configs/tenants/ --template cdk.out/MyStack.template.json --fault "CAMPAIGN:TenantBCampaign=Not enough capacity"
${EXIT_CODES}`)
    .action(async (file: string | undefined, options) => { result.code = await simulateCommand(file, options, io); });

  return root;
}

/** Runs the command line on `argv` (the arguments after the program's name); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const result = { code: ExitCode.OK };
  try {
    await commandLine(io, result).parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.OK : ExitCode.UNUSABLE;
    if (error instanceof CliError) {
      println(io.stderr, `personalize-mlops: ${error.message}`);
      return error.exitCode;
    }
    println(io.stderr, `personalize-mlops: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return ExitCode.UNUSABLE;
  }
}
