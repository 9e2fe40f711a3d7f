import { describe, expect, it } from 'vitest';
import { parseMetricsQuery } from '../../traceql/metrics';
import { dashboardQueries } from './metricsQueries';

describe('dashboardQueries', () => {
  it('every embedded query parses with the TraceQL metrics parser the backend uses', () => {
    for (const [name, q] of Object.entries(dashboardQueries('embedded'))) {
      const parsed = parseMetricsQuery(q);
      expect(parsed.ok, `${name}: ${q} → ${parsed.ok ? '' : parsed.error.message}`).toBe(true);
    }
  });

  it('counts traces by their root span in each dialect', () => {
    expect(dashboardQueries('embedded').traces).toBe('{ !(span:parentID != "") } | count_over_time()');
    expect(dashboardQueries('tempo').traces).toBe('{ nestedSetParent < 0 } | count_over_time()');
    expect(dashboardQueries('tempo').traceLatency).toContain('quantile_over_time(trace:duration, .5, .99)');
  });
});
