/** Placeholder until the feature lands. */
export function SearchPage() {
  return <h1>Search</h1>;
}
