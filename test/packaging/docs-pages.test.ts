import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

// The front page and the reference beside it (issue 23): README.md keeps what a newcomer reads first and links one
// page per topic under docs/; every relative link of those pages leads to a file, and every #anchor to a heading of
// it (GitHub's slugs); the pages ship in the package.

const ROOT = path.resolve(__dirname, '..', '..');
const PAGES = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
const GENERATED = new Set(['docs/timeline-input_media.md', 'docs/timeline-input_retail.md']);

/** Lines outside fenced code blocks, with inline code removed (the config reference's patterns hold `](/.*)`). */
function prose(file: string): string[] {
  let fence = false;
  return readFileSync(path.join(ROOT, file), 'utf8').split('\n').map((line) => {
    if (line.startsWith('```')) fence = !fence;
    return fence || line.startsWith('```') ? '' : line.replace(/`[^`]*`/g, '');
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped but `-` and `_`, spaces to `-`; repeats get `-1`, `-2`. */
function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  let fence = false;
  const out = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = fence ? null : /^#{1,6} (.*)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

function relativeLinks(file: string): Array<{ line: number; target: string }> {
  return prose(file).flatMap((text, i) => [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => ({ line: i + 1, target: m[1] }))
    .filter((l) => !/^[a-z]+:/.test(l.target)));
}

describe('README.md and docs/', () => {
  test('the README stays a front page', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThan(250);
    const sections = readme.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(sections).toEqual(['Architecture', 'Quick start', 'Command line', 'Install', 'Usage', 'Documentation', 'License']);
  });

  test('the README links every page under docs/', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const linked = new Set(relativeLinks('README.md').map((l) => l.target.split('#')[0]));
    expect(PAGES.filter((p) => !GENERATED.has(p) && !linked.has(p))).toEqual([]);
    expect(readme).toContain('](API.md)');
  });

  test('every relative link leads to a file, and every #anchor to a heading of it', () => {
    const broken: string[] = [];
    for (const file of ['README.md', ...PAGES]) {
      for (const { line, target } of relativeLinks(file)) {
        const [targetPath, anchor] = target.split('#');
        const resolved = targetPath ? path.join(ROOT, path.dirname(file), targetPath) : path.join(ROOT, file);
        if (!existsSync(resolved)) broken.push(`${file}:${line}: ${target}: no such file`);
        else if (anchor && (statSync(resolved).isDirectory() || !anchors(resolved).has(anchor))) broken.push(`${file}:${line}: ${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('the package ships the README and every page under docs/', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    const shipped = new Set((pack.files as Array<{ path: string }>).map((f) => f.path));
    expect(['README.md', ...PAGES].filter((p) => !shipped.has(p))).toEqual([]);
  });
});
