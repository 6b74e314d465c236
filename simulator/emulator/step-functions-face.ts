import { toCamelCase, toPascalCase } from './case-conversion';
import { PersonalizeEmulator } from './personalize-emulator';
import { PersonalizeError } from './personalize-error';

/** An error as a Step Functions SDK integration reports it: `Personalize.<ErrorName>`, the message as cause. */
export class StepFunctionsSdkError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Answers `arn:aws:states:::aws-sdk:personalize:<action>` tasks: PascalCase parameters in, PascalCase response out
 * (source: SFN guide "supported-services-awssdk", API naming conventions). Errors are named `Personalize.<Name>` for
 * the model's errors, `Personalize.PersonalizeException` for unmodeled ones such as ThrottlingException, and
 * `Personalize.SdkClientException` when no answer came; the cause carries the SDK's suffix
 * `(Service: Personalize, Status Code: 400, Request ID: ...)` (source: public Step Functions output, see README).
 */
export function callFromStateMachine(emulator: PersonalizeEmulator, action: string, parameters: unknown): unknown {
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  try {
    return toPascalCase(emulator.call(operation, toCamelCase(parameters ?? {}) as Record<string, unknown>));
  } catch (error) {
    if (error instanceof PersonalizeError) {
      const cause = error.options.clientSide
        ? error.message
        : `${error.message} (Service: Personalize, Status Code: ${error.httpStatus}, Request ID: local-${emulator.calls.length})`;
      throw new StepFunctionsSdkError(error.stepFunctionsError, cause);
    }
    throw error;
  }
}
