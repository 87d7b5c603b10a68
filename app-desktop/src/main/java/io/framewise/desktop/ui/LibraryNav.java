package io.framewise.desktop.ui;

import io.framewise.desktop.client.ApiModels.Crumb;
import io.framewise.desktop.client.ApiModels.FolderEntry;
import io.framewise.desktop.client.ApiModels.OrganizerAction;
import io.framewise.desktop.library.LibraryRow;
import io.framewise.desktop.library.LibraryViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The organizer's page around the asset list: breadcrumbs, sub-folders to open, the page's actions
 * in a menu, and the asset and folder menus (move, rename, delete, the organizer's own actions).
 * Actions that need a word from the user ask for it here; everything else is the ViewModel's.
 */
final class LibraryNav extends VBox {

    final MenuButton actions = new MenuButton("Actions");
    private final LibraryViewModel vm;
    private final HBox crumbs = new HBox(2);
    private final FlowPane folders = new FlowPane(8, 8);

    private final Consumer<LibraryRow> share;
    private final BiConsumer<String, String> shareFolder;

    /** {@code share}: "Share..." on an asset; {@code shareFolder}: on a folder (its id and name). */
    LibraryNav(LibraryViewModel vm, Consumer<LibraryRow> share, BiConsumer<String, String> shareFolder) {
        this.vm = vm;
        this.share = share;
        this.shareFolder = shareFolder;
        setId("library-nav");
        setSpacing(8);
        setPadding(new Insets(0, 10, 6, 10));
        crumbs.setId("library-breadcrumbs");
        crumbs.setAlignment(Pos.CENTER_LEFT);
        folders.setId("library-folders");
        actions.setId("library-actions");
        getChildren().addAll(crumbs, folders);
        vm.breadcrumbs().addListener((ListChangeListener<Crumb>) c -> showCrumbs());
        vm.titleProperty().addListener((o, a, b) -> showCrumbs());
        vm.folders().addListener((ListChangeListener<FolderEntry>) c -> showFolders());
        vm.actions().addListener((ListChangeListener<OrganizerAction>) c -> showActions());
        showCrumbs();
        showFolders();
        showActions();
    }

    private void showCrumbs() {
        crumbs.getChildren().clear();
        for (Crumb c : vm.breadcrumbs()) {
            Hyperlink link = new Hyperlink(c.name());
            link.setOnAction(e -> vm.navigate(c.path()));
            crumbs.getChildren().addAll(link, new Label("/"));
        }
        Label here = new Label(vm.titleProperty().get());
        here.getStyleClass().add("title-4");
        crumbs.getChildren().add(here);
    }

    private void showFolders() {
        folders.getChildren().clear();
        for (FolderEntry f : vm.folders()) {
            Button open = new Button("\u25B8 " + f.name());
            open.getStyleClass().add("folder");
            open.setOnAction(e -> vm.navigate(f.path()));
            if (f.folderId() != null) {
                open.setContextMenu(menuFor("folder", f.folderId(), f.name()));
            }
            folders.getChildren().add(open);
        }
        folders.setVisible(!vm.folders().isEmpty());
        folders.setManaged(folders.isVisible());
    }

    private void showActions() {
        List<MenuItem> items = new ArrayList<>();
        for (OrganizerAction a : vm.actions()) {
            if (a.forPage()) {
                items.add(item(a, null, null, null));
            }
        }
        actions.getItems().setAll(items);
        actions.setDisable(items.isEmpty());
    }

    /** The menu of an asset row: share it, move it, and the organizer's actions on assets. */
    ContextMenu menuFor(LibraryRow row) {
        ContextMenu menu = menuFor("asset", row.asset().id(), row.title());
        MenuItem item =
                new MenuItem(row.media() != null && row.media().clipOf() != null ? "Share clip..." : "Share...");
        item.setId("share-asset");
        item.setOnAction(e -> share.accept(row));
        menu.getItems().add(0, item);
        return menu;
    }

    private ContextMenu menuFor(String type, String id, String name) {
        ContextMenu menu = new ContextMenu();
        if (type.equals("folder")) {
            MenuItem item = new MenuItem("Share folder...");
            item.setId("share-folder");
            item.setOnAction(e -> shareFolder.accept(id, name));
            menu.getItems().add(item);
        }
        for (OrganizerAction a : vm.actions()) {
            if (type.equals(a.targetType())) {
                menu.getItems().add(item(a, type, id, name));
            }
        }
        return menu;
    }

    private MenuItem item(OrganizerAction a, String type, String id, String name) {
        MenuItem item = new MenuItem(a.label() == null || a.label().isBlank() ? a.id() : a.label());
        item.setId("action-" + a.id());
        item.setOnAction(e -> parameters(a, name).ifPresent(p -> vm.runAction(a, type, id, p)));
        return item;
    }

    /** Asks for what the folders organizer's actions need; the organizer's own actions need nothing. */
    private Optional<Map<String, String>> parameters(OrganizerAction a, String name) {
        if (!"folders".equals(a.organizer())) {
            return Optional.of(Map.of());
        }
        return switch (a.id()) {
            case "create-folder" -> ask("New folder", "Name of the new folder", "")
                    .map(n -> Map.of("name", n));
            case "rename-folder" -> ask("Rename folder", "New name for " + name, name)
                    .map(n -> Map.of("name", n));
            case "move-asset" -> pickFolder("Move " + name + " to").map(p -> Map.of("folderPath", p));
            case "move-folder" -> pickFolder("Move " + name + " into").map(p -> Map.of("parentPath", p));
            default -> Optional.of(Map.of());
        };
    }

    private static Optional<String> ask(String title, String prompt, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(prompt);
        return d.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
    }

    private Optional<String> pickFolder(String title) {
        Map<String, String> targets = vm.moveTargets();
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        ChoiceDialog<String> d = new ChoiceDialog<>(targets.keySet().iterator().next(), targets.keySet());
        d.setTitle(title);
        d.setHeaderText(title);
        return d.showAndWait().map(targets::get);
    }
}
