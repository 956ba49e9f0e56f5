/**
 * orquesta's library API (the one barrel): the spec types and helpers a spec module uses, the
 * target interface and registry, synthesis, and the analysis that produces the comparison.
 */
export { defineApp, type AppSpec } from './spec/app-spec';
export type * from './spec/cluster-spec';
export type * from './spec/workload-spec';
export type { ResolvedAppSpec } from './spec/resolved-spec';
export { ValidationError, type ValidationProblem, type ProblemJson, formatProblem, problemToJson } from './spec/validation-error';
export { CLOUD_REGIONS, PRICED_REGIONS } from './spec/cloud-regions';
export { validateAppSpec } from './spec/validate-app-spec';
export { resolveAppSpec } from './spec/resolve-app-spec';
export type { ClusterTarget, TargetId, StackOptions, BackendConfig } from './targets/cluster-target';
export { ALL_TARGETS, getTarget } from './targets/registry';
export { prepareAppSpec } from './targets/validate-for-targets';
export { WorkloadChart, type WorkloadChartProps } from './k8s/workload-chart';
export type { K8sAdaptation } from './k8s/k8s-adaptation';
export { synthesize, stageSynthesis, type SynthOptions, type StagedSynthesis } from './synth/synthesize';
export { buildComparison, analyseInventory } from './analysis/build-comparison';
export type { ComparisonReport, TargetReport, LineItem, ScenarioOutcome } from './analysis/report/comparison-report';
export { PRICE_CATALOG } from './analysis/cost/catalog/price-catalog';
export { readSynthOutput } from './analysis/inventory/read-synth-output';
