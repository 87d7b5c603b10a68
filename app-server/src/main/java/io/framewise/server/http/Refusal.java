package io.framewise.server.http;

import java.util.Map;

/**
 * An exception of a feature's rules that knows which API error it is, so the feature's refusals
 * leave in the common error shape ({@link ErrorMapper}) without this package knowing the feature.
 */
public interface Refusal {

    /** The HTTP status, 4xx. */
    int status();

    /** The stable machine-readable code ({@code conflict}, {@code invalid}...). */
    String code();

    /** What the error body's details say, such as the field at fault. */
    Map<String, Object> details();
}
