/** Where the planned resources live: the parts every Personalize ARN of the account starts with. */
export interface ServiceLocation {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

const PREFIX = /^arn:(aws[a-z-]*):personalize:([a-z0-9-]+):(\d{12})$/;

/** Reads `arn:<partition>:personalize:<region>:<account>` (the construct's `PERSONALIZE_ARN_PREFIX`). */
export function locationFromArnPrefix(prefix: string | undefined): ServiceLocation {
  const match = PREFIX.exec(prefix ?? '');
  if (!match) {
    throw Object.assign(
      new Error(`PERSONALIZE_ARN_PREFIX must be arn:<partition>:personalize:<region>:<account>, got: ${JSON.stringify(prefix)}`),
      { name: 'PreflightConfigurationError' },
    );
  }
  return { partition: match[1], region: match[2], account: match[3] };
}

/**
 * The ARNs the state machines derive from names (`src/steps/flow-services.ts` `arnAt`), in the formats of the
 * Personalize API reference (each resource's `...Arn` member in the SDK model). Event trackers are absent on
 * purpose: their ARN ends in an id, not in the name, so they are found by listing.
 */
export class PlanArns {
  /** The resource part of a Personalize ARN (`solution/<name>/<id>` → `['solution', name, id]`). */
  static resourceOf(arn: string | undefined): string[] {
    return (arn ?? '').split(':').slice(5).join(':').split('/');
  }

  constructor(private readonly location: ServiceLocation) {}

  /** `arn:<partition>:personalize:<region>:<account>:<resource>` */
  of(resource: string): string {
    const { partition, region, account } = this.location;
    return `arn:${partition}:personalize:${region}:${account}:${resource}`;
  }

  datasetGroup(name: string): string { return this.of(`dataset-group/${name}`); }
  schema(name: string): string { return this.of(`schema/${name}`); }
  dataset(datasetGroupName: string, type: string): string { return this.of(`dataset/${datasetGroupName}/${type}`); }
  datasetImportJob(jobName: string): string { return this.of(`dataset-import-job/${jobName}`); }
  datasetExportJob(jobName: string): string { return this.of(`dataset-export-job/${jobName}`); }
  dataDeletionJob(jobName: string): string { return this.of(`data-deletion-job/${jobName}`); }
  filter(name: string): string { return this.of(`filter/${name}`); }
  solution(name: string): string { return this.of(`solution/${name}`); }
  campaign(name: string): string { return this.of(`campaign/${name}`); }
  batchInferenceJob(jobName: string): string { return this.of(`batch-inference-job/${jobName}`); }
  batchSegmentJob(jobName: string): string { return this.of(`batch-segment-job/${jobName}`); }
  recommender(name: string): string { return this.of(`recommender/${name}`); }
}

/** The name a dataset group ARN ends in, or the ARN itself when it has another format. */
export function datasetGroupNameOf(arn: string | undefined): string {
  const [type, name] = PlanArns.resourceOf(arn);
  return type === 'dataset-group' && name ? name : String(arn);
}
