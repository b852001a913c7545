/**
 * The graph in the incident message: what an alarm's metric or an anomaly series did, drawn into a PNG.
 *
 * <p>Pure decisions first: {@link io.alertbridge.connectors.graphs.MetricQueryPlan} (an alarm's
 * {@link io.alertbridge.schemas.model.AlarmMetric} and a window into {@code GetMetricData} queries, or its children's
 * states, or why nothing), {@link io.alertbridge.connectors.graphs.ChartModels} (fetched data or anomaly scores into
 * a {@link io.alertbridge.connectors.graphs.ChartModel}: breaching points, ALARM intervals, threshold lines) and
 * {@link io.alertbridge.connectors.graphs.GraphPicks} (the worst two members with graph data). Around them,
 * {@link io.alertbridge.connectors.graphs.MetricFetcher} is the only class that calls CloudWatch (bounded calls per
 * minute, cached per alarm and window, faults classified into its result), and
 * {@link io.alertbridge.connectors.graphs.ChartRenderer} draws the PNG with JFreeChart, headless.
 */
package io.alertbridge.connectors.graphs;
