package dev.headroom.gateway;

/**
 * One server-sent event as it came off the wire.
 *
 * @param raw   the event's exact bytes, terminating blank line included
 * @param event the {@code event:} field, or null
 * @param data  the {@code data:} lines joined with {@code \n}, or null when there were none
 */
record SseEvent(byte[] raw, String event, String data) {
}
