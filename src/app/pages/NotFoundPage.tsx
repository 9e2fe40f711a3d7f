import { Link, useLocation } from 'react-router';

export function NotFoundPage() {
  const location = useLocation();
  return (
    <section>
      <h1>Page not found</h1>
      <p className="muted">
        Nothing lives at <code>{location.pathname}</code>. <Link to="/">Go to the dashboard</Link>.
      </p>
    </section>
  );
}
