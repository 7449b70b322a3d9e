/** The hub's configuration, from the environment (see server/README in the module headers of main.ts). */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_ALLOWED_ORIGINS } from './origins.ts';

const DEFAULT_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  ALLOWED_ORIGINS: z.string().default(DEFAULT_ALLOWED_ORIGINS),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  MAX_DATASET_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
});
export type HubConfig = z.infer<typeof EnvSchema>;

/**
 * Reads the configuration; empty variables count as unset.
 * @throws {Error} naming each invalid variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new Error(`loadConfig: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
}
