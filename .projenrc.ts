import { awscdk, javascript } from 'projen';

const silenceNode20 = { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'personalize-mlops',
  description: 'AWS CDK L3 construct that automates the Amazon Personalize lifecycle with AWS Step Functions, with a local emulator and runner to prove it.',
  author: 'personalize-mlops contributors',
  authorAddress: 'maintainers@personalize-mlops.dev',
  repositoryUrl: 'https://github.com/personalize-mlops/personalize-mlops.git',
  license: 'Apache-2.0',
  keywords: ['aws-cdk', 'personalize', 'mlops', 'step-functions', 'eventbridge'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // cdk-nag 3's plugin reads the validation context's appConstruct, which aws-cdk-lib has from 2.258.0 on
  // (with 2.257 the plugin does not run and synth looks clean); the packaging test checks it.
  cdkVersion: '2.258.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  // jsii writes tsconfig.json; it is tracked in git (see below).
  gitignore: ['/assets/', '/cdk.out/', '/.demo/', '__pycache__/', '*.pyc'],

  // Other languages are generated with `jsii-pacmak --code-only` (no toolchains here).
  publishToPypi: { distName: 'personalize-mlops', module: 'personalize_mlops' },
  publishToMaven: { javaPackage: 'dev.personalizemlops', mavenGroupId: 'dev.personalize-mlops', mavenArtifactId: 'personalize-mlops' },
  publishToNuget: { dotNetNamespace: 'PersonalizeMlOps', packageId: 'PersonalizeMlOps' },
  publishToGo: { moduleName: 'github.com/personalize-mlops/personalize-mlops-go' },

  devDeps: [
    'aws-cdk@^2',
    'cdk-nag@^3',
    'esbuild',
    'ajv@^8',
    'aws-local-stepfunctions@^3',
    // The local runner restores Step Functions' path semantics on the engine's JSONPath library.
    'jsonpath-plus@^10',
    'asl-validator@^4',
    '@aws-sdk/client-personalize@^3',
    '@aws-sdk/client-sfn@^3',
    '@aws-sdk/client-glue@^3',
    // The personalize-mlops command line (cli/), bundled into bin/ at build time: no runtime dependency.
    '@aws-sdk/client-cloudformation@^3',
    '@aws-sdk/client-sts@^3',
    'commander@^14',
    'picocolors@^1',
    'cli-table3@^0.6',
    'jsonc-parser@^3',
    'log-update@^7',
    // The validator reads a stored config (S3-triggered runs, S3-based schedules).
    '@aws-sdk/client-s3@^3',
    'aws-sdk-client-mock@^4',
    '@types/aws-lambda',
    '@duckdb/node-api@1.5.5-r.5',
    'ts-node',
    'ts-json-schema-generator@^2',
    '@types/node@^20',
    // The benchmark's virtual clock (bench/, simulator/runner/virtual-clock.ts).
    '@sinonjs/fake-timers',
  ],
  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testTimeout: 120_000,
      // Both cores: the end-to-end suites are CPU-bound and independent (jest's default leaves one core idle here).
      maxWorkers: 2,
      // Coverage instruments every module each test file loads (about 40 % of the suite's time here): it has a
      // task of its own, `npm run test:coverage`.
      collectCoverage: false,
      setupFiles: ['<rootDir>/test/helpers/jest-env.ts'],
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  },
  tsconfigDev: {
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE_NEXT,
      esModuleInterop: true,
      lib: ['es2022'],
      target: 'ES2022',
      // ts-jest transpiles each file on its own (fast); `test:types` type-checks the whole tree once.
      isolatedModules: true,
    },
    include: ['../cli/**/*.ts', '../simulator/**/*.ts', '../lambda/**/*.ts', '../planner/**/*.ts', '../bench/**/*.ts', '../example/**/*.ts', '../projenrc/**/*.ts', '../src/**/*.ts'],
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'cli', 'simulator', 'lambda', 'planner', 'bench', 'example', '.projenrc.ts', 'projenrc'],
  },
  sampleCode: false,
  // The one bin is declared below; discovering bin/ would add `personalize-mlops.js` once the build has made it, and
  // a clean clone's first synth (no bin/ yet) would then rewrite package.json and the lock file.
  autoDetectBin: false,
});

// Lint every TypeScript folder against the tsconfig that includes it (the project service would pick jsii's
// tsconfig.json, which covers src/ only).
const eslintrc = project.tryFindObjectFile('.eslintrc.json');
eslintrc?.addDeletionOverride('parserOptions.projectService');
eslintrc?.addOverride('parserOptions.project', ['./tsconfig.json', './test/tsconfig.json', './projenrc/tsconfig.json']);

// jsii writes tsconfig.json; keep it under version control.
project.gitignore.include('/tsconfig.json');
project.package.addPackageResolutions('unrs-resolver@1.12.2');
for (const pattern of ['/simulator/', '/bench/', '/example/', '/sample_inputs/', '/.demo/', '/cdk.out/', '/.ci/', '/glue_job/tests/', '/cdk.json']) {
  project.addPackageIgnore(pattern);
}

for (const [k, v] of Object.entries(silenceNode20)) project.tasks.addEnvironment(k, v);

// Lambda handlers live in lambda/<name>/index.ts and are bundled at build time. The build's scripts live in projenrc/.
const bundle = project.addTask('bundle:lambda', {
  description: 'Bundle the Lambda handlers with esbuild into assets/lambda/<name>/index.js',
  exec: 'node projenrc/bundle-lambdas.mjs',
});
project.preCompileTask.spawn(bundle);
// `npx projen compile` alone (the install-from-tarball path) must package the handlers too.
project.compileTask.prependSpawn(bundle);
// Tests synthesize stacks whose functions point at the bundles.
project.testTask.prependSpawn(bundle);
// The command line: cli/ bundled with its dependencies (aws-cdk-lib and the construct's lib/ stay external).
const bundleCli = project.addTask('bundle:cli', {
  description: 'Bundle the personalize-mlops command line with esbuild into bin/personalize-mlops.js',
  exec: 'node projenrc/bundle-cli.mjs',
});
project.preCompileTask.spawn(bundleCli);
project.compileTask.prependSpawn(bundleCli);
project.testTask.prependSpawn(bundleCli);
project.addBins({ 'personalize-mlops': 'bin/personalize-mlops.js' });
// The bundle is built, not tracked, and it is the package's bin: ship it, not its sources.
project.gitignore.exclude('/bin/');
project.addPackageIgnore('!/bin/');
project.addPackageIgnore('/cli/');
// ts-jest only transpiles (isolatedModules): the type check of tests, simulator/, lambda/, planner/ and bench/ runs once here.
const typeCheck = project.addTask('test:types', { description: 'Type-check every TypeScript folder', exec: 'tsc --noEmit -p test/tsconfig.json' });
project.testTask.prependSpawn(typeCheck);
project.addTask('test:coverage', {
  description: 'Run the jest suites with coverage (coverage/)',
  steps: [{ spawn: 'bundle:lambda' }, { exec: 'jest --ci --coverage' }],
});
// The Glue job's own Python tests (python3 from Debian; no PySpark needed).
project.testTask.exec('python3 -m unittest discover -s glue_job/tests');

// The demo is the command line's `simulate`, run from its sources (a fresh clone has no bin/ yet); its options pass
// through (`npm run demo -- --runs 2`).
project.addTask('demo', {
  description: 'Synthesize the example stack and run the pipeline locally on a sample config (personalize-mlops simulate)',
  steps: [
    { spawn: 'bundle:lambda' },
    { exec: 'npx cdk synth --quiet' },
    {
      exec: 'npx ts-node --transpile-only -P test/tsconfig.json cli/bin.ts simulate sample_configs/input_media.json --template cdk.out/PersonalizeMlOpsExample.template.json',
      receiveArgs: true,
    },
  ],
});

project.addTask('schema', {
  description: 'Regenerate schema/pipeline-config.schema.json from lambda/shared/config/pipeline-config.ts',
  exec: 'node projenrc/generate-schema.mjs',
});

project.addTask('docs:config', {
  description: 'Regenerate the config reference in docs/config-reference.md from the JSON Schema',
  exec: 'node projenrc/config-reference.mjs',
});
project.addTask('docs:dashboard', {
  description: 'Render the example pipeline\'s CloudWatch dashboard (its synthesized body) to docs/dashboard.svg and .png',
  steps: [
    { spawn: 'bundle:lambda' },
    { exec: 'npx ts-node --transpile-only -P test/tsconfig.json projenrc/render-dashboard.ts' },
  ],
});

project.addTask('bench', {
  description: 'Run both sample configs in virtual time: makespan against the critical path, history events, API calls; writes docs/timeline-*.md',
  steps: [
    { spawn: 'bundle:lambda' },
    { exec: 'npx ts-node --transpile-only -P test/tsconfig.json bench/virtual-time.bench.ts', receiveArgs: true },
  ],
});
project.addTask('bench:wall-clock', {
  description: 'How long synth, local runs and config validation take on this machine',
  steps: [
    { spawn: 'bundle:lambda' },
    { exec: 'npx ts-node --transpile-only -P test/tsconfig.json bench/pipeline.bench.ts' },
  ],
});

const codeOnly = project.addTask('package:code-only', {
  description: 'Generate Python, Java, .NET and Go sources without their toolchains',
  exec: 'jsii-pacmak --code-only --targets python,java,dotnet,go -o dist/code-only',
});
// The other languages' toolchains cannot be downloaded here: package the js target for real, the rest as code.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);
project.packageTask.spawn(codeOnly);

// The newcomer's path (README: Install, Usage): pack the tarball as the README says, then a test installs it into a
// `cdk init` app, synthesizes the README's usage with cdk-nag on and runs the suggested config locally.
project.addTask('test:package', {
  description: 'Pack the library and test the README\'s install and usage in a fresh cdk init app',
  steps: [
    { spawn: 'bundle:lambda' },
    { spawn: 'compile' },
    { spawn: 'package:js' },
    { exec: 'jest --ci --coverage=false --reporters=default --testMatch "<rootDir>/test/packaging/**/*.package.ts" "<rootDir>/test/cli/**/*.package.ts"', receiveArgs: true },
  ],
});

project.synth();
