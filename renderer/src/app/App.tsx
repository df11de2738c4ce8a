import { CssBaseline, ThemeProvider } from '@mui/material';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDayjs } from '@mui/x-date-pickers/AdapterDayjs';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router';
import 'dayjs/locale/zh-cn';
import { Button } from '@mui/material';
import { api, ApiCallError } from '../api/client';
import { AuthGate } from '../features/auth/AuthGate';
import { AuthScreen } from '../features/auth/AuthScreen';
import { useCurrentUser } from '../features/auth/useCurrentUser';
import { apiQueryKey, useApiQuery } from '../components/apiQueries';
import { ErrorState, LoadingState } from '../components/States';
import { SetupWizard } from '../features/setup/SetupWizard';
import { Layout } from './Layout';
import { NAV_ITEMS, PAGE_ROUTES, PRINT_ROUTES } from './modules';
import { theme } from './theme';

/** A call refused for want of a session (expired, idle-locked) sends the window back to the gate. */
const onCallError = (error: unknown) => {
  if (error instanceof ApiCallError && (error.code === 'UNAUTHENTICATED' || error.code === 'LOCKED')) {
    void queryClient.invalidateQueries({ queryKey: apiQueryKey('auth.status') });
  }
};
/** The pickers' zhCN locale leaves the empty-field placeholders as YYYY/MM/DD; clerks read 年-月-日. */
const CHINESE_FIELD_PLACEHOLDERS = {
  fieldYearPlaceholder: () => '年',
  fieldMonthPlaceholder: () => '月',
  fieldDayPlaceholder: () => '日',
  fieldHoursPlaceholder: () => '时',
  fieldMinutesPlaceholder: () => '分',
  fieldSecondsPlaceholder: () => '秒',
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onCallError }),
  mutationCache: new MutationCache({ onError: onCallError }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
});

const router = createHashRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to={NAV_ITEMS[0]!.path} replace /> },
      ...NAV_ITEMS.map((item) => ({ path: item.path.slice(1), element: item.element })),
      ...PAGE_ROUTES,
      { path: '*', element: <Navigate to={NAV_ITEMS[0]!.path} replace /> },
    ],
  },
  // print views stand alone: no navigation or top bar on the page
  ...PRINT_ROUTES,
]);

/** Shows the first-run setup until a district has been chosen, then the app. */
function SetupGate() {
  const { canCall } = useCurrentUser();
  const status = useApiQuery('setup.status');
  if (status.isPending) return <LoadingState label="正在打开数据…" fullPage />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} fullPage />;
  if (!status.data.ready) return canCall('setup.complete') ? <SetupWizard /> : <WaitForAdmin />;
  return <RouterProvider router={router} />;
}

function WaitForAdmin() {
  return (
    <AuthScreen title="尚未完成首次设置" subtitle="请管理员登录，选择本区并载入街道和村（社区）后再使用。">
      <Button
        variant="contained"
        onClick={async () => {
          await api.auth.logout();
          await queryClient.resetQueries();
        }}
      >
        换管理员账户登录
      </Button>
    </AuthScreen>
  );
}

export function App() {
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <LocalizationProvider dateAdapter={AdapterDayjs} adapterLocale="zh-cn" localeText={CHINESE_FIELD_PLACEHOLDERS}>
        <QueryClientProvider client={queryClient}>
          <AuthGate>
            <SetupGate />
          </AuthGate>
        </QueryClientProvider>
      </LocalizationProvider>
    </ThemeProvider>
  );
}
