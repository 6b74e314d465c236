/** The exit codes of every command. */
export enum ExitCode {
  /** Valid, nothing in the way, or the execution succeeded. */
  OK = 0,
  /** The config is invalid, the run would stop, or the execution did not succeed. */
  FAILED = 1,
  /** The command could not do its work: bad arguments, no credentials, something named that does not exist. */
  UNUSABLE = 2,
}

/** A reason the command cannot go on, as one line for the user; never a stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = ExitCode.UNUSABLE) {
    super(message);
    this.name = 'CliError';
  }
}

const CREDENTIALS = /^(CredentialsProviderError|ExpiredToken(Exception)?|InvalidClientTokenId|UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch)$/;

/**
 * An AWS SDK error as one line: missing or rejected credentials and unreachable endpoints get advice; a named
 * error otherwise keeps its name and message (`StateMachineDoesNotExist: State Machine Does Not Exist: '…'`).
 */
export function fromAwsError(error: unknown, doing: string): CliError {
  const e = error as Error & { code?: string; $metadata?: unknown };
  if (e instanceof CliError) return e;
  if (CREDENTIALS.test(e?.name ?? '')) {
    return new CliError(`${doing}: no usable AWS credentials (${e.name}: ${oneLine(e.message)}). `
      + 'Configure them as for the AWS CLI: AWS_PROFILE, `aws configure`, `aws sso login`, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.');
  }
  if (/Region is missing/i.test(e?.message ?? '')) return new CliError(`${doing}: no AWS region: pass --region or set AWS_REGION`);
  if (['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT'].includes(e?.code ?? '')) {
    return new CliError(`${doing}: cannot reach the service (${e.code}: ${oneLine(e.message)})`);
  }
  if (e?.$metadata !== undefined || e?.name) return new CliError(`${doing}: ${e.name}: ${oneLine(e.message)}`);
  return new CliError(`${doing}: ${String(error)}`);
}

function oneLine(text: string | undefined): string {
  return String(text ?? '').replace(/\s+/g, ' ').trim();
}
