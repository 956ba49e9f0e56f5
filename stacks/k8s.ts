/**
 * The cdk8s app `npx cdk8s synth` runs (cdk8s.yaml): one chart per target into dist/k8s/<target>/,
 * from the spec named by ORQUESTA_APP (default: the built-in example).
 */
import * as path from 'path';
import { loadAppSpec } from '../src/cli/load-app-spec';
import { ALL_TARGETS } from '../src/targets/registry';
import { prepareAppSpec } from '../src/targets/validate-for-targets';
import { MANIFESTS_DIR, synthesizeManifests } from '../src/synth/synthesize';

const spec = prepareAppSpec(loadAppSpec(undefined).spec, ALL_TARGETS);
const now = new Date();
for (const target of ALL_TARGETS) synthesizeManifests(spec, target, path.join(MANIFESTS_DIR, target.id), { now });
