package io.framewise.server.ws;

import io.framewise.server.access.Action;
import io.framewise.server.access.Resource;
import io.framewise.server.cluster.ClusterBus;
import io.framewise.server.db.Ids;
import io.framewise.server.events.LibraryEvent;
import io.framewise.server.events.NoteEvent;
import io.framewise.server.live.SessionEvent.MemberView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fans library and note events out to the connections subscribed to them, and tells subscribers of
 * a topic who else watches it ({@code presence}). Publishing never blocks: each message is encoded
 * once and queued on every recipient's bounded outbox, so a slow client cannot stall the others or
 * the publisher.
 *
 * <p>With several nodes every event also goes to the other nodes over the {@link ClusterBus} as
 * the encoded message with its media and asset ids; each node delivers it to its own subscribers
 * after its own access checks, so what one node sends never decides who another lets see it.
 */
public final class EventHub {

    /** How many topics one connection may watch at once. */
    public static final int MAX_TOPICS_PER_CONNECTION = 64;

    private final ServerMessages messages;
    private final ConcurrentHashMap<Topic, Set<ClientConnection>> subscribers = new ConcurrentHashMap<>();

    private final WsAccess access;
    private volatile ClusterBus bus = ClusterBus.local();

    /** The bus topic events travel on between nodes. */
    static final String BUS_TOPIC = "hub";

    EventHub(ServerMessages messages, WsAccess access) {
        this.messages = messages;
        this.access = access;
    }

    /**
     * Sends a library event to the subscribers of the library, its asset and its media item who may
     * see the item. A removal too: it is published while the item can still be looked up (see
     * MediaService), so only those who could see it learn of it.
     */
    public void publish(LibraryEvent event) {
        deliver(messages.library(event), event.mediaId(), event.assetId());
    }

    /** Sends a note event to the subscribers of the library, its asset and its media item who may see it. */
    public void publish(NoteEvent event) {
        deliver(messages.note(event), event.mediaId(), event.assetId());
    }

    /** Sends every event to the other nodes too, and delivers theirs to this node's subscribers. */
    void joinCluster(ClusterBus cluster) {
        this.bus = cluster;
        cluster.subscribe(BUS_TOPIC, this::fromOtherNode);
    }

    /** An event another node published: {@code media \n asset-or-empty \n message}. */
    private void fromOtherNode(String payload) {
        int first = payload.indexOf('\n');
        int second = first < 0 ? -1 : payload.indexOf('\n', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("a hub message is media, asset and text on three lines");
        }
        String mediaId = Ids.require("media", payload.substring(0, first));
        String assetId = first + 1 == second ? null : Ids.require("asset", payload.substring(first + 1, second));
        deliverHere(payload.substring(second + 1), mediaId, assetId);
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

    /**
     * Tells each watcher of a topic who watches it with them, as far as they may know: watchers of
     * an asset or media item are people who may see it, so they see each other (those who lost
     * access meanwhile are left out both ways); on the whole library, where anyone may watch, only
     * administrators (who may list every account anyway) see everyone, others their own
     * connections.
     */
    private void announcePresence(Topic topic) {
        Set<ClientConnection> set = subscribers.get(topic);
        if (set == null) {
            return;
        }
        List<ClientConnection> watchers = List.copyOf(set);
        if (topic.scope() == Topic.Scope.LIBRARY) {
            String everyone = messages.presence(topic, views(watchers));
            // Encoded once per person, so a large audience stays linear.
            Map<String, List<ClientConnection>> byPerson = new HashMap<>();
            watchers.forEach(c ->
                    byPerson.computeIfAbsent(person(c), k -> new ArrayList<>()).add(c));
            Map<String, String> theirOwn = new HashMap<>();
            for (ClientConnection c : watchers) {
                if (access.decide(c.identity().principal(), Action.USERS_ADMIN, Resource.SERVER)
                        .allowed()) {
                    c.send(everyone);
                } else {
                    c.send(theirOwn.computeIfAbsent(person(c), k -> messages.presence(topic, views(byPerson.get(k)))));
                }
            }
            return;
        }
        List<ClientConnection> seeing =
                watchers.stream().filter(c -> maySee(c, topic)).toList();
        String text = messages.presence(topic, views(seeing));
        seeing.forEach(c -> c.send(text));
    }

    private boolean maySee(ClientConnection c, Topic topic) {
        Action action = topic.scope() == Topic.Scope.ASSET ? Action.ASSET_VIEW : Action.MEDIA_VIEW;
        Resource resource =
                topic.scope() == Topic.Scope.ASSET ? new Resource.Asset(topic.id()) : new Resource.Media(topic.id());
        return access.decide(c.identity().principal(), action, resource).allowed();
    }

    /** Who is on a connection: the account, or for a guest (no account) the connection itself. */
    private static String person(ClientConnection c) {
        return c.identity().userId() != null ? "user:" + c.identity().userId() : "connection:" + c.id();
    }

    private static List<MemberView> views(List<ClientConnection> watchers) {
        List<MemberView> viewers = new ArrayList<>(watchers.size());
        watchers.forEach(c -> viewers.add(new MemberView(c.id(), c.identity().displayName(), false)));
        return viewers;
    }

    private void deliver(String text, String mediaId, String assetId) {
        deliverHere(text, mediaId, assetId);
        ClusterBus cluster = bus;
        if (cluster.shared()) {
            cluster.publish(BUS_TOPIC, mediaId + '\n' + (assetId == null ? "" : assetId) + '\n' + text);
        }
    }

    private void deliverHere(String text, String mediaId, String assetId) {
        // A connection watching the library and the item still gets the event once.
        Set<ClientConnection> recipients = new LinkedHashSet<>();
        addAll(recipients, Topic.LIBRARY);
        addAll(recipients, Topic.media(mediaId));
        if (assetId != null) {
            addAll(recipients, Topic.asset(assetId));
        }
        for (ClientConnection c : recipients) {
            if (access.decide(c.identity().principal(), Action.MEDIA_VIEW, new Resource.Media(mediaId))
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
