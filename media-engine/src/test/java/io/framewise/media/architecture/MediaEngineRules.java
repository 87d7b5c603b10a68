package io.framewise.media.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.TreeSet;

/**
 * The media engine's boundary: FFmpeg (Bytedeco) code lives in {@code ..internal..} packages only,
 * the public API never shows a Bytedeco or internal type, and the features do not depend on each
 * other in a circle. Kept apart from the test that runs them so a test can show each rule failing,
 * and shared (test-jar) so the modules using the engine check their side of the boundary.
 */
public final class MediaEngineRules {

    static final String BYTEDECO = "org.bytedeco..";
    static final String INTERNAL = "..internal..";

    private MediaEngineRules() {}

    /** Only internal packages touch Bytedeco. */
    static ArchRule bytedecoOnlyInInternalPackages() {
        return noClasses()
                .that()
                .resideOutsideOfPackage(INTERNAL)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BYTEDECO)
                .because("FFmpeg glue belongs in a feature's internal package (ADR 0032)");
    }

    /** What other modules can call takes and gives the engine's own types. */
    static ArchRule publicApiSpeaksOwnTypes() {
        return members()
                .that(arePublicApi())
                .should(notExpose(BYTEDECO, INTERNAL))
                .because("callers must not need Bytedeco or the engine's internals (ADR 0032)");
    }

    /** Code outside the engine uses its public API only: no internal package, no Bytedeco. */
    public static ArchRule usedThroughPublicApiOnly() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("io.framewise.media..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.framewise.media..internal..", BYTEDECO)
                .because("the media engine's internals and FFmpeg bindings are not API (ADR 0032)");
    }

    /** Each feature ({@code io.framewise.media.<feature>..}, its internal package included) is a slice. */
    static ArchRule noCyclesBetweenFeatures() {
        return slices().matching("io.framewise.media.(*)..").should().beFreeOfCycles();
    }

    private static DescribedPredicate<JavaMember> arePublicApi() {
        return DescribedPredicate.describe("are public members of public classes outside internal packages", m -> {
            JavaClass owner = m.getOwner();
            return m.getModifiers().contains(JavaModifier.PUBLIC)
                    && isPublicApi(owner)
                    && !owner.getPackageName().contains(".internal");
        });
    }

    private static boolean isPublicApi(JavaClass c) {
        if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        return c.getEnclosingClass().map(MediaEngineRules::isPublicApi).orElse(true);
    }

    private static ArchCondition<JavaMember> notExpose(String... packages) {
        return new ArchCondition<>("not take or give types of " + String.join(", ", packages)) {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                Set<String> exposed = new TreeSet<>();
                for (JavaClass type : signatureTypes(member)) {
                    for (String p : packages) {
                        if (type.getPackage().getName().isEmpty()) {
                            continue;
                        }
                        if (com.tngtech.archunit.core.domain.PackageMatcher.of(p)
                                .matches(type.getPackage().getName())) {
                            exposed.add(type.getName());
                        }
                    }
                }
                if (!exposed.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(
                            member, member.getFullName() + " exposes " + String.join(", ", exposed)));
                }
            }
        };
    }

    private static Set<JavaClass> signatureTypes(JavaMember member) {
        Set<JavaClass> types = new java.util.HashSet<>();
        if (member instanceof JavaField f) {
            types.addAll(f.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit c) {
            types.addAll(c.getReturnType().getAllInvolvedRawTypes());
            c.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
        }
        return types;
    }
}
