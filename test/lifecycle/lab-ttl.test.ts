import { isExpired, labList, type LabRecord } from '../../src/lifecycle/lab-registry';
import { labExpiry, parseTtl } from '../../src/lifecycle/lab-ttl';
import { commonTags, formatExpiry } from '../../src/targets/common/common-tags';
import { withCluster } from '../util';

describe('parseTtl', () => {
  it.each([
    ['8h', 480, 8, false],
    ['90m', 90, 2, true],
    ['60m', 60, 1, false],
    ['1m', 1, 1, true],
    ['2d', 2880, 48, false],
    ['720h', 43200, 720, false],
    ['30d', 43200, 720, false],
  ])('%s → %i minutes, ttlHours %i (rounded up: %s)', (text, minutes, ttlHours, roundedUp) => {
    expect(parseTtl(text)).toEqual({ text, minutes, ttlHours, roundedUp });
  });

  it.each([
    ['0h', 'is not a duration'],
    ['0m', 'is not a duration'],
    ['abc', 'is not a duration'],
    ['8', 'is not a duration'],
    ['1.5h', 'is not a duration'],
    ['8H', 'is not a duration'],
    ['-2h', 'is not a duration'],
    ['1h30m', 'is not a duration'],
    [' 8h', 'is not a duration'],
    ['', 'is not a duration'],
    ['721h', 'is longer than the 720h (30d) a lab may live'],
    ['31d', 'is longer than the 720h (30d) a lab may live'],
  ])('rejects %j', (text, message) => {
    expect(() => parseTtl(text)).toThrow(`--ttl '${text}' ${message}`);
  });
});

describe('expiry', () => {
  const created = new Date('2026-11-22T10:00:00Z');
  const lab = (ttlHours: number): LabRecord => ({
    target: 'eks',
    cloud: 'aws',
    cluster: 'orquesta-demo',
    owner: 'ana',
    createdAt: created.toISOString(),
    expiresAt: labExpiry(created, ttlHours).toISOString(),
    ttlHours,
    region: 'us-east-1',
    stateDir: '.orquesta/state/eks/terraform.tfstate',
  });

  it.each([
    ['one millisecond before', '2026-11-22T17:59:59.999Z', false],
    ['at the expiry instant', '2026-11-22T18:00:00.000Z', true],
    ['after', '2026-11-22T18:00:00.001Z', true],
    ['at creation', '2026-11-22T10:00:00.000Z', false],
  ])('an 8h lab %s is expired: %s', (_when, now, expired) => {
    expect(isExpired(lab(8), new Date(now))).toBe(expired);
    expect(labList([lab(8)], new Date(now))[0].expired).toBe(expired);
  });

  it("the registry expiry and the resources' orquesta-expires-at tag name the same minute", () => {
    const spec = withCluster({ lab: { owner: 'ana', ttlHours: 8 } });
    expect(commonTags(spec, 'eks', created)['orquesta-expires-at']).toBe(formatExpiry(labExpiry(created, 8)));
  });
});
