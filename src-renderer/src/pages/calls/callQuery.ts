import type { Input } from '../../../../src-shared/contract';
import { CALL_STATUSES, type CallStatus } from '../../../../src-shared/statuses';

/** The call log's filters as they live in the address, so a dashboard cell can link straight to them. */
export interface CallFilterState {
  from: string;
  to: string;
  status: CallStatus[];
  scenarioId: string;
  outboundLineId: string;
  agentId: string;
  phone: string;
  direction: '' | 'outbound' | 'inbound';
}

export const EMPTY_FILTERS: CallFilterState = {
  from: '',
  to: '',
  status: [],
  scenarioId: '',
  outboundLineId: '',
  agentId: '',
  phone: '',
  direction: '',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d+$/;

export function filtersFromQuery(q: URLSearchParams): CallFilterState {
  const pick = (k: string, re: RegExp) => {
    const v = q.get(k) ?? '';
    return re.test(v) ? v : '';
  };
  const dir = q.get('direction');
  return {
    from: pick('from', DATE),
    to: pick('to', DATE),
    status: (q.get('status') ?? '').split(',').filter((s): s is CallStatus => (CALL_STATUSES as readonly string[]).includes(s)),
    scenarioId: pick('scenarioId', ID),
    outboundLineId: pick('outboundLineId', ID),
    agentId: pick('agentId', ID),
    phone: q.get('phone') ?? '',
    direction: dir === 'outbound' || dir === 'inbound' ? dir : '',
  };
}

export function filtersToQuery(f: CallFilterState): Record<string, string> {
  return {
    from: f.from,
    to: f.to,
    status: f.status.join(','),
    scenarioId: f.scenarioId,
    outboundLineId: f.outboundLineId,
    agentId: f.agentId,
    phone: f.phone.trim(),
    direction: f.direction,
  };
}

/** What calls.list (and the CSV export) take for these filters. */
export function filtersToInput(companyId: number, f: CallFilterState): Omit<Input<'calls.list'>, 'cursor' | 'limit'> {
  return {
    companyId,
    ...(f.from && { from: f.from }),
    ...(f.to && { to: f.to }),
    ...(f.status.length > 0 && { status: f.status }),
    ...(f.scenarioId && { scenarioId: Number(f.scenarioId) }),
    ...(f.outboundLineId && { outboundLineId: Number(f.outboundLineId) }),
    ...(f.agentId && { agentId: Number(f.agentId) }),
    ...(f.phone.trim() && { phone: f.phone.trim() }),
    ...(f.direction && { direction: f.direction }),
  };
}

export const activeFilterCount = (f: CallFilterState) => Object.values(filtersToQuery(f)).filter(Boolean).length;
