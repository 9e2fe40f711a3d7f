import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useParams } from 'react-router';
import { Shell } from './shell/Shell';
import { NotFoundPage } from './pages/NotFoundPage';
import { TracePage } from '../features/trace/TracePage';
import { startBootRequests as startRequests } from './bootRequests';

/*
 * The trace page is in the main bundle (shared links land there, and it is the page that must
 * paint fastest); every other screen is its own chunk, loaded when first visited.
 */
const ComparePage = lazy(() => import('../features/compare/ComparePage').then((m) => ({ default: m.ComparePage })));
const screen = (load: () => Promise<{ Component: React.ComponentType }>) => ({ lazy: load });

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/** `/trace/:a...:b` is Jaeger's compare path; anything else under /trace/ is one trace. */
function TraceRoute() {
  const { traceId = '' } = useParams();
  return traceId.includes('...') ? (
    <Suspense fallback={null}>
      <ComparePage />
    </Suspense>
  ) : (
    <TracePage />
  );
}

/** Jaeger's `/dependencies` link lands on the map, keeping the query. */
function DependenciesRedirect() {
  const { search } = useLocation();
  return <Navigate replace to={`/map${search}`} />;
}

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, ...screen(() => import('../features/dashboard/DashboardPage').then((m) => ({ Component: m.DashboardPage }))) },
      { path: 'search', ...screen(() => import('../features/search/SearchPage').then((m) => ({ Component: m.SearchPage }))) },
      { path: 'map', ...screen(() => import('../features/map/MapPage').then((m) => ({ Component: m.MapPage }))) },
      { path: 'dependencies', element: <DependenciesRedirect /> },
      { path: 'compare', ...screen(() => import('../features/compare/ComparePage').then((m) => ({ Component: m.ComparePage }))) },
      { path: 'files', ...screen(() => import('./files/FilesPage').then((m) => ({ Component: m.FilesPage }))) },
      { path: 'trace/:traceId', element: <TraceRoute /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** The first screen's requests, started before React renders (see bootRequests.ts). */
export function startBootRequests(): void {
  startRequests(queryClient);
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
