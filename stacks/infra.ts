/**
 * The cdktf app `npx cdktf synth` runs (cdktf.json). It builds the same stacks as `orquesta synth`,
 * from the spec named by ORQUESTA_APP (default: the built-in example), into ./cdktf.out.
 * orquesta's own CLI is the fast path; this entry exists so cdktf users get what they expect.
 */
import { App } from 'cdktf';
import { loadAppSpec } from '../src/cli/load-app-spec';
import { ALL_TARGETS } from '../src/targets/registry';
import { prepareAppSpec } from '../src/targets/validate-for-targets';
import { TF_CONTEXT } from '../src/synth/synthesize';

const spec = prepareAppSpec(loadAppSpec(undefined).spec, ALL_TARGETS);
const app = new App({ context: TF_CONTEXT });
for (const target of ALL_TARGETS) target.createStack(app, spec, { now: new Date() });
app.synth();
