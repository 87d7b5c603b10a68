package io.framewise.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The server's one Jackson configuration, used by Javalin's JSON mapper and by our own code. */
public final class Json {

    private Json() {}

    /**
     * A fresh mapper with the API's rules: unknown properties are an error (a typo in a field name
     * must not be silently ignored) and dates are never written as epoch numbers.
     */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }
}
