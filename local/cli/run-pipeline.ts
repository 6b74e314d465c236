import { parseArgs } from 'node:util';
import { JsonFileError, readJsonFile } from './read-config';
import { LocalPipelineRunner } from '../runner/local-pipeline-runner';
import { PipelineTemplate } from '../runner/pipeline-template';
import { printSummary } from '../runner/run-summary';

/**
 * Runs a synthesized pipeline locally on a config, against the Personalize emulator, and prints its
 * progress and a summary. Exits 0 when the execution succeeded, 1 when it failed, 2 when the arguments or the
 * files they name cannot be used (one line on stderr, no stack trace).
 *
 *   ts-node local/cli/run-pipeline.ts --template cdk.out/<Stack>.template.json --config <config.json>
 */
const USAGE = 'usage: run-pipeline --template <template.json> --config <config.json> [--main <logical id prefix>] [--glue-job <name>] [--runs <n>]';

function parseArguments() {
  return parseArgs({
    options: {
      'template': { type: 'string' },
      'config': { type: 'string' },
      'main': { type: 'string' },
      'glue-job': { type: 'string', multiple: true },
      'runs': { type: 'string', default: '1' },
    },
  }).values;
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArguments>;
  try {
    values = parseArguments();
  } catch (error) {
    console.error(`run-pipeline: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.template || !values.config) {
    console.error(USAGE);
    return 2;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`run-pipeline: --runs must be a whole number of at least 1, got: ${values.runs}`);
    return 2;
  }
  const config = readJsonFile(values.config) as any;
  const runner = new LocalPipelineRunner({
    template: new PipelineTemplate(readJsonFile(values.template)),
    mainStateMachine: values.main,
    log: (line) => console.log(line),
  });
  const jobName = config?.preprocessing?.jobName;
  for (const name of [...(values['glue-job'] ?? []), ...(jobName ? [jobName] : [])]) runner.glue.addJob(name);

  let status = 'SUCCEEDED';
  for (let i = 1; i <= runs; i++) {
    console.log(`\n=== Run ${i} of ${runs}: ${values.config} ===`);
    const before = runner.emulator.mutations().length;
    const result = await runner.run(config);
    printSummary(runner, result, before, (line) => console.log(line));
    if (result.status !== 'SUCCEEDED') status = result.status;
  }
  return status === 'SUCCEEDED' ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  if (error instanceof JsonFileError) {
    console.error(`run-pipeline: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
