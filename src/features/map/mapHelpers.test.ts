import { describe, expect, it } from 'vitest';
import { edgeWidth, errorBand, formatCompact, formatCount, formatPerSecond, formatRate, MAX_WIDTH, MIN_WIDTH } from './edgeStyle';
import { layoutGraph, NODE_H, NODE_W } from './layout';
import { parseSelection, parseWindow, windowRange, withSelection } from './mapWindow';
import { callTraceQl, callTracesLink, serviceTracesLink, traceqlString } from './searchLinks';
import { centreOn, cull, edgePath, fitView, panBy, visibleRect, zoomAt } from './viewport';
import { findByPrefix, moveFrom } from './keyboardNav';

describe('edgeStyle', () => {
  it('scales width logarithmically between the bounds', () => {
    expect(edgeWidth(0, 100)).toBe(MIN_WIDTH);
    expect(edgeWidth(100, 100)).toBe(MAX_WIDTH);
    expect(edgeWidth(10, 100_000)).toBeGreaterThan(MIN_WIDTH);
    expect(edgeWidth(10, 100_000)).toBeLessThan(edgeWidth(1000, 100_000));
  });

  it('bands error rates and says when errors are unknown', () => {
    expect(errorBand(undefined, 10)).toBe('unknown');
    expect(errorBand(0, 10)).toBe('ok');
    expect(errorBand(1, 200)).toBe('some');
    expect(errorBand(5, 100)).toBe('some');
    expect(errorBand(6, 100)).toBe('high');
  });

  it('formats rates, counts and throughput', () => {
    expect(formatRate(1, 3)).toBe('33 %');
    expect(formatRate(1, 8)).toBe('13 %');
    expect(formatRate(1, 40)).toBe('2.5 %');
    expect(formatRate(1, 5000)).toBe('0.02 %');
    expect(formatRate(0, 5)).toBe('0 %');
    expect(formatRate(undefined, 5)).toBe('—');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1234)).toBe('1.2k');
    expect(formatCompact(45_300)).toBe('45k');
    expect(formatCompact(1_300_000)).toBe('1.3M');
    expect(formatPerSecond(7200, 3600)).toBe('2.0/s');
    expect(formatPerSecond(36_000, 3600)).toBe('10/s');
    expect(formatPerSecond(6, 3600)).toBe('0.10/min');
    expect(formatPerSecond(undefined, 3600)).toBe('—');
  });
});

describe('mapWindow', () => {
  it('reads the window and defaults to 1h', () => {
    expect(parseWindow('6h')).toBe('6h');
    expect(parseWindow('3y')).toBe('1h');
    expect(parseWindow(null)).toBe('1h');
    expect(windowRange('15m', 1_700_000_000_500)).toEqual({ startSec: 1_700_000_001 - 900, endSec: 1_700_000_001 });
  });

  it('round-trips the selection through the URL, keeping other parameters', () => {
    const base = new URLSearchParams('source=prod&window=6h');
    const edge = withSelection(base, { kind: 'edge', parent: 'a b', child: 'c&d' });
    expect(edge.get('source')).toBe('prod');
    expect(parseSelection(edge)).toEqual({ kind: 'edge', parent: 'a b', child: 'c&d' });
    const node = withSelection(edge, { kind: 'node', name: 'cart' });
    expect(node.has('from')).toBe(false);
    expect(parseSelection(node)).toEqual({ kind: 'node', name: 'cart' });
    expect(parseSelection(withSelection(node, null))).toBeNull();
  });
});

describe('searchLinks', () => {
  const ctx = { source: 'prod', startSec: 100, endSec: 200 };

  it('escapes TraceQL strings and builds the structural query', () => {
    expect(traceqlString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(callTraceQl('web', 'db')).toBe('{ resource.service.name = "web" } >> { resource.service.name = "db" }');
  });

  it('links to the search page with the window in µs and the source kept', () => {
    const service = new URL(serviceTracesLink('cart', ctx), 'http://x');
    expect(service.pathname).toBe('/search');
    expect(Object.fromEntries(service.searchParams)).toEqual({ service: 'cart', start: '100000000', end: '200000000', source: 'prod' });
    const call = new URL(callTracesLink('web', 'db', true, ctx), 'http://x');
    expect(call.searchParams.get('q')).toBe(callTraceQl('web', 'db'));
    const jaeger = new URL(callTracesLink('web', 'db', false, { ...ctx, source: null }), 'http://x');
    expect(Object.fromEntries(jaeger.searchParams)).toEqual({ service: 'db', start: '100000000', end: '200000000' });
  });
});

describe('viewport', () => {
  it('zooms about a point, keeping it fixed', () => {
    const view = zoomAt({ x: 10, y: 20, k: 1 }, 2, 110, 120);
    // World point under (110, 120) was (100, 100); it stays there.
    expect((110 - view.x) / view.k).toBeCloseTo(100);
    expect((120 - view.y) / view.k).toBeCloseTo(100);
    expect(zoomAt(view, 1000, 0, 0).k).toBe(2);
    expect(panBy(view, 5, -5)).toEqual({ ...view, x: view.x + 5, y: view.y - 5 });
  });

  it('fits a box and centres a point', () => {
    const fit = fitView(1000, 500, { width: 548, height: 548 });
    expect(fit.k).toBeCloseTo(0.5);
    expect(fit.x).toBeCloseTo(24);
    expect(fitView(10, 10, { width: 500, height: 500 }).k).toBe(1);
    const c = centreOn({ x: 0, y: 0, k: 0.1 }, 100, 100, { width: 400, height: 400 }, 1);
    expect(c).toEqual({ k: 1, x: 100, y: 100 });
  });

  it('culls to what is visible', () => {
    const layout = layoutGraph([], [{ parent: 'a', child: 'b' }, { parent: 'b', child: 'c' }]);
    const a = layout.nodes[layout.index.get('a')!]!;
    const rect = visibleRect({ x: -a.x, y: -a.y, k: 1 }, { width: NODE_W + 10, height: NODE_H });
    const { nodes, edges } = cull(layout, rect);
    expect(nodes.map((i) => layout.nodes[i]!.name)).toEqual(['a']);
    // a → b starts inside the view; b → c does not.
    expect(edges.map((i) => layout.edges[i]!.from)).toEqual([layout.index.get('a')]);
    expect(edgePath(layout, 0, 1)).toMatch(/^M[\d.]+,[\d.]+ C/);
  });
});

describe('keyboardNav', () => {
  const layout = layoutGraph([], [{ parent: 'web', child: 'api' }, { parent: 'web', child: 'auth' }, { parent: 'api', child: 'db' }]);
  const at = (name: string) => layout.index.get(name)!;
  const name = (i: number) => layout.nodes[i]!.name;

  it('moves within a column and across columns', () => {
    expect(name(moveFrom(layout, at('web'), 'ArrowRight'))).toMatch(/api|auth/);
    const second = layout.layers[1]!;
    expect(moveFrom(layout, second[0]!, 'ArrowDown')).toBe(second[1]);
    expect(moveFrom(layout, second[0]!, 'ArrowUp')).toBe(second[0]);
    expect(name(moveFrom(layout, at('db'), 'ArrowLeft'))).toMatch(/api|auth/);
    expect(moveFrom(layout, at('db'), 'ArrowRight')).toBe(at('db'));
    expect(name(moveFrom(layout, at('db'), 'Home'))).toBe('web');
  });

  it('finds nodes by typed prefix, cycling through repeats', () => {
    const first = findByPrefix(layout, 'a', at('web'));
    expect(name(first)).toMatch(/^a/);
    const second = findByPrefix(layout, 'a', first);
    expect(second).not.toBe(first);
    expect(name(second)).toMatch(/^a/);
    expect(name(findByPrefix(layout, 'db', at('web')))).toBe('db');
    expect(name(findByPrefix(layout, 'ut', at('web')))).toBe('auth');
    expect(findByPrefix(layout, 'zz', at('web'))).toBe(-1);
  });
});
