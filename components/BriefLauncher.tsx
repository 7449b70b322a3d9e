/**
 * "Meeting brief for an account" where no account card is at hand (the side panel): pick an account, and the
 * brief opens in a new tab.
 */
import { t } from '../lib/i18n.ts';
import { sendMessage } from '../lib/messaging.ts';
import { AccountPicker } from './AccountPicker.tsx';
import type { BriefOrigin } from '../entrypoints/brief/brief-data.ts';

export interface BriefLauncherProps {
  from: BriefOrigin;
}

export function BriefLauncher({ from }: BriefLauncherProps) {
  return (
    <details class="al-details al-brief-launcher" data-testid="brief-launcher">
      <summary>{t('openBrief')}</summary>
      <AccountPicker
        label={t('briefLauncherLabel')}
        testId="brief-picker"
        onPick={(hit) => void sendMessage('brief.open', { accountIds: [hit.id], from })}
      />
    </details>
  );
}
