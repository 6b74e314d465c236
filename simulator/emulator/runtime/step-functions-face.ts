import { PersonalizeRuntimeEmulator, PersonalizeRuntimeError } from './personalize-runtime-emulator';
import { toCamelCase, toPascalCase } from '../case-conversion';
import { StepFunctionsSdkError } from '../step-functions-face';

/**
 * Answers `arn:aws:states:::aws-sdk:personalizeruntime:<action>` tasks: PascalCase parameters in, PascalCase response
 * out (source: SFN guide "supported-services-awssdk", API naming conventions); errors named
 * `PersonalizeRuntime.<Name>` with the SDK's cause suffix, as the Personalize face does.
 */
export function callRuntimeFromStateMachine(runtime: PersonalizeRuntimeEmulator, action: string, parameters: unknown): unknown {
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  try {
    return toPascalCase(runtime.call(operation, toCamelCase(parameters ?? {}) as Record<string, unknown>));
  } catch (error) {
    if (error instanceof PersonalizeRuntimeError) {
      throw new StepFunctionsSdkError(error.stepFunctionsError,
        `${error.message} (Service: PersonalizeRuntime, Status Code: 400, Request ID: local-runtime-${runtime.calls.length})`);
    }
    throw error;
  }
}
