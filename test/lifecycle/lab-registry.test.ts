import * as fs from 'fs';
import * as path from 'path';
import {
  LAB_FINDERS,
  LAB_REGISTRY_FILE,
  costForHours,
  formatLabTable,
  labList,
  readLabRegistry,
  removeLab,
  upsertLab,
  writeLabRegistry,
  type LabRecord,
} from '../../src/lifecycle/lab-registry';
import { tempRoot } from './lifecycle-fixture';

// A pass-through renameSync the tests can make fail or observe (module namespaces cannot be spied on after import).
jest.mock('fs', () => {
  const actual = jest.requireActual<typeof import('fs')>('fs');
  return { ...actual, renameSync: jest.fn(actual.renameSync) };
});
const renameSync = fs.renameSync as jest.MockedFunction<typeof fs.renameSync>;

const base: LabRecord = {
  target: 'eks',
  cloud: 'aws',
  cluster: 'orquesta-demo',
  owner: 'ana',
  createdAt: '2026-11-22T10:00:00.000Z',
  expiresAt: '2026-11-22T18:00:00.000Z',
  ttlHours: 8,
  region: 'us-east-1',
  stateDir: '.orquesta/state/eks/terraform.tfstate',
  monthlyUsd: 730,
};

describe('lab registry file', () => {
  it('round-trips records and replaces one per target/cluster', () => {
    const root = tempRoot();
    expect(readLabRegistry(root)).toEqual([]);
    upsertLab(root, base);
    upsertLab(root, { ...base, target: 'gke', cloud: 'gcp', region: 'us-central1' });
    upsertLab(root, { ...base, owner: 'bo' });
    expect(
      readLabRegistry(root)
        .map((l) => `${l.target}:${l.owner}`)
        .sort(),
    ).toEqual(['eks:bo', 'gke:ana']);
    expect(removeLab(root, { target: 'eks', cluster: 'orquesta-demo' })).toBe(true);
    expect(removeLab(root, { target: 'eks', cluster: 'orquesta-demo' })).toBe(false);
    expect(readLabRegistry(root).map((l) => l.target)).toEqual(['gke']);
  });

  it('writes atomically: a failed rename leaves the previous file intact and no temporary file behind', () => {
    const root = tempRoot();
    writeLabRegistry(root, [base]);
    const file = path.join(root, LAB_REGISTRY_FILE);
    const before = fs.readFileSync(file, 'utf8');
    renameSync.mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    });
    expect(() => writeLabRegistry(root, [base, { ...base, cluster: 'other' }])).toThrow('EIO');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['labs.json']);
  });

  it('writes through a temporary file in the same directory, renamed over the registry', () => {
    const root = tempRoot();
    const renames: Array<[string, string]> = [];
    const real = jest.requireActual<typeof import('fs')>('fs').renameSync;
    renameSync.mockImplementationOnce((from, to) => {
      renames.push([String(from), String(to)]);
      // The temporary file is complete before it is renamed.
      expect(JSON.parse(fs.readFileSync(from, 'utf8')).labs).toHaveLength(1);
      real(from, to);
    });
    writeLabRegistry(root, [base]);
    const file = path.join(root, LAB_REGISTRY_FILE);
    expect(renames).toHaveLength(1);
    expect(path.dirname(renames[0][0])).toBe(path.dirname(file));
    expect(renames[0][1]).toBe(file);
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
  });

  it('refuses to read a corrupt registry instead of starting over', () => {
    const root = tempRoot();
    fs.mkdirSync(path.join(root, '.orquesta'));
    fs.writeFileSync(path.join(root, LAB_REGISTRY_FILE), '{"version":1,"labs":[');
    expect(() => readLabRegistry(root)).toThrow(/labs\.json is not valid JSON .*nothing was changed/);
    expect(() => upsertLab(root, base)).toThrow('not valid JSON');
  });
});

describe('labList: age, expiry and cost', () => {
  it.each([
    // monthly, hours → cost: monthly / 730 h × hours, rounded to cents
    [730, 1, 1],
    [730, 8, 8],
    [292.65, 2.5, 1.0],
    [1000, 0, 0],
    [1000, -3, 0],
  ])('costForHours(%f, %f) = %f', (monthly, hours, cost) => {
    expect(costForHours(monthly, hours)).toBe(cost);
  });

  it('splits the cost into so far and until expiry', () => {
    const [s] = labList([base], new Date('2026-11-22T13:30:00Z'));
    expect(s).toMatchObject({ ageHours: 3.5, hoursLeft: 4.5, expired: false, costSoFarUsd: 3.5, costUntilExpiryUsd: 4.5 });
  });

  it('keeps counting the cost of an expired lab that was not reaped, with nothing left until expiry', () => {
    const [s] = labList([base], new Date('2026-11-22T20:00:00Z'));
    expect(s).toMatchObject({ ageHours: 10, hoursLeft: -2, expired: true, costSoFarUsd: 10, costUntilExpiryUsd: 0 });
  });

  it('leaves cost out when the lab could not be priced', () => {
    const { monthlyUsd: _m, ...unpriced } = base;
    const [s] = labList([unpriced], new Date('2026-11-22T13:30:00Z'));
    expect(s.costSoFarUsd).toBeUndefined();
    expect(formatLabTable([s])).toContain('n/a');
  });

  it('renders the table oldest first', () => {
    const labs = [
      {
        ...base,
        target: 'gke' as const,
        cloud: 'gcp' as const,
        region: 'us-central1',
        createdAt: '2026-11-22T12:00:00.000Z',
        expiresAt: '2026-11-22T14:00:00.000Z',
        monthlyUsd: 365,
      },
      base,
    ];
    expect(formatLabTable(labList(labs, new Date('2026-11-22T15:00:00Z')))).toBe(
      [
        'TARGET  CLUSTER        OWNER  REGION       AGE    EXPIRES    COST SO FAR  UNTIL EXPIRY  STATE',
        'eks     orquesta-demo  ana    us-east-1    5h 0m  in 3h 0m   $5.00        $3.00         active',
        'gke     orquesta-demo  ana    us-central1  3h 0m  1h 0m ago  $1.50        $0.00         EXPIRED',
      ].join('\n'),
    );
  });

  it('prints one tag search per cloud', () => {
    expect(LAB_FINDERS.aws('eu-west-1')).toContain(
      'aws resourcegroupstaggingapi get-resources --region eu-west-1 --tag-filters Key=orquesta-lab,Values=true',
    );
    expect(LAB_FINDERS.gcp('')).toContain("--query='labels.orquesta-lab=true'");
    expect(LAB_FINDERS.azure('')).toContain('az resource list --tag orquesta-lab=true');
  });
});
