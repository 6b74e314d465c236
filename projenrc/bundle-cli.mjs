// Bundles the command line (cli/bin.ts) with its dependencies into bin/personalize-mlops.js, the package's bin.
// aws-cdk-lib and constructs stay external (the user's project has them: peer dependencies), and so does the
// construct itself: imports of src/ become the package's compiled lib/. `simulate` hands the local runner its own
// handler resolver (cli/simulate/lambda-handlers.ts): in the package, the bundles in assets/lambda/<name>/index.js.
import { renameSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(root, 'bin', 'personalize-mlops.js');

const packageLayout = {
  name: 'package-layout',
  setup(b) {
    b.onResolve({ filter: /(^|\/)src$/ }, (args) => {
      if (path.resolve(args.resolveDir, args.path) !== path.join(root, 'src')) return undefined;
      return { path: '../lib/index.js', external: true };
    });
  },
};

const result = await build({
  entryPoints: [path.join(root, 'cli', 'bin.ts')],
  bundle: true,
  write: false,
  outfile,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's main is UMD, which does not bundle; its ESM build does.
  mainFields: ['module', 'main'],
  external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
  plugins: [packageLayout],
  banner: { js: '#!/usr/bin/env node' },
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// Written under a temporary name and renamed: tests that build it at once never see half a file.
mkdirSync(path.dirname(outfile), { recursive: true });
const temporary = `${outfile}.${process.pid}.tmp`;
writeFileSync(temporary, result.outputFiles[0].contents);
chmodSync(temporary, 0o755);
renameSync(temporary, outfile);
console.log(`bundled cli/bin.ts -> bin/personalize-mlops.js (${Math.round(result.outputFiles[0].contents.length / 1024)} KiB)`);
