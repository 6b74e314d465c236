/** The error classes of the Personalize model: source: @aws-sdk/client-personalize dist-types/models/errors.d.ts. */
export const MODELED_ERRORS = [
  'InvalidInputException',
  'LimitExceededException',
  'ResourceAlreadyExistsException',
  'ResourceInUseException',
  'ResourceNotFoundException',
  'TooManyTagsException',
  'TooManyTagKeysException',
  'InvalidNextTokenException',
] as const;

/**
 * Errors every AWS JSON service may answer with from its front end, outside the service model: source:
 * https://docs.aws.amazon.com/personalize/latest/dg/CommonErrors.html (ThrottlingException 400, AccessDeniedException 403,
 * UnknownOperationException 404, ValidationError 400), plus the throttling spellings other AWS JSON services use,
 * and `SdkClientException`, the client-side failure (no answer at all) as Step Functions names it.
 */
export const UNMODELED_ERRORS = [
  'AccessDeniedException',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'ValidationException',
  'UnknownOperationException',
  'SdkClientException',
] as const;

/** The error names the emulated service answers with. */
export type PersonalizeErrorName = typeof MODELED_ERRORS[number] | typeof UNMODELED_ERRORS[number];

/**
 * How Step Functions names an error the Personalize model does not know (Java SDK v2 base class
 * `PersonalizeException`): source: public Step Functions output `"Error": "Personalize.PersonalizeException"` for an
 * unmodeled ValidationException; the SFN guide ("supported-services-awssdk") names modeled ones `Personalize.<Name>`.
 */
export const UNMODELED_STEP_FUNCTIONS_ERROR = 'PersonalizeException';

/** Statuses other than 400: source: CommonErrors page. */
const HTTP_STATUS: Record<string, number> = { UnknownOperationException: 404, AccessDeniedException: 403 };

/** How the error travels besides its name. */
export interface PersonalizeErrorOptions {
  /** The name after `Personalize.` in Step Functions. @default the name if modeled, else UNMODELED_STEP_FUNCTIONS_ERROR */
  readonly stepFunctionsName?: string;
  /** The HTTP status on the wire. @default 400 (404 for UnknownOperationException) */
  readonly httpStatus?: number;
  /** The call never got an answer (a connection failure): the HTTP face drops the connection. @default false */
  readonly clientSide?: boolean;
}

/** An error as the service reports it: `__type` on the wire, `Personalize.<name>` in Step Functions. */
export class PersonalizeError extends Error {
  /** Whether the service model declares this error (the SDKs then have a class for it). */
  readonly modeled: boolean;

  constructor(public readonly errorName: PersonalizeErrorName, message: string, public readonly options: PersonalizeErrorOptions = {}) {
    super(message);
    this.name = errorName;
    this.modeled = (MODELED_ERRORS as readonly string[]).includes(errorName);
  }

  /** The `Error` a Step Functions SDK integration reports. */
  get stepFunctionsError(): string {
    return `Personalize.${this.options.stepFunctionsName ?? (this.modeled || this.options.clientSide ? this.errorName : UNMODELED_STEP_FUNCTIONS_ERROR)}`;
  }

  get httpStatus(): number {
    return this.options.httpStatus ?? HTTP_STATUS[this.errorName] ?? 400;
  }
}

export const notFound = (what: string, arn: string) => new PersonalizeError('ResourceNotFoundException', `Could not find ${what} with ARN ${arn}.`);
export const alreadyExists = (what: string, arn: string) => new PersonalizeError('ResourceAlreadyExistsException', `${what} ${arn} already exists.`);
export const invalidInput = (message: string) => new PersonalizeError('InvalidInputException', message);
export const inUse = (message: string) => new PersonalizeError('ResourceInUseException', message);
export const limitExceeded = (message: string) => new PersonalizeError('LimitExceededException', message);
