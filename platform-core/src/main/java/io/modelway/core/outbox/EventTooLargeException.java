package io.modelway.core.outbox;

/** An event larger than {@link Outbox#MAX_EVENT_BYTES}: refused when appended, so the change it announces rolls back. */
public class EventTooLargeException extends IllegalStateException {

    public EventTooLargeException(String type, int bytes, int limit) {
        super(type + " of " + bytes + " bytes is larger than the " + limit + " bytes an event may have");
    }
}
