package dev.headroom.gateway;

/** How the proxy treats the earlier turns of a conversation. */
public enum Mode {
    /** Maximum savings: earlier tool results are compressed too, identically on every turn. */
    TOKEN,
    /** The previously forwarded prefix of a session is replayed byte-for-byte; only new content is compressed. */
    CACHE
}
