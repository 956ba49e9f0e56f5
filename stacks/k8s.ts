/**
 * The cdk8s app `npx cdk8s synth` runs (cdk8s.yaml): one chart per target into dist/k8s/<target>/,
 * from the spec named by ORQUESTA_APP (default: the built-in example).
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { WorkloadChart } from '../src/k8s/workload-chart';
import { loadAppSpec } from '../src/cli/load-app-spec';
import { ALL_TARGETS } from '../src/targets/registry';
import { prepareAppSpec } from '../src/targets/validate-for-targets';

const spec = prepareAppSpec(loadAppSpec(undefined).spec, ALL_TARGETS);
const now = new Date();
for (const target of ALL_TARGETS) {
  const app = new App({ outdir: path.join('dist', 'k8s', target.id), outputFileExtension: '.yaml' });
  new WorkloadChart(app, spec.workload.name, { workload: spec.workload, adaptation: target.kubernetes(spec, { now }) });
  app.synth();
}
