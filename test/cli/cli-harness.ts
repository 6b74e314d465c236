import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { CliIo, CliStream } from '../../cli/io';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The bundled bin, as the package ships it. */
export const BIN = path.join(ROOT, 'bin', 'personalize-mlops.js');
/** The account and region every face and the emulator use. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** Bundles cli/ into bin/ as the build does (written atomically, so test files may do it at once). */
export function buildBin(): void {
  execFileSync('node', ['projenrc/bundle-cli.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

/** What a command did. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The loopback endpoints a run of the bin talks to, by the SDK's service id for `AWS_ENDPOINT_URL_<ID>`. */
export interface Endpoints {
  readonly personalize?: string;
  readonly sfn?: string;
  readonly cloudformation?: string;
  readonly sts?: string;
}

/**
 * The environment of a user whose SDK reaches the given endpoints: the process's environment without any AWS_
 * setting, then a region, static credentials (unless `credentials: false`: none anywhere, no instance metadata)
 * and `AWS_ENDPOINT_URL_<SERVICE>` per endpoint.
 */
export function userEnv(endpoints: Endpoints, options: { credentials?: boolean } = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^AWS_/.test(key)));
  return {
    ...env,
    AWS_REGION: REGION,
    AWS_CONFIG_FILE: path.join(ROOT, 'no-such-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(ROOT, 'no-such-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(options.credentials === false ? {} : { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' }),
    ...(endpoints.personalize ? { AWS_ENDPOINT_URL_PERSONALIZE: endpoints.personalize } : {}),
    ...(endpoints.sfn ? { AWS_ENDPOINT_URL_SFN: endpoints.sfn } : {}),
    ...(endpoints.cloudformation ? { AWS_ENDPOINT_URL_CLOUDFORMATION: endpoints.cloudformation } : {}),
    ...(endpoints.sts ? { AWS_ENDPOINT_URL_STS: endpoints.sts } : {}),
  };
}

/**
 * Runs the bundled bin in a child process, without blocking this one (the faces it calls live here), the way a
 * user's shell runs it: not on a terminal, so plain lines.
 */
export function runBin(args: readonly string[], env: NodeJS.ProcessEnv = userEnv({})): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A stream that keeps what is written. */
export class Captured implements CliStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/** In-process surroundings for `runCli`, capturing both streams. */
export function capturedIo(): CliIo & { stdout: Captured; stderr: Captured } {
  return { stdout: new Captured(), stderr: new Captured() };
}
