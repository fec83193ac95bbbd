import { type Kysely, sql } from 'kysely';

/**
 * A company's settings for inbound AI calls. The secrets that go with them (the model key, the Jambonz
 * webhook secret, the Jambonz REST key) are kept outside the database (core/secrets); this holds what
 * is not secret:
 * - llm_vendor / llm_model / llm_host: the company's own realtime model (null vendor: the site's);
 *   llm_host is an Azure OpenAI resource's host, which the `microsoft` vendor requires;
 * - ai_cost_per_minute: what a started minute of an AI-answered inbound call costs (minor units, 0: free);
 * - jambonz_api_url: Jambonz's REST API (…/v1), for live transfers and fetching recordings;
 * - record_calls: ask Jambonz to record calls to its storage.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbound_settings')
    .addColumn('company_id', 'integer', (c) => c.primaryKey().references('companies.id'))
    .addColumn('llm_vendor', 'text', (c) => c.check(sql`llm_vendor in ('openai', 'microsoft')`))
    .addColumn('llm_model', 'text')
    .addColumn('llm_host', 'text')
    .addColumn('ai_cost_per_minute', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`ai_cost_per_minute >= 0`),
    )
    .addColumn('jambonz_api_url', 'text')
    .addColumn('record_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbound_settings').execute();
}
