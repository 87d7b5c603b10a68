package io.framewise.media.ringb;

import io.framewise.media.ringa.RingA;

/** A fixture: the other half of the dependency cycle in {@link RingA}. */
public final class RingB {
    RingA other;
}
