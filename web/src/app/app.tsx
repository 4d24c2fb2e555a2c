// The app: one router (built once, with the one query client) inside the providers.

import { RouterProvider } from 'react-router';
import { AppProvider } from '@/app/provider';
import { createRouter } from '@/app/router';
import { queryClient } from '@/lib/query-client';

// Module scope, not component state: StrictMode's double render must not build a second router.
const router = createRouter(queryClient);

export function App() {
  return (
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
