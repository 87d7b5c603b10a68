package io.framewise.media.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds the public API of a class that types a frame index or a count of frames as {@code int}
 * (ADR 0032): parameters and record components by name, methods by name and return type. Each module
 * that checks this (media-engine with the model, app-desktop) gives its own names; the scan is one.
 * Classes must be compiled with {@code -parameters} so parameter names can be read.
 *
 * @param names names of a frame index or count
 * @param indexPackages packages where a bare {@code index} (or {@code indices}) is a frame index too
 * @param frameMethods names of methods that answer a frame index or count
 * @param alsoAnswersIntFrame further methods that answer one as an int (e.g. an int property)
 */
public record FrameIndexScan(
        Pattern names, Pattern indexPackages, Pattern frameMethods, Predicate<Method> alsoAnswersIntFrame) {

    /** The int-typed frame indices of {@code c}, a bare {@code index} counting in the index packages. */
    public List<String> intFrameIndices(Class<?> c) {
        return intFrameIndices(c, indexPackages.matcher(c.getPackageName()).matches());
    }

    /** The int-typed frame indices of {@code c}, with a bare {@code index} counting when told so. */
    public List<String> intFrameIndices(Class<?> c, boolean indexIsAFrame) {
        List<String> found = new ArrayList<>();
        if (!isPublicApi(c)) {
            return found;
        }
        Pattern frameNames = indexIsAFrame ? Pattern.compile(names.pattern() + "|index|indices") : names;
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (isInt(rc.getType()) && frameNames.matcher(rc.getName()).matches()) {
                    found.add(c.getName() + "." + rc.getName());
                }
            }
        }
        List<Executable> code = new ArrayList<>(List.of(c.getDeclaredConstructors()));
        code.addAll(List.of(c.getDeclaredMethods()));
        for (Executable e : code) {
            if (!Modifier.isPublic(e.getModifiers()) || e.isSynthetic()) {
                continue;
            }
            for (Parameter p : e.getParameters()) {
                assertTrue(p.isNamePresent(), c.getName() + " is not compiled with -parameters");
                if (isInt(p.getType()) && frameNames.matcher(p.getName()).matches()) {
                    found.add(c.getName() + "." + name(e) + "(" + p.getName() + ")");
                }
            }
            if (e instanceof Method m && answersIntFrame(m)) {
                found.add(c.getName() + "." + m.getName() + "()");
            }
        }
        return found;
    }

    private boolean answersIntFrame(Method m) {
        return (m.getReturnType() == int.class
                        && frameMethods.matcher(m.getName()).matches())
                || alsoAnswersIntFrame.test(m);
    }

    private static boolean isInt(Class<?> type) {
        return type == int.class || type == int[].class;
    }

    private static String name(Executable e) {
        return e instanceof Method ? e.getName() : "<init>";
    }

    private static boolean isPublicApi(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (!Modifier.isPublic(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
