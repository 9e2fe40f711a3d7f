/** Placeholder until the feature lands. */
export function TracePage() {
  return <h1>Trace</h1>;
}
