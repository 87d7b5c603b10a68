package io.framewise.server.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test (or a whole test class) whose server answers outside openapi.json on purpose: a
 * piece of the server mounted on a real path with a test's own answer, or a server broken on
 * purpose. The contract check forgets what it found there instead of failing the test. Say why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OutsideTheContract {

    /** Why this test's exchanges are not the API's. */
    String value();
}
