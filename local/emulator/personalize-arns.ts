/** Where the emulated service lives: the parts every ARN starts with. */
export interface ServiceLocation {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** Builds the real ARN formats of Personalize resources. */
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

  datasetGroup(name: string) { return this.of(`dataset-group/${name}`); }
  schema(name: string) { return this.of(`schema/${name}`); }
  dataset(datasetGroupName: string, type: string) { return this.of(`dataset/${datasetGroupName}/${type}`); }
  datasetImportJob(name: string) { return this.of(`dataset-import-job/${name}`); }
  filter(name: string) { return this.of(`filter/${name}`); }
  eventTracker(name: string) { return this.of(`event-tracker/${name}`); }
  solution(name: string) { return this.of(`solution/${name}`); }
  solutionVersion(solutionName: string, id: string) { return this.of(`solution/${solutionName}/${id}`); }
  campaign(name: string) { return this.of(`campaign/${name}`); }
  batchInferenceJob(name: string) { return this.of(`batch-inference-job/${name}`); }
  batchSegmentJob(name: string) { return this.of(`batch-segment-job/${name}`); }
  recommender(name: string) { return this.of(`recommender/${name}`); }
}
