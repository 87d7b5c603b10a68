package io.framewise.desktop.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.framewise.desktop.architecture.fixture.ControlHoldingViewModel;
import io.framewise.desktop.architecture.fixture.ServerReachingHelper;
import io.framewise.desktop.architecture.fixture.cycle.a.Left;
import io.framewise.desktop.architecture.fixture.cycle.b.Right;
import org.junit.jupiter.api.Test;

/** Each rule fails on a fixture that breaks it, naming the offender: the rules can catch something. */
class DesktopRulesTest {

    private static final JavaClasses FIXTURES =
            new ClassFileImporter().importPackages("io.framewise.desktop.architecture.fixture");

    @Test
    void aClassReachingIntoTheServerFails() {
        assertFailsNaming(DesktopRules.SERVER_ONLY_THROUGH_THE_FACADE, ServerReachingHelper.class, "TokenStore");
    }

    @Test
    void aViewModelHoldingAControlFailsBothJavaFxRules() {
        assertFailsNaming(DesktopRules.SCENE_GRAPH_ONLY_IN_VIEWS, ControlHoldingViewModel.class, "Label");
        assertFailsNaming(DesktopRules.VIEW_MODELS_ARE_PROPERTIES, ControlHoldingViewModel.class, "Label");
    }

    @Test
    void aViewModelKnowingAViewFails() {
        assertFailsNaming(DesktopRules.VIEW_MODELS_ARE_PROPERTIES, ControlHoldingViewModel.class, "MainWindow");
        assertFailsNaming(DesktopRules.NOTHING_BUT_VIEWS_KNOWS_VIEWS, ControlHoldingViewModel.class, "MainWindow");
    }

    @Test
    void twoPackagesUsingEachOtherFail() {
        ArchRule rule = DesktopRules.noCycles("io.framewise.desktop.architecture.fixture.cycle");
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(FIXTURES));
        assertTrue(e.getMessage().contains(Left.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(Right.class.getName()), e.getMessage());
    }

    private static void assertFailsNaming(ArchRule rule, Class<?> offender, String target) {
        AssertionError e = assertThrows(AssertionError.class, () -> rule.check(FIXTURES));
        assertTrue(e.getMessage().contains(offender.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(target), e.getMessage());
    }
}
