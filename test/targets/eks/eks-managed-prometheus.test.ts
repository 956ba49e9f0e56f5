import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { AMP_COLLECTOR_USER, eksPrometheusCollectorRbac } from '../../../src/targets/eks/eks-managed-prometheus';
import { resourcesOfType } from '../../util';
import { ref, synthEks } from './eks-test-util';

Testing.setupJest();

describe('EksManagedPrometheus (monitoring: prometheus)', () => {
  const base = synthEks({}, {}, { namespace: 'shop', monitoring: { type: 'prometheus', path: '/metrics', port: 9090 } });
  const [scraper] = resourcesOfType(base.json, 'aws_prometheus_scraper');

  test('a workspace and a managed collector writing to it, reading this cluster from its private subnets', () => {
    expect(resourcesOfType(base.json, 'aws_prometheus_workspace')).toEqual([expect.objectContaining({ alias: 'orquesta-demo-web-api' })]);
    expect(scraper.destination).toEqual([{ amp: [{ workspace_arn: ref('aws_prometheus_workspace', 'Workspace') }] }]);
    expect(scraper.source).toEqual([
      {
        eks: [
          {
            cluster_arn: ref('aws_eks_cluster', 'Cluster'),
            subnet_ids: [0, 1, 2].map((i) => ref('aws_subnet', `PrivateSubnet${i}`)),
            // The cluster security group the nodes carry (the VPC default group has no rules).
            security_group_ids: [expect.stringContaining('cluster_security_group_id')],
          },
        ],
      },
    ]);
  });

  test('the scrape configuration keeps only the workload pods, in its namespace, on its metrics port and path', () => {
    const config = parse(scraper.scrape_configuration);
    expect(config.global.scrape_interval).toBe('30s');
    const [job] = config.scrape_configs;
    expect(job).toEqual(
      expect.objectContaining({
        job_name: 'web-api',
        metrics_path: '/metrics',
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: ['shop'] } }],
      }),
    );
    expect(job.relabel_configs).toEqual(
      expect.arrayContaining([
        { source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_name'], action: 'keep', regex: 'web-api' },
        { source_labels: ['__meta_kubernetes_pod_container_port_number'], action: 'keep', regex: '9090' },
      ]),
    );
  });

  test('the collector user gets read-only RBAC (applied by deploy)', () => {
    const [role, binding] = eksPrometheusCollectorRbac() as Array<Record<string, any>>;
    const verbs = new Set(role.rules.flatMap((r: any) => r.verbs));
    expect([...verbs].sort()).toEqual(['describe', 'get', 'list', 'watch']);
    expect(binding.subjects).toEqual([{ kind: 'User', name: AMP_COLLECTOR_USER, apiGroup: 'rbac.authorization.k8s.io' }]);
    expect(binding.roleRef.name).toBe(role.metadata.name);
  });

  test('no workspace or collector when the workload is not scraped, and the endpoint is an output when it is', () => {
    const none = synthEks({}, {}, { monitoring: { type: 'none' } });
    expect(resourcesOfType(none.json, 'aws_prometheus_workspace')).toHaveLength(0);
    expect(resourcesOfType(none.json, 'aws_prometheus_scraper')).toHaveLength(0);
    expect(none.json.output.prometheus_workspace_endpoint).toBeUndefined();
    expect(base.json.output.prometheus_workspace_endpoint.value).toEqual(ref('aws_prometheus_workspace', 'Workspace'));
  });
});
