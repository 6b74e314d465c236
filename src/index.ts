export * from './pipeline/personalize-mlops-pipeline';
export * from './pipeline/pre-processing-config';
export * from './pipeline/recommendation-config';
export * from './pipeline/polling';
export * from './preprocessing/movielens-glue-job';
export * from './operations';
