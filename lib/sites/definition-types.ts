/** The shape of a user-defined adapter, without DOM types (the hub checks definitions too, issue 16). */
/** A validated definition (CustomAdapterDefinitionSchema in custom-definitions.ts). */
export interface CustomAdapterDefinition {
  id: string;
  name: string;
  urlPattern: string;
  accountIdSelector?: string | undefined;
  nameSelector?: string | undefined;
  emailSelector?: string | undefined;
  domainSelector?: string | undefined;
  /** What the ids are: the CRM's own record ids (default) or the ERP's customer numbers (account ids). */
  idKind?: 'crm' | 'erp' | undefined;
}
