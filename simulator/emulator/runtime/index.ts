// The Personalize Runtime emulator (GetRecommendations) and its Step Functions face. Re-exports only.
export * from './personalize-runtime-emulator';
export * from './step-functions-face';
