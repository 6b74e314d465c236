import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The folders of src/, lowest first: a module imports from its own folder and from folders below it, never from one
 * above (docs/architecture.md, "The code's layout"). Folders of one rank do not import each other.
 */
const LAYERS: string[][] = [
  ['contract'],
  ['kinds'],
  ['steps'],
  ['polling', 'wiring'],
  ['model-checks'],
  ['flows'],
  ['orchestration', 'teardown', 'operations', 'preprocessing'],
  ['pipeline'],
];
const SRC = path.join(__dirname, '..', '..', 'src');
const rankOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

function importsOf(folder: string): Array<{ file: string; target: string }> {
  const found: Array<{ file: string; target: string }> = [];
  for (const file of readdirSync(path.join(SRC, folder)).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(path.join(SRC, folder, file), 'utf8');
    for (const match of text.matchAll(/from '\.\.\/([a-z-]+)\//g)) found.push({ file: `${folder}/${file}`, target: match[1] });
  }
  return found;
}

describe('the layers of src/', () => {
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

  test('every folder has a layer', () => {
    expect(folders.filter((folder) => rankOf(folder) < 0)).toEqual([]);
    expect(LAYERS.flat().sort()).toEqual([...folders].sort());
  });

  test('no module imports from its own rank or above (another folder)', () => {
    const upward = folders.flatMap((folder) => importsOf(folder)
      .filter(({ target }) => target !== folder && rankOf(target) >= rankOf(folder))
      .map(({ file, target }) => `${file} → ${target}/`));
    expect(upward).toEqual([]);
  });

  test('the building blocks import nothing from the flows, the pipeline or its operations', () => {
    const blocks = ['kinds', 'steps', 'polling', 'wiring', 'model-checks'];
    const above = ['flows', 'orchestration', 'teardown', 'operations', 'pipeline', 'preprocessing'];
    const arrows = blocks.flatMap((folder) => importsOf(folder).filter(({ target }) => above.includes(target)));
    expect(arrows).toEqual([]);
    // The check reads real imports: the poll engine imports the building blocks below it.
    expect(importsOf('polling').map(({ target }) => target)).toEqual(expect.arrayContaining(['kinds', 'steps']));
  });
});
