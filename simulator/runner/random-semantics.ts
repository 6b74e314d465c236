import { readFileSync } from 'node:fs';
import * as Module from 'node:module';

/**
 * Makes aws-local-stepfunctions draw `States.MathRandom(start, end)` (no seed) at random, as Step Functions does
 * (developer guide, "Intrinsic functions": MathRandom's seed is optional; with none the number is random). The engine
 * seeds it with `Date.now()` (build/main.node.cjs, StatesMathRandom.execute), which the virtual clock freezes between
 * timer jumps: every execution that draws in the same virtual millisecond (tenants refused a quota slot together)
 * would draw the same number, and a jitter would keep them in lockstep. The engine's CommonJS source is rewritten on
 * load to seed with `Math.random()` instead. Loaded before the engine, once per process; under Jest (its own module
 * registry) the rewrite does not apply, and there a real clock's `Date.now()` seeds it.
 */
const ENGINE = /aws-local-stepfunctions[\\/]build[\\/]main\.node\.cjs$/;
const SEED = '(seed ?? Date.now()).toString()';

type Loader = (module: { _compile(code: string, filename: string): unknown }, filename: string) => void;
const extensions = (Module as unknown as { _extensions?: Record<string, Loader> })._extensions;
const marker = '__personalizeMlOpsRandom';
if (extensions?.['.js'] && !(extensions as any)[marker]) {
  const original = extensions['.js'];
  extensions['.js'] = (module, filename) => {
    if (!ENGINE.test(filename)) return original(module, filename);
    const source = readFileSync(filename, 'utf8');
    module._compile(source.replace(SEED, '(seed ?? Math.random()).toString()'), filename);
  };
  (extensions as any)[marker] = true;
}
