import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../../src-main/core/audit/audit';
import { updateCompany } from '../../../src-main/core/companies/companies';
import { configureInbound } from '../../../src-main/core/inbound/configure';
import { createInboundNumber } from '../../../src-main/core/inbound/numbers';
import { findDid } from '../../../src-main/core/inbound/lookup';
import { makeSeededCore, type TestCore, type World } from '../../world';

let core: TestCore;
let w: World;
beforeEach(async () => {
  ({ core, world: w } = await makeSeededCore());
  await updateCompany(core.db, CLI_ACTOR, { companyId: w.companyA, defaultCountry: 'DE' }, core.clock());
  await updateCompany(core.db, CLI_ACTOR, { companyId: w.companyB, defaultCountry: 'US' }, core.clock());
});
afterEach(async () => core.dispose());

const did = (companyId: number, phone: string, over: Record<string, unknown> = {}) =>
  createInboundNumber(
    core.db,
    CLI_ACTOR,
    {
      companyId,
      phone,
      displayName: '',
      aiAgentId: null,
      supportNumber: null,
      departments: [],
      voiceSettings: {},
      isActive: true,
      ...over,
    },
    core.clock(),
  );

describe('national DIDs, extensions and SIP targets (seed 003)', () => {
  it('dials extensions, SIP addresses and national numbers read with the company country', async () => {
    const n = await did(w.companyA, '030 1234567', {
      supportNumber: '8811001',
      departments: [
        { name: 'Sales', transferNumber: '030 1111111', description: '', hours: [] },
        { name: 'Billing', transferNumber: 'sip:billing@pbx.acme.example', description: '', hours: [] },
        { name: 'Support', transferNumber: '9988002', description: '', hours: [] },
      ],
    });
    expect(n.phone).toBe('+49301234567');
    expect(n.supportNumber).toBe('8811001');
    expect(n.departments.map((d) => d.transferNumber)).toEqual(['+49301111111', 'sip:billing@pbx.acme.example', '9988002']);
  });

  it('never takes an extension or a SIP address as a DID: a DID is what a carrier sends', async () => {
    await expect(did(w.companyB, '9988001')).rejects.toThrow(/phone: "9988001" is not a valid phone number/);
    await expect(did(w.companyA, 'sip:main@pbx.acme.example')).rejects.toThrow(/phone: /);
  });

  it('the command line reads an 11-digit US DID with the company country, without --region', async () => {
    const { number } = await configureInbound(core.db, CLI_ACTOR, { companyId: w.companyB, did: { phone: '12125550100' } }, core.clock());
    expect(number.phone).toBe('+12125550100');
  });

  it('matches a call to a national "to" at the company whose country reads it, and only there', async () => {
    await did(w.companyA, '+49301234567');
    await did(w.companyB, '+12125550100');
    expect((await findDid(core.db, '0301234567')).row?.company_id).toBe(w.companyA);
    expect((await findDid(core.db, '49301234567')).row?.company_id).toBe(w.companyA);
    expect((await findDid(core.db, '+12125550100')).row?.company_id).toBe(w.companyB);
    expect((await findDid(core.db, '0309999999')).row).toBeUndefined();
    expect(await findDid(core.db, 'anonymous')).toEqual({ row: undefined, did: null });
  });

  it('a national "to" that two companies in two countries could own rings at neither', async () => {
    await updateCompany(core.db, CLI_ACTOR, { companyId: w.companyB, defaultCountry: 'FR' }, core.clock());
    await did(w.companyA, '+49301234567');
    expect((await findDid(core.db, '0301234567')).row?.company_id).toBe(w.companyA);
    await did(w.companyB, '+33301234567');
    expect((await findDid(core.db, '0301234567')).row).toBeUndefined();
    expect((await findDid(core.db, '+33301234567')).row?.company_id).toBe(w.companyB);
  });
});
