import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '../../components/States';
import { ChangePasswordForm } from './ChangePasswordForm';
import { AuthScreen } from './AuthScreen';
import { FirstAdminScreen } from './FirstAdminScreen';
import { LockScreen } from './LockScreen';
import { LoginScreen } from './LoginScreen';
import { useAuthStatus } from './useCurrentUser';
import { useIdleLock } from './useIdleLock';
import { useQueryClient } from '@tanstack/react-query';

/**
 * Nothing of the app shows until someone is logged in: first the administrator is created,
 * then login; an idle session is covered by the lock screen; a password set by the
 * administrator must be changed before work starts.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuthStatus();
  const queryClient = useQueryClient();
  if (status.isPending) return <LoadingState label="正在打开…" fullPage />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} fullPage />;
  const { hasUsers, user, locked, idleLockMinutes } = status.data;
  if (!hasUsers) return <FirstAdminScreen />;
  if (!user) return <LoginScreen />;
  if (locked) return <LockScreen user={user} />;
  if (user.mustChangePassword) {
    return (
      <AuthScreen title="请修改密码" subtitle="您的密码由管理员设置，请先改为只有您自己知道的密码。">
        <ChangePasswordForm onDone={() => void queryClient.invalidateQueries()} />
      </AuthScreen>
    );
  }
  return <Unlocked idleLockMinutes={idleLockMinutes}>{children}</Unlocked>;
}

function Unlocked({ idleLockMinutes, children }: { idleLockMinutes: number; children: ReactNode }) {
  useIdleLock(idleLockMinutes);
  return children;
}
