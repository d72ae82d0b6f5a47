import { createHash, randomBytes } from "node:crypto";
import type { Request, Response, NextFunction } from "express";
import { Redis } from "ioredis";

/**
 * Server-side sessions kept in Redis.
 *
 * A session id is a random token in an http-only cookie; the value is a JSON
 * document with the user id and the time the session was last seen.
 */
export interface SessionData {
  userId: string;
  roles: string[];
  lastSeen: number;
}

export type SessionOptions = {
  ttlSeconds: number;
  cookieName: string;
  secure: boolean;
};

const DEFAULT_OPTIONS: SessionOptions = {
  ttlSeconds: 3600,
  cookieName: "sid",
  secure: true,
};

// Keys look like `session:<sha256 of the id>` so that a dump of Redis does not
// reveal usable session ids. The hash is computed once per request and cached
// on the request object.
const KEY_PREFIX = "session:";

export class SessionStore {
  private readonly options: SessionOptions;
  #hits = 0;

  constructor(private readonly redis: Redis, options: Partial<SessionOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    if (this.options.ttlSeconds <= 0) {
      throw new Error(`ttlSeconds must be positive, got ${this.options.ttlSeconds}`);
    }
  }

  get hits(): number {
    return this.#hits;
  }

  /** Creates a session for a user and returns its id. */
  async create(userId: string, roles: string[] = []): Promise<string> {
    const id = randomBytes(32).toString("base64url");
    const data: SessionData = { userId, roles, lastSeen: Date.now() };
    await this.redis.set(this.key(id), JSON.stringify(data), "EX", this.options.ttlSeconds);
    return id;
  }

  /** The session's data, or null when it expired or never existed. */
  async load(id: string): Promise<SessionData | null> {
    const raw = await this.redis.get(this.key(id));
    if (raw === null) {
      return null;
    }
    this.#hits++;
    const data = JSON.parse(raw) as SessionData;
    data.lastSeen = Date.now();
    await this.redis.set(this.key(id), JSON.stringify(data), "EX", this.options.ttlSeconds);
    return data;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.key(id));
  }

  private key(id: string): string {
    const digest = createHash("sha256").update(id).digest("hex");
    return `${KEY_PREFIX}${digest}`;
  }
}

export function requireRole(role: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const session = (req as any).session as SessionData | undefined;
    if (!session) {
      res.status(401).json({ error: "not signed in" });
      return;
    }
    if (!session.roles.includes(role)) {
      res.status(403).json({ error: `role ${role} required` });
      return;
    }
    next();
  };
}

export const sessionMiddleware = (store: SessionStore, options: SessionOptions = DEFAULT_OPTIONS) =>
  async (req: Request, res: Response, next: NextFunction) => {
    const id = req.cookies?.[options.cookieName];
    if (typeof id !== "string" || id.length === 0) {
      next();
      return;
    }
    const data = await store.load(id);
    if (data === null) {
      res.clearCookie(options.cookieName);
    } else {
      (req as any).session = data;
    }
    next();
  };

function parseCookieHeader(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0) {
      cookies[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1));
    }
  }
  return cookies;
}

export default { SessionStore, requireRole, sessionMiddleware, parseCookieHeader };
