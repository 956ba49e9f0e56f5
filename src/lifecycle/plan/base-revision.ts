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
 * Synthesizes another revision (e.g. the PR's base) without touching the working tree: the revision
 * is checked out in a temporary git worktree, synthesized there, its output (`cdktf.out/`,
 * `dist/k8s/`) moved to `.orquesta/base/<sha>/`, and the worktree removed again, on success and on
 * failure alike, so `git worktree list` stays clean and nothing outside `.orquesta/base/` is
 * written. A repository that only holds a spec is synthesized with this installation from that
 * revision's spec file; an orquesta checkout is built with its own `npm run build` (sharing this
 * checkout's node_modules: a base with different dependencies needs `--base-dir` pointing at output
 * synthesized by its own install) and run with its own CLI.
 */
export async function synthesizeRevision(
  ref: string,
  options: { readonly cwd: string; readonly runner: CommandRunner; readonly app?: string; readonly offlinePlan?: boolean },
): Promise<string> {
  const { cwd, runner } = options;
  const sha = (
    await must(runner, 'git', ['rev-parse', '--verify', `${ref}^{commit}`], cwd, `--base ${ref}: not a commit in this repository`)
  ).trim();
  const dir = path.join(cwd, '.orquesta', 'base', `${sha.slice(0, 12)}${options.offlinePlan ? '-offline' : ''}`);
  if (fs.existsSync(path.join(dir, 'cdktf.out'))) return dir;
  const checkout = `${dir}.checkout`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(checkout, { recursive: true, force: true });
  await runner.run('git', ['worktree', 'prune'], { cwd });
  await must(runner, 'git', ['worktree', 'add', '--detach', '--force', checkout, sha], cwd, `cannot check out ${ref}`);
  const modules = path.join(checkout, 'node_modules');
  try {
    const app = options.app ? ['--app', path.resolve(checkout, path.relative(cwd, path.resolve(cwd, options.app)))] : [];
    const orquestaCheckout = isOrquestaCheckout(checkout);
    if (orquestaCheckout) {
      if (!fs.existsSync(modules)) fs.symlinkSync(path.join(cwd, 'node_modules'), modules, 'dir');
      await must(runner, 'npm', ['run', '-s', 'build'], checkout, `cannot build ${ref} (npm run build)`);
    }
    const bin = orquestaCheckout ? path.join(checkout, 'bin', 'orquesta.js') : ownBin();
    await must(
      runner,
      process.execPath,
      [bin, 'synth', ...app, ...(options.offlinePlan ? ['--offline-plan'] : [])],
      checkout,
      `cannot synthesize ${ref}`,
    );
    const staging = `${dir}.staging`;
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(path.join(staging, 'dist'), { recursive: true });
    fs.renameSync(path.join(checkout, 'cdktf.out'), path.join(staging, 'cdktf.out'));
    if (fs.existsSync(path.join(checkout, 'dist', 'k8s')))
      fs.renameSync(path.join(checkout, 'dist', 'k8s'), path.join(staging, 'dist', 'k8s'));
    fs.renameSync(staging, dir);
    return dir;
  } finally {
    // The symlink first, so removing the worktree can never reach this checkout's node_modules.
    if (fs.lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(modules);
    await runner.run('git', ['worktree', 'remove', '--force', checkout], { cwd });
    fs.rmSync(checkout, { recursive: true, force: true });
    await runner.run('git', ['worktree', 'prune'], { cwd });
  }
}

/** An orquesta source checkout (this repository at another revision), not a spec-only repository. */
function isOrquestaCheckout(dir: string): boolean {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest) || !fs.existsSync(path.join(dir, 'bin', 'orquesta.js'))) return false;
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; scripts?: Record<string, string> };
  return pkg.name === 'orquesta' && typeof pkg.scripts?.build === 'string';
}

async function must(runner: CommandRunner, command: string, args: readonly string[], cwd: string, what: string): Promise<string> {
  const r = await runner.run(command, args, { cwd });
  if (r.code !== 0)
    throw new Error(`${what}: ${command} ${args.join(' ')} exited ${r.code}\n${r.stderr.trim().split('\n').slice(-10).join('\n')}`);
  return r.stdout;
}
