package io.framewise.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Set;

/**
 * The app-server's boundaries as ArchUnit rules (docs/decisions/0030-enforced-boundaries.md lists
 * them with their targets and exceptions). {@link ArchitectureTest} checks them on the product's
 * classes; {@link ArchitectureRulesTest} shows each one failing on a small fixture.
 */
final class ArchitectureRules {

    static final String SERVER = "io.framewise.server";

    /** What jOOQ generates from the migrations: one class per table and its records. */
    static final String GENERATED = SERVER + ".db.generated..";

    /** The one class besides repositories that speaks jOOQ: it opens connections and runs transactions. */
    static final String DATABASE = SERVER + ".db.Database";

    /** HTTP server types that must stay in handlers: Javalin, and the Jetty and servlet types under it. */
    static final String[] HTTP = {"io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..", "javax.servlet.."};

    /** Where the events a change announces live. */
    static final String EVENTS = SERVER + ".events..";

    /** Classes named *Event that are not domain events, each with why. */
    static final Set<String> OTHER_EVENTS = Set.of(
            // A live review session's message among its members (pointer, playhead): never stored in
            // the activity feed and never seen outside the session, so it stays with the session.
            SERVER + ".live.SessionEvent");

    private ArchitectureRules() {}

    /**
     * (a) Only {@code Jooq*} repositories (and {@link #DATABASE}, and the generated classes
     * themselves) touch the generated tables or jOOQ's DSL; everything else speaks domain records.
     */
    static ArchRule onlyJooqRepositoriesUseJooq() {
        return noClasses()
                .that(DescribedPredicate.not(jooqUser()))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(GENERATED, "org.jooq..")
                .as("only Jooq* repositories and " + DATABASE
                        + " (with its engines) use the generated tables and jOOQ");
    }

    /**
     * (b) Services are plain Java: no Javalin, Jetty or servlet types in a class named {@code *Service}
     * or {@code *ServiceImpl}, or in a package named {@code service} or {@code services}.
     */
    static ArchRule servicesStayOffHttp() {
        return noClasses()
                .that(service())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(HTTP)
                .as("services use no Javalin, Jetty or servlet types");
    }

    /**
     * (c) No cycles between the feature packages {@code io.framewise.server.<feature>} of {@code root}
     * except through the {@code allowed} edges, each of which is ignored as a whole.
     */
    static ArchRule featuresFreeOfCycles(String root, List<AllowedEdge> allowed) {
        SliceRule rule = slices().matching(root + ".(*)..").should().beFreeOfCycles();
        for (AllowedEdge edge : allowed) {
            rule = rule.ignoreDependency(inFeature(root, edge.from()), inFeature(root, edge.to()));
        }
        return rule.as("no package cycles between the features of " + root + " (allowed edges: "
                + allowed.stream().map(AllowedEdge::toString).toList() + ")");
    }

    /** (c) on the product, with its allowed edges. */
    static ArchRule featuresFreeOfCycles() {
        return featuresFreeOfCycles(SERVER, AllowedEdges.SERVER);
    }

    /** (d) Domain events ({@code *Event}) live in {@code io.framewise.server.events}, not with a transport. */
    static ArchRule eventsLiveInEvents() {
        return classes()
                .that(topLevelNamedEvent())
                .should()
                .resideInAPackage(EVENTS)
                .as("classes named *Event live in " + EVENTS + " (except " + OTHER_EVENTS + ")");
    }

    /** An edge from one feature package to another that may close a cycle, and why it is there. */
    record AllowedEdge(String from, String to, String reason) {
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    private static DescribedPredicate<JavaClass> jooqUser() {
        return DescribedPredicate.describe(
                "a Jooq* class, " + DATABASE + ", its engines or a generated class",
                c -> topLevelSimpleName(c).startsWith("Jooq")
                        || topLevelName(c).equals(DATABASE)
                        // Database's engines (ADR 0058) name the jOOQ dialect they run.
                        || (c.getPackageName().equals(SERVER + ".db")
                                && topLevelSimpleName(c).endsWith("Engine"))
                        || c.getPackageName().startsWith(SERVER + ".db.generated"));
    }

    private static DescribedPredicate<JavaClass> service() {
        return DescribedPredicate.describe(
                "services (named *Service or *ServiceImpl, or in a service(s) package)",
                c -> topLevelSimpleName(c).endsWith("Service")
                        || topLevelSimpleName(c).endsWith("ServiceImpl")
                        || c.getPackageName().matches(".*\\.services?(\\..*)?"));
    }

    private static DescribedPredicate<JavaClass> topLevelNamedEvent() {
        return DescribedPredicate.describe(
                "are top-level classes named *Event",
                c -> !c.isNestedClass() && c.getSimpleName().endsWith("Event") && !OTHER_EVENTS.contains(c.getName()));
    }

    private static DescribedPredicate<JavaClass> inFeature(String root, String feature) {
        String pkg = root + "." + feature;
        return DescribedPredicate.describe(
                "in " + pkg,
                c -> c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."));
    }

    /** {@code a.b.Outer} for {@code a.b.Outer$Inner$1}: lambdas and nested classes count as their outer class. */
    private static String topLevelName(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static String topLevelSimpleName(JavaClass c) {
        String name = topLevelName(c);
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
