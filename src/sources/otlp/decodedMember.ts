/** What the envelope walk of `streamingDecoder` keeps for a member that should hold an array. */
import type { SpanData } from '../../model/types';
import type { ImportIssue } from '../importResult';
import { describe } from './json';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A ResourceSpans member that should hold an array: its decoded entries, or the odd value. */
export interface Decoded {
  /** false: the member held `raw` (null, a string, …) instead of an array. */
  readonly isArray: boolean;
  readonly raw: unknown;
  readonly length: number;
  readonly spans: SpanData[];
  readonly issues: ImportIssue[];
}

/** `isEmptyList` of `decodeResourceSpans`, for a member decoded here. */
export function isEmptyList(list: Decoded | undefined): boolean {
  return isAbsent(list) || (list !== undefined && list.isArray && list.length === 0);
}

/** Absent or null, as proto3 JSON writes a default. */
export function isAbsent(list: Decoded | undefined): boolean {
  return list === undefined || (!list.isArray && list.raw === null);
}

/**
 * The spans of a decoded member, after appending its issues to `issues`; a member that held
 * something other than an array gets the issue `readArray` would give.
 */
export function take(list: Decoded | undefined, path: string, issues: ImportIssue[]): readonly SpanData[] {
  if (list === undefined || isAbsent(list)) return [];
  if (!list.isArray) {
    issues.push({ path, message: `expected array, got ${describe(list.raw)}` });
    return [];
  }
  for (const issue of list.issues) issues.push(issue);
  return list.spans;
}
