import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { OverlayApp } from './OverlayApp.tsx';
import { answerContextQuestions } from './watch.ts';
import styles from '../../components/overlay.css?inline';

/**
 * Registered at runtime (background/content-scripts.ts) for the sites the rep enabled, so the extension installs
 * with no host permissions. Keep this entry small: it is injected into every CRM and webmail page.
 */
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  cssInjectionMode: 'manual',
  async main(ctx) {
    if (window.top !== window) return;
    answerContextQuestions(ctx);
    const ui = await createShadowRootUi(ctx, {
      name: 'accountlens-overlay',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: styles,
      isolateEvents: true,
      onMount(container) {
        render(<OverlayApp ctx={ctx} />, container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });
    // Give the page its turn between evaluating this script and building the overlay: two short tasks instead
    // of one long one (the budget: no task of 50 ms or more added to the host page).
    await yieldToPage();
    if (!ctx.isInvalid) ui.mount();
  },
});

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}
