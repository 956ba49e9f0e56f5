import { COMMANDS, main, usage } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';

function io(): CliIo & { out: jest.Mock; err: jest.Mock } {
  return { cwd: process.cwd(), out: jest.fn(), err: jest.fn() } as never;
}

describe('CLI', () => {
  test.each(COMMANDS.map((c) => [c.name, c] as const))(
    "%s: the summary in --help is the command's own, and its help names it",
    (name, entry) => {
      const command = entry.load();
      expect(command.name).toBe(name);
      expect(command.summary).toBe(entry.summary);
      expect(command.help).toMatch(new RegExp(`^Usage: orquesta ${name}`));
      expect(usage()).toContain(`${name}`);
    },
  );

  test('no command prints usage on stderr and exits 2; --help prints it on stdout and exits 0', async () => {
    const a = io();
    expect(await main([], a)).toBe(2);
    expect(a.out).not.toHaveBeenCalled();
    expect(a.err.mock.calls[0][0]).toContain('Usage: orquesta <command>');
    const b = io();
    expect(await main(['--help'], b)).toBe(0);
    expect(b.out.mock.calls[0][0]).toContain('Exit codes:\n  0  ok');
  });

  test.each(['--version', '-v', 'version'])('%s prints the package version', async (flag) => {
    const a = io();
    expect(await main([flag], a)).toBe(0);
    expect(a.out.mock.calls[0][0]).toBe(`orquesta ${require('../../package.json').version}`);
  });

  test('an unknown command or flag is a usage error (exit 2) naming it, with the nearest command', async () => {
    const a = io();
    expect(await main(['deploi'], a)).toBe(2);
    expect(a.out).not.toHaveBeenCalled();
    expect(a.err.mock.calls[0][0]).toMatch(/^orquesta: unknown command 'deploi'; did you mean 'deploy'\?\n\nUsage:/);
    const c = io();
    expect(await main(['xyzzy'], c)).toBe(2);
    expect(c.err.mock.calls[0][0]).toMatch(/^orquesta: unknown command 'xyzzy'\n/);
    const b = io();
    expect(await main(['validate', '--tagret', 'eks'], b)).toBe(2);
    expect(b.err.mock.calls[0][0]).toMatch(/Unknown option '--tagret'/);
  });

  test('validate accepts the built-in example and rejects an unknown target', async () => {
    const a = io();
    expect(await main(['validate'], a)).toBe(0);
    expect(a.out.mock.calls[0][0]).toBe('built-in example (web-api): valid for eks, gke, aks, kops');
    const b = io();
    expect(await main(['validate', '--target', 'openshift'], b)).toBe(2);
    expect(b.err.mock.calls[0][0]).toContain("--target 'openshift' is not valid; allowed: all, or a comma list of eks, gke, aks, kops");
  });
});
