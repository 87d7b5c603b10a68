package io.framewise.media.ringa;

import io.framewise.media.ringb.RingB;

/** A fixture: one half of a dependency cycle between two features, for the boundary test. */
public final class RingA {
    RingB other;
}
