/**
 * `plan --base <ref>`: the base revision is synthesized in a temporary git worktree that is removed
 * again on success and on failure, and nothing outside `.orquesta/base/` is written. Real git, real
 * synthesis (this installation's CLI for spec-only repositories).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WEB_API_EXAMPLE } from '../../../src/examples/web-api';
import { SpawnRunner } from '../../../src/lifecycle/command-runner';
import { synthesizeRevision } from '../../../src/lifecycle/plan/base-revision';

const quiet = new SpawnRunner({ stdout: () => undefined, stderr: () => undefined });
let repo = '';

function git(...args: string[]): string {
  return execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' },
  });
}

function commit(files: Record<string, string>, message: string): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    fs.writeFileSync(path.join(repo, file), text);
  }
  git('add', '-A');
  git('commit', '-qm', message);
}

const worktrees = () =>
  git('worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree ')).length;

beforeEach(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-base-revision-'));
  git('init', '-q');
});
afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

test('a spec-only repository: the base is synthesized with this installation, its worktree removed, the tree untouched', async () => {
  commit({ 'app.json': JSON.stringify(WEB_API_EXAMPLE) }, 'base');
  commit({ 'app.json': JSON.stringify({ ...WEB_API_EXAMPLE, cluster: { ...WEB_API_EXAMPLE.cluster, zones: 2 } }) }, 'head');
  const dir = await synthesizeRevision('HEAD~1', { cwd: repo, runner: quiet, app: 'app.json', offlinePlan: true });
  expect(dir).toMatch(/\.orquesta[\\/]base[\\/][0-9a-f]{12}-offline$/);
  const stack = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8'));
  // The base revision has three zones: three private subnets tagged for internal load balancers.
  const subnets = Object.values(stack.resource.aws_subnet as Record<string, { tags?: Record<string, string> }>);
  expect(subnets.filter((s) => s.tags?.['kubernetes.io/role/internal-elb'] === '1')).toHaveLength(3);
  expect(fs.existsSync(path.join(dir, 'dist', 'k8s', 'eks'))).toBe(true);
  expect(worktrees()).toBe(1);
  expect(fs.existsSync(path.join(repo, 'cdktf.out'))).toBe(false);
  expect(
    git('status', '--porcelain')
      .split('\n')
      .filter((l) => l && !l.includes('.orquesta/')),
  ).toEqual([]);
  // A second call reuses the synthesized base.
  expect(await synthesizeRevision('HEAD~1', { cwd: repo, runner: quiet, app: 'app.json', offlinePlan: true })).toBe(dir);
}, 120_000);

test('a base that cannot be synthesized: a clear error, no worktree left registered, nothing written', async () => {
  commit({ 'app.json': JSON.stringify({ ...WEB_API_EXAMPLE, cluster: { ...WEB_API_EXAMPLE.cluster, zones: 7 } }) }, 'broken base');
  commit({ 'app.json': JSON.stringify(WEB_API_EXAMPLE) }, 'head');
  await expect(synthesizeRevision('HEAD~1', { cwd: repo, runner: quiet, app: 'app.json' })).rejects.toThrow(/cannot synthesize HEAD~1/);
  expect(worktrees()).toBe(1);
  expect(fs.readdirSync(path.join(repo, '.orquesta', 'base'))).toEqual([]);
  expect(fs.existsSync(path.join(repo, 'cdktf.out'))).toBe(false);
}, 120_000);

test('an orquesta checkout is built with its own `npm run build` and run with its own CLI; node_modules survives', async () => {
  // A stand-in orquesta checkout: its build writes a marker its own CLI requires (as lib/orquesta.cjs is).
  const cli = `const fs=require('fs');fs.readFileSync('lib/built');fs.mkdirSync('cdktf.out/stacks/eks',{recursive:true});fs.writeFileSync('cdktf.out/stacks/eks/cdk.tf.json','{"by":"base cli"}');`;
  commit(
    {
      'package.json': JSON.stringify({
        name: 'orquesta',
        scripts: { build: "node -e \"require('fs').mkdirSync('lib',{recursive:true});require('fs').writeFileSync('lib/built','1')\"" },
      }),
      'bin/orquesta.js': cli,
    },
    'base',
  );
  fs.mkdirSync(path.join(repo, 'node_modules', 'keep'), { recursive: true });
  const dir = await synthesizeRevision('HEAD', { cwd: repo, runner: quiet });
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'stacks', 'eks', 'cdk.tf.json'), 'utf8'))).toEqual({ by: 'base cli' });
  expect(fs.existsSync(path.join(repo, 'node_modules', 'keep'))).toBe(true);
  expect(worktrees()).toBe(1);
}, 120_000);

test('an unknown ref is refused before anything is checked out', async () => {
  commit({ 'app.json': '{}' }, 'only');
  await expect(synthesizeRevision('no-such-ref', { cwd: repo, runner: quiet })).rejects.toThrow(
    /--base no-such-ref: not a commit in this repository/,
  );
  expect(fs.existsSync(path.join(repo, '.orquesta'))).toBe(false);
});
