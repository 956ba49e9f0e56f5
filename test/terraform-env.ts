import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { OFFLINE_PLAN_ENV } from '../src/lifecycle/plan/terraform-plan';

/** This workplace's offline mirror of hashicorp/aws (../shared/terraform/README.md); tests may know it, src/ may not. */
const MIRROR = '/opt/tf-plugins';

let tfrc: string | undefined;

/**
 * The environment for driving the real terraform in tests: the product's offline-plan credentials,
 * and a CLI config with the provider mirror when the caller has none that exists (CI sets
 * TF_CLI_CONFIG_FILE; a machine with registry access needs nothing).
 */
export function offlineTerraformEnv(): Record<string, string> {
  const configured = process.env.TF_CLI_CONFIG_FILE;
  if (configured && fs.existsSync(configured)) return { ...OFFLINE_PLAN_ENV, TF_CLI_CONFIG_FILE: configured };
  if (!fs.existsSync(MIRROR)) return { ...OFFLINE_PLAN_ENV };
  if (!tfrc) {
    tfrc = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orquesta-tfrc-')), 'offline.tfrc');
    fs.writeFileSync(
      tfrc,
      `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["registry.terraform.io/hashicorp/aws"]\n  }\n` +
        `  direct {\n    exclude = ["registry.terraform.io/hashicorp/aws"]\n  }\n}\ndisable_checkpoint = true\n`,
    );
  }
  return { ...OFFLINE_PLAN_ENV, TF_CLI_CONFIG_FILE: tfrc };
}
