/**
 * The TraceQL metrics queries behind the dashboard. A trace is counted by its ROOT span (one
 * per trace), so "per trace" figures are per root span started in the window.
 *
 * The embedded engine has no `nestedSetParent`, and `span:parentID = nil` is not parsed; but a
 * root's parentID is absent and no comparison on an absent field matches, so
 * `{ !(span:parentID != "") }` selects exactly the roots (it compiles to `parent_span_id = ''`,
 * a plain column filter: 3x faster than a regex form, measured). Tempo's own idiom for roots is
 * `{ nestedSetParent < 0 }`.
 */
export type MetricsDialect = 'embedded' | 'tempo';

export interface DashboardQueries {
  /** Traces (root spans) per bucket. */
  readonly traces: string;
  /** Traces with at least one error span, counted by their root. */
  readonly errorTraces: string;
  /** Spans per bucket and service: the span count and the services seen. */
  readonly spansByService: string;
  /** Whole-trace duration (root start to last span end) quantiles. */
  readonly traceLatency: string;
  /** Whole-trace durations in log2 buckets. */
  readonly traceHistogram: string;
  readonly operationCounts: string;
  readonly operationErrors: string;
  readonly operationLatency: string;
}

export function dashboardQueries(dialect: MetricsDialect): DashboardQueries {
  const root = dialect === 'embedded' ? '{ !(span:parentID != "") }' : '{ nestedSetParent < 0 }';
  const byOperation = 'by (resource.service.name, name)';
  return {
    traces: `${root} | count_over_time()`,
    // Error spans and roots of traces holding both, then only the roots: one per erroring trace.
    errorTraces: `{ status = error } && ${root} | ${root} | count_over_time()`,
    spansByService: '{ } | count_over_time() by (resource.service.name)',
    traceLatency: `${root} | quantile_over_time(trace:duration, .5, .99)`,
    traceHistogram: `${root} | histogram_over_time(trace:duration)`,
    operationCounts: `{ } | count_over_time() ${byOperation}`,
    operationErrors: `{ status = error } | count_over_time() ${byOperation}`,
    operationLatency: `{ } | quantile_over_time(duration, .5, .99) ${byOperation}`,
  };
}
