import type { ParsedInput } from '../../src-shared/contract';
import { HANDLERS } from '../../src-main/ipc/table';
import type { Handler, HandlerContext, HandlerTable } from '../../src-main/ipc/types';

/** The real handler table, with app.state taking `ms` first: a console job that keeps its socket quiet. */
export function withSlowAppState(ms: number): HandlerTable {
  const appState = HANDLERS['app.state'] as Extract<Handler<'app.state'>, { access: 'public' }>;
  return {
    ...HANDLERS,
    'app.state': {
      access: 'public',
      async run(ctx: HandlerContext, input: ParsedInput<'app.state'>) {
        await new Promise((r) => setTimeout(r, ms));
        return appState.run(ctx, input);
      },
    },
  };
}
