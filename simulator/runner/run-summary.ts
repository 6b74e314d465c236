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
 * kind's List call and the member it answers in). The summary of the CLI's `simulate`.
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
