package io.framewise.desktop.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The desktop app's boundaries, as rules over its classes. The MVVM convention they hold: views
 * (JavaFX nodes, controls, layout, the stage) live in {@code io.framewise.desktop.ui} and in the
 * application shell ({@code io.framewise.desktop}: the main class and the JavaFX Application);
 * view models ({@code *ViewModel}) and everything else in the feature packages speak JavaFX only
 * through observable properties and collections, so they run and are tested without a scene.
 */
public final class DesktopRules {

    static final String DESKTOP = "io.framewise.desktop";

    /** The views: the ui package and the application shell. */
    static final DescribedPredicate<JavaClass> VIEWS =
            resideInAPackage(DESKTOP + ".ui..").or(resideInAPackage(DESKTOP)).as("views");

    /**
     * The one exception outside the views, listed here with its reason: the native player renders
     * VLC's video frames into a JavaFX image (pixel buffer, its viewport, updates handed to the FX
     * thread). It is the image the review view shows; building it in the ui package would pull libvlc
     * into the views. It uses no controls or layout.
     */
    static final DescribedPredicate<JavaClass> VIDEO_FRAMES = nameMatching(
                    "io\\.framewise\\.desktop\\.player\\.(VideoSurface|VlcPlayer)(\\$.*)?")
            .as("the native player's video frames (player.VideoSurface, player.VlcPlayer)");

    /** Classes named {@code *ViewModel}, with their nested and anonymous classes. */
    static final DescribedPredicate<JavaClass> VIEW_MODELS =
            nameMatching(".*ViewModel(\\$.*)?").as("view models");

    /** JavaFX beyond observable properties and collections. */
    static final DescribedPredicate<JavaClass> JAVAFX_BEYOND_PROPERTIES = resideInAPackage("javafx..")
            .and(not(resideInAnyPackage("javafx.beans..", "javafx.collections..")))
            .as("JavaFX beyond javafx.beans and javafx.collections");

    /** What the video frames may use: properties plus images, geometry and the FX thread. */
    static final DescribedPredicate<JavaClass> JAVAFX_BEYOND_IMAGES = JAVAFX_BEYOND_PROPERTIES
            .and(not(resideInAnyPackage("javafx.scene.image..", "javafx.geometry..", "javafx.application..")))
            .as("JavaFX beyond properties, images, geometry and the FX thread");

    /** The app server, except the facade it offers the desktop. */
    static final DescribedPredicate<JavaClass> SERVER_INTERNALS = resideInAnyPackage(
                    "io.framewise.server..", "io.framewise.cli..")
            .and(not(resideInAPackage("io.framewise.server.embedded..")))
            .as("the app server's classes outside io.framewise.server.embedded");

    private DesktopRules() {}

    /**
     * The desktop reaches the server it runs itself only through the embedded facade; everything
     * else goes through its HTTP client like any other client. (The launcher needs no server class:
     * {@code DesktopMain} starts the JavaFX app directly.)
     */
    public static final ArchRule SERVER_ONLY_THROUGH_THE_FACADE = noClasses()
            .that()
            .resideInAPackage(DESKTOP + "..")
            .should()
            .dependOnClassesThat(SERVER_INTERNALS)
            .because("the desktop is a client of the server: only io.framewise.server.embedded is its in-process API");

    /** Outside the views, JavaFX is properties and collections (the video frames excepted, see above). */
    public static final ArchRule SCENE_GRAPH_ONLY_IN_VIEWS = noClasses()
            .that(not(VIEWS))
            .and(not(VIDEO_FRAMES))
            .and()
            .resideInAPackage(DESKTOP + "..")
            .should()
            .dependOnClassesThat(JAVAFX_BEYOND_PROPERTIES)
            .because("controls, layout and the stage belong to the views; the rest runs without a scene");

    /** The exception stays narrow: images and geometry, never controls or layout. */
    public static final ArchRule VIDEO_FRAMES_USE_NO_CONTROLS = noClasses()
            .that(VIDEO_FRAMES)
            .should()
            .dependOnClassesThat(JAVAFX_BEYOND_IMAGES)
            .because("the player hands the view an image; the view does the rest");

    /** View models expose state as properties: no other JavaFX, and no view. */
    public static final ArchRule VIEW_MODELS_ARE_PROPERTIES = noClasses()
            .that(VIEW_MODELS)
            .should()
            .dependOnClassesThat(JAVAFX_BEYOND_PROPERTIES)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage(DESKTOP + ".ui..")
            .because("a view model is tested without a scene and knows no view");

    /** Only views know views. */
    public static final ArchRule NOTHING_BUT_VIEWS_KNOWS_VIEWS = noClasses()
            .that(not(VIEWS))
            .and()
            .resideInAPackage(DESKTOP + "..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(DESKTOP + ".ui..")
            .because("views depend on view models, never the other way round");

    /** The app's feature packages form no cycle. */
    public static final ArchRule NO_PACKAGE_CYCLES = noCycles(DESKTOP);

    /** No cycle between the packages directly under {@code root} (each with its subpackages). */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static DescribedPredicate<JavaClass> nameMatching(String regex) {
        return DescribedPredicate.describe(
                "name matching " + regex, c -> c.getName().matches(regex));
    }
}
