/** Placeholder until the feature lands. */
export function ComparePage() {
  return <h1>Compare</h1>;
}
