import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { Construct } from 'constructs';
import { GKE_PROJECT_APIS, type GkeProjectApi } from './gke-defaults';

export interface GkeProjectServicesProps {
  readonly project: string;
  /** @default every API in GKE_PROJECT_APIS */
  readonly apis?: readonly GkeProjectApi[];
}

/**
 * Enables the Google APIs the stack needs (`google_project_service`), so `terraform apply` works in a
 * fresh project instead of failing with "API has not been used in project ... or it is disabled".
 *
 * `disable_on_destroy = false`: destroying this stack must never switch an API off, because other
 * workloads in the same project may use it (and disabling compute would stop every VM in the project).
 * Resources that call an API depend on its `google_project_service` through `forApis()`, so the
 * first apply waits for enablement instead of racing it.
 * Source: https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/google_project_service (2026-11).
 */
export class GkeProjectServices extends Construct {
  public readonly services: Readonly<Partial<Record<GkeProjectApi, ProjectService>>>;

  constructor(scope: Construct, id: string, props: GkeProjectServicesProps) {
    super(scope, id);
    const apis = props.apis ?? (Object.keys(GKE_PROJECT_APIS) as GkeProjectApi[]);
    const services: Partial<Record<GkeProjectApi, ProjectService>> = {};
    for (const api of apis) {
      services[api] = new ProjectService(this, api, {
        project: props.project,
        service: GKE_PROJECT_APIS[api],
        disableOnDestroy: false,
        // Never cascade a disable to APIs that depend on this one (only relevant if someone flips
        // disable_on_destroy later).
        disableDependentServices: false,
      });
    }
    this.services = services;
  }

  /** The enablement resources of these APIs, for `dependsOn`. Throws for an API this construct did not enable. */
  public forApis(...apis: GkeProjectApi[]): ProjectService[] {
    return apis.map((api) => {
      const service = this.services[api];
      if (!service) throw new Error(`GkeProjectServices does not enable '${GKE_PROJECT_APIS[api]}'`);
      return service;
    });
  }
}
