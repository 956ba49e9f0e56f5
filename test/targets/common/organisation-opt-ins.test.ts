/**
 * Controls that need the user's organisation (a Binary Authorization policy, Google Groups, a KMS
 * key, Azure Policy assignments) are opt-ins: off in the default stacks, on exactly as asked.
 */
import { Testing } from 'cdktf';
import type { ResolvedAppSpec } from '../../../src/spec/resolved-spec';
import { validateAppSpec } from '../../../src/spec/validate-app-spec';
import { formatProblem } from '../../../src/spec/validation-error';
import { AksStack } from '../../../src/targets/aks/aks-stack';
import { GkeStack } from '../../../src/targets/gke/gke-stack';
import { TEST_NOW, exampleSpec, rawExample, resourcesOfType, synthTerraform, withCluster } from '../../util';

const gkeCluster = (spec: ResolvedAppSpec) =>
  resourcesOfType(synthTerraform(new GkeStack(Testing.app(), { spec, options: { now: TEST_NOW } })).json, 'google_container_cluster')[0];
const aksCluster = (spec: ResolvedAppSpec) =>
  resourcesOfType(synthTerraform(new AksStack(Testing.app(), { spec, options: { now: TEST_NOW } })).json, 'azurerm_kubernetes_cluster')[0];

const KEY = 'projects/acme-shop/locations/us-central1/keyRings/gke/cryptoKeys/secrets';

describe('GKE organisation opt-ins', () => {
  const plain = gkeCluster(exampleSpec());
  test('off by default: no Binary Authorization, Google Groups or CMEK is pretended', () => {
    expect(plain.binary_authorization).toBeUndefined();
    expect(plain.authenticator_groups_config).toBeUndefined();
    expect(plain.database_encryption).toBeUndefined();
  });
  test('on as asked', () => {
    const c = gkeCluster(
      withCluster({ gke: { binaryAuthorization: true, rbacSecurityGroup: 'gke-security-groups@acme.example', secretsEncryptionKey: KEY } }),
    );
    expect(c.binary_authorization).toEqual({ evaluation_mode: 'PROJECT_SINGLETON_POLICY_ENFORCE' });
    expect(c.authenticator_groups_config).toEqual({ security_group: 'gke-security-groups@acme.example' });
    expect(c.database_encryption).toEqual({ state: 'ENCRYPTED', key_name: KEY });
  });
});

describe('AKS organisation opt-ins', () => {
  test('Azure Policy add-on off by default, on as asked', () => {
    expect(aksCluster(exampleSpec()).azure_policy_enabled).toBe(false);
    expect(aksCluster(withCluster({ aks: { azurePolicy: true } })).azure_policy_enabled).toBe(true);
  });
});

test.each([
  [
    { gke: { rbacSecurityGroup: 'admins@acme.example' } },
    "cluster.gke.rbacSecurityGroup (\"admins@acme.example\") must be your organisation's 'gke-security-groups@<domain>' Google Group",
  ],
  [
    { gke: { secretsEncryptionKey: 'my-key' } },
    "cluster.gke.secretsEncryptionKey (<redacted>) must be a Cloud KMS key name 'projects/<p>/locations/<region>/keyRings/<r>/cryptoKeys/<k>'",
  ],
  [{ gke: { binaryAuthorization: 'yes' } }, 'cluster.gke.binaryAuthorization (<redacted>) must be true or false'],
  [{ aks: { azurePolicy: 1 } }, 'cluster.aks.azurePolicy (1) must be true or false'],
])('a bad opt-in value is a clear problem: %j', (cluster, message) => {
  const problems = validateAppSpec(rawExample({ cluster: cluster as never }));
  expect(problems.map(formatProblem)).toEqual([message]);
});
