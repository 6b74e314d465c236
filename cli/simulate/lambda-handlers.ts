import * as path from 'node:path';
import { LambdaHandlerModule } from '../../simulator/runner/local-pipeline-runner';

/**
 * The Lambda handlers `simulate` runs, by their `personalize-mlops:handler` name. The package's bin is one bundle in
 * `bin/` and ships the handlers bundled (`assets/lambda/<name>/index.js`, beside `bin/`); run from this repository's
 * sources (ts-node, jest: this module is TypeScript), the handlers are their sources, `lambda/<name>/index.ts`.
 */
export function resolveLambdaHandler(handler: string): LambdaHandlerModule {
  const file = __filename.endsWith('.ts')
    ? path.join(__dirname, '..', '..', 'lambda', handler, 'index')
    : path.join(__dirname, '..', 'assets', 'lambda', handler, 'index.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file);
}
