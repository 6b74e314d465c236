import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LocalPipelineRunner, PipelineRunResult } from '../../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../../simulator/runner/pipeline-template';

/*
 * The newcomer's path, as README.md tells it: the library packed into its tarball (README "Install"), installed
 * into a new app made by `cdk init app --language typescript`, the README's "Usage" code copied verbatim into the
 * app with cdk-nag on through its plugin path, `cdk synth`, then the config the usage suggests run locally
 * against that template. Run with `npm run test:package`, which packs the tarball first; the README is read
 * here, so the test breaks when the README drifts.
 *
 * It walks the path twice, each time with the dependencies installed fresh from the registry into the app: the peer
 * floor (the lowest aws-cdk-lib and constructs package.json accepts) and the registry's latest aws-cdk-lib,
 * constructs, cdk-nag and CDK CLI, resolved with `npm view` at test time. The functions' runtime follows the app's
 * aws-cdk-lib, so cdk-nag's AwsSolutions-L1 ("the latest runtime") is only meaningful against both.
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

/** The lowest version a peer dependency range of package.json accepts (`^2.258.0` → `2.258.0`). */
function peerFloor(name: string): string {
  const range: string = PACKAGE.peerDependencies[name];
  const floor = /^(?:\^|~|>=)?\s*(\d+\.\d+\.\d+)$/.exec(range ?? '');
  if (!floor) throw new Error(`package.json peerDependencies.${name} is not a single lower bound: ${range}`);
  return floor[1];
}

/** What the registry calls latest now. */
function registryLatest(name: string): string {
  const view = run(ROOT, 'npm', ['view', `${name}@latest`, 'version']);
  if (view.status !== 0) throw new Error(`npm view ${name}@latest version exited ${view.status}:\n${view.output.slice(-2000)}`);
  return view.output.trim();
}

/** The packages the newcomer installs beside the library, and the CDK CLI whose `cdk init` lays out the app. */
interface DependencySet {
  readonly 'aws-cdk-lib': string;
  readonly 'constructs': string;
  readonly 'cdk-nag': string;
  readonly 'aws-cdk': string;
}

const DEPENDENCY_SETS: Record<string, () => DependencySet> = {
  // The lowest aws-cdk-lib and constructs the peer ranges allow, with the cdk-nag and CLI the project builds with.
  'the peer floor': () => ({ 'aws-cdk-lib': peerFloor('aws-cdk-lib'), 'constructs': peerFloor('constructs'), 'cdk-nag': installedVersion('cdk-nag'), 'aws-cdk': installedVersion('aws-cdk') }),
  // What `npm install personalize-mlops aws-cdk-lib constructs cdk-nag` gets today.
  'the registry\'s latest': () => ({ 'aws-cdk-lib': registryLatest('aws-cdk-lib'), 'constructs': registryLatest('constructs'), 'cdk-nag': registryLatest('cdk-nag'), 'aws-cdk': registryLatest('aws-cdk') }),
};

/** The default pipeline in each kind of stack, beside the README's (explicit envs: one per partition). */
const DEFAULT_PIPELINE_STACKS: Record<string, string | undefined> = {
  DefaultPipeline: undefined,
  DefaultPipelineUsEast1: 'us-east-1',
  DefaultPipelineCnNorth1: 'cn-north-1',
  DefaultPipelineUsGovWest1: 'us-gov-west-1',
};

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

/** The id of the stack the README's usage creates (`new Stack(app, '<id>')`). */
function readmeStackId(): string {
  const stack = /new Stack\(app, '([\w-]+)'/.exec(readmeUsageCode());
  if (!stack) throw new Error('README.md "## Usage" creates no `new Stack(app, \'<id>\')`');
  return stack[1];
}

/** The newest Node.js runtime the app's own aws-cdk-lib lists in `lambda.Runtime.ALL` (what cdk-nag's AwsSolutions-L1 compares with). */
function newestNodeRuntimeIn(app: string): string {
  const script = 'const l = require("aws-cdk-lib/aws-lambda"); console.log(JSON.stringify(l.Runtime.ALL.map((r) => r.name)));';
  const listed = run(app, 'node', ['-e', script]);
  if (listed.status !== 0) throw new Error(`node could not list the app's Lambda runtimes:\n${listed.output.slice(-2000)}`);
  const node = (JSON.parse(listed.output) as string[])
    .map((name) => /^nodejs(\d+)\.(\d+|x)$/.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || (a[2] === 'x' ? 0 : Number(a[2])) - (b[2] === 'x' ? 0 : Number(b[2])));
  return node[node.length - 1][0];
}

describe.each(Object.entries(DEPENDENCY_SETS))('the newcomer\'s path on %s: the packed library in a cdk init app, with the README\'s usage', (setName, resolveSet) => {
  const work = mkdtempSync(path.join(tmpdir(), 'personalize-mlops-newcomer-'));
  const app = path.join(work, APP_NAME);
  const cdkOut = path.join(app, 'cdk.out');
  let versions: DependencySet;
  let synth: Command;

  beforeAll(() => {
    if (!existsSync(TARBALL)) {
      throw new Error(`no tarball at ${path.relative(ROOT, TARBALL)}: run \`npm run test:package\`, which packs it first`);
    }
    versions = resolveSet();
    const seconds: Record<string, number> = {};
    const timed = <T>(step: string, fn: () => T): T => {
      const started = Date.now();
      try { return fn(); } finally { seconds[step] = Math.round((Date.now() - started) / 1000); }
    };
    mkdirSync(app);
    // The layout, cdk.json (with the feature flags of this CLI version) and tsconfig.json as cdk init writes them.
    timed('cdk init', () => runOrThrow(app, 'npx', ['--yes', `aws-cdk@${versions['aws-cdk']}`, 'init', 'app', '--language', 'typescript', '--generate-only']));

    // The set's versions, installed from the registry (the npm cache only saves downloads); ts-node stands in for
    // tsx (not a dependency here), both run TypeScript without type-checking it.
    const manifestFile = path.join(app, 'package.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.dependencies = {
      'aws-cdk-lib': versions['aws-cdk-lib'],
      'constructs': versions.constructs,
      'cdk-nag': versions['cdk-nag'],
      [PACKAGE.name]: `file:${TARBALL}`,
    };
    manifest.devDependencies = {
      ...Object.fromEntries(['@types/jest', '@types/node', 'ts-node', 'typescript'].map((n) => [n, installedVersion(n)])),
      'aws-cdk': versions['aws-cdk'],
    };
    writeFileSync(manifestFile, JSON.stringify(manifest, undefined, 2));
    const cdkJsonFile = path.join(app, 'cdk.json');
    const cdkJson = JSON.parse(readFileSync(cdkJsonFile, 'utf8'));
    if (!/\bnpx tsx\b/.test(cdkJson.app)) throw new Error(`cdk init's cdk.json runs the app with something else than tsx now: ${cdkJson.app}`);
    cdkJson.app = cdkJson.app.replace(/\bnpx tsx\b/, 'npx ts-node --transpile-only');
    writeFileSync(cdkJsonFile, JSON.stringify(cdkJson, undefined, 2));

    // The README's usage, verbatim, a default pipeline in each kind of stack, then cdk-nag as its README turns it on.
    writeFileSync(path.join(app, 'bin', `${APP_NAME}.ts`), [
      readmeUsageCode(),
      '// The default pipeline in an environment-agnostic stack and in one stack per partition (added by test/packaging).',
      'import { Stack as KindOfStack } from \'aws-cdk-lib\';',
      `import { PersonalizeMlOpsPipeline as DefaultPipeline } from '${PACKAGE.name}';`,
      ...Object.entries(DEFAULT_PIPELINE_STACKS).map(([id, region]) =>
        `new DefaultPipeline(new KindOfStack(app, '${id}'${region ? `, { env: { account: '123456789012', region: '${region}' } }` : ''}), 'Pipeline');`),
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

    timed('npm install', () => runOrThrow(app, 'npm', ['install', '--no-audit', '--no-fund']));
    synth = timed('cdk synth', () => run(app, 'npx', ['cdk', 'synth', '--quiet', '--no-notices']));
    // The versions a run checked, for the README's tested range and for a failure on a new release.
    console.log(`${setName}: ${Object.entries(versions).map(([name, version]) => `${name}@${version}`).join(', ')}`
      + ` (${Object.entries(seconds).map(([step, s]) => `${step} ${s} s`).join(', ')})`);
  }, 600_000);

  afterAll(() => { if (!process.env.KEEP_NEWCOMER_APP) rmSync(work, { recursive: true, force: true }); });

  test('the app gets the library from the tarball, with the bundled handlers, beside the set\'s versions', () => {
    const installed = path.join(app, 'node_modules', PACKAGE.name);
    expect(lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toBe(PACKAGE.version);
    const handlers = readdirSync(path.join(installed, 'assets', 'lambda'));
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) expect(existsSync(path.join(installed, 'assets', 'lambda', handler, 'index.js'))).toBe(true);
    const inApp = Object.fromEntries(Object.keys(versions).map((name) =>
      [name, JSON.parse(readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8')).version]));
    expect(inApp).toEqual(versions);
  });

  test('cdk synth runs the README usage and the default pipelines with cdk-nag AwsSolutions on and nothing to report', () => {
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
        ? ` [aws-cdk-lib ${versions['aws-cdk-lib']} gives validation plugins no construct tree; cdk-nag 3's plugin path needs aws-cdk-lib >= ${FIRST_CDK_WITH_PLUGIN_TREE}]`
        : '';
      problems.push(`cdk-nag did not run: ${nag.error}${hint}`);
    }
    for (const outcome of report ?? []) {
      problems.push(...outcome.findings.map((f) => `${outcome.plugin}: ${f}`));
      if (!outcome.passed && outcome.findings.length === 0 && !outcome.error) problems.push(`${outcome.plugin}: failed with no finding`);
    }
    expect(problems).toEqual([]);
    expect({ status: synth.status, output: synth.output.slice(-3000) }).toMatchObject({ status: 0 });
    expect(stackTemplates(cdkOut).sort()).toEqual([readmeStackId(), ...Object.keys(DEFAULT_PIPELINE_STACKS)].map((id) => `${id}.template.json`).sort());
  });

  test('every function runs the newest Node.js runtime the app\'s aws-cdk-lib knows', () => {
    const runtimes = new Set(stackTemplates(cdkOut).flatMap((file) => {
      const resources = JSON.parse(readFileSync(path.join(cdkOut, file), 'utf8')).Resources ?? {};
      return Object.values(resources).filter((r: any) => r.Type === 'AWS::Lambda::Function').map((r: any) => r.Properties.Runtime);
    }));
    expect(runtimes).toEqual(new Set([newestNodeRuntimeIn(app)]));
  });

  test('the stack outputs the state machine ARN and the event bus name', () => {
    const outputs = JSON.parse(readFileSync(readmeTemplate(cdkOut), 'utf8')).Outputs ?? {};
    expect(outputs).toMatchObject({
      StateMachineArn: { Value: { Ref: expect.stringMatching(/StateMachine/) } },
      EventBusName: { Value: { Ref: expect.stringMatching(/EventBus/) } },
    });
  });

  test('the config the README suggests runs to SUCCEEDED on the synthesized template', async () => {
    const configFile = readmeSuggestedConfig();
    const runner = new LocalPipelineRunner({ template: PipelineTemplate.fromFile(readmeTemplate(cdkOut)) });
    const result: PipelineRunResult = await runner.run(JSON.parse(readFileSync(configFile, 'utf8')));
    expect({ config: path.relative(ROOT, configFile), ...result }).toMatchObject({ status: 'SUCCEEDED' });
    expect(runner.emulator.mutations().length).toBeGreaterThan(0);
  });
});

/** The stack templates cdk synth wrote. */
function stackTemplates(cdkOut: string): string[] {
  return existsSync(cdkOut) ? readdirSync(cdkOut).filter((f) => f.endsWith('.template.json')) : [];
}

/** The template of the README's stack. */
function readmeTemplate(cdkOut: string): string {
  const file = path.join(cdkOut, `${readmeStackId()}.template.json`);
  if (!existsSync(file)) throw new Error(`no ${path.basename(file)} in ${cdkOut}, found: ${stackTemplates(cdkOut).join(', ') || 'none'}`);
  return file;
}
