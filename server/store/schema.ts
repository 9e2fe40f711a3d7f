/**
 * DuckDB schema of the embedded span store (file `<dataDir>/tracescope.duckdb`).
 *
 * ============================================================================================
 * TraceQL compile target
 * ============================================================================================
 * A compiled TraceQL spanset filter is a boolean SQL expression over ONE span row of `spans`
 * aliased `s` (search.ts runs `SELECT … FROM spans s WHERE (<your sql>)`). Use `?` positional
 * placeholders only (no `$1`), params in textual order. Param JS types: string → VARCHAR,
 * boolean → BOOLEAN, bigint → BIGINT, integral number → BIGINT, other number → DOUBLE (search.ts
 * binds them with these types so zone-map pruning keeps working). Refer to the tables by their
 * bare names (`spans`, `span_attributes`, …): with a time range, search.ts shadows `spans` and
 * `span_attributes` with CTEs restricted to the range, so your subqueries get pruned too.
 *
 * Intrinsics (all columns NOT NULL):
 *   span:name / name                → s.name                VARCHAR
 *   span:kind / kind                → s.kind                TINYINT, OTLP order: 0 unspecified,
 *                                     1 internal, 2 server, 3 client, 4 producer, 5 consumer
 *   span:status / status            → s.status_code         TINYINT: 0 unset, 1 ok, 2 error
 *   span:statusMessage              → s.status_message      VARCHAR ('' when none)
 *   span:duration / duration        → s.duration_ns         BIGINT ns (end − start; may be < 0)
 *   span:id                         → s.span_id             VARCHAR, 16 lowercase hex
 *   span:parentID                   → s.parent_span_id      VARCHAR, '' for a root span
 *   trace:id                        → s.trace_id            VARCHAR, 32 lowercase hex
 *   (span start / end)              → s.start_ns, s.end_ns  BIGINT ns since the epoch
 *   resource.service.name (fast)    → s.service_name        VARCHAR (copy of the resource's)
 *   instrumentation:name / :version → s.scope_name, s.scope_version  VARCHAR
 *   trace:rootName / rootName       → traces.root_span_name     (NULL while no root received)
 *   trace:rootService / rootService → traces.root_service_name  (NULL while no root received)
 *   trace:duration / traceDuration  → traces.duration_ns
 *     e.g. s.trace_id IN (SELECT trace_id FROM traces WHERE duration_ns > ?)
 *   structural (parent/child):  the parent of s is the row p of spans with
 *     p.trace_id = s.trace_id AND p.span_id = s.parent_span_id
 *   Regex (`=~`, fully anchored, RE2 like Go): regexp_full_match(s.name, ?)
 *
 * Attributes: one row per (span, key) in `span_attributes` (a view: span_attribute_values
 * joined with attribute_keys; filter it on `key` as if it were a table), per (resource, key) in
 * `resource_attributes`, per (scope, key) in `scope_attributes`. The value sits in at most one
 * typed column: str_value VARCHAR | int_value BIGINT | dbl_value DOUBLE | bool_value BOOLEAN.
 * An ARRAY gives one row per element (so `span.tags = "x"` matches when any element is "x", as
 * in Tempo). Bytes / kvlist / empty values, non-scalar array elements and empty arrays give a
 * row with all four value columns NULL (so `!= nil` still sees the key). span_attributes also
 * has idx / elem / raw (for the exact round trip; the compiler can ignore them).
 *
 * PREFERRED PATTERN: an uncorrelated IN subquery. DuckDB plans a correlated EXISTS with a
 * "delim join" that hashes every span first: measured 2x slower at 1M spans. Compare ONE value
 * column per subquery (a filter on one column is pushed into the scan, an OR across columns is
 * not); for a number literal use a UNION ALL of an int_value and a dbl_value branch.
 *   span.k = "v":
 *     s.sid IN (SELECT sid FROM span_attributes WHERE key = ? AND str_value = ?)
 *   span.k > 5 (TraceQL compares numbers across int/float):
 *     s.sid IN (SELECT sid FROM span_attributes WHERE key = ? AND int_value > ?
 *               UNION ALL SELECT sid FROM span_attributes WHERE key = ? AND dbl_value > ?)
 *   resource.k = "v":
 *     s.resource_id IN (SELECT resource_id FROM resource_attributes WHERE key = ? AND str_value = ?)
 *   instrumentation.k = true:
 *     s.scope_id IN (SELECT scope_id FROM scope_attributes WHERE key = ? AND bool_value = ?)
 *   .k = "v" (unscoped): (<span IN>) OR (<resource IN>)
 *   span.k != nil:  s.sid IN (SELECT sid FROM span_attributes WHERE key = ?)
 *   span.k = nil:   s.sid NOT IN (SELECT sid FROM span_attributes WHERE key = ?)
 * The EXISTS form is equally correct if you need correlation, just slower:
 *     EXISTS (SELECT 1 FROM span_attributes a WHERE a.sid = s.sid AND a.key = ? AND a.str_value = ?)
 * Note: `resource.service.name` is also a resource_attributes row, but `s.service_name` is
 * cheaper. Span events and links are stored as encoded JSON only (not filterable yet).
 * ============================================================================================
 *
 * Design (why):
 * - `spans` is append-only in arrival order; `sid` is a store-assigned sequence, so both `sid`
 *   and (approximately) `start_ns` increase with row position and DuckDB's per-row-group zone
 *   maps prune row groups on either. Trace-by-ID reads the `traces` row (located by the store's
 *   in-memory index of trace_key → first_sid: traceRowIndex.ts), then scans only the row groups
 *   of `spans` (and span_attribute_values) that overlap the trace's time window and sid range.
 * - `traces` holds one summary row per trace ID, appended for a new trace and merged into by
 *   later commits (spans of one trace may arrive in several requests minutes apart).
 * - Times are BIGINT ns. OTLP times are fixed64 (unsigned); values ≥ 2^63 (year 2262+) are
 *   stored as their two's complement so the round trip stays exact (BigInt.asIntN/asUintN).
 * - Span attributes are stored once, as typed rows (span_attribute_values) that serve both
 *   filtering and the exact round trip. Events and links, never filtered on, are kept in
 *   VARCHAR columns as the typed JSON of attributeCodec.ts: exact for int64, bytes, NaN, -0.
 * - Resources and scopes are deduplicated by a 64-bit content hash (`resource_id`,
 *   `scope_id`), so `getTrace` can hand back one shared object per distinct resource/scope.
 */

/** Bumped when the DDL changes incompatibly; stored in `store_meta`. */
export const SCHEMA_VERSION = 3;

/**
 * Connection-local staging table of the writer: per-trace summaries of the batch being
 * committed for traces `traces` may already hold, merged into it with one MERGE.
 */
export const TRACE_STAGE_DDL = `CREATE TEMP TABLE IF NOT EXISTS trace_stage (
  trace_key BIGINT, trace_id VARCHAR, start_ns BIGINT, end_ns BIGINT, span_count BIGINT, error_count BIGINT,
  root_service_name VARCHAR, root_span_name VARCHAR, root_start_ns BIGINT, first_sid BIGINT, last_sid BIGINT
)`;

/**
 * One summary row per trace ID, merged into by each commit that carries spans of the trace.
 * - trace_key: 64-bit hash of trace_id (`traceKey()` in traceKey.ts, computed by the store in
 *   JS; do not try to compute it in SQL). One row per key, kept so by the store, but NOT an
 *   index: rows are appended in first_sid order and the store knows (in memory,
 *   traceRowIndex.ts) which first_sid range holds a key's row, so a point lookup is
 *   `trace_key = ? AND first_sid BETWEEN ? AND ?` pruned by zone maps. (An ART index cost more
 *   to rewrite at every checkpoint than all the new spans: traceRowIndex.ts.) Filter on
 *   trace_id as well (a hash collision merges two traces' summaries; ~1e-5 odds at 20M
 *   traces).
 * - trace_id: as on the spans; join on it (`t.trace_id = s.trace_id`).
 * - start_ns: min span start; end_ns: max span end (or start, for a span that ends before it
 *   starts), so [start_ns, end_ns] contains every span start; duration_ns = end_ns − start_ns.
 * - span_count, error_count (spans with status_code 2).
 * - root_*: the earliest-starting span with parent_span_id = '' (NULL until one arrives).
 * - first_sid / last_sid: sid range of the trace's spans (retention bookkeeping, and where
 *   the row is: see trace_key).
 */
const TRACES_DDL = `CREATE TABLE IF NOT EXISTS traces (
  trace_key         BIGINT  NOT NULL,
  trace_id          VARCHAR NOT NULL,
  start_ns          BIGINT  NOT NULL,
  end_ns            BIGINT  NOT NULL,
  duration_ns       BIGINT  NOT NULL,
  span_count        BIGINT  NOT NULL,
  error_count       BIGINT  NOT NULL,
  root_service_name VARCHAR,
  root_span_name    VARCHAR,
  root_start_ns     BIGINT,
  first_sid         BIGINT  NOT NULL,
  last_sid          BIGINT  NOT NULL
)`;

/**
 * Upgrades from older versions, run in order on open. Version 3 dropped the PRIMARY KEY of
 * `traces` (DuckDB cannot drop a constraint in place, so the table is copied, in row order).
 */
export const MIGRATIONS: Readonly<Record<number, readonly string[]>> = {
  2: [
    'ALTER TABLE traces RENAME TO traces_v2',
    TRACES_DDL,
    'INSERT INTO traces SELECT * FROM traces_v2',
    'DROP TABLE traces_v2',
  ],
};

/** The DDL, idempotent (run on every open). */
export const SCHEMA_DDL: readonly string[] = [
  /** Key/value facts about the store itself (schema version). */
  `CREATE TABLE IF NOT EXISTS store_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
  )`,

  /**
   * One row per received span, in arrival order. Never updated; deleted only by retention.
   * - sid: store-assigned, strictly increasing with arrival; the join key of span_attributes.
   * - trace_id / span_id / parent_span_id: as received (lowercase hex; parent '' for a root).
   * - trace_state: W3C tracestate, '' when absent.
   * - name, kind (0..5 OTLP), status_code (0..2 OTLP), status_message.
   * - start_ns / end_ns: ns since the epoch (see the two's-complement note above).
   * - duration_ns: end_ns − start_ns (negative when the end precedes the start).
   * - flags: OTLP SpanFlags / W3C trace flags (uint32).
   * - service_name: the resource's service name (denormalised for cheap filtering).
   * - resource_id / scope_id: keys of `resources` / `scopes`.
   * - scope_name / scope_version: the scope's (denormalised for TraceQL instrumentation:*).
   * - events / links: attributeCodec JSON, '' when none. (Attributes live in
   *   span_attribute_values only.)
   * - dropped_*_count: as received.
   */
  `CREATE TABLE IF NOT EXISTS spans (
    sid                      BIGINT   NOT NULL,
    trace_id                 VARCHAR  NOT NULL,
    span_id                  VARCHAR  NOT NULL,
    parent_span_id           VARCHAR  NOT NULL,
    trace_state              VARCHAR  NOT NULL,
    name                     VARCHAR  NOT NULL,
    kind                     TINYINT  NOT NULL,
    start_ns                 BIGINT   NOT NULL,
    end_ns                   BIGINT   NOT NULL,
    duration_ns              BIGINT   NOT NULL,
    status_code              TINYINT  NOT NULL,
    status_message           VARCHAR  NOT NULL,
    flags                    UINTEGER NOT NULL,
    service_name             VARCHAR  NOT NULL,
    resource_id              BIGINT   NOT NULL,
    scope_id                 BIGINT   NOT NULL,
    scope_name               VARCHAR  NOT NULL,
    scope_version            VARCHAR  NOT NULL,
    dropped_attributes_count UINTEGER NOT NULL,
    events                   VARCHAR  NOT NULL,
    dropped_events_count     UINTEGER NOT NULL,
    links                    VARCHAR  NOT NULL,
    dropped_links_count      UINTEGER NOT NULL
  )`,

  /**
   * Span attribute keys, numbered. Rows of span_attribute_values carry the INTEGER key_id
   * instead of the key text: most keys are longer than DuckDB's 12-byte inline strings, and
   * writing a string costs ~0.4 µs per row at ingest, so this cut ingest CPU noticeably. Also the
   * catalog of span tag names. Keys are never renumbered; retention drops unused ones.
   */
  `CREATE TABLE IF NOT EXISTS attribute_keys (
    key_id INTEGER NOT NULL,
    key    VARCHAR NOT NULL
  )`,

  /**
   * Span attribute rows (physical table; query the `span_attributes` view), one per (span,
   * key), one per element for arrays, in the same arrival order as `spans`. The ONLY copy of
   * span attributes: getTrace rebuilds them from here (spanAttributeRows.ts).
   * - sid: joins to spans.sid; start_ns: the span's start, copied so attribute scans can be
   *   limited to a time range without a join.
   * - idx: position in the span's attribute list; elem: position in an array value (NULL for
   *   non-arrays, -1 for an empty array).
   * - str_value | int_value | dbl_value | bool_value: the scalar value, at most one set (none
   *   for bytes / kvlist / empty / nested values).
   * - raw: attributeCodec JSON of the value when the typed column cannot hold it exactly.
   */
  `CREATE TABLE IF NOT EXISTS span_attribute_values (
    sid        BIGINT  NOT NULL,
    start_ns   BIGINT  NOT NULL,
    key_id     INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    elem       INTEGER,
    str_value  VARCHAR,
    int_value  BIGINT,
    dbl_value  DOUBLE,
    bool_value BOOLEAN,
    raw        VARCHAR
  )`,

  /**
   * Span attributes with their key text: the table to compile against. (A filter on `key` is
   * pushed into attribute_keys and turned into a key_id filter on the rows: as fast as
   * filtering the rows directly, measured.)
   */
  `CREATE VIEW IF NOT EXISTS span_attributes AS
    SELECT v.sid, v.start_ns, k.key, v.str_value, v.int_value, v.dbl_value, v.bool_value, v.idx, v.elem, v.raw
    FROM span_attribute_values v JOIN attribute_keys k ON k.key_id = v.key_id`,

  /**
   * Distinct resources (a service instance), keyed by a content hash of every field.
   * attributes: attributeCodec JSON of the full list (exact round trip).
   */
  `CREATE TABLE IF NOT EXISTS resources (
    resource_id              BIGINT   NOT NULL,
    service_name             VARCHAR  NOT NULL,
    attributes               VARCHAR  NOT NULL,
    dropped_attributes_count UINTEGER NOT NULL,
    schema_url               VARCHAR  NOT NULL
  )`,

  /** Resource attributes for filtering; same value layout as span_attributes. */
  `CREATE TABLE IF NOT EXISTS resource_attributes (
    resource_id BIGINT  NOT NULL,
    key         VARCHAR NOT NULL,
    str_value   VARCHAR,
    int_value   BIGINT,
    dbl_value   DOUBLE,
    bool_value  BOOLEAN
  )`,

  /** Distinct instrumentation scopes, keyed by a content hash of every field. */
  `CREATE TABLE IF NOT EXISTS scopes (
    scope_id                 BIGINT   NOT NULL,
    name                     VARCHAR  NOT NULL,
    version                  VARCHAR  NOT NULL,
    attributes               VARCHAR  NOT NULL,
    dropped_attributes_count UINTEGER NOT NULL,
    schema_url               VARCHAR  NOT NULL
  )`,

  /** Scope attributes for filtering (`instrumentation.x`); same layout as span_attributes. */
  `CREATE TABLE IF NOT EXISTS scope_attributes (
    scope_id   BIGINT  NOT NULL,
    key        VARCHAR NOT NULL,
    str_value  VARCHAR,
    int_value  BIGINT,
    dbl_value  DOUBLE,
    bool_value BOOLEAN
  )`,

  TRACES_DDL,

  /**
   * One row per commit (group-committed batch): the sid range it wrote and when. Retention by
   * age drops whole commits older than the cutoff, oldest first, by sid range.
   */
  `CREATE TABLE IF NOT EXISTS commits (
    first_sid   BIGINT NOT NULL,
    last_sid    BIGINT NOT NULL,
    ingested_ms BIGINT NOT NULL,
    span_count  BIGINT NOT NULL
  )`,
];
