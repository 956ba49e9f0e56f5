import * as path from 'path';
import { UsageError } from '../spec/usage-error';
import type { BackendConfig, TargetId } from '../targets/cluster-target';
import { assertNever, defaultLocalStatePath } from '../targets/common/orquesta-stack';
import { stackDir } from './lifecycle-context';

export const BACKEND_OPTION_HELP = `  --backend <url>     where Terraform keeps this target's state (default: local file
                      .orquesta/state/<target>/terraform.tfstate):
                        s3://<bucket>/<key>?region=<r>&dynamodb_table=<t>  (region defaults to
                          the spec's AWS region; the DynamoDB table adds state locking)
                        gs://<bucket>/<prefix>
                        azurerm://<storage account>/<container>/<key>?resource_group=<g>
                        local:<path relative to the project root>
                      Use the same value for deploy, destroy and lab commands.`;

const FORMS =
  's3://<bucket>/<key>?region=<r>, gs://<bucket>/<prefix>, azurerm://<account>/<container>/<key>?resource_group=<g>, local:<path>';

/**
 * Parses `--backend` into the stack's `BackendConfig`. A local path is given relative to the
 * project root and stored relative to the stack directory, where terraform runs.
 */
export function parseBackendOption(value: string, context: { root: string; target: TargetId; awsRegion: string }): BackendConfig {
  const fail = (why: string): never => {
    throw new UsageError(`--backend '${value}': ${why}; allowed: ${FORMS}`);
  };
  if (value.startsWith('local:')) {
    const file = value.slice('local:'.length);
    if (file === '') fail('the local path is empty');
    return { type: 'local', path: path.relative(stackDir(context.root, context.target), path.resolve(context.root, file)) };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail('not a URL');
  }
  const bucket = url.hostname;
  const rest = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
  const param = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  const known = (names: readonly string[]): void => {
    const unknown = [...url.searchParams.keys()].filter((k) => !names.includes(k));
    if (unknown.length > 0) fail(`unknown parameter(s) ${unknown.join(', ')}`);
  };
  if (bucket === '') fail('the bucket (or storage account) is missing');
  switch (url.protocol) {
    case 's3:': {
      known(['region', 'dynamodb_table']);
      if (rest === '') fail('the state object key is missing');
      const dynamodbTable = param('dynamodb_table');
      return { type: 's3', bucket, key: rest, region: param('region') ?? context.awsRegion, ...(dynamodbTable ? { dynamodbTable } : {}) };
    }
    case 'gs:':
      known([]);
      if (rest === '') fail('the state prefix is missing');
      return { type: 'gcs', bucket, prefix: rest };
    case 'azurerm:': {
      known(['resource_group']);
      const [containerName, ...keyParts] = rest.split('/');
      const resourceGroupName = param('resource_group');
      if (!containerName || keyParts.length === 0) fail('expected azurerm://<account>/<container>/<key>');
      if (!resourceGroupName) fail('resource_group=<name of the storage account resource group> is required');
      return {
        type: 'azurerm',
        storageAccountName: bucket,
        containerName: containerName!,
        key: keyParts.join('/'),
        resourceGroupName: resourceGroupName!,
      };
    }
    default:
      return fail(`unsupported scheme '${url.protocol}'`);
  }
}

/** Where the state is, for messages: a path relative to the root or a URL. */
export function describeBackend(backend: BackendConfig | undefined, target: TargetId): string {
  const config = backend ?? { type: 'local' as const, path: defaultLocalStatePath(target) };
  switch (config.type) {
    case 'local':
      return path.normalize(path.join(stackDir('', target), config.path));
    case 's3':
      return `s3://${config.bucket}/${config.key}${config.dynamodbTable ? ` (locked with DynamoDB table ${config.dynamodbTable})` : ' (no state locking)'}`;
    case 'gcs':
      return `gs://${config.bucket}/${config.prefix}`;
    case 'azurerm':
      return `azurerm://${config.storageAccountName}/${config.containerName}/${config.key}`;
    default:
      return assertNever(config);
  }
}
