package io.framewise.server.ws;

import io.framewise.server.access.Action;
import io.framewise.server.access.Resource;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.live.SessionEvent.MemberView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans library and note events out to the connections subscribed to them, and tells subscribers of
 * a topic who else watches it ({@code presence}). Publishing never blocks: each message is encoded
 * once and queued on every recipient's bounded outbox, so a slow client cannot stall the others or
 * the publisher.
 */
public final class EventHub {

    /** How many topics one connection may watch at once. */
    public static final int MAX_TOPICS_PER_CONNECTION = 64;

    private final ServerMessages messages;
    private final ConcurrentHashMap<Topic, Set<ClientConnection>> subscribers = new ConcurrentHashMap<>();

    private final WsAccess access;

    EventHub(ServerMessages messages, WsAccess access) {
        this.messages = messages;
        this.access = access;
    }

    /** Sends a library event to subscribers of the library, its asset and its media item. */
    public void publish(LibraryEvent event) {
        // A removal names an id the watchers already knew, and the item is gone: nothing to check against.
        deliver(messages.library(event), event.mediaId(), event.assetId(), event.kind() != LibraryEvent.Kind.REMOVED);
    }

    /** Sends a note event to subscribers of the library, its asset and its media item. */
    public void publish(NoteEvent event) {
        deliver(messages.note(event), event.mediaId(), event.assetId(), true);
    }

    public int subscriberCount(Topic topic) {
        Set<ClientConnection> set = subscribers.get(topic);
        return set == null ? 0 : set.size();
    }

    void subscribe(ClientConnection connection, Topic topic) throws TooManyTopics {
        if (!connection.topics().contains(topic) && connection.topics().size() >= MAX_TOPICS_PER_CONNECTION) {
            throw new TooManyTopics();
        }
        connection.topics().add(topic);
        subscribers.computeIfAbsent(topic, key -> ConcurrentHashMap.newKeySet()).add(connection);
        connection.send(messages.subscribed(topic, true));
        announcePresence(topic);
    }

    boolean unsubscribe(ClientConnection connection, Topic topic) {
        if (!connection.topics().remove(topic)) {
            return false;
        }
        removeSubscriber(topic, connection);
        connection.send(messages.subscribed(topic, false));
        announcePresence(topic);
        return true;
    }

    void disconnected(ClientConnection connection) {
        for (Topic topic : List.copyOf(connection.topics())) {
            connection.topics().remove(topic);
            removeSubscriber(topic, connection);
            announcePresence(topic);
        }
    }

    private void removeSubscriber(Topic topic, ClientConnection connection) {
        subscribers.computeIfPresent(topic, (key, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    private void announcePresence(Topic topic) {
        Set<ClientConnection> set = subscribers.get(topic);
        if (set == null) {
            return;
        }
        List<ClientConnection> watchers = List.copyOf(set);
        List<MemberView> viewers = new ArrayList<>(watchers.size());
        watchers.forEach(c -> viewers.add(new MemberView(c.id(), c.identity().displayName(), false)));
        String text = messages.presence(topic, viewers);
        watchers.forEach(c -> c.send(text));
    }

    private void deliver(String text, String mediaId, String assetId, boolean onlyToViewers) {
        // A connection watching the library and the item still gets the event once.
        Set<ClientConnection> recipients = new LinkedHashSet<>();
        addAll(recipients, Topic.LIBRARY);
        addAll(recipients, Topic.media(mediaId));
        if (assetId != null) {
            addAll(recipients, Topic.asset(assetId));
        }
        for (ClientConnection c : recipients) {
            if (!onlyToViewers
                    || access.decide(c.identity().principal(), Action.MEDIA_VIEW, new Resource.Media(mediaId))
                            .allowed()) {
                c.send(text);
            }
        }
    }

    private void addAll(Set<ClientConnection> recipients, Topic topic) {
        Set<ClientConnection> set = subscribers.get(topic);
        if (set != null) {
            recipients.addAll(set);
        }
    }

    /** A connection asked for more topics than {@link #MAX_TOPICS_PER_CONNECTION}. */
    static final class TooManyTopics extends Exception {
        TooManyTopics() {
            super("at most " + MAX_TOPICS_PER_CONNECTION + " subscriptions per connection", null, false, false);
        }
    }
}
