import { addedFields, sameJson, schemaDifferences, schemaReplacementIssues } from './avro-compatibility';
import { keepVerdict, tagChanges } from './in-place-changes';
import { PlanContext, statusText } from './plan-context';
import { Findings, noFindings } from './preflight-result';
import { PlanArns } from './service-location';

/** Datasets whose schema UpdateDataset may replace (https://docs.aws.amazon.com/personalize/latest/dg/updating-dataset-schema.html). */
const REPLACEABLE_SCHEMA_TYPES: readonly string[] = ['ITEMS', 'USERS'];

const domainText = (domain: string | undefined) => domain ?? 'none (a custom dataset group)';

/** The dataset group: reused when it exists with the configured domain, which cannot change. */
export async function checkDatasetGroup(ctx: PlanContext): Promise<Findings> {
  const findings = noFindings();
  const base = { path: 'datasetGroup', kind: 'DATASET_GROUP', name: ctx.groupName };
  const found = await ctx.reader.datasetGroup(ctx.groupArn);
  if (!found) {
    findings.verdicts.push({ ...base, action: 'CREATE', reason: `no dataset group named ${ctx.groupName} exists` });
    return findings;
  }
  const wanted = ctx.plan.datasetGroup.serviceConfig.domain;
  if ((found.domain ?? '') !== (wanted ?? '')) {
    findings.problems.push({
      path: 'datasetGroup.serviceConfig.domain',
      message: `dataset group ${ctx.groupName} exists with domain ${domainText(found.domain)}, but the config asks for ${domainText(wanted)}; `
        + `a dataset group's domain cannot change (no Update call takes it): give the dataset group a new name, or delete ${ctx.groupName} first with the tear-down state machine`,
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `exists with domain ${domainText(found.domain)}`, arn: ctx.groupArn });
    return findings;
  }
  const tags = await tagChanges(ctx, ctx.groupArn, ctx.plan.datasetGroup.serviceConfig.tags);
  findings.verdicts.push(keepVerdict(base, ctx.groupArn, found.status, tags));
  return findings;
}

function parseAvro(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}

/**
 * A schema: reused when one of its name exists with the same Avro definition and domain. A schema belongs to
 * no dataset group, so one found in use by datasets of other groups is no problem (sharing is legitimate);
 * only its content matters, because a schema cannot change.
 */
export async function checkSchema(ctx: PlanContext, index: number): Promise<Findings> {
  const findings = noFindings();
  const config = ctx.plan.datasets[index].schema.serviceConfig;
  const arn = ctx.arns.schema(config.name);
  const base = { path: `datasetGroup.datasets[${index}].schema`, kind: 'SCHEMA', name: config.name };
  const found = await ctx.reader.schema(arn);
  if (!found) {
    findings.verdicts.push({ ...base, action: 'CREATE', reason: `no schema named ${config.name} exists` });
    return findings;
  }
  const existing = parseAvro(found.schema);
  const differences: string[] = [];
  if (!sameJson(existing, config.schema)) {
    const fields = schemaDifferences(existing, config.schema);
    differences.push(`definition ${fields.length ? fields.join(', ') : 'differs in field order or record attributes'}`);
  }
  if ((found.domain ?? '') !== (config.domain ?? '')) differences.push(`domain is ${domainText(config.domain)}, not ${domainText(found.domain)}`);
  if (differences.length > 0) {
    findings.problems.push({
      path: `datasetGroup.datasets[${index}].schema.serviceConfig.name`,
      message: `schema ${config.name} already exists with another definition (the config's ${differences.join('; the config\'s ')}); `
        + 'a schema cannot change: give the new schema a new name (and a new schemaVersion)',
    });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: 'exists with another definition', arn });
    return findings;
  }
  findings.verdicts.push({ ...base, action: 'REUSE', reason: 'exists with the same definition', arn });
  return findings;
}

/**
 * A dataset (its ARN is `dataset/<group>/<TYPE>`): reused when it uses the configured schema; moved to it with
 * UpdateDataset when it is an Items or Users dataset and the new schema keeps every old field as it was and
 * adds only nullable ones; a problem otherwise.
 */
export async function checkDataset(ctx: PlanContext, index: number): Promise<Findings> {
  const findings = noFindings();
  const item = ctx.plan.datasets[index];
  const name = item.dataset.serviceConfig.name;
  const arn = ctx.arns.dataset(ctx.groupName, item.type);
  const base = { path: `datasetGroup.datasets[${index}].dataset`, kind: 'DATASET', name };
  const found = await ctx.reader.dataset(arn);
  if (!found) {
    findings.verdicts.push({ ...base, action: 'CREATE', reason: `dataset group ${ctx.groupName} has no ${item.type} dataset` });
    return findings;
  }
  const schemaName = item.schema.serviceConfig.name;
  const tags = await tagChanges(ctx, arn, item.dataset.serviceConfig.tags);
  const kept = (reason: string) => {
    const verdict = keepVerdict(base, arn, found.status, tags);
    findings.verdicts.push(verdict.action === 'REUSE' ? { ...verdict, reason } : verdict);
    return findings;
  };
  if (found.schemaArn === ctx.arns.schema(schemaName)) return kept(`exists${statusText(found.status)} with schema ${schemaName}`);
  // Whether `schemaArn` changes when UpdateDataset starts or when it ends is not documented: an update to the
  // configured schema under way (or done) in `latestDatasetUpdate` counts as the configured schema.
  const update = found.latestDatasetUpdate;
  if (update?.schemaArn === ctx.arns.schema(schemaName) && !String(update.status).includes('FAILED')) {
    return kept(`moving to schema ${schemaName} (update status ${update.status})`);
  }
  const oldName = PlanArns.resourceOf(found.schemaArn)[1] ?? String(found.schemaArn);
  const path = `datasetGroup.datasets[${index}].schema.serviceConfig.name`;
  const conflict = (message: string) => {
    findings.problems.push({ path, message });
    findings.verdicts.push({ ...base, action: 'CONFLICT', reason: `uses schema ${oldName}, cannot move to ${schemaName}`, arn });
    return findings;
  };
  if (!REPLACEABLE_SCHEMA_TYPES.includes(item.type)) {
    return conflict(`the ${item.type} dataset of ${ctx.groupName} uses schema ${oldName}; only Items and Users datasets can move to another schema, `
      + `so this one cannot move to ${schemaName}: keep schema ${oldName}`);
  }
  const old = await ctx.reader.schema(String(found.schemaArn));
  const before = parseAvro(old?.schema);
  const issues = schemaReplacementIssues(before, item.schema.serviceConfig.schema);
  if (issues.length > 0) {
    return conflict(`the ${item.type} dataset of ${ctx.groupName} cannot move from schema ${oldName} to ${schemaName}: ${issues.join('; ')}`);
  }
  const added = addedFields(before, item.schema.serviceConfig.schema);
  findings.verdicts.push(keepVerdict(base, arn, found.status, tags, [`moves from schema ${oldName} to ${schemaName}${added.length ? ` (adds ${added.join(', ')})` : ''}`]));
  return findings;
}
