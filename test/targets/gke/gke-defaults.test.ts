import type { DayOfWeek } from '../../../src/spec/cluster-spec';
import { gcpServiceAccountId, gcpZones, gkeRecurringWindow } from '../../../src/targets/gke/gke-defaults';
import { gkeWorkloadServiceAccountId } from '../../../src/targets/gke/gke-workload-identity';

describe('gcpZones', () => {
  test.each([
    ['us-central1', 3, ['us-central1-a', 'us-central1-b', 'us-central1-c']],
    ['us-central1', 1, ['us-central1-a']],
    // Regions whose zone a was retired start at b.
    ['us-east1', 3, ['us-east1-b', 'us-east1-c', 'us-east1-d']],
    ['europe-west1', 2, ['europe-west1-b', 'europe-west1-c']],
    ['europe-west4', 3, ['europe-west4-a', 'europe-west4-b', 'europe-west4-c']],
  ])('%s with %i zones -> %j', (region, count, expected) => {
    expect(gcpZones(region, count)).toEqual(expected);
  });

  test('asking for more zones than the region has names the region and its zones', () => {
    expect(() => gcpZones('us-east1', 4)).toThrow("'zones' (4) must be an integer in 1..3: GCP region 'us-east1' has zones b, c, d");
  });

  test('zero zones is rejected', () => {
    expect(() => gcpZones('us-central1', 0)).toThrow("'zones' (0) must be an integer in 1..4");
  });
});

describe('gcpServiceAccountId', () => {
  test.each([
    ['web-api', 'web-api'],
    // 6-30 characters: short names are padded, long ones truncated without a trailing '-'.
    ['api', 'api-sa'],
    ['a', 'a-sa00'],
    ['a-very-long-workload-name-that-is-40-ch', 'a-very-long-workload-name-that'],
    ['abcdefghijklmnopqrstuvwxyz012-tail', 'abcdefghijklmnopqrstuvwxyz012'],
  ])('%s -> %s', (base, expected) => {
    const id = gcpServiceAccountId(base);
    expect(id).toBe(expected);
    expect(id).toMatch(/^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
  });

  test('the workload service account id follows the same rules', () => {
    expect(gkeWorkloadServiceAccountId('api')).toBe('api-sa');
  });
});

describe('gkeRecurringWindow', () => {
  test.each<[DayOfWeek, number, number, string, string, string]>([
    ['monday', 0, 24, '2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z', 'MO'],
    ['wednesday', 9, 11, '2024-01-03T09:00:00Z', '2024-01-03T20:00:00Z', 'WE'],
    ['sunday', 23, 12, '2024-01-07T23:00:00Z', '2024-01-08T11:00:00Z', 'SU'],
  ])('%s %i:00 UTC for %i h', (dayOfWeek, startHourUtc, durationHours, start, end, byday) => {
    const window = gkeRecurringWindow({ dayOfWeek, startHourUtc, durationHours });
    expect(window).toEqual({ startTime: start, endTime: end, recurrence: `FREQ=WEEKLY;BYDAY=${byday}` });
    // The anchor date has the spec's weekday, so the first occurrence is the day the spec names.
    expect(new Date(window.startTime).getUTCDay()).toBe(
      (['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).indexOf(dayOfWeek),
    );
    expect((Date.parse(window.endTime) - Date.parse(window.startTime)) / 3_600_000).toBe(durationHours);
  });
});
