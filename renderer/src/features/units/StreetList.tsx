import { Box, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import type { StreetNode } from '../../../../shared/api/units';

/**
 * Left column: 全部 and every street/town with its number of units; click to choose.
 * `selectedId` undefined = nothing highlighted (while search results are shown).
 */
export function StreetList({ streets, selectedId, onSelect }: { streets: StreetNode[]; selectedId: number | null | undefined; onSelect: (id: number | null) => void }) {
  const total = streets.reduce((n, s) => n + s.units.filter((u) => u.status === 'active').length, 0);
  return (
    <List dense disablePadding aria-label="街道（镇）列表" sx={{ overflow: 'auto', flex: 1 }}>
      <ListItemButton selected={selectedId === null} onClick={() => onSelect(null)}>
        <ListItemText primary={`全部（${streets.length} 个街道/镇）`} />
        <Count n={total} />
      </ListItemButton>
      {streets.map((s) => (
        <ListItemButton key={s.id} selected={selectedId === s.id} onClick={() => onSelect(s.id)} sx={{ pl: 3 }}>
          <ListItemText
            primary={s.name}
            secondary={s.status === 'retired' ? '已撤销' : undefined}
            slotProps={{ primary: { noWrap: true, title: s.name, sx: s.status === 'retired' ? { color: 'text.disabled' } : undefined } }}
          />
          <Count n={s.units.filter((u) => u.status === 'active').length} />
        </ListItemButton>
      ))}
    </List>
  );
}

function Count({ n }: { n: number }) {
  return (
    <Box sx={{ ml: 1 }}>
      <Typography variant="caption" color="text.secondary">
        {n}
      </Typography>
    </Box>
  );
}
