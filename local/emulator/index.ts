export * from './personalize-emulator';
export * from './personalize-error';
export * from './personalize-arns';
export * from './fault-injector';
export * from './lifecycle';
export * from './http-face';
export * from './step-functions-face';
