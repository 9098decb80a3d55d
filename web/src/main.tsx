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

// antd's defaults with the primary, link and error colours darkened one step so text meets WCAG AA (4.5:1).
const THEME = {
  token: {
    colorPrimary: '#0958d9', colorInfo: '#0958d9', colorLink: '#0958d9', colorError: '#cf1322', colorSuccess: '#237804', colorWarning: '#ad4e00',
    colorSuccessBg: '#f6ffed', colorSuccessBorder: '#b7eb8f', colorWarningBg: '#fffbe6', colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0', colorErrorBorder: '#ffccc7', colorInfoBg: '#e6f4ff', colorInfoBorder: '#91caff',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)', colorTextDescription: 'rgba(0, 0, 0, 0.6)', colorTextTertiary: 'rgba(0, 0, 0, 0.55)',
    // Users who ask their system for less motion get none.
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    fontFamily: 'system-ui, "Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic", sans-serif',
  },
};

function Root() {
  const { i18n } = useTranslation();
  const info = languageInfo(i18n.language);
  return (
    <ConfigProvider locale={info.antd} direction={info.dir} theme={THEME}>
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
