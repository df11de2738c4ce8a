import { Chip, List, ListItemButton, ListItemIcon, ListItemText, Paper, Radio, Stack, Tooltip, Typography } from '@mui/material';
import type { OpenedImport } from '../../../../shared/api/imports';

/** 选择工作表: each sheet with its size and how well its header fits; the best one preselected. */
export function SheetStep({ opened, selected, onSelect }: { opened: OpenedImport; selected: number; onSelect: (index: number) => void }) {
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 760, width: '100%', mx: 'auto' }}>
      <Typography>文件中有 {opened.sheets.length} 个工作表，请选择要导入的一个。已预先选中表头最符合的工作表。</Typography>
      <Paper variant="outlined">
        <List disablePadding aria-label="工作表">
          {opened.sheets.map((sheet) => {
            const checked = sheet.index === selected;
            return (
              <ListItemButton
                key={sheet.index}
                divider
                selected={checked}
                disabled={sheet.problem !== null}
                onClick={() => onSelect(sheet.index)}
                role="radio"
                aria-checked={checked}
                aria-label={sheet.name}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>
                  <Radio edge="start" checked={checked} tabIndex={-1} disableRipple size="small" />
                </ListItemIcon>
                <ListItemText
                  primary={
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', minWidth: 0 }}>
                      <Tooltip title={sheet.name.length > 30 ? sheet.name : ''}>
                        <Typography noWrap sx={{ fontWeight: checked ? 600 : 400, minWidth: 0 }}>
                          {sheet.name}
                        </Typography>
                      </Tooltip>
                      {sheet.hidden && <Chip size="small" label="隐藏" />}
                      {sheet.index === opened.suggestedSheet && <Chip size="small" color="primary" variant="outlined" label="推荐" />}
                    </Stack>
                  }
                  secondary={
                    sheet.problem ?? (
                      <>
                        {sheet.rowCount} 行 · {sheet.matchedColumns > 0 ? `识别出 ${sheet.matchedColumns} 列` : '没有识别出可导入的列'}
                      </>
                    )
                  }
                  slotProps={{ secondary: { color: sheet.problem ? 'error' : 'text.secondary' } }}
                />
              </ListItemButton>
            );
          })}
        </List>
      </Paper>
    </Stack>
  );
}
