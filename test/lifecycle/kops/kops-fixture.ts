import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Script } from '../lifecycle-fixture';

const roots: string[] = [];

/**
 * A project root for one test. Not under the shared `orquesta-test-` prefix: the global teardown
 * of any other jest run on the machine removes those, even while this run still uses them.
 */
export function dayTwoRoot(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-kops-day2-'));
  roots.push(root);
  return root;
}

afterAll(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

/** A running kops-style cluster as the AWS CLI and kubectl describe it, for the day-2 command tests. */
export const KOPS_OUTPUTS = {
  cluster_name: 'orquesta-demo',
  cluster_region: 'us-east-1',
  state_bucket_name: 'orquesta-demo-state-abc',
  admin_role_arn: 'arn:aws:iam::123456789012:role/orquesta-demo-kops-admin',
};

/** `aws sts assume-role` of the admin role, and the environment its session gives later calls. */
export const ADMIN_SESSION: Script = [
  {
    match: 'aws sts assume-role --role-arn arn:aws:iam::123456789012:role/orquesta-demo-kops-admin',
    results: [{ stdout: 'ASIAADMIN\tadmin-secret\tadmin-token\n' }],
  },
];
export const ADMIN_ENV = { AWS_ACCESS_KEY_ID: 'ASIAADMIN', AWS_SECRET_ACCESS_KEY: 'admin-secret', AWS_SESSION_TOKEN: 'admin-token' };

export const MEMBERS = [
  ['i-0a', 'ip-10-0-1-10.ec2.internal', '10.0.1.10', 'orquesta-demo-kops-control-plane-0'],
  ['i-0b', 'ip-10-0-2-10.ec2.internal', '10.0.2.10', 'orquesta-demo-kops-control-plane-1'],
  ['i-0c', 'ip-10-0-3-10.ec2.internal', '10.0.3.10', 'orquesta-demo-kops-control-plane-2'],
] as const;
export const WORKERS = ['ip-10-0-1-50.ec2.internal', 'ip-10-0-2-50.ec2.internal', 'ip-10-0-3-50.ec2.internal'];

/** Members listed out of order, as EC2 may. */
export const DESCRIBE_MEMBERS = [MEMBERS[2], MEMBERS[0], MEMBERS[1]].map((m) => m.join('\t')).join('\n');

export function etcdHealthy(members = 3): Script {
  return [
    {
      match: /exec etcd-\S+ -- etcdctl .* endpoint health --cluster -w json$/,
      results: [{ stdout: JSON.stringify(MEMBERS.slice(0, members).map((m) => ({ endpoint: `https://${m[2]}:2379`, health: true }))) }],
    },
    {
      match: /exec etcd-\S+ -- etcdctl .* member list -w json$/,
      results: [{ stdout: JSON.stringify({ members: MEMBERS.slice(0, members).map((m) => ({ name: m[1] })) }) }],
    },
  ];
}
