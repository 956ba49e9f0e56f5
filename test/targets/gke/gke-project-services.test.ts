import { Testing } from 'cdktf';
import { GkeStack } from '../../../src/targets/gke/gke-stack';
import { TEST_NOW, exampleSpec, synthTerraform, withCluster } from '../../util';

Testing.setupJest();

const { json } = synthTerraform(new GkeStack(Testing.app(), { spec: exampleSpec(), options: { now: TEST_NOW } }));
const services = json.resource.google_project_service as Record<string, Record<string, any>>;

/** The logical id of the google_project_service that enables `api`. */
function serviceAddress(api: string): string {
  const id = Object.keys(services).find((key) => services[key].service === api);
  if (!id) throw new Error(`no google_project_service for ${api}`);
  return `google_project_service.${id}`;
}

function dependsOnOf(type: string): string[][] {
  return Object.values(json.resource[type] as Record<string, Record<string, any>>).map((r) => r.depends_on ?? []);
}

test('every API the stack calls is enabled in the spec project, and never disabled on destroy', () => {
  expect(
    Object.values(services)
      .map((s) => s.service)
      .sort(),
  ).toEqual([
    'cloudresourcemanager.googleapis.com',
    'compute.googleapis.com',
    'container.googleapis.com',
    'iam.googleapis.com',
    'iamcredentials.googleapis.com',
    'logging.googleapis.com',
    'monitoring.googleapis.com',
  ]);
  for (const service of Object.values(services)) {
    expect([service.service, service.project, service.disable_on_destroy, service.disable_dependent_services]).toEqual([
      service.service,
      'orquesta-orquesta-demo',
      false,
      false,
    ]);
  }
});

test('the project comes from spec.cluster.gke.project', () => {
  const other = synthTerraform(
    new GkeStack(Testing.app(), { spec: withCluster({ gke: { project: 'acme-prod-42' } }), options: { now: TEST_NOW } }),
  );
  for (const service of Object.values(other.json.resource.google_project_service)) expect(service.project).toBe('acme-prod-42');
});

// Each resource that calls an API waits for its enablement (a fresh project otherwise fails the
// first apply with "API has not been used in project ... or it is disabled").
test.each<[string, string[]]>([
  [
    'google_container_cluster',
    ['container.googleapis.com', 'compute.googleapis.com', 'logging.googleapis.com', 'monitoring.googleapis.com'],
  ],
  ['google_compute_network', ['compute.googleapis.com']],
  ['google_service_account', ['iam.googleapis.com']],
  ['google_project_iam_member', ['cloudresourcemanager.googleapis.com', 'iam.googleapis.com']],
])('%s depends on %j', (type, apis) => {
  const lists = dependsOnOf(type);
  expect(lists.length).toBeGreaterThan(0);
  for (const list of lists) expect(list).toEqual(expect.arrayContaining(apis.map(serviceAddress)));
});

test('the workload service account also waits for the IAM Credentials API Workload Identity uses', () => {
  const accounts = Object.values(json.resource.google_service_account as Record<string, Record<string, any>>);
  const workload = accounts.find((a) => a.account_id === 'web-api');
  expect(workload?.depends_on).toEqual(expect.arrayContaining([serviceAddress('iamcredentials.googleapis.com')]));
});
