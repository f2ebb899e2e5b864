// Signing in: the pasted operator key makes a session (auth.sessions.create), and only the session's token is kept,
// in this tab's sessionStorage; the key itself is never stored. Signing out ends the session (auth.logout).
import { OpsClient, OpsError } from './client';
import type { SessionAnswer } from './model';

const STORAGE_KEY = 'geopera.ops.session';
/** The session asked for: a working day. A deployment with a shorter session-max-ttl gets its default instead. */
const SESSION_TTL_SECONDS = 8 * 3600;

export interface Session {
  token: string;
  scopes: string[];
  expiresAt: string;
}

export function storedSession(): Session | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    return stored && typeof stored.token === 'string' ? stored as Session : null;
  } catch {
    return null;
  }
}

/** Makes a session of `key`, stores it and answers it; throws OpsError when the api refuses the key. */
export async function signIn(key: string): Promise<Session> {
  const client = new OpsClient(key);
  let answer: SessionAnswer;
  try {
    answer = await client.call<SessionAnswer>('auth.sessions.create', { ttl_seconds: SESSION_TTL_SECONDS });
  } catch (error) {
    if (!(error instanceof OpsError) || error.status !== 422) {
      throw error;
    }
    answer = await client.call<SessionAnswer>('auth.sessions.create', {});
  }
  const session = { token: answer.token, scopes: answer.scopes, expiresAt: answer.expires_at };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

/** Forgets the session here, and ends it at the api unless `revoke` is false (it was refused already). */
export async function signOut(session: Session | null, revoke = true): Promise<void> {
  sessionStorage.removeItem(STORAGE_KEY);
  if (session && revoke) {
    await new OpsClient(session.token).call('auth.logout', {}).catch(() => undefined);
  }
}

export function canAct(session: Session): boolean {
  return session.scopes.includes('ops:write') || session.scopes.includes('admin');
}
