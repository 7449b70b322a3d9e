/**
 * The sending side of the extension's messages: typed requests to the background and the answer envelope. Only
 * types come from lib/message-schemas.ts (where the background validates every request), so content scripts
 * bundle no validator.
 */
import { browser } from 'wxt/browser';
import type * as z from 'zod/mini';
import type { requests } from './message-schemas.ts';

export type MessageType = keyof typeof requests;
export type Request<T extends MessageType> = z.input<(typeof requests)[T]>;
export type Answer<T> = { ok: true; data: T } | { ok: false; error: string };

/** Sends a typed request to the background and unwraps the answer; throws with the background's error text. */
export async function sendMessage<T extends MessageType, R = unknown>(type: T, payload: Request<T>): Promise<R> {
  const answer = (await browser.runtime.sendMessage({ type, payload })) as Answer<R> | undefined;
  if (!answer || typeof answer !== 'object' || !('ok' in answer)) throw new Error(`No answer to ${type}`);
  if (!answer.ok) throw new Error(answer.error);
  return answer.data;
}

/** The `storage.session` key under which the background keeps what a tab's page is about (the overlay frame watches it). */
export function overlayTabKey(tabId: number): string {
  return `overlayTab:${tabId}`;
}

/** Whether a `storage.session` key is some tab's overlay entry. */
export function isOverlayTabKey(key: string): boolean {
  return key.startsWith('overlayTab:');
}
