import { CssBaseline, ThemeProvider } from '@mui/material';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import 'dayjs/locale/zh-cn';
import { api } from '../api/client';
import { ErrorState, LoadingState } from '../components/States';
import { SetupWizard } from '../features/setup/SetupWizard';
import { Layout } from './Layout';
import { NAV_ITEMS } from './nav';
import { theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to={NAV_ITEMS[0]!.path} replace /> },
      ...NAV_ITEMS.map((item) => ({ path: item.path.slice(1), element: item.element })),
      { path: '*', element: <Navigate to={NAV_ITEMS[0]!.path} replace /> },
    ],
  },
]);

/** Shows the first-run setup until a district has been chosen, then the app. */
function SetupGate() {
  const status = useQuery({ queryKey: ['setup.status'], queryFn: () => api.setup.status() });
  if (status.isPending) return <LoadingState label="正在打开数据…" fullPage />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} fullPage />;
  if (!status.data.ready) return <SetupWizard />;
  return <RouterProvider router={router} />;
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="zh-cn">
        <QueryClientProvider client={queryClient}>
          <SetupGate />
        </QueryClientProvider>
      </LocalizationProvider>
    </ThemeProvider>
  );
}
