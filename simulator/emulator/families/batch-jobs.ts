import type * as P from '@aws-sdk/client-personalize';
import { EmulatorContext, Stored } from '../context';
import { ResourceKind } from '../emulator-options';
import { BATCH_JOB_STATUSES } from '../lifecycle';
import { alreadyExists, invalidInput, notFound } from '../personalize-error';
import { recipeNameOf, RECIPES } from '../recipes';
import { checkName, checkTags, ROLE_PATTERN, S3_PATTERN } from '../validation';
import { Handlers } from './handler';

type BatchRequest = P.CreateBatchInferenceJobRequest | P.CreateBatchSegmentJobRequest;

/** Batch inference jobs and batch segment jobs. */
export function batchJobHandlers(ctx: EmulatorContext): Handlers {
  const create = (store: Map<string, Stored<any>>, what: string, r: BatchRequest, operation: string) => {
    checkName(r.jobName, 'jobName');
    const version = ctx.activeParent(ctx.solutionVersions, r.solutionVersionArn, 'solution version');
    if (!ROLE_PATTERN.test(r.roleArn ?? '')) throw invalidInput(`Invalid roleArn ${r.roleArn}.`);
    if (!S3_PATTERN.test(r.jobInput?.s3DataSource?.path ?? '')) throw invalidInput(`Invalid jobInput.s3DataSource.path ${r.jobInput?.s3DataSource?.path}.`);
    if (!S3_PATTERN.test(r.jobOutput?.s3DataDestination?.path ?? '')) throw invalidInput(`Invalid jobOutput.s3DataDestination.path ${r.jobOutput?.s3DataDestination?.path}.`);
    const recipe = RECIPES[recipeNameOf(version.data.recipeArn) ?? ''];
    const segment = operation === 'CreateBatchSegmentJob';
    // Source: getting-user-segments page: batch segment jobs need a USER_SEGMENTATION recipe (Item-Affinity, Item-Attribute-Affinity); batch inference jobs the others.
    if (segment !== (recipe?.type === 'USER_SEGMENTATION')) {
      throw invalidInput(`A ${what} cannot use solution version ${version.arn} of recipe ${version.data.recipeArn}.`);
    }
    if (!segment) checkInferenceMode(r as P.CreateBatchInferenceJobRequest, recipeNameOf(version.data.recipeArn), version.arn);
    if (r.filterArn && !ctx.exists(ctx.filters, r.filterArn)) throw notFound('filter', r.filterArn);
    checkTags(r.tags);
    // Names are unique per account and region: source: the ARN is `batch-inference-job/<name>` / `batch-segment-job/<name>`.
    const arn = segment ? ctx.arns.batchSegmentJob(r.jobName!) : ctx.arns.batchInferenceJob(r.jobName!);
    if (ctx.exists(store, arn)) throw alreadyExists(what, arn);
    const quota = segment ? ctx.options.quotas.inProgressBatchSegmentJobs : ctx.options.quotas.inProgressBatchInferenceJobs;
    ctx.checkQuota(ctx.live(store).filter((j) => ctx.inProgress(j)).length, quota, `pending or in progress ${what}s`);
    const { tags, ...fields } = r;
    void tags;
    const kind: ResourceKind = segment ? 'batchSegmentJob' : 'batchInferenceJob';
    // Source: API_CreateBatchInferenceJob numResults default 25; API_CreateBatchSegmentJob numResults default 100 (strict).
    store.set(arn, ctx.store(kind, arn, r.jobName!, operation, BATCH_JOB_STATUSES, {
      ...fields, [segment ? 'batchSegmentJobArn' : 'batchInferenceJobArn']: arn, numResults: r.numResults ?? (segment ? 100 : 25),
    }));
    return segment ? { batchSegmentJobArn: arn } : { batchInferenceJobArn: arn };
  };

  return {
    CreateBatchInferenceJob: (r: P.CreateBatchInferenceJobRequest) => create(ctx.batchInferenceJobs, 'batch inference job', r, 'CreateBatchInferenceJob'),
    DescribeBatchInferenceJob: (r: P.DescribeBatchInferenceJobRequest): P.DescribeBatchInferenceJobResponse =>
      ({ batchInferenceJob: ctx.view(ctx.get(ctx.batchInferenceJobs, r.batchInferenceJobArn, 'batch inference job')) }),
    ListBatchInferenceJobs: (r: P.ListBatchInferenceJobsRequest) => ctx.list(ctx.batchInferenceJobs, r, 'batchInferenceJobs',
      (s) => ctx.summary(s, ['batchInferenceJobArn', 'jobName', 'status', 'solutionVersionArn', 'failureReason']),
      (s) => !r.solutionVersionArn || s.data.solutionVersionArn === r.solutionVersionArn),
    CreateBatchSegmentJob: (r: P.CreateBatchSegmentJobRequest) => create(ctx.batchSegmentJobs, 'batch segment job', r, 'CreateBatchSegmentJob'),
    DescribeBatchSegmentJob: (r: P.DescribeBatchSegmentJobRequest): P.DescribeBatchSegmentJobResponse =>
      ({ batchSegmentJob: ctx.view(ctx.get(ctx.batchSegmentJobs, r.batchSegmentJobArn, 'batch segment job')) }),
    ListBatchSegmentJobs: (r: P.ListBatchSegmentJobsRequest) => ctx.list(ctx.batchSegmentJobs, r, 'batchSegmentJobs',
      (s) => ctx.summary(s, ['batchSegmentJobArn', 'jobName', 'status', 'solutionVersionArn', 'failureReason']),
      (s) => !r.solutionVersionArn || s.data.solutionVersionArn === r.solutionVersionArn),
  };
}

/**
 * Source: API reference, CreateBatchInferenceJob: "You can't get batch recommendations with the Trending-Now or
 * Next-Best-Action recipes"; "If you use the Similar-Items recipe, Amazon Personalize can add descriptive themes ...
 * set the job's mode to THEME_GENERATION and specify the name of the field that contains item names";
 * batchInferenceJobMode: BATCH_INFERENCE | THEME_GENERATION (SDK enum BatchInferenceJobMode); ThemeGenerationConfig
 * .fieldsForThemeGeneration and FieldsForThemeGeneration.itemName: Required: Yes. The error name for each is not
 * documented: InvalidInputException (strict).
 */
function checkInferenceMode(r: P.CreateBatchInferenceJobRequest, recipe: string | undefined, versionArn: string): void {
  if (recipe === 'aws-trending-now' || recipe === 'aws-next-best-action') {
    throw invalidInput(`Batch inference jobs are not supported for solution version ${versionArn} of recipe ${recipe}.`);
  }
  const mode = r.batchInferenceJobMode ?? 'BATCH_INFERENCE';
  if (mode !== 'BATCH_INFERENCE' && mode !== 'THEME_GENERATION') throw invalidInput(`Invalid batchInferenceJobMode ${mode}.`);
  if (mode !== 'THEME_GENERATION') return;
  if (recipe !== 'aws-similar-items') {
    throw invalidInput(`THEME_GENERATION is supported only for solution versions of recipe aws-similar-items, got recipe ${recipe}.`);
  }
  const itemName = r.themeGenerationConfig?.fieldsForThemeGeneration?.itemName;
  if (typeof itemName !== 'string' || !/^[A-Za-z_][A-Za-z\d_]*$/.test(itemName)) {
    throw invalidInput('THEME_GENERATION needs themeGenerationConfig.fieldsForThemeGeneration.itemName.');
  }
}
