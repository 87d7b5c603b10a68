package io.framewise.server.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.framewise.server.architecture.ArchitectureRules.AllowedEdge;
import io.framewise.server.architecture.fixtures.JooqTableReader;
import io.framewise.server.architecture.fixtures.ReportFeature;
import io.framewise.server.architecture.fixtures.ReportService;
import io.framewise.server.architecture.fixtures.TableReader;
import io.framewise.server.architecture.fixtures.cycle.a.Alpha;
import io.framewise.server.architecture.fixtures.cycle.b.Beta;
import io.framewise.server.architecture.fixtures.ws.StrayEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of {@link ArchitectureRules} fails on a fixture that breaks it and passes on one that keeps it. */
class ArchitectureRulesTest {

    private static final String CYCLE_ROOT = "io.framewise.server.architecture.fixtures.cycle";

    @Test
    void onlyTheClassThatIsNotAJooqRepositoryIsReportedForReadingAGeneratedTable() {
        EvaluationResult result =
                evaluate(ArchitectureRules.onlyJooqRepositoriesUseJooq(), TableReader.class, JooqTableReader.class);
        assertTrue(result.hasViolation(), "TableReader uses AUDIT_LOG and must be reported");
        assertTrue(report(result).contains("<" + TableReader.class.getName() + "."), report(result));
        assertTrue(report(result).contains("db.generated"), report(result));
        assertFalse(report(result).contains(JooqTableReader.class.getName()), report(result));
    }

    @Test
    void onlyTheServiceIsReportedForUsingJavalin() {
        EvaluationResult result =
                evaluate(ArchitectureRules.servicesStayOffHttp(), ReportService.class, ReportFeature.class);
        assertTrue(result.hasViolation(), "ReportService takes a Javalin Context and must be reported");
        assertTrue(report(result).contains(ReportService.class.getName()), report(result));
        assertTrue(report(result).contains("io.javalin.http.Context"), report(result));
        assertFalse(report(result).contains(ReportFeature.class.getName()), report(result));
    }

    @Test
    void aCycleBetweenFeaturePackagesFailsUnlessOneOfItsEdgesIsAllowed() {
        EvaluationResult cycle =
                evaluate(ArchitectureRules.featuresFreeOfCycles(CYCLE_ROOT, List.of()), Alpha.class, Beta.class);
        assertTrue(cycle.hasViolation(), "a -> b -> a must be reported");
        assertTrue(report(cycle).contains("Cycle detected"), report(cycle));

        AllowedEdge back = new AllowedEdge("b", "a", "the fixture's known cycle");
        EvaluationResult allowed =
                evaluate(ArchitectureRules.featuresFreeOfCycles(CYCLE_ROOT, List.of(back)), Alpha.class, Beta.class);
        assertFalse(allowed.hasViolation(), report(allowed));
    }

    @Test
    void anEventOutsideTheEventsPackageFails() {
        EvaluationResult result = evaluate(ArchitectureRules.eventsLiveInEvents(), StrayEvent.class);
        assertTrue(result.hasViolation(), "StrayEvent lives in a ws package and must be reported");
        assertTrue(report(result).contains(StrayEvent.class.getName()), report(result));
    }

    @Test
    void theProductsAllowedCycleEdgesEachSayWhy() {
        for (AllowedEdge edge : AllowedEdges.SERVER) {
            assertFalse(edge.reason().isBlank(), edge + " needs a reason");
            assertFalse(edge.from().equals(edge.to()), edge + " is not between two features");
        }
    }

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        return rule.evaluate(classes);
    }

    private static String report(EvaluationResult result) {
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
