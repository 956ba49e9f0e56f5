import type { LifecycleDeps } from '../../../src/cli/commands/lifecycle-cli';
import { createEtcdRestoreCommand } from '../../../src/cli/commands/etcd-restore-command';
import { createUpgradeCommand } from '../../../src/cli/commands/upgrade-command';
import { COMMANDS, main } from '../../../src/cli/main';
import { RecordingRunner } from '../../../src/lifecycle/command-runner';
import { TEST_NOW } from '../../util';
import { captureIo, fakeClock } from '../lifecycle-fixture';
import { dayTwoRoot } from './kops-fixture';

function deps(runner: RecordingRunner): LifecycleDeps {
  return { runner: () => runner, now: () => TEST_NOW, interactive: () => false, prompt: async () => '', ...fakeClock() };
}

describe('orquesta upgrade / etcd-restore (CLI)', () => {
  it.each([
    [createUpgradeCommand, ['--target', 'eks', '--to', '1.36'], "--target eks: 'upgrade' is for the self-managed kops target"],
    [
      createEtcdRestoreCommand,
      ['--target', 'gke', '--snapshot', 'latest'],
      "--target gke: 'etcd-restore' is for the self-managed kops target",
    ],
    [createEtcdRestoreCommand, ['--target', 'kops'], '--snapshot is required'],
  ] as const)('refuses %#: exit 2 through main, nothing run', async (create, argv, message) => {
    const runner = new RecordingRunner([]);
    const io = captureIo(dayTwoRoot());
    const command = create(deps(runner));
    await expect(command.run(argv, io)).rejects.toThrow(message);
    expect(runner.calls).toEqual([]);
  });

  it('refuses --to that differs from the spec with exit 2 and no command run', async () => {
    const runner = new RecordingRunner([]);
    const io = captureIo(dayTwoRoot());
    expect(await createUpgradeCommand(deps(runner)).run(['--target', 'kops', '--to', '1.36', '--yes'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--to 1.36 differs from cluster.kubernetesVersion (1.35)');
    expect(runner.calls).toEqual([]);
  });

  it('are registered in main with their own summaries and help', async () => {
    for (const name of ['upgrade', 'etcd-restore']) {
      const entry = COMMANDS.find((c) => c.name === name)!;
      expect(entry.summary).toBe(entry.load().summary);
      const io = captureIo(dayTwoRoot());
      expect(await main([name, '--help'], io)).toBe(0);
      expect(io.stdout.join('\n')).toContain(`Usage: orquesta ${name} --target kops`);
    }
  });
});
