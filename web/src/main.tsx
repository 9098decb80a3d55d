import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import './i18n';
import './styles.css';
import { languageInfo } from './i18n/languages';
import { ApiError } from './api/client';
import { SessionProvider } from './session';
import { AppRoutes } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retry only what may succeed on a second try: network failures and server errors.
      retry: (count, err) => count < 2 && (!(err instanceof ApiError) || err.isNetwork || err.status >= 500),
    },
  },
});

function Root() {
  const { i18n } = useTranslation();
  const info = languageInfo(i18n.language);
  return (
    <ConfigProvider locale={info.antd} direction={info.dir} theme={{ token: { fontFamily: 'system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif' } }}>
      <AntApp>
        <SessionProvider>
          <AppRoutes />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <Root />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
