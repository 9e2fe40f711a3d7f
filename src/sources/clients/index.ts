export type {
  ClientConfig,
  FetchFn,
  RequestOptions,
  SearchHit,
  SearchHitService,
  SearchQuery,
  SourceCapabilities,
  SourceInfo,
  SourceErrorKind,
  SourceKind,
  TagName,
  TraceProgress,
  TraceRequestOptions,
  TraceDetailSource,
  TraceResult,
  TraceSource,
} from './types';
export { SourceError } from './types';
export { TempoClient, TEMPO_ROOT_MISSING } from './tempoClient';
export { JaegerClient } from './jaegerClient';
export type { JaegerApi } from './jaegerClient';
export { ZipkinClient } from './zipkinClient';
export { createSource, sourceRoot, LOCAL_SOURCE } from './createSource';
export type { CreateSourceOptions } from './createSource';
export { SkeletonClient } from './skeletonClient';
