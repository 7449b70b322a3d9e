import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShell } from './shell.ts';
import { answerContextQuestions, startWatching } from './watch.ts';

/**
 * Registered at runtime (background/content-scripts.ts) for the sites the rep enabled, so the extension installs
 * with no host permissions. Keep this entry small: it is injected into every CRM and webmail page. It reads the
 * page (watch.ts) and hosts the card's frame (shell.ts); the card itself is the extension page overlay-frame.html.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  cssInjectionMode: 'manual',
  main(ctx) {
    if (window.top !== window) return;
    answerContextQuestions(ctx);
    const shell = createShell(ctx);
    startWatching(ctx, (context) => shell.onContext(context));
  },
});
