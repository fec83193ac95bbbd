import { type Kysely } from 'kysely';

/**
 * A company's default country (ISO 3166-1 alpha-2, such as IR): how its people's national numbers are
 * read — "0912 123 4567" in a search, a DID or support number typed without its country code. Null:
 * numbers must be written with their country code, as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('companies').addColumn('default_country', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('companies').dropColumn('default_country').execute();
}
