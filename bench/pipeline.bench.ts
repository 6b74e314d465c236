import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EVERY_OPTION } from '../example/every-option';
import { validatePipelineConfig } from '../lambda/shared/config/validate-pipeline-config';
import { LocalPipelineRunner } from '../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../simulator/runner/pipeline-template';
import { PersonalizeMlOpsPipeline } from '../src';

/**
 * How long the pieces take on this machine: synth of the maximal pipeline, a full local run of each sample
 * config (first run creates everything, the re-run creates nothing), and config validation.
 */
async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const rows: Array<[string, number, number[]]> = [];
  const time = async (label: string, iterations: number, fn: () => Promise<unknown> | unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      await fn();
      samples.push(performance.now() - start);
    }
    rows.push([label, iterations, samples]);
  };

  let template!: PipelineTemplate;
  await time('synth, every option on', 5, () => {
    const app = new App();
    const stack = new Stack(app, 'Bench');
    new PersonalizeMlOpsPipeline(stack, 'Pipeline', EVERY_OPTION);
    template = new PipelineTemplate(Template.fromStack(stack).toJSON());
  });

  for (const sample of ['input_media', 'input_retail']) {
    const config = JSON.parse(readFileSync(`sample_configs/${sample}.json`, 'utf8'));
    let runner!: LocalPipelineRunner;
    await time(`${sample}: first run (creates all)`, 5, async () => {
      runner = new LocalPipelineRunner({ template });
      const result = await runner.run(config);
      if (result.status !== 'SUCCEEDED') throw new Error(`${sample} failed: ${result.cause}`);
    });
    await time(`${sample}: re-run (creates nothing)`, 5, async () => {
      const result = await runner.run(config);
      if (result.status !== 'SUCCEEDED') throw new Error(`${sample} re-run failed: ${result.cause}`);
    });
    await time(`${sample}: validate config`, 200, () => validatePipelineConfig(config));
  }

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  console.log('| what | runs | median ms | min ms | max ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [label, n, xs] of rows) {
    console.log(`| ${label} | ${n} | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
