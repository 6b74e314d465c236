import { Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../errors';

/** A config file of a fleet folder. */
export interface FleetConfigFile {
  /** The file, as the folder was given joined with its path under it. */
  readonly file: string;
  /** Its path under the folder, `/`-separated: its key under the fleet's prefix. */
  readonly relativePath: string;
  /** Its content, as it is: a file that is not JSON fails its run, as it would in the fleet's bucket. */
  readonly text: string;
}

/**
 * Every `.json` file of a folder and its subfolders, in key order: the fleet lists every key under its prefix, so a
 * subfolder is a narrower prefix of the same fleet. Other files are left out (the fleet would list them as SKIPPED).
 * A CliError when the folder does not exist, is not a folder, or holds no `.json` file.
 */
export function readFleetFolder(folder: string): FleetConfigFile[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`simulate --fleet: ${folder}: ${code === 'ENOENT' ? 'no such folder' : `cannot read it (${code ?? (error as Error).message})`}`);
  }
  if (!isFolder) throw new CliError(`simulate --fleet: ${folder} is a file; give the folder of the fleet's configs (to run one config: simulate <config.json>)`);
  const relativePaths = jsonFilesUnder(folder, '').sort();
  if (relativePaths.length === 0) throw new CliError(`simulate --fleet: ${folder} holds no .json file (its subfolders included)`);
  return relativePaths.map((relativePath) => {
    const file = path.join(folder, ...relativePath.split('/'));
    try {
      return { file, relativePath, text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw new CliError(`simulate --fleet: ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  });
}

/** The `.json` files under `folder`/`under`, as `/`-separated paths relative to `folder`; symbolic links to folders are not followed. */
function jsonFilesUnder(folder: string, under: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(folder, under), { withFileTypes: true }) as Dirent[]) {
    const relative = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...jsonFilesUnder(folder, relative));
    else if (entry.name.endsWith('.json') && isFile(entry, path.join(folder, relative))) found.push(relative);
  }
  return found;
}

function isFile(entry: Dirent, file: string): boolean {
  if (entry.isFile()) return true;
  try {
    return entry.isSymbolicLink() && statSync(file).isFile();
  } catch {
    return false;
  }
}
