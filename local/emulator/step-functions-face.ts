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
 * Answers `arn:aws:states:::aws-sdk:personalize:<action>` tasks: PascalCase parameters in, PascalCase
 * response out, errors named `Personalize.<ErrorName>` as Step Functions names them.
 */
export function callFromStateMachine(emulator: PersonalizeEmulator, action: string, parameters: unknown): unknown {
  const operation = action.charAt(0).toUpperCase() + action.slice(1);
  try {
    return toPascalCase(emulator.call(operation, toCamelCase(parameters ?? {}) as Record<string, unknown>));
  } catch (error) {
    if (error instanceof PersonalizeError) throw new StepFunctionsSdkError(`Personalize.${error.errorName}`, error.message);
    throw error;
  }
}
