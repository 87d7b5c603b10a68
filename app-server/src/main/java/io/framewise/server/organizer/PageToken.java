package io.framewise.server.organizer;

import io.framewise.server.db.Paging;
import io.grpc.Status;
import java.util.List;

/**
 * A host API listing's page: the token is the offset of the next row (opaque to organizers, and
 * checked like any input).
 */
record PageToken(int offset, int size) {

    static final int DEFAULT_SIZE = 100;

    static PageToken of(int pageSize, String token) {
        if (pageSize < 0) {
            throw HostServiceImpl.invalid("page_size must be 0 or more");
        }
        int size = pageSize == 0 ? DEFAULT_SIZE : Math.min(pageSize, Paging.MAX_LIMIT);
        if (token.isEmpty()) {
            return new PageToken(0, size);
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset < 0) {
                throw new NumberFormatException();
            }
            return new PageToken(offset, size);
        } catch (NumberFormatException e) {
            throw Status.INVALID_ARGUMENT
                    .withDescription("page_token is not one this server gave: " + token)
                    .asRuntimeException();
        }
    }

    Paging paging() {
        return new Paging(offset, size, false);
    }

    /** The token after a page of {@code returned} rows read with {@link #paging()}. */
    String next(int returned) {
        return returned < size ? "" : String.valueOf(offset + returned);
    }

    <T> List<T> slice(List<T> all) {
        return all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + size));
    }

    String nextOf(int total) {
        return offset + size < total ? String.valueOf(offset + size) : "";
    }
}
