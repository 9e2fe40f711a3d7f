import { describe, expect, it } from 'vitest';
import {
  applyCompletion,
  attributeItems,
  completionContext,
  filterItems,
  valueItems,
  valueLiteral,
} from './completion';

/** `¦` marks the cursor. */
function at(textWithCursor: string) {
  const cursor = textWithCursor.indexOf('¦');
  const text = textWithCursor.replace('¦', '');
  return { text, ctx: completionContext(text, cursor) };
}

describe('completionContext', () => {
  it('offers attribute names after { && || ( !', () => {
    expect(at('{ ¦').ctx).toMatchObject({ kind: 'attribute', prefix: '', from: 2, to: 2 });
    expect(at('{ span.pay¦').ctx).toMatchObject({ kind: 'attribute', prefix: 'span.pay', from: 2, to: 10 });
    expect(at('{ a = 1 && res¦ource.x = 2 }').ctx).toMatchObject({ kind: 'attribute', prefix: 'res', from: 11, to: 21 });
    expect(at('{ a = 1 || (¦').ctx?.kind).toBe('attribute');
  });

  it('offers operators after an attribute', () => {
    expect(at('{ span.http.method ¦').ctx).toMatchObject({ kind: 'operator', prefix: '' });
    expect(at('{ span.http.method !¦').ctx).toMatchObject({ kind: 'operator', prefix: '!' });
  });

  it('offers values of the attribute before the operator', () => {
    expect(at('{ span.payment.provider = ¦').ctx).toMatchObject({ kind: 'value', tag: 'span.payment.provider', prefix: '' });
    expect(at('{ span.payment.provider = "str¦').ctx).toMatchObject({ kind: 'value', tag: 'span.payment.provider', prefix: 'str', from: 26 });
    expect(at('{ resource.service.name!=che¦').ctx).toMatchObject({ kind: 'value', tag: 'resource.service.name', prefix: 'che' });
    expect(at('{ status = ¦').ctx).toMatchObject({ kind: 'value', tag: 'status' });
  });

  it('offers && || } after a complete comparison', () => {
    expect(at('{ .a = "x" ¦').ctx).toMatchObject({ kind: 'combinator', prefix: '' });
    expect(at('{ duration > 100ms &¦').ctx).toMatchObject({ kind: 'combinator', prefix: '&' });
    expect(at('{ status = error ¦').ctx).toMatchObject({ kind: 'combinator' });
  });

  it('stays quiet outside a spanset and inside closed ones', () => {
    expect(at('¦').ctx).toBeNull();
    expect(at('{ .a = 1 } ¦').ctx).toBeNull();
    expect(at('{ .a = "{ x" } ¦').ctx).toBeNull();
  });
});

describe('items', () => {
  const tags = [
    { name: 'payment.provider', scope: 'span' },
    { name: 'service.name', scope: 'resource' },
    { name: 'legacy' },
  ];
  it('prefixes attribute names with their scope, after the intrinsics', () => {
    const labels = attributeItems(tags).map((i) => i.label);
    expect(labels).toContain('span.payment.provider');
    expect(labels).toContain('resource.service.name');
    expect(labels).toContain('.legacy');
    expect(labels.indexOf('status')).toBeLessThan(labels.indexOf('span.payment.provider'));
  });
  it('filters by prefix first, then by substring', () => {
    const items = attributeItems(tags);
    expect(filterItems(items, 'span.pay').map((i) => i.label)).toEqual(['span.payment.provider']);
    expect(filterItems(items, 'provider').map((i) => i.label)).toEqual(['span.payment.provider']);
    expect(filterItems(items, 'STAT').map((i) => i.label).slice(0, 2)).toEqual(['status', 'statusMessage']);
  });
  it('quotes string values but not numbers, booleans or status keywords', () => {
    expect(valueLiteral('stripe')).toBe('"stripe"');
    expect(valueLiteral('say "hi"')).toBe('"say \\"hi\\""');
    expect(valueLiteral('500')).toBe('500');
    expect(valueLiteral('true')).toBe('true');
    expect(valueItems('status', ['whatever']).map((i) => i.insert)).toEqual(['error ', 'ok ', 'unset ']);
    expect(valueItems('span:kind', []).map((i) => i.label)).toContain('server');
  });
});

describe('applyCompletion', () => {
  it('replaces the word being typed, including a half-typed quoted value', () => {
    const { text, ctx } = at('{ span.payment.provider = "str¦ }');
    const item = valueItems('span.payment.provider', ['stripe'])[0]!;
    expect(applyCompletion(text, ctx!, item)).toEqual({ text: '{ span.payment.provider = "stripe"  }', cursor: 35 });
  });
  it('replaces a whole attribute name under the cursor', () => {
    const { text, ctx } = at('{ sp¦an.x = 1 }');
    const result = applyCompletion(text, ctx!, { label: 'span.y', insert: 'span.y ', detail: '' });
    expect(result.text).toBe('{ span.y  = 1 }');
  });
});
