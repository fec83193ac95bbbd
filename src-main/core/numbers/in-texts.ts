import type { Queries } from '../db/engine/queries';

/**
 * `column in` a list of strings (phones, statuses) as ONE statement whatever the list's length, the way
 * `dialectOf(q).inIds` does it for ids: SQLite reads the list as JSON (json_each; the import's measured
 * form for its known phones), PostgreSQL as a text array. Pass `texts(q, list)` as the one parameter.
 */
export const inTexts = (q: Pick<Queries, 'engine'>, column: string): string =>
  q.engine === 'sqlite' ? `${column} in (select value from json_each(?))` : `${column} = any(?::text[])`;

export const texts = (q: Pick<Queries, 'engine'>, list: readonly string[]): unknown =>
  q.engine === 'sqlite' ? JSON.stringify(list) : list;
