import { useNavigate } from 'react-router';

/**
 * 返回 for pages a clerk may also open from a link or a restart (no page behind them in this
 * window): back when there is somewhere to go back to, else to `fallback`. The router keeps the
 * position in history.state.idx.
 */
export function useBack(fallback: string): () => void {
  const navigate = useNavigate();
  return () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate(fallback);
  };
}
