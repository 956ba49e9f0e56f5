import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { SynthesizedTarget } from '../src/analysis/inventory/extract-inventory';
import { readSynthOutput } from '../src/analysis/inventory/read-synth-output';
import { synthesize } from '../src/synth/synthesize';
import type { TargetId } from '../src/targets/cluster-target';
import { ALL_TARGETS } from '../src/targets/registry';
import { TEST_NOW, exampleSpec } from './util';

/**
 * The built-in example synthesized for all four targets (`synthesize(exampleSpec(), ALL_TARGETS,
 * { now: TEST_NOW })`) once per jest run, for the suites that only read that output: the first
 * suite to ask synthesizes it into the run's temp directory (jest.config.js' global setup, removed
 * by its teardown), the others read the same files. A worker that loses the race to publish it
 * reads the winner's copy, which the same sources produced. Outside a jest run with that setup,
 * each call synthesizes into a fresh temp directory of its own.
 */
export function synthesizedExample(): Record<TargetId, SynthesizedTarget> {
  const runDir = process.env.ORQUESTA_JEST_TMPDIR;
  const root = runDir === undefined ? synthesizeInto(fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-example-'))) : sharedRoot(runDir);
  try {
    return Object.fromEntries(ALL_TARGETS.map((t) => [t.id, readSynthOutput(root, t.id)])) as Record<TargetId, SynthesizedTarget>;
  } finally {
    if (runDir === undefined) fs.rmSync(root, { recursive: true, force: true });
  }
}

function synthesizeInto(root: string): string {
  synthesize(exampleSpec(), ALL_TARGETS, { root, now: TEST_NOW });
  return root;
}

function sharedRoot(runDir: string): string {
  const shared = path.join(runDir, 'synthesized-example');
  if (fs.existsSync(shared)) return shared;
  const root = synthesizeInto(fs.mkdtempSync(path.join(runDir, 'example-')));
  try {
    // A directory rename is atomic: readers see the whole output or none of it.
    fs.renameSync(root, shared);
    return shared;
  } catch (error) {
    if (!fs.existsSync(shared)) throw error;
    fs.rmSync(root, { recursive: true, force: true });
    return shared;
  }
}
