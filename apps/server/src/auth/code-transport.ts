import type { FastifyBaseLogger } from 'fastify';
import { EnvError } from '../env';

/**
 * How one-time codes (a forgotten PIN's reset code) reach a volunteer's phone. Real deployments
 * plug in SMS or Zalo; the built-in `log` transport writes codes to the server log (development).
 * `send` may throw: the caller logs the failure and still answers 202 (no account enumeration).
 */
export interface CodeTransport {
  /** `phone` is normalised (`+84…`); `text` is the whole message, code included. */
  send(phone: string, text: string): Promise<void>;
}

/**
 * Development: "code for +84912345678 : …123456…" at warn level. This line is the only place a
 * code is written in plain text; do not use it where the server log is shared.
 */
export function logTransport(log: Pick<FastifyBaseLogger, 'warn'>): CodeTransport {
  return {
    async send(phone, text) {
      log.warn(`code for ${phone} : ${text}`);
    },
  };
}

/** The transports the hub knows, by the name `XK_CODE_TRANSPORT` gives. */
export const codeTransports = {
  log: (log: Pick<FastifyBaseLogger, 'warn'>) => logTransport(log),
} as const;

/** A transport by name (default `log`); an unknown name stops the hub at start with a clear message. */
export function codeTransportNamed(name: string | undefined, log: Pick<FastifyBaseLogger, 'warn'>): CodeTransport {
  const chosen = name?.trim() || 'log';
  if (!Object.hasOwn(codeTransports, chosen)) {
    throw new EnvError(`XK_CODE_TRANSPORT must be one of: ${Object.keys(codeTransports).join(', ')} (got "${name}")`);
  }
  return codeTransports[chosen as keyof typeof codeTransports](log);
}

let override: CodeTransport | null = null;

/**
 * Replaces the transport of every hub in this process (tests capture codes with it; a deployment's
 * entry point may plug SMS or Zalo in before building the hub); null returns to the configured one.
 */
export function setCodeTransport(transport: CodeTransport | null): void {
  override = transport;
}

/** The transport to send through now: the override when set, else the hub's configured one. */
export const currentCodeTransport = (configured: CodeTransport): CodeTransport => override ?? configured;
