import type { z } from 'zod';

/**
 * One channel of the console's contract: the zod schema its single object argument must pass,
 * and (as a phantom type) what it answers. Both sides of the bridge are typed from this.
 */
export interface ChannelDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** phantom: never set at run time */
  readonly output?: O;
}

/** `channel<Answer>()(InputSchema)`: the answer type is given, the input type comes from zod. */
export const channel =
  <O>() =>
  <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });
