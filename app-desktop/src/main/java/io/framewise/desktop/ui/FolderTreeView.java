package io.framewise.desktop.ui;

import io.framewise.desktop.library.FolderTreeModel;
import io.framewise.desktop.library.FolderTreeModel.Node;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The folder tree beside the start screen ({@link FolderTreeModel}): a folder unfolds on demand and
 * choosing one opens it in the library.
 */
final class FolderTreeView extends VBox {

    private final FolderTreeModel vm;
    final TreeView<Node> tree = new TreeView<>();

    FolderTreeView(FolderTreeModel vm, Consumer<String> open) {
        this.vm = vm;
        setId("folder-tree");
        setSpacing(6);
        setPrefWidth(230);
        setMinWidth(180);
        Label heading = new Label("Folders");
        heading.getStyleClass().add("title-4");
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        error.textProperty().bind(vm.errorProperty());
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        TreeItem<Node> root = new TreeItem<>(new Node("Library", "/"));
        tree.setRoot(root);
        tree.setShowRoot(false);
        tree.setCellFactory(t -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.name());
            }
        });
        ObservableList<Node> roots = vm.roots();
        Runnable fill =
                () -> root.getChildren().setAll(roots.stream().map(this::item).toList());
        roots.addListener((ListChangeListener<Node>) c -> fill.run());
        fill.run();
        tree.setOnMouseClicked(e -> {
            TreeItem<Node> chosen = tree.getSelectionModel().getSelectedItem();
            if (chosen != null
                    && e.getClickCount() == 1
                    && e.getTarget() instanceof javafx.scene.Node target
                    && !isDisclosure(target)) {
                open.accept(chosen.getValue().path());
            }
        });
        tree.setOnKeyPressed(e -> {
            TreeItem<Node> chosen = tree.getSelectionModel().getSelectedItem();
            if (chosen != null && e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                open.accept(chosen.getValue().path());
            }
        });
        VBox.setVgrow(tree, Priority.ALWAYS);
        getChildren().addAll(heading, error, tree);
    }

    /** A click on the arrow unfolds the folder; it does not open it. */
    private static boolean isDisclosure(javafx.scene.Node target) {
        for (javafx.scene.Node n = target; n != null; n = n.getParent()) {
            if (n.getStyleClass().contains("tree-disclosure-node")) {
                return true;
            }
            if (n instanceof javafx.scene.control.TreeCell<?>) {
                return false;
            }
        }
        return false;
    }

    private TreeItem<Node> item(Node n) {
        return new FolderItem(n);
    }

    /** A folder whose children are asked for the first time it unfolds. */
    private final class FolderItem extends TreeItem<Node> {
        private boolean asked;
        private boolean leaf;

        FolderItem(Node n) {
            super(n);
            expandedProperty().addListener((o, was, now) -> {
                if (now) {
                    ask();
                }
            });
        }

        private void ask() {
            if (asked) {
                return;
            }
            asked = true;
            vm.children(getValue().path()).thenAccept(list -> {
                leaf = list.isEmpty();
                getChildren()
                        .setAll(list.stream().map(FolderTreeView.this::item).toList());
                if (leaf) {
                    // No change of children to redraw the arrow: folding it does.
                    setExpanded(false);
                }
            });
        }

        @Override
        public boolean isLeaf() {
            return asked && leaf && getChildren().isEmpty();
        }
    }
}
