import * as fs from 'fs';
import * as path from 'path';

/**
 * Builds output in a scratch directory and swaps it into place only when everything succeeded,
 * so a failed or interrupted run never leaves half-written output (the previous output stays).
 */
export class AtomicOutput {
  public readonly scratch: string;

  constructor(private readonly root: string) {
    fs.mkdirSync(path.join(root, '.orquesta'), { recursive: true });
    this.scratch = fs.mkdtempSync(path.join(root, '.orquesta', 'tmp-'));
  }

  /** Where to write what will end up at `relative` (e.g. `cdktf.out`). */
  public stage(relative: string): string {
    const staged = path.join(this.scratch, relative);
    fs.mkdirSync(path.dirname(staged), { recursive: true });
    return staged;
  }

  /** Moves every staged path into place (same filesystem: renames), replacing what was there. */
  public commit(relatives: readonly string[]): void {
    for (const relative of relatives) {
      const staged = path.join(this.scratch, relative);
      const final = path.join(this.root, relative);
      fs.mkdirSync(path.dirname(final), { recursive: true });
      const old = `${final}.old-${path.basename(this.scratch)}`;
      if (fs.existsSync(final)) fs.renameSync(final, old);
      fs.renameSync(staged, final);
      fs.rmSync(old, { recursive: true, force: true });
    }
    this.discard();
  }

  public discard(): void {
    fs.rmSync(this.scratch, { recursive: true, force: true });
  }
}

/**
 * Replaces `<root>/<relativeDir>` with a directory holding exactly `files` (name → content),
 * built in scratch and swapped in only once every file is written.
 */
export function writeFilesAtomically(root: string, relativeDir: string, files: Readonly<Record<string, string>>): void {
  const output = new AtomicOutput(root);
  try {
    const dir = output.stage(relativeDir);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    output.commit([relativeDir]);
  } catch (error) {
    output.discard();
    throw error;
  }
}
