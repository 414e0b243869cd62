/**
 * Root: Mantine (theme follows the store), toasts, opening this installation's registry
 * (openEnv) and choosing the screen: company picker -> login -> the application shell.
 */
import { useEffect, useState } from 'react';
import { Alert, Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { openEnv } from '../../shared/api';
import { useApp } from '../state/app.store';
import { useErrorText, useT } from '../i18n/use-t';
import { CompanyPicker } from './CompanyPicker';
import { LoginScreen } from './LoginScreen';
import { Shell } from './Shell';
import { useMenuCommands } from './menu';

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'sm', fontFamily: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' });

export function App() {
  const scheme = useApp((s) => s.theme);
  return (
    <MantineProvider theme={theme} forceColorScheme={scheme}>
      {/* bottom-right: a toast never covers the Save / Submit buttons of a form header */}
      <Notifications position="bottom-right" />
      <Root />
    </MantineProvider>
  );
}

function Root() {
  const t = useT();
  const errorText = useErrorText();
  const env = useApp((s) => s.env);
  const session = useApp((s) => s.session);
  const loginCompany = useApp((s) => s.loginCompany);
  const lang = useApp((s) => s.lang);
  const setEnv = useApp((s) => s.setEnv);
  const [error, setError] = useState<unknown>(null);
  useMenuCommands();

  useEffect(() => {
    openEnv().then(setEnv, setError);
  }, [setEnv]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = session ? `${session.settings.name} — ${t('app.name')}` : t('app.name');
  }, [lang, session, t]);

  if (error) return <Center h="100vh"><Alert color="red" title={t('app.start_failed')}>{errorText(error)}</Alert></Center>;
  if (!env) return <Center h="100vh"><Loader /></Center>;
  if (session) return <Shell />;
  if (loginCompany) return <LoginScreen />;
  return <CompanyPicker />;
}
