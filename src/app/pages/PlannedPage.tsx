/** A page whose feature is not built yet: says so plainly instead of pretending. */
export function PlannedPage({ title, what }: { title: string; what: string }) {
  return (
    <section aria-labelledby="planned-title">
      <h1 id="planned-title">{title}</h1>
      <p className="muted">{what} needs the query backend (`tracescope serve`), which is not part of this build yet.</p>
      <p className="muted">Meanwhile, open a trace file from the Dashboard.</p>
    </section>
  );
}
