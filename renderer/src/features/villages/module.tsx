import HomeWorkOutlined from '@mui/icons-material/HomeWorkOutlined';
import { defineRendererModule } from '../../app/module';
import { IncomeReportPage } from './IncomeReportPage';
import { VillageDetailPage } from './VillageDetailPage';
import { VillagesPage } from './VillagesPage';
import { VillageBriefPrintPage } from './print/VillageBriefPrintPage';

/** 村情档案: the list (with its import), a village's page, the income report, the 村情简表. */
export const villagesPages = defineRendererModule({
  name: 'villages',
  nav: [{ path: '/villages', label: '村情档案', icon: <HomeWorkOutlined />, element: <VillagesPage /> }],
  routes: [
    { path: 'villages/report', element: <IncomeReportPage /> },
    { path: 'villages/:unitId', element: <VillageDetailPage /> },
  ],
  printRoutes: [
    { path: '/print/village/:unitId', element: <VillageBriefPrintPage /> },
    { path: '/print/village-street/:streetId', element: <VillageBriefPrintPage /> },
  ],
});
