import type * as P from '@aws-sdk/client-personalize';
import { invalidInput, PersonalizeError } from './personalize-error';

/** Source: every Create* API reference, `name` Pattern `^[a-zA-Z0-9][a-zA-Z0-9\-_]*`, length 1-63. */
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9\-_]*$/;
/** Source: API_S3DataConfig / API_DataSource `dataLocation` Pattern `(s3|http|https)://.+` (we accept s3 only: strict). */
export const S3_PATTERN = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
/** Source: CreateDatasetImportJob / CreateBatchInferenceJob `roleArn` Pattern `arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`. */
export const ROLE_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
/** Source: API_Dataset `datasetType` (Interactions, Items, Users, Actions, Action_Interactions). */
export const DATASET_TYPES = ['INTERACTIONS', 'ITEMS', 'USERS', 'ACTIONS', 'ACTION_INTERACTIONS'];
/** Source: SDK enum Domain (ECOMMERCE, VIDEO_ON_DEMAND). */
export const DOMAINS = ['ECOMMERCE', 'VIDEO_ON_DEMAND'];

/** Source: Create* API references, `name` constraints; the message is the service's validation wording. */
export function checkName(name: string | undefined, field: string): void {
  if (typeof name !== 'string' || name.length < 1 || name.length > 63 || !NAME_PATTERN.test(name)) {
    throw invalidInput(`1 validation error detected: Value '${name}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9][a-zA-Z0-9\\-_]*`);
  }
}

/** Source: API_Tag (key 1-128, value 0-256); TooManyTagsException above 50 tags per resource (tagging-resources page). */
export function checkTags(tags: P.Tag[] | undefined): void {
  if (!tags) return;
  if (tags.length > 50) throw new PersonalizeError('TooManyTagsException', 'A resource can have at most 50 tags.');
  for (const tag of tags) {
    if (!tag.tagKey || tag.tagKey.length > 128 || (tag.tagValue ?? '').length > 256) throw invalidInput(`Invalid tag ${JSON.stringify(tag)}.`);
  }
}

/** Source: API_AutoTrainingConfig `schedulingExpression`: `rate(value unit)`, value 1-30, unit day(s); default 7 days. */
export function schedulingIntervalDays(expression: string | undefined): number {
  if (expression === undefined) return 7;
  const match = /^rate\((\d+) days?\)$/.exec(expression);
  const days = match ? Number(match[1]) : NaN;
  if (!(days >= 1 && days <= 30)) {
    throw invalidInput(`Invalid schedulingExpression ${expression}: expected rate(<1-30> days), e.g. rate(7 days).`);
  }
  return days;
}

/** Drops undefined members, as the JSON the service sends has none. */
export function withoutUndefined<T>(value: T): T {
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)) as T;
}
