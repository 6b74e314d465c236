import { referencedDatasets } from '../lambda/shared/config/filter-expression';
import { DEFAULT_DURATIONS, DEFAULT_QUOTAS, PersonalizeQuotas, ResourceKind } from '../simulator/emulator/emulator-options';

/** What a node of the resource graph is: a Personalize lifecycle, or the Glue preprocessing run. */
export type NodeKind = ResourceKind | 'glueJob';

/** One resource a config creates: how long it takes from create to ACTIVE, and what must be ACTIVE before. */
export interface ResourceNode {
  /** `<kind>:<name>`, unique in the graph. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  /** Seconds from create to ACTIVE. */
  readonly duration: number;
  /** Ids of the nodes that must be ACTIVE first. */
  readonly after: string[];
  /** For a solution version, campaign or batch job: its solution's name. */
  readonly solution?: string;
}

/** A node with its earliest start and end, in seconds from the pipeline's start. */
export interface ScheduledNode extends ResourceNode {
  readonly start: number;
  readonly end: number;
  /** What the node waited for last: a dependency, or (`quota`) the job whose end freed a slot. */
  readonly waitedFor?: { readonly id: string; readonly quota: boolean };
}

/** The earliest-start schedule of a config's resources and its critical path. */
export interface CriticalPath {
  readonly nodes: ScheduledNode[];
  /** The end of the last campaign, batch job or recommender (of the last node when there are none), in seconds. */
  readonly length: number;
  /** The chain that sets `length`, first to last. */
  readonly path: ScheduledNode[];
}

/** Options of the critical path. */
export interface CriticalPathOptions {
  /** Seconds per kind. @default DEFAULT_DURATIONS */
  readonly durations?: Partial<Record<ResourceKind, number>>;
  /** The service's in-progress quotas. @default DEFAULT_QUOTAS */
  readonly quotas?: Partial<PersonalizeQuotas>;
  /** How long the Glue preprocessing run takes, in seconds. @default 0 */
  readonly glueSeconds?: number;
}

/** The kinds the pipeline deploys last: the makespan ends when the last of them is ACTIVE. */
export const DEPLOYED_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['campaign', 'batchInferenceJob', 'batchSegmentJob', 'recommender']);

/** The account's limits on resources of a kind pending or in progress at once (limits.html, see DEFAULT_QUOTAS). */
function quotaOf(kind: NodeKind, quotas: PersonalizeQuotas): number | undefined {
  switch (kind) {
    case 'datasetImportJob': return quotas.inProgressDatasetImportJobs;
    case 'solutionVersion': return quotas.inProgressSolutionVersions;
    case 'batchInferenceJob': return quotas.inProgressBatchInferenceJobs;
    case 'batchSegmentJob': return quotas.inProgressBatchSegmentJobs;
    default: return undefined;
  }
}

/**
 * The resources a config creates on its first run, and what each needs: the dataset group → each schema and
 * dataset; the Glue run beside them; an import needs its dataset and the Glue run; a solution needs the group; a
 * training needs its solution and every import; campaigns and batch jobs need the version; recommenders need the
 * imports; a filter needs the datasets its expression reads; the event tracker needs the group.
 */
export function resourceGraph(config: any, options: CriticalPathOptions = {}): ResourceNode[] {
  const durations = { ...DEFAULT_DURATIONS, ...options.durations };
  const nodes: ResourceNode[] = [];
  const add = (kind: NodeKind, name: string, after: string[], extra: Partial<ResourceNode> = {}): string => {
    const id = `${kind}:${name}`;
    nodes.push({ id, kind, name, duration: kind === 'glueJob' ? options.glueSeconds ?? 0 : durations[kind], after, ...extra });
    return id;
  };

  const group = add('datasetGroup', config.datasetGroup.serviceConfig.name, []);
  const glue = config.preprocessing?.run ? add('glueJob', 'preprocessing', []) : undefined;
  const datasetOfType = new Map<string, string>();
  const imports: string[] = [];
  for (const entry of config.datasetGroup.datasets ?? []) {
    const schema = add('schema', entry.schema.serviceConfig.name, []);
    const dataset = add('dataset', entry.dataset.serviceConfig.name, [group, schema]);
    datasetOfType.set(entry.type, dataset);
    const job = entry.datasetImportJob;
    if (job && job.createNewJob !== false) imports.push(add('datasetImportJob', job.serviceConfig.jobName, [dataset, ...(glue ? [glue] : [])]));
  }
  for (const filter of config.filters ?? []) {
    const reads = referencedDatasets(filter.serviceConfig.filterExpression).map((r) => datasetOfType.get(r.type)).filter((d): d is string => !!d);
    add('filter', filter.serviceConfig.name, reads.length ? reads : [group]);
  }
  if (config.eventTracker) add('eventTracker', config.eventTracker.serviceConfig.name, [group]);
  for (const entry of config.solutions ?? []) {
    const name = entry.serviceConfig.name;
    const solution = add('solution', name, [group]);
    if (entry.solutionVersion?.createNewSolutionVersion === false) continue;
    const version = add('solutionVersion', name, [solution, ...imports], { solution: name });
    for (const c of entry.campaigns ?? []) if (c.createCampaign !== false) add('campaign', c.serviceConfig.name, [version], { solution: name });
    for (const j of entry.batchInferenceJobs ?? []) if (j.createBatchInferenceJob !== false) add('batchInferenceJob', j.serviceConfig.jobName, [version], { solution: name });
    for (const j of entry.batchSegmentJobs ?? []) if (j.createBatchSegmentJob !== false) add('batchSegmentJob', j.serviceConfig.jobName, [version], { solution: name });
  }
  for (const r of config.recommenders ?? []) if (r.createRecommender !== false) add('recommender', r.serviceConfig.name, imports.length ? imports : [group]);
  return nodes;
}

/**
 * Every node as early as its dependencies and the in-progress quotas allow (list scheduling: nodes in order of the
 * time they become ready, each given the first moment from then on at which its kind has a free slot for its
 * whole duration), then the chain of what each node waited for last, back from the last deployed resource.
 */
export function criticalPath(config: any, options: CriticalPathOptions = {}): CriticalPath {
  return scheduleGraph(resourceGraph(config, options), { ...DEFAULT_QUOTAS, ...options.quotas });
}

/** The earliest-start schedule of a graph under the quotas, and its critical path. */
export function scheduleGraph(graph: ResourceNode[], quotas: PersonalizeQuotas = DEFAULT_QUOTAS): CriticalPath {
  const byId = new Map(graph.map((n) => [n.id, n]));
  for (const node of graph) {
    for (const dep of node.after) if (!byId.has(dep)) throw new Error(`${node.id} needs ${dep}, which is not in the graph`);
  }
  const done = new Map<string, ScheduledNode>();
  const pending = [...graph];
  while (pending.length > 0) {
    const ready = pending
      .filter((n) => n.after.every((d) => done.has(d)))
      .map((n) => ({ node: n, at: Math.max(0, ...n.after.map((d) => done.get(d)!.end)) }));
    if (ready.length === 0) throw new Error(`The graph has a cycle among ${pending.map((n) => n.id).join(', ')}`);
    // The earliest ready first; ties in config order.
    const next = ready.reduce((a, b) => (b.at < a.at ? b : a));
    const { node, at } = next;
    const cap = quotaOf(node.kind, quotas);
    const running = cap === undefined ? [] : [...done.values()].filter((s) => s.kind === node.kind && s.duration > 0);
    let start = at;
    let blocker: ScheduledNode | undefined;
    if (cap !== undefined && node.duration > 0) {
      const fits = (t: number) => [t, ...running.map((s) => s.start).filter((s) => s > t && s < t + node.duration)]
        .every((u) => running.filter((s) => s.start <= u && u < s.end).length < cap);
      const candidates = [at, ...running.map((s) => s.end).filter((e) => e > at)].sort((a, b) => a - b);
      start = candidates.find(fits)!;
      if (start > at) blocker = running.filter((s) => s.end === start)[0];
    }
    const lastDep = node.after.map((d) => done.get(d)!).reduce<ScheduledNode | undefined>((a, b) => (!a || b.end > a.end ? b : a), undefined);
    const waitedFor = blocker ? { id: blocker.id, quota: true } : lastDep ? { id: lastDep.id, quota: false } : undefined;
    done.set(node.id, { ...node, start, end: start + node.duration, ...(waitedFor ? { waitedFor } : {}) });
    pending.splice(pending.indexOf(node), 1);
  }

  const nodes = graph.map((n) => done.get(n.id)!);
  const deployed = nodes.filter((n) => DEPLOYED_KINDS.has(n.kind));
  const candidates = deployed.length > 0 ? deployed : nodes;
  const last = candidates.reduce<ScheduledNode | undefined>((a, b) => (!a || b.end > a.end ? b : a), undefined);
  const path: ScheduledNode[] = [];
  for (let n = last; n; n = n.waitedFor ? done.get(n.waitedFor.id) : undefined) path.unshift(n);
  return { nodes, length: last?.end ?? 0, path };
}
