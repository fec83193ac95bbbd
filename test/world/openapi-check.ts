/**
 * Checks an answer against the server's own OpenAPI document (the subset of JSON Schema it uses), for the
 * contract tests of the served world and of the in-process port.
 */

export function schemaErrors(doc: any, schema: any, value: unknown, at = '$'): string[] {
  if (schema === undefined || schema === true) return [];
  if (schema.$ref) return schemaErrors(doc, resolveRef(doc, schema.$ref), value, at);
  if (schema.anyOf) {
    const ok = schema.anyOf.some((s: any) => schemaErrors(doc, s, value, at).length === 0);
    return ok ? [] : [`${at}: matches none of anyOf`];
  }
  const errors: string[] = [];
  const types: string[] | undefined = schema.type === undefined ? undefined : [].concat(schema.type);
  if (types && !types.some((t) => typeOk(t, value))) return [`${at}: ${JSON.stringify(value)?.slice(0, 80)} is not ${types.join('|')}`];
  if ('const' in schema && value !== schema.const) errors.push(`${at}: not ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${at}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${at}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${at}: above maximum`);
  }
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) errors.push(`${at}: pattern`);
  if (Array.isArray(value)) value.forEach((v, i) => errors.push(...schemaErrors(doc, schema.items, v, `${at}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) errors.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) errors.push(...schemaErrors(doc, sub, v, `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not in the schema`);
    }
  }
  return errors;
}

export function resolveRef(doc: any, ref: string): any {
  if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .reduce((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function typeOk(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}
