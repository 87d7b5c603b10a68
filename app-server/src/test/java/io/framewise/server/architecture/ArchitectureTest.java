package io.framewise.server.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app-server's boundaries hold on its production classes (see {@link ArchitectureRules}). */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ArchitectureRules.SERVER);
    }

    @Test
    void onlyJooqRepositoriesUseTheGeneratedTablesAndJooq() {
        ArchitectureRules.onlyJooqRepositoriesUseJooq().check(product);
    }

    @Test
    void servicesUseNoHttpServerTypes() {
        ArchitectureRules.servicesStayOffHttp().check(product);
    }

    @Test
    void featurePackagesHaveNoCyclesButTheAllowedOnes() {
        ArchitectureRules.featuresFreeOfCycles().check(product);
    }

    @Test
    void domainEventsLiveInTheEventsPackage() {
        ArchitectureRules.eventsLiveInEvents().check(product);
    }
}
