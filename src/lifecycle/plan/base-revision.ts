import * as fs from 'fs';
import * as path from 'path';
import type { CommandRunner } from '../command-runner';

/**
 * This installation's CLI, used to synthesize a base revision that is not itself an orquesta
 * checkout. Found from the package root, so it works from compiled files and from the bundle.
 */
function ownBin(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'orquesta') {
      return path.join(dir, 'bin', 'orquesta.js');
    }
  }
  throw new Error(`cannot find the orquesta package above ${__dirname}`);
}

/**
 * Synthesizes another revision (e.g. the PR's base) in a git worktree under `.orquesta/base/<sha>`,
 * so cost and fault-tolerance deltas need no cloud access. A repository that only holds a spec is
 * synthesized with this installation from that revision's spec file; an orquesta checkout is built
 * and run with its own code (sharing this checkout's node_modules: a base with different
 * dependencies needs `--base-dir` pointing at output synthesized by its own install).
 */
export async function synthesizeRevision(
  ref: string,
  options: { readonly cwd: string; readonly runner: CommandRunner; readonly app?: string; readonly offlinePlan?: boolean },
): Promise<string> {
  const { cwd, runner } = options;
  const sha = await must(
    runner,
    'git',
    ['rev-parse', '--verify', `${ref}^{commit}`],
    cwd,
    `--base ${ref}: not a commit in this repository`,
  );
  const dir = path.join(cwd, '.orquesta', 'base', `${sha.trim().slice(0, 12)}${options.offlinePlan ? '-offline' : ''}`);
  if (!fs.existsSync(path.join(dir, 'cdktf.out'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await runner.run('git', ['worktree', 'prune'], { cwd });
    await must(runner, 'git', ['worktree', 'add', '--detach', '--force', dir, sha.trim()], cwd, `cannot check out ${ref}`);
    const app = options.app ? ['--app', path.resolve(dir, path.relative(cwd, path.resolve(cwd, options.app)))] : [];
    const orquestaCheckout = fs.existsSync(path.join(dir, 'bin', 'orquesta.js')) && fs.existsSync(path.join(dir, 'tsconfig.build.json'));
    if (orquestaCheckout) {
      const modules = path.join(dir, 'node_modules');
      if (!fs.existsSync(modules)) fs.symlinkSync(path.join(cwd, 'node_modules'), modules, 'dir');
      await must(
        runner,
        process.execPath,
        [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        dir,
        `cannot build ${ref}`,
      );
    }
    const bin = orquestaCheckout ? path.join(dir, 'bin', 'orquesta.js') : ownBin();
    await must(
      runner,
      process.execPath,
      [bin, 'synth', ...app, ...(options.offlinePlan ? ['--offline-plan'] : [])],
      dir,
      `cannot synthesize ${ref}`,
    );
  }
  return dir;
}

async function must(runner: CommandRunner, command: string, args: readonly string[], cwd: string, what: string): Promise<string> {
  const r = await runner.run(command, args, { cwd });
  if (r.code !== 0)
    throw new Error(`${what}: ${command} ${args.join(' ')} exited ${r.code}\n${r.stderr.trim().split('\n').slice(-10).join('\n')}`);
  return r.stdout;
}
