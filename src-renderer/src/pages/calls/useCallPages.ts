import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallListItem } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { filtersToInput, type CallFilterState } from './callQuery';

export const FIRST_PAGE = 50;

/**
 * Keyset pages of the call log: the first page on every filter change, then "Load more" appends
 * the next page by cursor (stable while new calls arrive at the top).
 */
export function useCallPages(companyId: number, filters: CallFilterState) {
  const [rows, setRows] = useState<CallListItem[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const key = JSON.stringify(filters);

  const loadFirst = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api.call('calls.list', { ...filtersToInput(companyId, JSON.parse(key)), limit: FIRST_PAGE });
      if (mine !== seq.current) return;
      setRows(page.items);
      setNext(page.next);
    } catch (err) {
      // no rows of the last filters under the error of the new ones
      if (mine === seq.current) {
        setRows([]);
        setNext(null);
        setError(errorText(err));
      }
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [companyId, key]);

  useEffect(() => {
    void loadFirst();
  }, [loadFirst]);

  const loadMore = useCallback(async () => {
    if (!next) return;
    const mine = seq.current;
    setLoadingMore(true);
    try {
      const page = await api.call('calls.list', { ...filtersToInput(companyId, JSON.parse(key)), limit: FIRST_PAGE, cursor: next });
      if (mine !== seq.current) return;
      setRows((r) => [...r, ...page.items]);
      setNext(page.next);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setLoadingMore(false);
    }
  }, [companyId, key, next]);

  return { rows, next, loading, loadingMore, error, reload: loadFirst, loadMore };
}
