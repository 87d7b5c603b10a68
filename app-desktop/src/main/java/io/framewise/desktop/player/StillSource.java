package io.framewise.desktop.player;

/** Where frame-exact stills come from: the local media engine or the server. Calls block. */
public interface StillSource extends AutoCloseable {

    /** The picture of frame {@code index}, decoded exactly. */
    StillImage load(long index);

    @Override
    default void close() {}
}
