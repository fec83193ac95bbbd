import type { InboundLookup } from '../../../../src-shared/contract/inbound';
import { dialTargetOf } from '../../phone/phone';

export const TRANSFER_TOOL = 'transfer_to_department';

/**
 * The agent's own prompt, plus what this number adds: the language to speak and the departments a
 * caller may need. With live transfers the agent hands the caller over itself; without them it can
 * only give out a department's direct number (an extension or a SIP address is no use to a caller).
 */
export function agentInstructions(lookup: InboundLookup, transfers: boolean): string {
  const agent = lookup.ai_agent!;
  const parts = [agent.system_prompt.trim(), `You answer calls to ${lookup.display_name}. Speak the language ${lookup.voice.language}.`];
  if (lookup.departments.length > 0) {
    if (transfers) {
      const lines = lookup.departments.map(
        (d) => `- ${d.name}${d.description ? ` (${d.description})` : ''}${d.open ? '' : ': closed right now'}`,
      );
      parts.push(
        `When a caller needs one of these departments, call ${TRANSFER_TOOL} with its name, then tell the caller you are connecting them. ` +
          `A department that is closed cannot take the call; offer to help or to take a message instead.\n${lines.join('\n')}`,
      );
    } else {
      const lines = lookup.departments.map((d) => {
        const t = dialTargetOf(d.transfer_number);
        const reach = t.kind === 'phone' ? t.phone : 'no direct number for callers; offer to take a message';
        return `- ${d.name}${d.description ? ` (${d.description})` : ''}: ${reach}`;
      });
      parts.push(`When a caller needs one of these departments, tell them how to reach it:\n${lines.join('\n')}`);
    }
  }
  return parts.join('\n\n');
}

/** The one tool the model gets: hand the caller to a department by name. */
export function transferTool(lookup: InboundLookup) {
  return {
    name: TRANSFER_TOOL,
    description: 'Connect the caller to one of the departments by name. Use it only when the caller asks for it or clearly needs it.',
    parameters: {
      type: 'object',
      properties: {
        department: { type: 'string', enum: lookup.departments.map((d) => d.name), description: 'the department to connect the caller to' },
      },
      required: ['department'],
    },
  };
}
