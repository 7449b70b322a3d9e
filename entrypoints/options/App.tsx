import { t } from '../../lib/i18n.ts';

export function App() {
  return (
    <main style={{ padding: '16px 24px', maxWidth: '880px' }}>
      <h1>{t('optionsTitle')}</h1>
    </main>
  );
}
