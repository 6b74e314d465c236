import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalPipelineRunner, PipelineRunResult } from '../../local/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../local/runner/pipeline-template';

/*
 * The newcomer's path, as README.md tells it: the library packed into its tarball (README "Install"), installed
 * into a new app made by `cdk init app --language typescript`, the README's "Usage" code copied verbatim into the
 * app with cdk-nag on through its plugin path, `cdk synth`, then the config the usage suggests run locally
 * against that template. Run with `npm run test:package`, which packs the tarball first; the README is read
 * here, so the test breaks when the README drifts.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TARBALL = path.join(ROOT, 'dist', 'js', `${PACKAGE.name}@${PACKAGE.version}.jsii.tgz`);
const APP_NAME = 'newcomer-app';
/** aws-cdk-lib gives validation plugins the construct tree (`appConstruct`) from this version on. */
const FIRST_CDK_WITH_PLUGIN_TREE = '2.258.0';

/** A `## <title>` section of the README, up to the next `## ` heading. */
function readmeSection(title: string): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The usage section's TypeScript block, as a reader copies it. */
function readmeUsageCode(): string {
  const block = /```ts\n([\s\S]*?)```/.exec(readmeSection('Usage'));
  if (!block) throw new Error('README.md "## Usage" has no ```ts block');
  return block[1];
}

/** The sample config the usage section tells the reader to start with (its first `sample_configs/*.json` link). */
function readmeSuggestedConfig(): string {
  const link = /\]\((sample_configs\/[\w.-]+\.json)\)/.exec(readmeSection('Usage'));
  if (!link) throw new Error('README.md "## Usage" links no sample_configs/*.json');
  return path.join(ROOT, link[1]);
}

/** The version of a package as the project installed it (npm ci put that version in the npm cache). */
function installedVersion(name: string): string {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

interface Command {
  readonly status: number | null;
  readonly output: string;
}

/** Runs a command in the app, outside the project's npm context (npm_* variables would point npm back here). */
function run(cwd: string, command: string, args: string[]): Command {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'INIT_CWD'));
  const result = spawnSync(command, args, { cwd, env: { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function runOrThrow(cwd: string, command: string, args: string[]): void {
  const result = run(cwd, command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status} in ${cwd}:\n${result.output.slice(-4000)}`);
}

/** One plugin's outcome in the validation report cdk synth writes. */
interface PluginOutcome {
  readonly plugin: string;
  readonly passed: boolean;
  readonly error?: string;
  readonly findings: string[];
}

/**
 * The validation report in cdk.out: `validation-report.json` (aws-cdk-lib 2.258 and later) or
 * `policy-validation-report.json` (before, with name, status and metadata under `summary`).
 */
function validationReport(cdkOut: string): PluginOutcome[] | undefined {
  const file = ['validation-report.json', 'policy-validation-report.json'].map((f) => path.join(cdkOut, f)).find(existsSync);
  if (!file) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return (report.pluginReports ?? []).map((p: any): PluginOutcome => {
    const summary = p.summary ?? p;
    return {
      plugin: summary.pluginName,
      passed: (summary.status ?? summary.conclusion) === 'success',
      error: summary.metadata?.error ?? p.metadata?.error,
      findings: (p.violations ?? []).flatMap((v: any) => {
        const where: string[] = [
          ...(v.violatingConstructs ?? []).map((c: any) => c.constructPath),
          ...(v.violatingResources ?? []).map((r: any) => r.resourceLogicalId),
        ];
        return where.length > 0 ? where.map((w) => `${v.ruleName} on ${w}`) : [v.ruleName];
      }),
    };
  });
}

describe('the newcomer\'s path: the packed library in a cdk init app, with the README\'s usage', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'personalize-mlops-newcomer-'));
  const app = path.join(work, APP_NAME);
  const cdkOut = path.join(app, 'cdk.out');
  const cdkLibVersion = installedVersion('aws-cdk-lib');
  let synth: Command;

  beforeAll(() => {
    if (!existsSync(TARBALL)) {
      throw new Error(`no tarball at ${path.relative(ROOT, TARBALL)}: run \`npm run test:package\`, which packs it first`);
    }
    mkdirSync(app);
    // The layout, cdk.json (with the feature flags of the CLI's version) and tsconfig.json as cdk init writes them.
    runOrThrow(app, path.join(ROOT, 'node_modules', '.bin', 'cdk'), ['init', 'app', '--language', 'typescript', '--generate-only']);

    // The versions the project was built and tested with, so that the install comes from the npm cache `npm ci`
    // filled; ts-node stands in for tsx (not a dependency here), both run TypeScript without type-checking it.
    const manifestFile = path.join(app, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.dependencies = {
      'aws-cdk-lib': cdkLibVersion,
      'constructs': installedVersion('constructs'),
      'cdk-nag': installedVersion('cdk-nag'),
      [PACKAGE.name]: `file:${TARBALL}`,
    };
    manifest.devDependencies = Object.fromEntries(['@types/jest', '@types/node', 'aws-cdk', 'ts-node', 'typescript'].map((n) => [n, installedVersion(n)]));
    writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
    const cdkJsonFile = path.join(app, 'cdk.json');
    const cdkJson = JSON.parse(readFileSync(cdkJsonFile, 'utf8'));
    if (!/\bnpx tsx\b/.test(cdkJson.app)) throw new Error(`cdk init's cdk.json runs the app with something else than tsx now: ${cdkJson.app}`);
    cdkJson.app = cdkJson.app.replace(/\bnpx tsx\b/, 'npx ts-node --transpile-only');
    writeFileSync(cdkJsonFile, JSON.stringify(cdkJson, undefined, 2));

    // The README's usage, verbatim, then cdk-nag as its README turns it on.
    writeFileSync(path.join(app, 'bin', `${APP_NAME}.ts`), [
      readmeUsageCode(),
      '// cdk-nag through its plugin path, as cdk-nag\'s README shows (added by test/packaging).',
      'import { Validations } from \'aws-cdk-lib\';',
      'import { AwsSolutionsChecks } from \'cdk-nag\';',
      'Validations.of(app).addPlugins(new AwsSolutionsChecks(app));',
      // aws-cdk-lib 2.258 leaves a plugin that passed out of cdk.out/validation-report.json: keep each plugin's own
      // report beside it, so the test can tell "ran and passed" from "never ran".
      'import { writeFileSync } from \'node:fs\';',
      'import * as path from \'node:path\';',
      'for (const plugin of (app as any)._policyValidation ?? []) {',
      '  const validate = plugin.validate.bind(plugin);',
      '  plugin.validate = (context: any) => {',
      '    const report = validate(context);',
      '    writeFileSync(path.join(app.outdir, `${plugin.name}-report.json`), JSON.stringify(report));',
      '    return report;',
      '  };',
      '}',
      '',
    ].join('\n'));

    runOrThrow(app, 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
    synth = run(app, 'npx', ['cdk', 'synth', '--quiet', '--no-notices']);
  }, 300_000);

  afterAll(() => { if (!process.env.KEEP_NEWCOMER_APP) rmSync(work, { recursive: true, force: true }); });

  test('the app gets the library from the tarball, with the bundled handlers', () => {
    const installed = path.join(app, 'node_modules', PACKAGE.name);
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(PACKAGE.version);
    const handlers = readdirSync(path.join(installed, 'assets', 'lambda'));
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect(existsSync(path.join(installed, 'assets', 'lambda', handler, 'index.js'))).toBe(true);
  });

  test('cdk synth runs the README usage with cdk-nag AwsSolutions on and nothing to report', () => {
    const report = validationReport(cdkOut);
    const problems: string[] = [];
    const nag = report?.find((p) => p.plugin === 'AwsSolutions');
    // aws-cdk-lib 2.258 leaves a plugin that passed out of the report file; the app keeps the plugin's own report.
    const ownReport = path.join(cdkOut, 'AwsSolutions-report.json');
    const own = existsSync(ownReport) ? JSON.parse(readFileSync(ownReport, 'utf8')) : undefined;
    const passedOnItsOwn = own !== undefined && (own.success === true || own.conclusion === 'success');
    if (!nag && !passedOnItsOwn) {
      problems.push(`no AwsSolutions report in ${cdkOut} (cdk synth exited ${synth.status}):\n${synth.output.slice(-3000)}`);
    } else if (nag?.error) {
      const hint = /appConstruct/.test(nag.error)
        ? ` [aws-cdk-lib ${cdkLibVersion} gives validation plugins no construct tree; cdk-nag 3's plugin path needs aws-cdk-lib >= ${FIRST_CDK_WITH_PLUGIN_TREE}]`
        : '';
      problems.push(`cdk-nag did not run: ${nag.error}${hint}`);
    }
    for (const outcome of report ?? []) {
      problems.push(...outcome.findings.map((f) => `${outcome.plugin}: ${f}`));
      if (!outcome.passed && outcome.findings.length === 0 && !outcome.error) problems.push(`${outcome.plugin}: failed with no finding`);
    }
    expect(problems).toEqual([]);
    expect({ status: synth.status, output: synth.output.slice(-3000) }).toMatchObject({ status: 0 });
  });

  test('the stack outputs the state machine ARN and the event bus name', () => {
    const outputs = JSON.parse(readFileSync(templateFile(cdkOut), 'utf8')).Outputs ?? {};
    expect(outputs).toMatchObject({
      StateMachineArn: { Value: { Ref: expect.stringMatching(/StateMachine/) } },
      EventBusName: { Value: { Ref: expect.stringMatching(/EventBus/) } },
    });
  });

  test('the config the README suggests runs to SUCCEEDED on the synthesized template', async () => {
    const configFile = readmeSuggestedConfig();
    const runner = new LocalPipelineRunner({ template: PipelineTemplate.fromFile(templateFile(cdkOut)) });
    const result: PipelineRunResult = await runner.run(JSON.parse(readFileSync(configFile, 'utf8')));
    expect({ config: path.relative(ROOT, configFile), ...result }).toMatchObject({ status: 'SUCCEEDED' });
    expect(runner.emulator.mutations().length).toBeGreaterThan(0);
  });
});

/** The one stack template cdk synth wrote. */
function templateFile(cdkOut: string): string {
  const templates = existsSync(cdkOut) ? readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')) : [];
  if (templates.length !== 1) throw new Error(`expected one template in ${cdkOut}, found: ${templates.join(', ') || 'none'}`);
  return path.join(cdkOut, templates[0]);
}
