import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, prepare, transaction, type Db } from '../../../src-main/core/db/connection';

/**
 * While the core moves to the asynchronous database layer, the synchronous helpers still run on the
 * same connection: inside their own caller's transaction they join it, beside another request's they
 * refuse rather than silently become part of it.
 */
let db: Db;
beforeEach(() => {
  db = openDatabase({ file: ':memory:' });
  db.sqlite.exec('create table items (id integer primary key, name text not null)');
});
afterEach(() => closeDatabase(db));

const insertSync = (name: string) => transaction(db, () => prepare(db.sqlite, 'insert into items (name) values (?)').run(name));
const names = () => db.column<string>('select name from items order by id');

describe('the synchronous helpers beside asynchronous transactions', () => {
  it('a synchronous transaction called inside its caller’s asynchronous one is part of it: committed or undone with it', async () => {
    await db.transaction(async (tx) => {
      await tx.run("insert into items (name) values ('outer')");
      insertSync('inner');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.run("insert into items (name) values ('outer 2')");
        insertSync('inner 2');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await names()).toEqual(['outer', 'inner']);
  });

  it('a synchronous transaction beside another request’s open asynchronous one is refused and writes nothing', async () => {
    let release!: () => void;
    const held = db.transaction(async (tx) => {
      await tx.run("insert into items (name) values ('theirs')");
      await new Promise<void>((r) => (release = r));
      throw new Error('rolled back');
    });
    await new Promise((r) => setTimeout(r, 10)); // their transaction is open, waiting on release
    expect(() => insertSync('mine')).toThrow(/another request's asynchronous transaction is open/);
    release();
    await expect(held).rejects.toThrow('rolled back');
    expect(await names()).toEqual([]);
    insertSync('after'); // once theirs has ended, the synchronous helper works as before
    expect(await names()).toEqual(['after']);
  });
});
