import { isIPv4, isIPv6 } from 'node:net';

export interface HostPort {
  /** lower case; an IPv6 literal without its brackets */
  host: string;
  kind: 'ipv4' | 'ipv6' | 'name';
  /** null when the header names none */
  port: number | null;
}

/**
 * A Host header (RFC 9110 §7.2: uri-host [":" port]) taken apart: an IPv4 literal, a bracketed IPv6
 * literal, or a DNS name. Null for anything else ("evil.example:1:2", an unbracketed IPv6, a port
 * out of range), which the caller refuses rather than guesses at.
 */
export function parseHost(value: string): HostPort | null {
  const m = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const raw = m[1].toLowerCase();
  if (raw.startsWith('[')) {
    const inner = raw.slice(1, -1);
    return isIPv6(inner) ? { host: inner, kind: 'ipv6', port } : null;
  }
  if (isIPv4(raw)) return { host: raw, kind: 'ipv4', port };
  // a name is letters, digits and hyphens in dot-separated labels; all-digit look-alikes of an IPv4 are not one
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(raw) || /^[\d.]+$/.test(raw))
    return null;
  return { host: raw, kind: 'name', port };
}

/**
 * Whether a browser's Origin header names the very origin the request came to: same scheme, same host,
 * same port (the scheme's default when left out). "null" and anything unparsable are foreign.
 */
export function isSameOrigin(origin: string, protocol: 'http' | 'https', host: HostPort): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== `${protocol}:` || url.username || url.password || (url.pathname !== '/' && url.pathname !== '')) return false;
  const fromOrigin = parseHost(url.host);
  const defaultPort = protocol === 'https' ? 443 : 80;
  return fromOrigin !== null && fromOrigin.host === host.host && (fromOrigin.port ?? defaultPort) === (host.port ?? defaultPort);
}
