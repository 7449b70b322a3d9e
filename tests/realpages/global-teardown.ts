import { tearDown } from './lifecycle.ts';

/** Stops the apps this run started; reused ones keep running. */
export default async function globalTeardown() {
  await tearDown();
}
