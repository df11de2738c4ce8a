import { AppBar, Box, Divider, List, ListItemButton, ListItemIcon, ListItemText, Toolbar, Typography } from '@mui/material';
import { NavLink, Outlet } from 'react-router';
import { useApiQuery } from '../components/apiQueries';
import { UserMenu } from '../features/auth/UserMenu';
import { useCurrentUser } from '../features/auth/useCurrentUser';
import type { NavItem } from './module';
import { NAV_ITEMS } from './modules';

const NAV_WIDTH = 176;

/** Top bar with the district and department, left navigation, and the page. */
export function Layout() {
  const settings = useApiQuery('settings.get');
  const district = settings.data?.district;
  const { canCall } = useCurrentUser();
  const visible = NAV_ITEMS.filter((i) => !i.shownIfCan || canCall(i.shownIfCan));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 700, whiteSpace: 'nowrap' }}>
            基层党建台账
          </Typography>
          <Typography variant="body2" sx={{ opacity: 0.9, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="org-header">
            {district ? district.fullName : ''}
            {settings.data?.departmentName ? ` · ${settings.data.departmentName}` : ''}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <UserMenu />
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Box
          component="nav"
          aria-label="主导航"
          sx={{ width: NAV_WIDTH, flexShrink: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper', display: 'flex', flexDirection: 'column' }}
        >
          <List dense>{visible.filter((i) => !i.secondary).map(navLink)}</List>
          <Box sx={{ flex: 1 }} />
          <Divider />
          <List dense>{visible.filter((i) => i.secondary).map(navLink)}</List>
        </Box>
        <Box component="main" sx={{ flex: 1, minWidth: 0, overflow: 'auto', p: 2 }}>
          <Outlet />
        </Box>
      </Box>
    </Box>
  );
}

function navLink(item: NavItem) {
  return (
    <ListItemButton
      key={item.path}
      component={NavLink}
      to={item.path}
      sx={{ '&.active': { bgcolor: 'action.selected', color: 'primary.main', '& .MuiListItemIcon-root': { color: 'primary.main' } } }}
    >
      <ListItemIcon sx={{ minWidth: 34 }}>{item.icon}</ListItemIcon>
      <ListItemText primary={item.label} />
    </ListItemButton>
  );
}
