/**
 * The bytes of a trace skeleton (src/sources/skeleton/format.ts) from what the store read: the
 * header as JSON with resources, scopes, events and links in OTLP JSON, then the column bytes
 * unchanged (they are sent as a second chunk, not copied into one buffer).
 */
import type { Resource, Scope } from '../../../src/model/types';
import { SKELETON_MAGIC, align8 } from '../../../src/sources/skeleton/format';
import type { SkeletonResource, SkeletonScope } from '../../../src/sources/skeleton/format';
import type { TraceSkeleton } from '../../store/traceSkeleton';
import { encodeEventsMember, encodeLinksMember, encodeResource, encodeScope } from '../../../src/sources/otlp/encodeOtlpJson';

/** `attributes` is always present (format.ts declares it required; encodeResource drops []). */
function skeletonResource(resource: Resource): SkeletonResource {
  return { attributes: [], ...encodeResource(resource), ...(resource.schemaUrl === '' ? {} : { schemaUrl: resource.schemaUrl }) } as SkeletonResource;
}

function skeletonScope(scope: Scope): SkeletonScope {
  return { ...encodeScope(scope), ...(scope.schemaUrl === '' ? {} : { schemaUrl: scope.schemaUrl }) } as SkeletonScope;
}

/** The header JSON, written as text: events/links come as text from encode*Member, not parsed again. */
export function skeletonHeaderJson(skeleton: TraceSkeleton): string {
  // encode*Member write `,"events":[…]` / `,"links":[…]`; the header wants the array alone.
  const events = skeleton.events.map(([row, list]) => `[${row},${encodeEventsMember(list).slice(',"events":'.length)}]`);
  const links = skeleton.links.map(([row, list]) => `[${row},${encodeLinksMember(list, 'otlp').slice(',"links":'.length)}]`);
  return (
    `{"traceId":${JSON.stringify(skeleton.traceId)},"spanCount":${skeleton.spanCount},` +
    `"startTimeUnixNano":"${skeleton.startTimeUnixNano}","strings":${JSON.stringify(skeleton.strings)},` +
    `"resources":${JSON.stringify(skeleton.resources.map(skeletonResource))},"scopes":${JSON.stringify(skeleton.scopes.map(skeletonScope))},` +
    `"events":[${events.join(',')}],"links":[${links.join(',')}]}`
  );
}

/** The skeleton's bytes as chunks: [magic + header length + header + padding, columns]. */
export function skeletonChunks(skeleton: TraceSkeleton): Uint8Array[] {
  const header = new TextEncoder().encode(skeletonHeaderJson(skeleton));
  const head = new Uint8Array(align8(8 + header.byteLength));
  head.set(new TextEncoder().encode(SKELETON_MAGIC), 0);
  new DataView(head.buffer).setUint32(4, header.byteLength, true);
  head.set(header, 8);
  return [head, skeleton.columns];
}
