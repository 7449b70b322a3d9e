/**
 * Who may ask what: every message type, sent once from an extension page and once from a content script. Only the
 * overlay's page-side messages answer content scripts; all others are refused before their handler runs.
 */
import { describe, expect, it, vi } from 'vitest';
import { route, senderKind, type Handlers, type MessageType } from './message-schemas.ts';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const options = { extensionOrigin: ORIGIN, extensionId: ID };

const FRAME_KEY = 'k3y0f7h3fr4m3abcdef';
const key = { kind: 'domain', domain: 'mueller-maschinenbau.de' };
const context = { site: 'generic', keys: [key], pageKind: 'mail' };

/** A valid payload for each type, and whether a content script may send it: the table the router must follow. */
const TABLE: Record<MessageType, { payload: unknown; contentScript: boolean }> = {
  ping: { payload: {}, contentScript: true },
  'overlay.settings': { payload: { hostname: 'crm.example.com' }, contentScript: true },
  'overlay.context': { payload: { context, noRoom: false, frameKey: FRAME_KEY }, contentScript: true },
  'overlay.placement': { payload: {}, contentScript: true },
  'overlay.placement.save': { payload: { placement: { side: 'left', top: 80, left: 12 } }, contentScript: true },
  'overlay.lookup': { payload: { frameKey: FRAME_KEY }, contentScript: false },
  'overlay.relay': {
    payload: { message: { type: 'overlay.frame', frameKey: FRAME_KEY, kind: 'dock' } },
    contentScript: false,
  },
  'page.lookup': { payload: { url: 'https://crm.example.com/', context }, contentScript: false },
  'match.correct': { payload: { key, accountId: '10001' }, contentScript: false },
  'account.search': { payload: { query: 'mue' }, contentScript: false },
  'insight.save': { payload: { input: {} }, contentScript: false },
  'feedback.mark': { payload: { accountId: '10001', talkingPointId: 'tp-1', mark: 'used' }, contentScript: false },
  'capture.open': { payload: { accountId: '10001' }, contentScript: false },
  'brief.open': { payload: { accountIds: ['10001'], from: 'overlay' }, contentScript: false },
  'sync.status': { payload: {}, contentScript: false },
  'sync.now': { payload: {}, contentScript: false },
  'sync.connect': { payload: { url: 'https://hub.example.com', token: 'secret-token' }, contentScript: false },
  'sync.disconnect': { payload: {}, contentScript: false },
  'sync.rejection.dismiss': { payload: { mutationId: 3 }, contentScript: false },
  'sync.conflict.resolve': { payload: { id: 1, action: 'keep-theirs' }, contentScript: false },
  'sync.recovery.dismiss': { payload: {}, contentScript: false },
  'adapter.test': { payload: { tabId: 3, definition: {} }, contentScript: false },
};

function allHandlers() {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    Object.keys(TABLE).map((type) => [
      type,
      vi.fn(async () => {
        calls.push(type);
        return { handled: type };
      }),
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

const extensionPage = { id: ID, url: `${ORIGIN}/options.html` };
const overlayFrame = { id: ID, url: `${ORIGIN}/overlay-frame.html`, tab: { id: 7 } as never, frameId: 3 };
const contentScript = { id: ID, url: 'https://crm.example.com/record/1', tab: { id: 7 } as never, frameId: 0 };

describe('the message router checks who asks', () => {
  for (const [type, row] of Object.entries(TABLE) as [MessageType, (typeof TABLE)[MessageType]][]) {
    it(`${type}: answers extension pages (and the overlay frame)`, async () => {
      for (const sender of [extensionPage, overlayFrame]) {
        const { handlers, calls } = allHandlers();
        const answer = await route(handlers, { type, payload: row.payload }, sender, options);
        expect(answer).toEqual({ ok: true, data: { handled: type } });
        expect(calls).toEqual([type]);
      }
    });

    it(`${type}: ${row.contentScript ? 'answers' : 'refuses'} content scripts`, async () => {
      const { handlers, calls } = allHandlers();
      const answer = await route(handlers, { type, payload: row.payload }, contentScript, options);
      if (row.contentScript) {
        expect(answer).toEqual({ ok: true, data: { handled: type } });
        expect(calls).toEqual([type]);
      } else {
        expect(answer).toEqual({
          ok: false,
          error: `Refused ${type}: answered to the extension's own pages only, not to content scripts`,
        });
        expect(calls).toEqual([]);
      }
    });
  }

  it('refuses a sender that is not this extension, whatever it asks', async () => {
    const { handlers, calls } = allHandlers();
    for (const sender of [{ id: 'another-extension', url: 'chrome-extension://another/x.html' }, { id: ID }]) {
      const answer = await route(handlers, { type: 'ping', payload: {} }, sender, options);
      expect(answer).toEqual({ ok: false, error: 'Refused ping: the sender is not this extension' });
    }
    expect(calls).toEqual([]);
  });

  it('tells pages on the extension origin from web pages that merely look like it', () => {
    expect(senderKind(extensionPage, ORIGIN, ID)).toBe('extension-page');
    expect(senderKind(contentScript, ORIGIN, ID)).toBe('content-script');
    expect(senderKind({ id: ID, url: `https://evil.example/${ORIGIN}/options.html` }, ORIGIN, ID)).toBe(
      'content-script',
    );
    expect(senderKind({ id: ID, url: 'not a url' }, ORIGIN, ID)).toBeNull();
  });

  it('checks the sender before the payload, so a content script learns nothing of a refused type', async () => {
    const { handlers } = allHandlers();
    const answer = await route(handlers, { type: 'sync.connect', payload: { url: 1 } }, contentScript, options);
    expect(answer).toMatchObject({ ok: false, error: expect.stringContaining('Refused sync.connect') });
  });

  it('keeps a key’s source through validation', async () => {
    const { handlers } = allHandlers();
    const withSource = { ...context, keys: [{ ...key, source: 'mail header' }] };
    await route(
      handlers,
      { type: 'overlay.context', payload: { context: withSource, noRoom: true, frameKey: FRAME_KEY } },
      contentScript,
      options,
    );
    expect(handlers['overlay.context']).toHaveBeenCalledWith(
      { context: withSource, noRoom: true, frameKey: FRAME_KEY },
      contentScript,
    );
  });
});
