/** TraceQL's intrinsic names, shared by the search and metrics parsers. */
import type { IntrinsicName } from './ast';

/** Pre-scope names Tempo still accepts, and the scoped intrinsic each one means. */
export const LEGACY_INTRINSICS: Record<string, IntrinsicName> = {
  name: 'span:name',
  status: 'span:status',
  statusMessage: 'span:statusMessage',
  kind: 'span:kind',
  duration: 'span:duration',
  rootName: 'trace:rootName',
  rootServiceName: 'trace:rootService',
  traceDuration: 'trace:duration',
};

/** Scoped intrinsics this subset supports. */
export const SCOPED_INTRINSICS = new Set<string>([
  'span:name',
  'span:status',
  'span:statusMessage',
  'span:kind',
  'span:duration',
  'span:id',
  'span:parentID',
  'trace:duration',
  'trace:rootService',
  'trace:rootName',
  'trace:id',
] satisfies IntrinsicName[]);
