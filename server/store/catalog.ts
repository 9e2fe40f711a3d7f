/**
 * Deduplication of resources, scopes and span attribute keys.
 * - Resources and scopes are stored once, keyed by a 64-bit content hash, so equal resources
 *   from different requests (or restarts) share one row, and getTrace can hand back one shared
 *   object per distinct resource/scope.
 * - Span attribute keys are numbered (attribute_keys): rows carry the INTEGER key_id.
 *
 * "Stored" sets hold what is committed. A prepared batch lists every resource/scope/key it
 * uses, and the commit inserts whichever are not stored at that moment; that also covers one
 * that retention dropped between the batch's prepare and its commit.
 */
import { createHash } from 'node:crypto';
import type { Resource, Scope } from '../../src/model/types';
import { encodeAttributeList } from './attributeCodec';
import { TraceRowIndex } from './traceRowIndex';

/**
 * Content IDs of canonical texts seen lately. Decoders make new Resource objects for every
 * request (12 per request in the bench), and SHA-256 was most of what identifying one cost.
 */
const recentIds = new Map<string, bigint>();
const RECENT_IDS = 4096;

/** First 8 bytes of SHA-256 of the canonical JSON, as a signed BIGINT. */
function contentId(canonical: string): bigint {
  let id = recentIds.get(canonical);
  if (id === undefined) {
    id = createHash('sha256').update(canonical).digest().readBigInt64LE(0);
    if (recentIds.size >= RECENT_IDS) recentIds.clear();
    recentIds.set(canonical, id);
  }
  return id;
}

export function resourceId(resource: Resource): bigint {
  return contentId(
    JSON.stringify(['r', resource.serviceName, encodeAttributeList(resource.attributes), resource.droppedAttributesCount, resource.schemaUrl]),
  );
}

export function scopeId(scope: Scope): bigint {
  return contentId(JSON.stringify(['s', scope.name, scope.version, encodeAttributeList(scope.attributes), scope.droppedAttributesCount, scope.schemaUrl]));
}

/**
 * Which resource/scope IDs the database holds, plus an identity cache: decoders share one
 * Resource object among the spans of a batch, so hashing once per object is enough.
 */
export class Catalog {
  private readonly resourceIds = new WeakMap<Resource, bigint>();
  private readonly scopeIds = new WeakMap<Scope, bigint>();
  /** IDs committed to the database. */
  readonly storedResources = new Set<bigint>();
  readonly storedScopes = new Set<bigint>();

  /** Where each staged or stored trace key's row is (loaded by SpanStore.open). */
  traceRows = new TraceRowIndex();

  private readonly keyIds = new Map<string, number>();
  private nextKeyId = 1;
  readonly storedKeys = new Set<number>();

  /** The key's id, numbering new keys (ids are never reused within a process). */
  keyIdOf(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.nextKeyId++;
      this.keyIds.set(key, id);
    }
    return id;
  }

  /** Records a key row read from (or committed to) the database. */
  loadKey(id: number, key: string): void {
    this.keyIds.set(key, id);
    this.storedKeys.add(id);
    if (id >= this.nextKeyId) this.nextKeyId = id + 1;
  }

  resourceIdOf(resource: Resource): bigint {
    let id = this.resourceIds.get(resource);
    if (id === undefined) {
      id = resourceId(resource);
      this.resourceIds.set(resource, id);
    }
    return id;
  }

  scopeIdOf(scope: Scope): bigint {
    let id = this.scopeIds.get(scope);
    if (id === undefined) {
      id = scopeId(scope);
      this.scopeIds.set(scope, id);
    }
    return id;
  }
}
