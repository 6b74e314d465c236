// Bundles each handler in lambda/<name>/index.ts into assets/lambda/<name>/index.js for the construct's assets.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const handlers = readdirSync('lambda', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join('lambda', entry.name, 'index.ts')))
  .map((entry) => entry.name);

for (const name of handlers) {
  await build({
    entryPoints: [join('lambda', name, 'index.ts')],
    outfile: join('assets', 'lambda', name, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  console.log(`bundled lambda/${name} -> assets/lambda/${name}/index.js`);
}
