/** The region an ARN names (`arn:<partition>:<service>:<region>:…`), if it has one. */
export function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region ? region : undefined;
}

/** A Step Functions state machine ARN (source: Step Functions API reference, StateMachineArn pattern). */
export const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]+$/;

/** A Step Functions execution ARN of a standard state machine. */
export const EXECUTION_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:execution:[A-Za-z0-9_-]+:[A-Za-z0-9_.-]+$/;
