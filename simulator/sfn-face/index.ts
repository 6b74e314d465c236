// Loopback faces of Step Functions, CloudFormation and STS for the command line's tests. Re-exports only.
export * from '../loopback/loopback-server';
export * from './step-functions-endpoint';
export * from './cloudformation-endpoint';
export * from './sts-endpoint';
