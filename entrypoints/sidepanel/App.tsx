import { t } from '../../lib/i18n.ts';

export function App() {
  return (
    <main style={{ padding: '12px 14px' }}>
      <h1>{t('sidepanelTitle')}</h1>
    </main>
  );
}
