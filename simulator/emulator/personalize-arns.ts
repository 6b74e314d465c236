/** Where the emulated service lives: the parts every ARN starts with. */
export interface ServiceLocation {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/**
 * Builds the real ARN formats of Personalize resources: source: Service Authorization Reference, Amazon Personalize
 * resource types (`arn:${Partition}:personalize:${Region}:${Account}:dataset-group/${ResourceId}` ...), and ARNs in
 * public code (names for most resources, an id for event trackers and solution versions).
 */
export class PersonalizeArns {
  /** The last path segment of an ARN (a resource's name, or a solution version's id). */
  static lastSegment(arn: string): string {
    return arn.split('/').pop() ?? '';
  }

  /** The name of the resource an ARN names (`dataset-group/<name>` → name). */
  static nameOf(arn: string): string {
    return arn.split(':').slice(5).join(':').split('/')[1] ?? '';
  }

  constructor(private readonly location: ServiceLocation) {}

  /** `arn:<partition>:personalize:<region>:<account>:<resource>` */
  of(resource: string): string {
    const { partition, region, account } = this.location;
    return `arn:${partition}:personalize:${region}:${account}:${resource}`;
  }

  get account(): string {
    return this.location.account;
  }

  datasetGroup(name: string) { return this.of(`dataset-group/${name}`); }
  schema(name: string) { return this.of(`schema/${name}`); }
  dataset(datasetGroupName: string, type: string) { return this.of(`dataset/${datasetGroupName}/${type}`); }
  datasetImportJob(name: string) { return this.of(`dataset-import-job/${name}`); }
  filter(name: string) { return this.of(`filter/${name}`); }
  /** Event trackers are named by an 8-hex id, not their name: source: public code, `event-tracker/d2e0162e`. */
  eventTracker(id: string) { return this.of(`event-tracker/${id}`); }
  solution(name: string) { return this.of(`solution/${name}`); }
  solutionVersion(solutionName: string, id: string) { return this.of(`solution/${solutionName}/${id}`); }
  /** `<solutionArn>/$LATEST`: source: CreateCampaignRequest.solutionVersionArn (SDK doc). */
  latestVersionOf(solutionName: string) { return this.of(`solution/${solutionName}/$LATEST`); }
  campaign(name: string) { return this.of(`campaign/${name}`); }
  batchInferenceJob(name: string) { return this.of(`batch-inference-job/${name}`); }
  batchSegmentJob(name: string) { return this.of(`batch-segment-job/${name}`); }
  recommender(name: string) { return this.of(`recommender/${name}`); }
  /** Recipes are global: source: recipe pages, `arn:aws:personalize:::recipe/aws-semantic-similarity`. */
  recipe(name: string) { return `arn:${this.location.partition}:personalize:::recipe/${name}`; }
}
