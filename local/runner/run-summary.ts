import { LocalPipelineRunner, PipelineRunResult } from './local-pipeline-runner';
import { KIND_FACTS } from '../../src/contract/resource-kinds';
import { PersonalizeEmulator } from '../emulator/personalize-emulator';

/** One resource in the emulator, for a summary: its kind in words, its name and its status. */
export interface ResourceRow {
  readonly kind: string;
  readonly name: string;
  readonly status: string;
}

/**
 * Every resource in the emulator, kind by kind in the kind table's order (src/contract/resource-kinds.ts: each
 * kind's List call and the member it answers in). The summary of `local/cli` and of the CLI's `simulate`.
 */
export function emulatorResources(emulator: PersonalizeEmulator): ResourceRow[] {
  return KIND_FACTS.flatMap((facts) => {
    const items = (emulator.call(facts.list.action, {}) as Record<string, Array<Record<string, unknown>>>)[facts.list.key] ?? [];
    return items.map((item) => {
      const arn = String(item[facts.list.arnField]);
      // A solution version has no name: its solution's name and its id.
      const name = facts.list.nameField ? item[facts.list.nameField] : arn.split(':').pop()!.replace(/^solution\//, '');
      return { kind: facts.label.toLowerCase(), name: String(name), status: String(item.status ?? '-') };
    });
  });
}

/** Prints what a run did: its status, the resources in the emulator, the create calls, the events. */
export function printSummary(runner: LocalPipelineRunner, result: PipelineRunResult, mutationsBefore: number, print: (line: string) => void): void {
  const emulator = runner.emulator;
  print('');
  print(`Execution ${result.executionArn}: ${result.status}`);
  if (result.status !== 'SUCCEEDED') print(`  ${result.error}: ${result.cause}`);
  print('Resources in the emulator:');
  for (const row of emulatorResources(emulator)) print(`  ${row.kind.padEnd(20)} ${row.name.padEnd(48)} ${row.status}`);
  const mutations = emulator.mutations().slice(mutationsBefore);
  const byOperation = new Map<string, number>();
  for (const call of mutations) byOperation.set(call.operation, (byOperation.get(call.operation) ?? 0) + 1);
  print(`Create/update calls in this run: ${mutations.length}${mutations.length ? ` (${[...byOperation].map(([op, n]) => `${op} ${n}`).join(', ')})` : ''}`);
  const events = runner.events;
  print(`Events published so far: ${events.length} (${events.filter((e) => e.detail.status === 'ACTIVE').length} ACTIVE, ${events.filter((e) => /FAILED/.test(String(e.detail.status))).length} failures)`);
  // One WAITING_FOR_QUOTA per resource that met a quota (its first refusal); the tries after it are not events.
  const quotaWaits = events.filter((e) => e.detail.status === 'WAITING_FOR_QUOTA');
  print(`Quota waits so far: ${quotaWaits.length}${quotaWaits.length ? ` (${quotaWaits.map((e) => `${e.detail.kind} ${e.detail.name}`).join(', ')})` : ''}`);
}
