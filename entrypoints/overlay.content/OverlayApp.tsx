import { useEffect, useState } from 'preact/hooks';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { t } from '../../lib/i18n.ts';
import { sendMessage } from '../../lib/messaging.ts';

export interface OverlayAppProps {
  ctx: ContentScriptContext;
}

export function OverlayApp({ ctx }: OverlayAppProps) {
  const [status, setStatus] = useState<string>(t('overlayLoading'));
  useEffect(() => {
    sendMessage<'ping', { version: string }>('ping', {})
      .then((answer) => !ctx.isInvalid && setStatus(t('statusBackgroundOk', answer.version)))
      .catch((error: unknown) => !ctx.isInvalid && setStatus(t('statusBackgroundError', String(error))));
  }, [ctx]);
  return (
    <aside class="al-card" data-testid="accountlens-overlay" aria-label={t('overlayTitle')}>
      <header class="al-head">{t('overlayTitle')}</header>
      <p data-testid="overlay-status">{status}</p>
    </aside>
  );
}
