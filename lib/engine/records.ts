/**
 * Canonical records: what an import produces and what scoring consumes. Imports map any export (German ERP CSV,
 * CRM JSON) onto these; scoring never sees a raw column.
 */
import { z } from 'zod';
import { CrmIdsSchema } from './snapshot.ts';

export const AccountRecordSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Lower-cased email/web domains without scheme or `www.`. */
  domains: z.array(z.string()),
  industry: z.string().optional(),
  region: z.string().optional(),
  ownerEmail: z.string().optional(),
  crmIds: CrmIdsSchema,
});
export type AccountRecord = z.infer<typeof AccountRecordSchema>;

export const OrderLineSchema = z.object({
  orderId: z.string().min(1),
  accountId: z.string().min(1),
  /** ISO date, YYYY-MM-DD. */
  orderDate: z.iso.date(),
  sku: z.string().min(1),
  productName: z.string(),
  category: z.string(),
  quantity: z.number().refine(Number.isFinite),
  /** Net amount of the line in `currency` (returns and credit notes are negative). */
  netAmount: z.number().refine(Number.isFinite),
  currency: z.string().length(3).optional(),
  /** Margin amount of the line, where the export has it. */
  margin: z.number().refine(Number.isFinite).optional(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const ProductRecordSchema = z.object({ sku: z.string().min(1), name: z.string(), category: z.string() });
export type ProductRecord = z.infer<typeof ProductRecordSchema>;

export const ContactRecordSchema = z.object({
  email: z.string().min(3),
  name: z.string(),
  accountId: z.string().min(1),
  role: z.string().optional(),
});
export type ContactRecord = z.infer<typeof ContactRecordSchema>;

export interface Dataset {
  accounts: AccountRecord[];
  orders: OrderLine[];
  products: ProductRecord[];
  contacts: ContactRecord[];
}
