/**
 * The overlay's card, as an extension page inside the host page (the content script mounts it in a closed shadow
 * root; entrypoints/overlay.content/shell.ts). Being on the extension's origin, it asks the background for the
 * account itself: nothing of it passes through the host page. It listens to no `postMessage`.
 */
import { render } from 'preact';
import { uiLocale } from '../../lib/i18n.ts';
import { OverlayApp } from '../overlay.content/OverlayApp.tsx';

document.documentElement.lang = uiLocale();
render(<OverlayApp />, document.getElementById('app')!);
