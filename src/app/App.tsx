import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useParams } from 'react-router';
import { Shell } from './shell/Shell';
import { NotFoundPage } from './pages/NotFoundPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { SearchPage } from '../features/search/SearchPage';
import { MapPage } from '../features/map/MapPage';
import { ComparePage } from '../features/compare/ComparePage';
import { TracePage } from '../features/trace/TracePage';
import { FilesPage } from './files/FilesPage';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/** `/trace/:a...:b` is Jaeger's compare path; anything else under /trace/ is one trace. */
function TraceRoute() {
  const { traceId = '' } = useParams();
  return traceId.includes('...') ? <ComparePage /> : <TracePage />;
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
      { index: true, element: <DashboardPage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'map', element: <MapPage /> },
      { path: 'dependencies', element: <DependenciesRedirect /> },
      { path: 'compare', element: <ComparePage /> },
      { path: 'files', element: <FilesPage /> },
      { path: 'trace/:traceId', element: <TraceRoute /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
