package io.framewise.desktop.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The desktop app's own classes (not its tests) keep {@link DesktopRules}. */
@AnalyzeClasses(packages = DesktopRules.DESKTOP, importOptions = ImportOption.DoNotIncludeTests.class)
class DesktopArchitectureTest {

    @ArchTest
    static final ArchRule serverOnlyThroughTheFacade = DesktopRules.SERVER_ONLY_THROUGH_THE_FACADE;

    @ArchTest
    static final ArchRule sceneGraphOnlyInViews = DesktopRules.SCENE_GRAPH_ONLY_IN_VIEWS;

    @ArchTest
    static final ArchRule videoFramesUseNoControls = DesktopRules.VIDEO_FRAMES_USE_NO_CONTROLS;

    @ArchTest
    static final ArchRule viewModelsAreProperties = DesktopRules.VIEW_MODELS_ARE_PROPERTIES;

    @ArchTest
    static final ArchRule nothingButViewsKnowsViews = DesktopRules.NOTHING_BUT_VIEWS_KNOWS_VIEWS;

    @ArchTest
    static final ArchRule noPackageCycles = DesktopRules.NO_PACKAGE_CYCLES;
}
