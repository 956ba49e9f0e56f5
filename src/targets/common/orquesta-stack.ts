import { AzurermBackend, GcsBackend, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { BackendConfig, TargetId } from '../cluster-target';

/**
 * Local state lives outside `cdktf.out` so re-synthesizing (which replaces `cdktf.out` atomically)
 * never touches it. The path is relative to the stack's working directory
 * `cdktf.out/stacks/<target>/`, because cdktf's default local backend writes an absolute
 * checkout path into `cdk.tf.json`, which breaks on any other machine.
 */
export function defaultLocalStatePath(target: TargetId): string {
  return `../../../.orquesta/state/${target}/terraform.tfstate`;
}

export interface OrquestaStackProps {
  readonly target: TargetId;
  /** @default - local state, see `defaultLocalStatePath` */
  readonly backend?: BackendConfig;
}

/** The base of every target stack: its id is the target id, and its backend is explicit. */
export class OrquestaStack extends TerraformStack {
  public readonly target: TargetId;

  constructor(scope: Construct, props: OrquestaStackProps) {
    super(scope, props.target);
    this.target = props.target;
    const backend = props.backend ?? { type: 'local', path: defaultLocalStatePath(props.target) };
    switch (backend.type) {
      case 'local':
        new LocalBackend(this, { path: backend.path });
        break;
      case 's3':
        new S3Backend(this, {
          bucket: backend.bucket,
          key: backend.key,
          region: backend.region,
          dynamodbTable: backend.dynamodbTable,
          encrypt: true,
        });
        break;
      case 'gcs':
        new GcsBackend(this, { bucket: backend.bucket, prefix: backend.prefix });
        break;
      case 'azurerm':
        new AzurermBackend(this, {
          resourceGroupName: backend.resourceGroupName,
          storageAccountName: backend.storageAccountName,
          containerName: backend.containerName,
          key: backend.key,
        });
        break;
      default:
        assertNever(backend);
    }
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
