/** Every secret DialDesk keeps, by name in the box (secret-box.ts). */
export const SECRET = {
  /** the site's default key for the realtime model (the superuser's, for companies without their own) */
  siteLlmKey: 'site/llm-api-key',
  companyLlmKey: (companyId: number) => `company/${companyId}/llm-api-key`,
  /** the Jambonz account's webhook secret, for Jambonz-Signature */
  webhookSecret: (companyId: number) => `company/${companyId}/jambonz-webhook-secret`,
  /** a Jambonz REST API key: live transfers, recordings */
  jambonzApiKey: (companyId: number) => `company/${companyId}/jambonz-api-key`,
} as const;
