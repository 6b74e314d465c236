/** The error names Amazon Personalize answers with (the SDK's exception classes), plus the throttling name every AWS service may answer with. */
export type PersonalizeErrorName =
  | 'InvalidInputException'
  | 'LimitExceededException'
  | 'ResourceAlreadyExistsException'
  | 'ResourceInUseException'
  | 'ResourceNotFoundException'
  | 'TooManyTagsException'
  | 'InvalidNextTokenException'
  | 'ThrottlingException';

/** An error as the service reports it: `__type` on the wire, `Personalize.<name>` in Step Functions. */
export class PersonalizeError extends Error {
  constructor(public readonly errorName: PersonalizeErrorName, message: string) {
    super(message);
    this.name = errorName;
  }
}

export const notFound = (what: string, arn: string) => new PersonalizeError('ResourceNotFoundException', `Could not find ${what} with ARN ${arn}.`);
export const alreadyExists = (what: string, arn: string) => new PersonalizeError('ResourceAlreadyExistsException', `${what} ${arn} already exists.`);
export const invalidInput = (message: string) => new PersonalizeError('InvalidInputException', message);
export const inUse = (message: string) => new PersonalizeError('ResourceInUseException', message);
