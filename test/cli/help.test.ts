import { buildBin, capturedIo, runBin } from './cli-harness';
import { commandLine } from '../../cli/main';

// Every command's --help, from the bundled bin, is complete: each argument and option with its description,
// examples and the exit codes.

const commands = commandLine(capturedIo(), { code: 0 }).commands;

beforeAll(buildBin);

test('the commands are validate, plan, start, forget, watch, status and simulate', () => {
  expect(commands.map((c) => c.name())).toEqual(['validate', 'plan', 'start', 'forget', 'watch', 'status', 'simulate']);
});

test.each(commands.map((c) => [c.name(), c] as const))('%s --help names every argument and option with its description, examples and exit codes', async (name, command) => {
  const run = await runBin([name, '--help']);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const help = run.stdout.replace(/\s+/g, ' ');
  // Each argument as declared: <required> or [optional] (start's config is optional with --fleet).
  const usageArguments = command.registeredArguments.map((a) => {
    const text = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${text}>` : `[${text}]`;
  });
  // status takes its dataset group as an option (--dataset-group), so it has no argument.
  if (name !== 'status') expect(usageArguments.length).toBeGreaterThan(0);
  expect(help).toContain(`Usage: personalize-mlops ${name} [options]${usageArguments.length ? ` ${usageArguments.join(' ')}` : ''}`);
  expect(help).toContain(command.description().replace(/\s+/g, ' '));
  for (const argument of command.registeredArguments) {
    expect(help).toContain(argument.name());
    expect(argument.description).not.toBe('');
    expect(help).toContain(argument.description.replace(/\s+/g, ' '));
  }
  expect(command.options.length).toBeGreaterThan(0);
  for (const option of command.options) {
    expect(help).toContain(option.flags);
    expect(option.description).not.toBe('');
    expect(help).toContain(option.description.replace(/\s+/g, ' '));
  }
  expect(run.stdout).toContain('\nExamples:\n  $ personalize-mlops ' + name);
  expect(run.stdout).toContain('\nExit codes:\n  0  ');
});

test('--help and no command at all show the commands; --version the package\'s version', async () => {
  const help = await runBin(['--help']);
  expect(help.code).toBe(0);
  for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^  ${command.name()} `, 'm'));
  const none = await runBin([]);
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('Usage: personalize-mlops');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  expect((await runBin(['--version'])).stdout).toBe(`${require('../../package.json').version}\n`);
});

test('an unknown command or option is a usage error: exit code 2', async () => {
  const unknown = await runBin(['deploy']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown command \'deploy\'');
  const option = await runBin(['validate', 'x.json', '--strict']);
  expect(option.code).toBe(2);
  expect(option.stderr).toContain('unknown option \'--strict\'');
});
