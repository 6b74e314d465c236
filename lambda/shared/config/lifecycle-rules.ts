import { DeployedFeatures } from './deployed-features';
import { PipelineConfig } from './pipeline-config';
import { ValidationIssue } from './validation-issue';

/*
 * What CreateMetricAttribution refuses (API reference, CreateMetricAttribution, `metrics`: "Available functions are
 * SUM() or SAMPLECOUNT(). For SUM() functions, provide the dataset type (either Interactions or Items) and column to sum
 * as a parameter. For example SUM(Items.PRICE)."; MetricAttribute), and what UpdateMetricAttribution needs to tell
 * metrics apart (`removeMetrics` names them: a name given twice could not be removed alone).
 * https://docs.aws.amazon.com/personalize/latest/dg/API_CreateMetricAttribution.html
 */
const EXPRESSION = /^\s*(SAMPLECOUNT\(\s*\)|SUM\(\s*(Interactions|Items)\.[A-Za-z_][A-Za-z0-9_]*\s*\))\s*$/i;

/** Metric attributions: expressions the API takes, one metric per name. */
export function metricAttributionFitsTheService(config: PipelineConfig, _features?: DeployedFeatures): ValidationIssue[] {
  const attribution = config.datasetGroup.metricAttribution;
  if (!attribution) return [];
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  attribution.serviceConfig.metrics.forEach((metric, i) => {
    const path = `datasetGroup.metricAttribution.serviceConfig.metrics[${i}]`;
    if (!EXPRESSION.test(metric.expression)) {
      issues.push({ path: `${path}.expression`, message: `must be SUM(Items.<COLUMN>), SUM(Interactions.<COLUMN>) or SAMPLECOUNT(), got: "${metric.expression}"` });
    }
    if (seen.has(metric.metricName)) issues.push({ path: `${path}.metricName`, message: `must be unique in the metric attribution, got: "${metric.metricName}" twice` });
    seen.add(metric.metricName);
  });
  return issues;
}
