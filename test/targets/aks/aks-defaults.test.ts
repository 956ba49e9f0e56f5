import { aksPoolName, azureZones } from '../../../src/targets/aks/aks-defaults';

test.each([
  [1, ['1']],
  [2, ['1', '2']],
  [3, ['1', '2', '3']],
])('%i zone(s) -> %j', (count, zones) => {
  expect(azureZones(count)).toEqual(zones);
});

test.each([0, 4, 1.5])('%p zones is rejected with the allowed range', (count) => {
  expect(() => azureZones(count)).toThrow(`'zones' (${count}) must be an integer in 1..3`);
});

test.each([
  ['apps', 'apps'],
  ['web-tier', 'webtier'],
  ['a-b-c', 'abc'],
])('spec pool %s -> AKS pool %s', (spec, aks) => {
  expect(aksPoolName(spec)).toBe(aks);
});
