import {
  EXIT_COMMAND_NOT_FOUND,
  RecordingRunner,
  SpawnRunner,
  formatCommandLine,
  runChecked,
  tailLines,
} from '../../src/lifecycle/command-runner';

describe('RecordingRunner', () => {
  it('records every call and answers from the first matching rule; the last result repeats', async () => {
    const runner = new RecordingRunner([
      { match: 'terraform init', results: [{ code: 1, stderr: 'first' }, { stdout: 'second' }] },
      { match: /^kubectl /, results: (call, i) => ({ stdout: `${call.args[0]}#${i}` }) },
    ]);
    expect(await runner.run('terraform', ['init'])).toEqual({ code: 1, stdout: '', stderr: 'first' });
    expect(await runner.run('terraform', ['init', '-input=false'])).toEqual({ code: 0, stdout: 'second', stderr: '' });
    expect((await runner.run('terraform', ['init'])).stdout).toBe('second');
    expect((await runner.run('kubectl', ['apply'])).stdout).toBe('apply#0');
    expect((await runner.run('kubectl', ['get'])).stdout).toBe('get#1');
    expect(runner.lines()).toEqual(['terraform init', 'terraform init -input=false', 'terraform init', 'kubectl apply', 'kubectl get']);
  });

  it('fails loudly on a call nothing scripted, and a prefix matches whole words only', async () => {
    const runner = new RecordingRunner([{ match: 'terraform init' }]);
    await expect(runner.run('terraform', ['initialize'])).rejects.toThrow('RecordingRunner: unscripted call: terraform initialize');
    await expect(runner.run('aws', ['eks', 'update-kubeconfig'])).rejects.toThrow('unscripted call: aws eks update-kubeconfig');
    expect(runner.calls).toHaveLength(2);
  });
});

describe('SpawnRunner', () => {
  const node = process.execPath;

  it('captures stdout, stderr and the exit code, feeds stdin and adds env to the inherited one', async () => {
    const runner = new SpawnRunner({ env: { ...process.env, FROM_PARENT: 'p' } });
    const script =
      'process.stdin.on("data", d => process.stdout.write(`in:${d}|${process.env.FROM_PARENT}|${process.env.ADDED}`)); process.stderr.write("warn"); process.stdin.on("end", () => process.exit(3));';
    const result = await runner.run(node, ['-e', script], { input: 'hello', env: { ADDED: 'a' } });
    expect(result).toEqual({ code: 3, stdout: 'in:hello|p|a', stderr: 'warn' });
  });

  it('streams output as it arrives when asked', async () => {
    const chunks: string[] = [];
    const runner = new SpawnRunner({ stdout: (c) => chunks.push(c), stderr: (c) => chunks.push(`E:${c}`) });
    await runner.run(node, ['-e', 'console.log("a"); console.error("b")'], { stream: true });
    expect(chunks.sort()).toEqual(['E:b\n', 'a\n']);
    const quiet: string[] = [];
    await new SpawnRunner({ stdout: (c) => quiet.push(c) }).run(node, ['-e', 'console.log("a")']);
    expect(quiet).toEqual([]);
  });

  it('uses ORQUESTA_TERRAFORM / ORQUESTA_KUBECTL instead of PATH, and reports a missing binary like a shell', async () => {
    const runner = new SpawnRunner({ env: { ...process.env, ORQUESTA_TERRAFORM: '/nonexistent/terraform-1.11', ORQUESTA_KUBECTL: node } });
    expect(runner.resolve('terraform')).toBe('/nonexistent/terraform-1.11');
    expect(runner.resolve('kubectl')).toBe(node);
    expect(runner.resolve('aws')).toBe('aws');
    const missing = await runner.run('terraform', ['version']);
    expect(missing.code).toBe(EXIT_COMMAND_NOT_FOUND);
    expect(missing.stderr).toContain('/nonexistent/terraform-1.11: command not found (install it, or set ORQUESTA_TERRAFORM to its path)');
    expect((await runner.run('kubectl', ['-e', 'console.log("I am node")'])).stdout).toBe('I am node\n');
  });

  it('runChecked throws with the command line and keeps the result', async () => {
    await expect(runChecked(new SpawnRunner(), { command: node, args: ['-e', 'process.exit(2)'] })).rejects.toMatchObject({
      message: `\`${node} -e 'process.exit(2)'\` exited with code 2`,
      result: { code: 2 },
    });
  });
});

describe('formatting', () => {
  it.each([
    [['terraform', 'init', '-input=false'], 'terraform init -input=false'],
    [['gcloud', '--filter=name=(a b)'], "gcloud '--filter=name=(a b)'"],
    [['az', "[?name=='x']"], `az '[?name=='\\''x'\\'']'`],
  ])('%j', (argv, line) => {
    expect(formatCommandLine(argv[0], argv.slice(1))).toBe(line);
  });

  it('keeps the last non-empty lines', () => {
    expect(tailLines('a\n\nb\nc\n\n', 2)).toEqual(['b', 'c']);
  });
});
