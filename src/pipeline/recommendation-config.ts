/** What the pipeline builds recommendations with. */
export enum RecommendationType {
  /** Custom solutions, solution versions, and what is built on them. */
  SOLUTIONS = 'SOLUTIONS',
  /** Recommenders of a domain dataset group. */
  RECOMMENDERS = 'RECOMMENDERS',
}

/** How recommendations are served from a custom solution. */
export enum InferenceOption {
  /** Real-time campaigns. */
  CAMPAIGNS = 'CAMPAIGNS',
  /** Batch inference jobs. */
  BATCH_INFERENCE_JOBS = 'BATCH_INFERENCE_JOBS',
  /** Batch segment jobs. */
  BATCH_SEGMENT_JOBS = 'BATCH_SEGMENT_JOBS',
}

/** One kind of recommendation the pipeline deploys flows for. */
export interface RecommendationConfig {
  /** Solutions or recommenders. */
  readonly type: RecommendationType;
  /**
   * How a solution's version is used; only for `RecommendationType.SOLUTIONS`.
   *
   * @default - no inference flow: solutions and solution versions only
   */
  readonly inferenceOptions?: InferenceOption[];
}
