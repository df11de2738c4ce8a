import { createTheme } from '@mui/material/styles';
import { zhCN as materialZhCN } from '@mui/material/locale';
import { zhCN as gridZhCN } from '@mui/x-data-grid/locales';
import { zhCN as pickersZhCN } from '@mui/x-date-pickers/locales';

/**
 * System CJK fonts only (intranet PCs: no web fonts): Windows, UOS/Kylin/Debian, macOS.
 * Every MUI package gets its Chinese locale so no English reaches the user.
 */
export const CJK_FONT_STACK = [
  '"Microsoft YaHei"',
  '"微软雅黑"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  'sans-serif',
].join(', ');

export const theme = createTheme(
  {
    palette: {
      primary: { main: '#b71c1c' },
      secondary: { main: '#455a64' },
      background: { default: '#f5f5f5' },
    },
    typography: { fontFamily: CJK_FONT_STACK, fontSize: 14, button: { textTransform: 'none' } },
    shape: { borderRadius: 6 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
      MuiDialog: { defaultProps: { fullWidth: true, maxWidth: 'sm' } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  },
  materialZhCN,
  gridZhCN,
  pickersZhCN,
);
