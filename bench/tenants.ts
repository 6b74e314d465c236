import { performance } from 'node:perf_hooks';
import { CriticalPathOptions, DEPLOYED_KINDS, ResourceNode, resourceGraph, scheduleGraph } from './critical-path';
import { DEFAULT_QUOTAS, PersonalizeQuotas, ResourceKind } from '../simulator/emulator/emulator-options';
import { PersonalizeEmulator } from '../simulator/emulator/personalize-emulator';
import { PersonalizeError } from '../simulator/emulator/personalize-error';
import { GlueFake } from '../simulator/runner/glue-fake';
import { LocalPipelineRunner, PipelineRunResult } from '../simulator/runner/local-pipeline-runner';
import { PipelineTemplate } from '../simulator/runner/pipeline-template';
import { VirtualClock } from '../simulator/runner/virtual-clock';

/**
 * Tenants in one account (`npm run bench -- --tenants N`): N copies of a config, each with its own names, started at
 * the same virtual time against one emulated account, so they meet the account's in-progress quotas together; and
 * the quota-aware reference those runs are measured against.
 */

/** The copy of a config for tenant `index` (0-based): every `serviceConfig.name` and `serviceConfig.jobName` gets a suffix. */
export function tenantConfig(config: unknown, index: number): any {
  const suffix = `T${String(index + 1).padStart(2, '0')}`;
  const copy = structuredClone(config);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const service = record.serviceConfig as Record<string, unknown> | undefined;
    if (service && typeof service === 'object') {
      for (const key of ['name', 'jobName']) if (typeof service[key] === 'string') service[key] = `${service[key]}${suffix}`;
    }
    // The Avro schema's record `name` is not a resource name: only serviceConfig's are renamed, and nothing below them.
    for (const [key, value] of Object.entries(record)) if (key !== 'serviceConfig') visit(value);
  };
  visit(copy);
  return copy;
}

/**
 * The account's quotas for a fleet of `tenants` configs, each with its own dataset group: DEFAULT_QUOTAS, with the
 * active dataset groups raised to the fleet's size. "Total number of active dataset groups" (limits.html: 5,
 * adjustable) counts groups that exist, not work in progress: no wait frees a slot, so a fleet of more tenants than
 * that needs the quota raised before it starts (a run over it fails at once, see docs/reliability.md).
 */
export function fleetQuotas(tenants: number): PersonalizeQuotas {
  return { ...DEFAULT_QUOTAS, activeDatasetGroups: Math.max(DEFAULT_QUOTAS.activeDatasetGroups, tenants) };
}

/** The quota-aware reference of a fleet: its makespan, and when each tenant's last deployed resource is ACTIVE. */
export interface FleetReference {
  /** Seconds from the common start to the last campaign, batch job or recommender ACTIVE of any tenant. */
  readonly length: number;
  /** Per tenant, the same for its own resources. */
  readonly tenantEnds: number[];
  /** How many resources the fleet creates. */
  readonly nodes: number;
}

/**
 * The earliest finish of every tenant's resources together when each in-progress quota is one pool of slots shared by
 * the fleet and a slot is used as soon as it is free (bench/critical-path.ts `scheduleGraph`: list scheduling, the
 * earliest ready first, ties in tenant order): the union of the tenants' resource graphs, each node named by its tenant.
 */
export function fleetReference(configs: unknown[], options: CriticalPathOptions = {}): FleetReference {
  const graph: ResourceNode[] = [];
  const tenantOf = new Map<string, number>();
  configs.forEach((config, t) => {
    const prefix = `t${t}/`;
    for (const node of resourceGraph(config, options)) {
      graph.push({ ...node, id: prefix + node.id, after: node.after.map((d) => prefix + d) });
      tenantOf.set(prefix + node.id, t);
    }
  });
  const schedule = scheduleGraph(graph, { ...DEFAULT_QUOTAS, ...options.quotas });
  const tenantEnds = configs.map(() => 0);
  for (const node of schedule.nodes) {
    if (!DEPLOYED_KINDS.has(node.kind)) continue;
    const t = tenantOf.get(node.id)!;
    tenantEnds[t] = Math.max(tenantEnds[t], node.end);
  }
  return { length: schedule.length, tenantEnds, nodes: graph.length };
}

/** What a fleet's run in virtual time gave. */
export interface TenantsResult {
  readonly tenants: number;
  /** Seconds from the common start to the last campaign, batch job or recommender ACTIVE. */
  readonly makespan: number;
  readonly reference: FleetReference;
  /** Create calls answered LimitExceededException, by operation. */
  readonly throttles: Map<string, number>;
  /** WAITING_FOR_QUOTA events published. */
  readonly quotaWaitEvents: number;
  readonly results: PipelineRunResult[];
  readonly realMs: number;
}

/** Options of a fleet's run. */
export interface RunTenantsOptions {
  readonly template: PipelineTemplate;
  readonly config: unknown;
  readonly tenants: number;
  readonly glueSeconds: number;
  readonly durations?: Partial<Record<ResourceKind, number>>;
}

/**
 * Runs `tenants` copies of a config at once in virtual time against one emulated account (one emulator in time mode
 * with `fleetQuotas`), each tenant its own execution of the main state machine, as a fleet's Distributed Map starts
 * them, all on one virtual clock.
 */
export async function runTenants(options: RunTenantsOptions): Promise<TenantsResult> {
  const { template, tenants, glueSeconds, durations } = options;
  const configs = Array.from({ length: tenants }, (_, i) => tenantConfig(options.config, i));
  const quotas = fleetQuotas(tenants);
  const reference = fleetReference(configs, { glueSeconds, durations, quotas });
  const clock = new VirtualClock().install();
  const realBegin = performance.now();
  try {
    const emulator = new PersonalizeEmulator({ location: template.env, clock: () => Date.now(), durations, quotas });
    const throttles = new Map<string, number>();
    const answer = emulator.call.bind(emulator);
    emulator.call = (operation: string, request?: Record<string, unknown>) => {
      try {
        return answer(operation, request);
      } catch (error) {
        if (error instanceof PersonalizeError && error.errorName === 'LimitExceededException') throttles.set(operation, (throttles.get(operation) ?? 0) + 1);
        throw error;
      }
    };
    const runner = new LocalPipelineRunner({ template, emulator, glue: new GlueFake({ runSeconds: glueSeconds }), virtualTime: clock });
    const t0 = clock.now();
    const results = await runner.runMany(configs);
    const deployed = emulator.timeline().filter((e) => DEPLOYED_KINDS.has(e.kind) && e.readyAt !== undefined);
    const makespan = Math.max(0, ...deployed.map((e) => (e.readyAt! - t0) / 1000));
    const quotaWaitEvents = runner.eventsOf().filter((e) => e.detail.status === 'WAITING_FOR_QUOTA').length;
    return { tenants, makespan, reference, throttles, quotaWaitEvents, results, realMs: performance.now() - realBegin };
  } finally {
    clock.uninstall();
  }
}
