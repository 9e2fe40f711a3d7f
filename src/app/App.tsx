import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Shell } from './shell/Shell';
import { HomePage } from './pages/HomePage';
import { TracePage } from './pages/TracePage';
import { PlannedPage } from './pages/PlannedPage';
import { NotFoundPage } from './pages/NotFoundPage';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

const router = createBrowserRouter([
  {
    element: <Shell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <PlannedPage title="Search" what="Search by service, operation, attributes, duration and TraceQL" /> },
      { path: 'map', element: <PlannedPage title="Service map" what="The service dependency map" /> },
      { path: 'compare', element: <PlannedPage title="Compare" what="Comparing two traces side by side" /> },
      { path: 'trace/:traceId', element: <TracePage /> },
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
