import { browser } from 'wxt/browser';
import { t } from '../../lib/i18n.ts';

export function App() {
  return (
    <main style={{ padding: '12px 14px' }}>
      <h1>{t('popupTitle')}</h1>
      <p class="muted">{t('appTagline')}</p>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('popupOpenOptions')}
      </button>
    </main>
  );
}
