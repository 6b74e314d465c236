import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LocalPipelineRunner } from '../runner/local-pipeline-runner';
import { PipelineTemplate } from '../runner/pipeline-template';
import { printSummary } from '../runner/run-summary';

/**
 * Runs a synthesized pipeline locally on a config, against the Personalize emulator, and prints its
 * progress and a summary. Exits 0 when the execution succeeded, 1 when it failed.
 *
 *   ts-node local/cli/run-pipeline.ts --template cdk.out/<Stack>.template.json --config <config.json>
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'template': { type: 'string' },
      'config': { type: 'string' },
      'main': { type: 'string' },
      'glue-job': { type: 'string', multiple: true },
      'runs': { type: 'string', default: '1' },
    },
  });
  if (!values.template || !values.config) {
    console.error('usage: run-pipeline --template <template.json> --config <config.json> [--main <logical id prefix>] [--glue-job <name>] [--runs <n>]');
    return 2;
  }
  const config = JSON.parse(readFileSync(values.config, 'utf8'));
  const runner = new LocalPipelineRunner({
    template: PipelineTemplate.fromFile(values.template),
    mainStateMachine: values.main,
    log: (line) => console.log(line),
  });
  const jobName = config?.preprocessing?.jobName;
  for (const name of [...(values['glue-job'] ?? []), ...(jobName ? [jobName] : [])]) runner.glue.addJob(name);

  let status = 'SUCCEEDED';
  const runs = Number(values.runs);
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
  console.error(error);
  process.exit(1);
});
